package schema

import (
	"encoding/json"
	"reflect"
)

// Encode returns the fields of a struct decoded with this package as a map
// from key to value, for reports and manifests: numbers, strings and booleans
// as they are, nested structs as maps, absent optional fields left out, and
// custom types as their JSON form.
func Encode(v any) map[string]any {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil
	}
	s, err := of(rv.Type())
	if err != nil {
		return nil
	}
	out := make(map[string]any, len(s.Fields))
	for _, f := range s.Fields {
		fv := rv.FieldByIndex(f.index)
		if fv.Kind() == reflect.Pointer && fv.IsNil() {
			continue
		}
		out[f.Key] = encodeValue(fv)
	}
	return out
}

func encodeValue(v reflect.Value) any {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		if _, ok := v.Interface().(json.Marshaler); ok {
			return v.Interface()
		}
		v = v.Elem()
	}
	if _, ok := v.Interface().(json.Marshaler); ok {
		return v.Interface()
	}
	switch v.Kind() {
	case reflect.Struct:
		return Encode(v.Interface())
	case reflect.Slice:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = encodeValue(v.Index(i))
		}
		return out
	case reflect.Map:
		out := make(map[string]any, v.Len())
		iter := v.MapRange()
		for iter.Next() {
			out[iter.Key().String()] = encodeValue(iter.Value())
		}
		return out
	}
	return v.Interface()
}
