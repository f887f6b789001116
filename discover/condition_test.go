package discover

import (
	"math"
	"strings"
	"testing"
)

func TestParseCondition(t *testing.T) {
	good := []struct {
		in   string
		want Condition
	}{
		{"coop_rate < 0.5", Condition{Metric: "coop_rate", Op: "<", Value: 0.5}},
		{"  sustainable==0 ", Condition{Metric: "sustainable", Op: "==", Value: 0}},
		{"value>=-1e-3", Condition{Metric: "value", Op: ">=", Value: -0.001}},
		{"coop_rate_lo <= 1", Condition{Metric: "coop_rate_lo", Op: "<=", Value: 1}},
		{"regime == comply", Condition{Metric: "regime", Op: "==", Level: "comply"}},
		{"case != 'semi separating'", Condition{Metric: "case", Op: "!=", Level: "semi separating"}},
		{`winner == "tit-for-tat"`, Condition{Metric: "winner", Op: "==", Level: "tit-for-tat"}},
		{"x > 2", Condition{Metric: "x", Op: ">", Value: 2}},
	}
	for _, g := range good {
		c, err := ParseCondition(g.in)
		if err != nil || c != g.want {
			t.Errorf("%q: %+v %v, want %+v", g.in, c, err, g.want)
		}
		back, err := ParseCondition(c.String())
		if err != nil || back != c {
			t.Errorf("%q → %q → %+v %v", g.in, c.String(), back, err)
		}
	}
	bad := map[string]string{
		"":                  "metric name",
		"< 0.5":             "metric name",
		"coop_rate":         "one of",
		"coop_rate = 0.5":   "==",
		"coop_rate <":       "nothing to compare",
		"coop_rate < NaN":   "finite",
		"coop_rate < inf":   "finite",
		"coop_rate < 0.5x!": "neither a number",
		"regime < comply":   "== or !=",
		"regime == 'comply": "unbalanced",
		"regime == ''":      "empty level",
		"1x < 2":            "metric name",
		"a => 1":            "one of",
	}
	for in, want := range bad {
		if _, err := ParseCondition(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want an error saying %q", in, err, want)
		}
	}
}

func TestConditionHolds(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		cond string
		v    float64
		want bool
	}{{"m < 1", 0.5, true}, {"m < 1", 1, false}, {"m <= 1", 1, true}, {"m > 1", 1, false}, {"m >= 1", 1, true},
		{"m == 1", 1, true}, {"m != 1", 1, false}, {"m != 1", 2, true}, {"m < 1", nan, false}, {"m != 1", nan, false}} {
		cd, _ := ParseCondition(c.cond)
		if cd.Holds(c.v) != c.want {
			t.Errorf("%s at %v: want %v", c.cond, c.v, c.want)
		}
	}
	eq, _ := ParseCondition("r == a")
	ne, _ := ParseCondition("r != a")
	if !eq.HoldsLevel("a") || eq.HoldsLevel("b") || ne.HoldsLevel("a") || !ne.HoldsLevel("b") {
		t.Error("levels")
	}
}

// Whatever the text, ParseCondition returns a condition or an error, and a
// condition it returns reads back from its String.
func FuzzParseCondition(f *testing.F) {
	for _, s := range []string{"coop_rate < 0.5", "regime == comply", "case != 'a b'", "x>=1e300", "a == \"q\"", "=", "a <= -0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCondition(s)
		if err != nil {
			return
		}
		back, err := ParseCondition(c.String())
		if err != nil || back != c {
			t.Fatalf("%q → %+v → %q → %+v %v", s, c, c.String(), back, err)
		}
	})
}
