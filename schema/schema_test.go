package schema

import (
	"math"
	"strings"
	"testing"
)

type inner struct {
	Harm float64 `key:"harm" default:"1" range:"[0,)" doc:"harm"`
	Name string  `key:"name" default:"" doc:"name"`
}

type params struct {
	X     float64            `key:"x" default:"0.5" range:"[0,1]" doc:"a probability"`
	N     int                `key:"n" default:"3" range:"[1,)" doc:"a count"`
	Flag  bool               `key:"flag" default:"false" doc:"a switch"`
	Mode  string             `key:"mode" default:"a" enum:"a|b|c" doc:"a choice"`
	Opt   *float64           `key:"opt" range:"(0,1]" doc:"optional"`
	List  []float64          `key:"list" default:"[1, 2]" range:"[0,)" doc:"numbers"`
	Inner inner              `key:"inner" doc:"nested"`
	Items []inner            `key:"items" doc:"list of structs"`
	Row   map[string]float64 `key:"row" doc:"a map"`
	Req   float64            `key:"req" doc:"required"`
}

func (p *params) Validate() error {
	if p.X > 0.9 && p.N > 5 {
		return Errorf("n", "n must be ≤ 5 when x > 0.9")
	}
	return nil
}

var ps = MustOf(params{})

func TestDefaultsAndValues(t *testing.T) {
	var p params
	err := ps.Decode(map[string]any{"req": 2, "items": []any{map[string]any{"name": "china"}}, "row": map[string]any{"a": 0.5, "b": 1}}, &p)
	if err != nil {
		t.Fatal(err)
	}
	if p.X != 0.5 || p.N != 3 || p.Flag || p.Mode != "a" || p.Opt != nil || len(p.List) != 2 || p.Inner.Harm != 1 || p.Req != 2 {
		t.Errorf("defaults: %+v", p)
	}
	if len(p.Items) != 1 || p.Items[0].Name != "china" || p.Items[0].Harm != 1 {
		t.Errorf("list of structs gets element defaults: %+v", p.Items)
	}
	if p.Row["b"] != 1 {
		t.Errorf("map: %v", p.Row)
	}
	// Decoding twice into the same value resets it to defaults first.
	p.List[0] = 99
	if err := ps.Decode(map[string]any{"req": 1}, &p); err != nil || p.List[0] != 1 {
		t.Errorf("defaults shared with a previous decode: %v %v", p.List, err)
	}
	if err := ps.Decode(map[string]any{"req": 1, "opt": 0.25, "n": 4.0}, &p); err != nil || p.Opt == nil || *p.Opt != 0.25 || p.N != 4 {
		t.Errorf("optional and integral float: %+v %v", p, err)
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		values map[string]any
		path   string
		want   string
	}{
		{map[string]any{"req": 1, "xx": 1}, "xx", "unknown key"},
		{map[string]any{"req": 1, "mdoe": "a"}, "mdoe", `did you mean "mode"`},
		{map[string]any{"req": 1, "x": 2}, "x", "0 ≤ x ≤ 1"},
		{map[string]any{"req": 1, "x": math.NaN()}, "x", "want a number"},
		{map[string]any{"req": 1, "n": 0}, "n", "x ≥ 1"},
		{map[string]any{"req": 1, "n": 1.5}, "n", "whole number"},
		{map[string]any{"req": 1, "flag": "yes"}, "flag", "true or false"},
		{map[string]any{"req": 1, "mode": "d"}, "mode", "a, b, c"},
		{map[string]any{"req": 1, "opt": 0}, "opt", "0 < x ≤ 1"},
		{map[string]any{"req": 1, "list": []any{1, -1}}, "list.1", "x ≥ 0"},
		{map[string]any{"req": 1, "inner": map[string]any{"harmm": 1}}, "inner.harmm", `did you mean "harm"`},
		{map[string]any{"req": 1, "items": []any{map[string]any{"harm": -1}}}, "items.0.harm", "out of range"},
		{map[string]any{"req": 1, "row": map[string]any{"a": "x"}}, "row.a", "want a number"},
		{map[string]any{"req": 1, "inner": 3}, "inner", "mapping"},
		{map[string]any{}, "req", "required"},
		{map[string]any{"req": 1, "x": 0.95, "n": 6}, "n", "≤ 5 when"},
	}
	for _, c := range cases {
		var p params
		err := ps.Decode(c.values, &p)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("%v: error %v (%T), want *Error", c.values, err, err)
			continue
		}
		if e.Path != c.path || !strings.Contains(e.Msg, c.want) || !e.BadInput() {
			t.Errorf("%v: error path %q msg %q; want path %q mentioning %q", c.values, e.Path, e.Msg, c.path, c.want)
		}
	}
}

func TestBadTags(t *testing.T) {
	type badRange struct {
		X float64 `key:"x" default:"0" range:"[0,1"`
	}
	type badDefault struct {
		X float64 `key:"x" default:"abc"`
	}
	type enumOnNumber struct {
		X float64 `key:"x" default:"0" enum:"a|b"`
	}
	for _, v := range []any{badRange{}, badDefault{}, enumOnNumber{}} {
		if _, err := Of(v); err == nil {
			t.Errorf("%T: malformed tag accepted", v)
		}
	}
}

func TestRangeString(t *testing.T) {
	for _, c := range []struct{ in, out string }{
		{"[0,1]", "0 ≤ x ≤ 1"}, {"(0,1)", "0 < x < 1"}, {"[1,)", "x ≥ 1"}, {"(0,)", "x > 0"}, {"(,2]", "x ≤ 2"},
	} {
		r, err := ParseRange(c.in)
		if err != nil || r.String() != c.out {
			t.Errorf("%s: %q %v", c.in, r.String(), err)
		}
	}
}

func TestNearest(t *testing.T) {
	keys := []string{"detection", "false_alarm", "discount", "strategy"}
	for in, want := range map[string]string{"detectoin": "detection", "dicount": "discount", "falsealarm": "false_alarm", "zzz": "", "strat": "strategy"} {
		if got := Nearest(in, keys); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	var p params
	if err := ps.Decode(map[string]any{"req": 3, "opt": 0.5, "mode": "b"}, &p); err != nil {
		t.Fatal(err)
	}
	m := Encode(p)
	var q params
	if err := ps.Decode(m, &q); err != nil {
		t.Fatalf("decode of encode: %v (%v)", err, m)
	}
	if q.Req != 3 || *q.Opt != 0.5 || q.Mode != "b" || q.Inner.Harm != 1 {
		t.Errorf("round trip %+v", q)
	}
}

// shared is a block of parameters that several structs embed; its Validate
// is promoted to a struct that has none of its own.
type shared struct {
	Rate  float64 `key:"rate" default:"0.25" range:"[0,1]" unit:"probability" doc:"a shared rate"`
	Level int     `key:"level" default:"2" range:"[1,)" doc:"a shared level"`
}

func (s *shared) Validate() error {
	if s.Rate > 0.5 && s.Level > 3 {
		return Errorf("level", "level must be ≤ 3 when rate > 0.5")
	}
	return nil
}

type hidden struct {
	Depth int `key:"depth" default:"4" doc:"from an unexported embedded struct"`
}

type embedding struct {
	First string `key:"first" default:"a" doc:"before the block"`
	shared
	Last float64 `key:"last" default:"1" doc:"after the block"`
	hidden
	Inner inner `key:"inner" doc:"an embedded-looking nested object keeps its key"`
}

// withOwnValidate shadows the promoted Validate and calls it itself.
type withOwnValidate struct {
	shared
	Cap float64 `key:"cap" default:"1" doc:"bound on rate"`
}

func (w *withOwnValidate) Validate() error {
	if err := w.shared.Validate(); err != nil {
		return err
	}
	if w.Rate > w.Cap {
		return Errorf("rate", "must not exceed cap %g", w.Cap)
	}
	return nil
}

func TestEmbeddedFlattened(t *testing.T) {
	s, err := Of(embedding{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.Keys(), ","); got != "first,rate,level,last,depth,inner" {
		t.Errorf("keys %s", got)
	}
	if f, ok := s.Field("rate"); !ok || f.Default != "0.25" || f.Bounds != "0 ≤ x ≤ 1" || f.Unit != "probability" || f.Doc != "a shared rate" || f.Kind != Float {
		t.Errorf("rate field %+v", f)
	}
	var e embedding
	if err := s.Decode(map[string]any{"rate": 0.5, "depth": 7}, &e); err != nil {
		t.Fatal(err)
	}
	if e.First != "a" || e.Rate != 0.5 || e.Level != 2 || e.Last != 1 || e.Depth != 7 || e.Inner.Harm != 1 {
		t.Errorf("decoded %+v", e)
	}
	m := Encode(e)
	if len(m) != 6 || m["rate"] != 0.5 || m["depth"] != 7 {
		t.Errorf("encode %v", m)
	}
	var back embedding
	if err := s.Decode(m, &back); err != nil || back != e {
		t.Errorf("round trip %+v: %v", back, err)
	}
	// Errors name the flat key; a misspelt one is matched against the
	// embedded keys too; the promoted Validate runs.
	for _, c := range []struct {
		values     map[string]any
		path, want string
	}{
		{map[string]any{"rate": 2}, "rate", "0 ≤ x ≤ 1"},
		{map[string]any{"levle": 2}, "levle", `did you mean "level"`},
		{map[string]any{"shared": map[string]any{"rate": 0.1}}, "shared", "unknown key"},
		{map[string]any{"rate": 0.75, "level": 4}, "level", "≤ 3 when"},
	} {
		err := s.Decode(c.values, &e)
		if se, ok := err.(*Error); !ok || se.Path != c.path || !strings.Contains(se.Msg, c.want) {
			t.Errorf("%v: error %v; want path %q mentioning %q", c.values, err, c.path, c.want)
		}
	}

	o := MustOf(withOwnValidate{})
	var w withOwnValidate
	if err := o.Decode(map[string]any{"rate": 0.75, "level": 4}, &w); err == nil || !strings.Contains(err.Error(), "≤ 3 when") {
		t.Errorf("embedded Validate called through the outer one: %v", err)
	}
	if err := o.Decode(map[string]any{"rate": 0.75, "cap": 0.5}, &w); err == nil || !strings.Contains(err.Error(), "cap 0.5") {
		t.Errorf("outer Validate: %v", err)
	}
}

func TestEmbeddedMalformed(t *testing.T) {
	type twice struct {
		shared
		Rate float64 `key:"rate" default:"0" doc:"clashes with the embedded rate"`
	}
	type byPointer struct {
		*shared
	}
	for _, v := range []any{twice{}, byPointer{}} {
		if _, err := Of(v); err == nil {
			t.Errorf("%T: accepted", v)
		}
	}
}

func TestDefaultsHelper(t *testing.T) {
	in := Defaults[inner](MustOf(inner{}))
	if in.Harm != 1 || in.Name != "" {
		t.Errorf("Defaults: %+v", in)
	}
	defer func() {
		if recover() == nil {
			t.Error("Defaults of a schema with a required field did not panic")
		}
	}()
	Defaults[params](ps) // req has no default
}
