package schema

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// Kind is the user-facing type of a field.
type Kind string

// Field kinds.
const (
	Float  Kind = "number"
	Int    Kind = "integer"
	Bool   Kind = "boolean"
	String Kind = "string"
	Enum   Kind = "choice"
	Object Kind = "object"
	List   Kind = "list"
	Map    Kind = "map"
	Custom Kind = "value"
)

// Decoder is implemented by types that decode themselves from a loosely typed
// value (a number, string, []any or map[string]any). Errors it returns are
// wrapped with the key path.
type Decoder interface {
	DecodeValue(v any) error
}

// Describer is optionally implemented by [Decoder] types to name their form in
// documentation, e.g. "distribution".
type Describer interface {
	SchemaKind() string
}

// Validator is implemented by structs with constraints that involve several
// fields (for example T > R > P > S). Validate runs after all fields are set.
type Validator interface {
	Validate() error
}

// Field describes one key of a schema.
type Field struct {
	Key  string `json:"name"`
	Kind Kind   `json:"type"`
	// Form names what a Custom field holds ("distribution"), from the
	// type's SchemaKind method; empty otherwise.
	Form     string   `json:"form,omitempty"`
	Default  string   `json:"default,omitempty"`
	Optional bool     `json:"optional,omitempty"`
	Range    Range    `json:"-"`
	Bounds   string   `json:"bounds,omitempty"`
	Enum     []string `json:"enum,omitempty"`
	Unit     string   `json:"unit,omitempty"`
	// Label is a short name for figures' axes and legends (tag label:,
	// e.g. "detection p"); empty when the key says enough.
	Label string `json:"label,omitempty"`
	Doc   string `json:"doc"`
	// Elem describes the fields of a nested struct, or of the elements of a
	// list or map of structs.
	Elem *Schema `json:"fields,omitempty"`

	index    []int // the field's index path from the schema's struct (see reflect.Value.FieldByIndex)
	typ      reflect.Type
	elemKind Kind // element kind for List and Map
	// defRaw is Default parsed once, as user input would be; decoding copies
	// from it, never modifies it.
	defRaw any
}

// Schema is the ordered list of fields of a struct type.
type Schema struct {
	Type   reflect.Type `json:"-"`
	Fields []Field      `json:"params"`
}

// Of derives the schema of the struct type of v (a struct value or pointer).
// It returns an error when a tag is malformed, so that a mistake in a model's
// parameter struct is found by its first test.
func Of(v any) (*Schema, error) {
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("schema: %T is not a struct", v)
	}
	return of(t)
}

// MustOf is like [Of] but panics on a malformed tag. It is meant for
// package-level schema variables, where a malformed tag is a programming error.
func MustOf(v any) *Schema {
	s, err := Of(v)
	if err != nil {
		panic(err)
	}
	return s
}

var decoderType = reflect.TypeOf((*Decoder)(nil)).Elem()

func of(t reflect.Type) (*Schema, error) {
	s := &Schema{Type: t}
	if err := s.addFields(t, nil); err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(s.Fields))
	for _, f := range s.Fields {
		if seen[f.Key] {
			return nil, fmt.Errorf("schema: %s: key %q is declared twice", t.Name(), f.Key)
		}
		seen[f.Key] = true
	}
	return s, nil
}

// addFields appends the fields of struct type t, reached from the schema's
// struct through the field indices prefix, in declaration order. An embedded
// struct without a key tag is flattened: its fields stand in its place, so
// that models can share a block of parameters and still read them as keys of
// their own (Go promotes the fields, and any Validate method, in the same way).
func (s *Schema) addFields(t reflect.Type, prefix []int) error {
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		key := sf.Tag.Get("key")
		index := append(append([]int(nil), prefix...), i)
		if sf.Anonymous && key == "" {
			switch {
			case sf.Type.Kind() == reflect.Struct:
				if err := s.addFields(sf.Type, index); err != nil {
					return err
				}
			case sf.Type.Kind() == reflect.Pointer && sf.Type.Elem().Kind() == reflect.Struct:
				// A nil embedded pointer would leave nowhere to decode into.
				return fmt.Errorf("schema: %s.%s: embed the struct by value, not by pointer", t.Name(), sf.Name)
			}
			continue
		}
		if key == "" || !sf.IsExported() {
			continue
		}
		f, err := newField(t, sf, key, index)
		if err != nil {
			return err
		}
		s.Fields = append(s.Fields, f)
	}
	return nil
}

// newField describes the struct field sf of t with key tag key.
func newField(t reflect.Type, sf reflect.StructField, key string, index []int) (Field, error) {
	f := Field{
		Key:     key,
		Default: sf.Tag.Get("default"),
		Unit:    sf.Tag.Get("unit"),
		Label:   sf.Tag.Get("label"),
		Doc:     sf.Tag.Get("doc"),
		index:   index,
		typ:     sf.Type,
	}
	ft := sf.Type
	if ft.Kind() == reflect.Pointer && !reflect.PointerTo(ft).Implements(decoderType) && !ft.Implements(decoderType) {
		f.Optional = true
		ft = ft.Elem()
	}
	kind, elem, err := kindOf(ft)
	if err != nil {
		return f, fmt.Errorf("schema: %s.%s: %v", t.Name(), sf.Name, err)
	}
	f.Kind = kind
	f.Elem = elem
	if d, ok := reflect.New(ft).Interface().(Describer); ok && kind == Custom {
		f.Form = d.SchemaKind()
	}
	if kind == List || kind == Map {
		ek, _, _ := kindOf(ft.Elem())
		f.elemKind = ek
	}
	if e := sf.Tag.Get("enum"); e != "" {
		switch {
		case kind == String:
			f.Kind = Enum
		case kind == List && f.elemKind == String:
			// A list of choices: each element must be one of Enum.
		default:
			return f, fmt.Errorf("schema: %s.%s: enum on a %s", t.Name(), sf.Name, kind)
		}
		f.Enum = strings.Split(e, "|")
	}
	if r := sf.Tag.Get("range"); r != "" {
		rg, err := ParseRange(r)
		if err != nil {
			return f, fmt.Errorf("schema: %s.%s: %v", t.Name(), sf.Name, err)
		}
		f.Range = rg
		f.Bounds = rg.String()
	}
	if f.Default != "" && !f.Optional {
		// Defaults are parsed like user input, so a typo in a tag is caught
		// by the first test that derives the schema.
		raw, err := parseDefault(f)
		if err != nil {
			return f, fmt.Errorf("schema: %s.%s: default %q: %v", t.Name(), sf.Name, f.Default, err)
		}
		f.defRaw = raw
		if err := assign(reflect.New(f.typ).Elem(), raw, key, &f); err != nil {
			return f, fmt.Errorf("schema: %s.%s: default %q: %v", t.Name(), sf.Name, f.Default, err)
		}
	}
	return f, nil
}

func kindOf(t reflect.Type) (Kind, *Schema, error) {
	if reflect.PointerTo(t).Implements(decoderType) {
		return Custom, nil, nil
	}
	switch t.Kind() {
	case reflect.Float64:
		return Float, nil, nil
	case reflect.Int:
		return Int, nil, nil
	case reflect.Bool:
		return Bool, nil, nil
	case reflect.String:
		return String, nil, nil
	case reflect.Struct:
		s, err := of(t)
		return Object, s, err
	case reflect.Slice:
		_, es, err := kindOf(t.Elem())
		return List, es, err
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return "", nil, fmt.Errorf("map keys must be strings")
		}
		_, es, err := kindOf(t.Elem())
		return Map, es, err
	case reflect.Interface:
		return Custom, nil, nil
	}
	return "", nil, fmt.Errorf("unsupported type %s", t)
}

// Field returns the field with the given key.
func (s *Schema) Field(key string) (Field, bool) {
	for _, f := range s.Fields {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// Keys returns the keys of the schema in declaration order.
func (s *Schema) Keys() []string {
	keys := make([]string, len(s.Fields))
	for i, f := range s.Fields {
		keys[i] = f.Key
	}
	return keys
}

// Range is an interval of allowed numbers. The zero Range allows every finite
// number.
type Range struct {
	Min, Max         float64
	HasMin, HasMax   bool
	MinOpen, MaxOpen bool
}

// ParseRange parses "[a,b]", "(a,b)", "[a,b)", "(a,b]" with either bound
// optionally empty: "[1,)" is x ≥ 1.
func ParseRange(s string) (Range, error) {
	var r Range
	s = strings.TrimSpace(s)
	if len(s) < 3 {
		return r, fmt.Errorf("bad range %q", s)
	}
	lo, hi := s[0], s[len(s)-1]
	if (lo != '[' && lo != '(') || (hi != ']' && hi != ')') {
		return r, fmt.Errorf("bad range %q: want [a,b] with ( or ) for open ends", s)
	}
	parts := strings.Split(s[1:len(s)-1], ",")
	if len(parts) != 2 {
		return r, fmt.Errorf("bad range %q", s)
	}
	if a := strings.TrimSpace(parts[0]); a != "" {
		v, err := strconv.ParseFloat(a, 64)
		if err != nil {
			return r, fmt.Errorf("bad range %q: %v", s, err)
		}
		r.Min, r.HasMin, r.MinOpen = v, true, lo == '('
	}
	if b := strings.TrimSpace(parts[1]); b != "" {
		v, err := strconv.ParseFloat(b, 64)
		if err != nil {
			return r, fmt.Errorf("bad range %q: %v", s, err)
		}
		r.Max, r.HasMax, r.MaxOpen = v, true, hi == ')'
	}
	return r, nil
}

// Contains reports whether x lies in the range. NaN is never contained.
func (r Range) Contains(x float64) bool {
	if math.IsNaN(x) {
		return false
	}
	if r.HasMin && (x < r.Min || (r.MinOpen && x == r.Min)) {
		return false
	}
	if r.HasMax && (x > r.Max || (r.MaxOpen && x == r.Max)) {
		return false
	}
	return true
}

// String writes the range for people: "0 ≤ x ≤ 1", "x > 0", "x ≥ 1".
func (r Range) String() string {
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	lo, hi := "≤", "≤"
	if r.MinOpen {
		lo = "<"
	}
	if r.MaxOpen {
		hi = "<"
	}
	switch {
	case r.HasMin && r.HasMax:
		return fmt.Sprintf("%s %s x %s %s", num(r.Min), lo, hi, num(r.Max))
	case r.HasMin:
		return fmt.Sprintf("x %s %s", map[string]string{"≤": "≥", "<": ">"}[lo], num(r.Min))
	case r.HasMax:
		return fmt.Sprintf("x %s %s", hi, num(r.Max))
	}
	return ""
}
