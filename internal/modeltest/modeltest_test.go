package modeltest

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
)

// toyParams has one key, x in [0, 1].
type toyParams struct {
	X float64 `key:"x" default:"0.5" range:"[0,1]" doc:"a probability"`
}

var toySchema = schema.MustOf(toyParams{})

// toy is a model whose solution is set by the test: values and certificate
// as given, or an error. Its metrics are a, b (deterministic) and s
// (simulated). The key "plain" makes Prepare fail with an error that is not
// bad input.
type toy struct {
	values   []float64
	cert     model.Certificate
	solveErr error
}

func (m toy) Info() model.Info { return model.Info{Name: "toy", Params: toySchema} }

func (m toy) Prepare(values map[string]any) (model.Instance, error) {
	if _, ok := values["plain"]; ok {
		return nil, errors.New("plain failure")
	}
	var p toyParams
	if err := toySchema.Decode(values, &p); err != nil {
		return nil, err
	}
	return &toyInstance{m: m, p: p}, nil
}

type toyInstance struct {
	m toy
	p toyParams
}

func (in *toyInstance) Params() any { return in.p }
func (in *toyInstance) Metrics() []model.Metric {
	return []model.Metric{{Name: "a"}, {Name: "s", Simulated: true}, {Name: "b"}}
}
func (in *toyInstance) Solve() (model.Solution, error) {
	return model.Solution{Values: in.m.values, Certificate: in.m.cert}, in.m.solveErr
}

// otherInstance is an instance type the toy never returns.
type otherInstance struct{ toyInstance }

func TestPrepare(t *testing.T) {
	in := Prepare[*toyInstance](t, toy{}, map[string]any{"x": 0.25})
	if in.p.X != 0.25 {
		t.Errorf("decoded %+v", in.p)
	}
	for _, c := range []struct {
		f    func(r *Recorder)
		want string
	}{
		{func(r *Recorder) { Prepare[*toyInstance](r, toy{}, map[string]any{"x": 2}) }, "x: 2 is out of range"},
		{func(r *Recorder) { Prepare[*otherInstance](r, toy{}, nil) }, "gave a *modeltest.toyInstance, want a *modeltest.otherInstance"},
	} {
		r := &Recorder{}
		r.Run(func() { c.f(r) })
		if !r.Stopped || len(r.Msgs) != 1 || !strings.Contains(r.Msgs[0], c.want) {
			t.Errorf("messages %q (fatal %v), want one fatal mentioning %q", r.Msgs, r.Stopped, c.want)
		}
	}
}

func TestSolve(t *testing.T) {
	ok := model.Certificate{Method: "by hand", Converged: true}
	m, sol := Solve(t, toy{values: []float64{1, 2}, cert: ok}, nil)
	if len(m) != 2 || m["a"] != 1 || m["b"] != 2 || sol.Certificate.Method != "by hand" {
		t.Errorf("metrics %v, solution %+v", m, sol)
	}
	for _, c := range []struct {
		m     toy
		fatal bool
		want  string
	}{
		{toy{values: []float64{1, 2, 3}, cert: ok}, true, "3 values for 2 deterministic metrics"},
		{toy{values: []float64{1}, cert: ok}, true, "1 values for 2"},
		{toy{solveErr: errors.New("no equilibrium")}, true, "no equilibrium"},
		{toy{values: []float64{1, 2}, cert: model.Certificate{Method: "iteration"}}, false, "certificate not converged (iteration)"},
	} {
		r := &Recorder{}
		var got map[string]float64
		r.Run(func() { got, _ = Solve(r, c.m, map[string]any{"x": 0.5}) })
		if r.Stopped != c.fatal || len(r.Msgs) != 1 || !strings.Contains(r.Msgs[0], c.want) || !strings.Contains(r.Msgs[0], "map[x:0.5]") {
			t.Errorf("%+v: messages %q (fatal %v), want one mentioning %q", c.m, r.Msgs, r.Stopped, c.want)
		}
		if !c.fatal && (got["a"] != 1 || got["b"] != 2) {
			t.Errorf("%+v: metrics %v still returned", c.m, got)
		}
	}
}

func TestNear(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		a, b, tol float64
		want      bool
	}{
		{1, 1.5, 0.5, true},
		{1, 1.5000001, 0.5, false},
		{-2, -2, 0, true},
		{nan, nan, 0, true},
		{nan, 1, math.Inf(1), false},
		{1, nan, math.Inf(1), false},
		{math.Inf(1), 1, 1, false},
	} {
		if got := Near(c.a, c.b, c.tol); got != c.want {
			t.Errorf("Near(%g, %g, %g) = %v", c.a, c.b, c.tol, got)
		}
	}
}

func TestBadInput(t *testing.T) {
	r := &Recorder{}
	BadInput(r, toy{}, []BadCase{
		{Values: map[string]any{"x": 2}, Key: "x", Want: []string{"0 ≤ x ≤ 1"}},
		{Name: "misspelt", Values: map[string]any{"xx": 1}, Key: "xx", Want: []string{"unknown key", `did you mean "x"`}},
	})
	if len(r.Msgs) != 0 {
		t.Errorf("good cases: %q", r.Msgs)
	}
	for _, c := range []struct {
		bad  BadCase
		want []string
	}{
		{BadCase{Values: map[string]any{"x": 0.5}}, []string{"map[x:0.5]: no error"}},
		{BadCase{Name: "plain", Values: map[string]any{"plain": 1}}, []string{"plain: plain failure is not marked as bad input"}},
		{BadCase{Name: "key", Values: map[string]any{"x": 2}, Key: "y"}, []string{`key: error "x: 2 is out of range; allowed: 0 ≤ x ≤ 1" does not start with the key "y"`}},
		{BadCase{Name: "want", Values: map[string]any{"x": 2}, Want: []string{"x", "0 < x", "range"}}, []string{`want: error "x: 2 is out of range; allowed: 0 ≤ x ≤ 1" does not mention "0 < x"`}},
		{BadCase{Name: "both", Values: map[string]any{"plain": 1}, Key: "plain", Want: []string{"failure", "plainly"}}, []string{"is not marked", "does not start with", `does not mention "plainly"`}},
	} {
		r := &Recorder{}
		BadInput(r, toy{}, []BadCase{c.bad})
		if len(r.Msgs) != len(c.want) {
			t.Errorf("%+v: messages %q, want %d", c.bad, r.Msgs, len(c.want))
			continue
		}
		for i, w := range c.want {
			if !strings.Contains(r.Msgs[i], w) {
				t.Errorf("%+v: message %q lacks %q", c.bad, r.Msgs[i], w)
			}
		}
	}
}
