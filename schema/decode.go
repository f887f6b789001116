package schema

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is a bad-input error: a key that does not exist, a value of the wrong
// type or outside its range, or a violated constraint. Path is the dotted key
// path (list elements as indices, e.g. "attackers.0.harm").
type Error struct {
	Path string
	Msg  string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// BadInput marks the error as the user's to fix (exit code 2).
func (e *Error) BadInput() bool { return true }

// Errorf returns an [*Error] for the key path.
func Errorf(path, format string, args ...any) *Error {
	return &Error{Path: path, Msg: fmt.Sprintf(format, args...)}
}

// Prefix returns err with the key path prefix prepended when err is an
// [*Error]; other errors are wrapped as an [*Error] at prefix.
func Prefix(prefix string, err error) error {
	if err == nil {
		return nil
	}
	if e, ok := err.(*Error); ok {
		return &Error{Path: join(prefix, e.Path), Msg: e.Msg}
	}
	return &Error{Path: prefix, Msg: err.Error()}
}

func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "." + b
}

// Decode sets every field of the struct pointed to by dst to its default, then
// applies values strictly, then runs [Validator.Validate] on every struct that
// implements it (innermost first). values may be nil.
func (s *Schema) Decode(values map[string]any, dst any) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.Elem().Type() != s.Type {
		return fmt.Errorf("schema: Decode into %T, want *%s", dst, s.Type)
	}
	return s.decode(values, rv.Elem(), "")
}

func (s *Schema) decode(values map[string]any, v reflect.Value, path string) error {
	if err := s.setDefaults(v, path); err != nil {
		return err
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f, ok := s.Field(k)
		if !ok {
			return unknownKey(path, k, s.Keys())
		}
		if err := assign(v.FieldByIndex(f.index), values[k], join(path, k), &f); err != nil {
			return err
		}
	}
	for _, f := range s.Fields {
		if _, given := values[f.Key]; !given && isRequired(f) {
			return Errorf(join(path, f.Key), "required %s is missing (%s)", f.Kind, f.Doc)
		}
	}
	if val, ok := v.Addr().Interface().(Validator); ok {
		if err := val.Validate(); err != nil {
			return Prefix(path, err)
		}
	}
	return nil
}

func isRequired(f Field) bool {
	return f.Default == "" && !f.Optional && f.Kind != Object && f.Kind != List && f.Kind != Map && f.Kind != Custom && f.Kind != String && f.Kind != Bool
}

func (s *Schema) setDefaults(v reflect.Value, path string) error {
	for i := range s.Fields {
		f := &s.Fields[i]
		fv := v.FieldByIndex(f.index)
		fv.Set(reflect.Zero(fv.Type()))
		switch {
		case f.Optional:
			// Absent optional parameters stay nil; Default only documents them.
		case f.Default != "":
			if err := assign(fv, f.defRaw, join(path, f.Key), f); err != nil {
				return err
			}
		case f.Kind == Object && f.Elem != nil:
			if err := f.Elem.setDefaults(fv, join(path, f.Key)); err != nil {
				return err
			}
		}
	}
	return nil
}

func parseDefault(f Field) (any, error) {
	if f.Kind == String || f.Kind == Enum {
		return f.Default, nil
	}
	var raw any
	if err := yaml.Unmarshal([]byte(f.Default), &raw); err != nil {
		return nil, err
	}
	return raw, nil
}

// assign stores raw into dst, checking type, enum and range against f (f may
// describe the container when dst is a list or map element).
func assign(dst reflect.Value, raw any, path string, f *Field) error {
	t := dst.Type()
	if t.Kind() == reflect.Pointer && !t.Implements(decoderType) {
		if raw == nil {
			dst.Set(reflect.Zero(t))
			return nil
		}
		p := reflect.New(t.Elem())
		if err := assign(p.Elem(), raw, path, f); err != nil {
			return err
		}
		dst.Set(p)
		return nil
	}
	if dst.CanAddr() {
		if d, ok := dst.Addr().Interface().(Decoder); ok {
			return Prefix(path, d.DecodeValue(raw))
		}
	}
	switch t.Kind() {
	case reflect.Float64:
		x, ok := toFloat(raw)
		if !ok {
			return Errorf(path, "want a number, got %s", describe(raw))
		}
		if !f.Range.Contains(x) {
			return outOfRange(path, x, f)
		}
		dst.SetFloat(x)
	case reflect.Int:
		x, ok := toFloat(raw)
		if !ok || x != math.Trunc(x) || math.Abs(x) > 1<<53 {
			return Errorf(path, "want a whole number, got %s", describe(raw))
		}
		if !f.Range.Contains(x) {
			return outOfRange(path, x, f)
		}
		dst.SetInt(int64(x))
	case reflect.Bool:
		b, ok := raw.(bool)
		if !ok {
			return Errorf(path, "want true or false, got %s", describe(raw))
		}
		dst.SetBool(b)
	case reflect.String:
		str, ok := raw.(string)
		if !ok {
			if len(f.Enum) > 0 {
				return Errorf(path, "want one of %s, got %s", strings.Join(f.Enum, ", "), describe(raw))
			}
			return Errorf(path, "want text, got %s", describe(raw))
		}
		if len(f.Enum) > 0 && !contains(f.Enum, str) {
			msg := fmt.Sprintf("%q is not allowed; allowed values: %s", str, strings.Join(f.Enum, ", "))
			if near := Nearest(str, f.Enum); near != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", near)
			}
			return Errorf(path, "%s", msg)
		}
		dst.SetString(str)
	case reflect.Struct:
		m, ok := raw.(map[string]any)
		if !ok {
			return Errorf(path, "want a mapping of keys to values, got %s", describe(raw))
		}
		es := f.Elem
		if es == nil || es.Type != t {
			var err error
			if es, err = of(t); err != nil {
				return err
			}
		}
		return es.decode(m, dst, path)
	case reflect.Slice:
		list, ok := raw.([]any)
		if !ok {
			return Errorf(path, "want a list, got %s", describe(raw))
		}
		out := reflect.MakeSlice(t, len(list), len(list))
		for i, e := range list {
			if err := assign(out.Index(i), e, join(path, strconv.Itoa(i)), f); err != nil {
				return err
			}
		}
		dst.Set(out)
	case reflect.Map:
		m, ok := raw.(map[string]any)
		if !ok {
			return Errorf(path, "want a mapping, got %s", describe(raw))
		}
		out := reflect.MakeMapWithSize(t, len(m))
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ev := reflect.New(t.Elem()).Elem()
			if err := assign(ev, m[k], join(path, k), f); err != nil {
				return err
			}
			out.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
		dst.Set(out)
	case reflect.Interface:
		if raw != nil {
			dst.Set(reflect.ValueOf(raw))
		}
	default:
		return fmt.Errorf("schema: %s: unsupported type %s", path, t)
	}
	return nil
}

func outOfRange(path string, x float64, f *Field) error {
	return Errorf(path, "%s is out of range; allowed: %s", strconv.FormatFloat(x, 'g', -1, 64), f.Range.String())
}

func toFloat(raw any) (float64, bool) {
	switch x := raw.(type) {
	case float64:
		return x, !math.IsInf(x, 0) && !math.IsNaN(x)
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case uint:
		return float64(x), true
	}
	return 0, false
}

func describe(raw any) string {
	switch x := raw.(type) {
	case nil:
		return "nothing"
	case string:
		return fmt.Sprintf("text %q", x)
	case bool:
		return fmt.Sprintf("%v", x)
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	case float64, int, int64:
		return fmt.Sprintf("the number %v", x)
	}
	return fmt.Sprintf("%v (%T)", raw, raw)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func unknownKey(path, key string, valid []string) error {
	msg := "unknown key"
	if near := Nearest(key, valid); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	msg += " (valid keys: " + strings.Join(valid, ", ") + ")"
	return Errorf(join(path, key), "%s", msg)
}

// Nearest returns the candidate closest to s in edit distance (insertions,
// deletions, substitutions and adjacent transpositions), or "" when none is
// close enough to be a likely misspelling.
func Nearest(s string, candidates []string) string {
	best, bestD := "", math.MaxInt
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	limit := 2
	if len(s) > 8 {
		limit = 3
	}
	if bestD > limit && !(len(s) >= 3 && strings.Contains(best, s)) && commonPrefix(s, best) < max(4, len(s)-2) {
		return ""
	}
	return best
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// editDistance is the optimal-string-alignment distance.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// Defaults returns a P with every field at its default. P must be the type of
// s, and its defaults must decode, which the first test that derives the
// schema checks; Defaults panics otherwise (a programming error).
func Defaults[P any](s *Schema) P {
	var p P
	if err := s.Decode(nil, &p); err != nil {
		panic(err)
	}
	return p
}
