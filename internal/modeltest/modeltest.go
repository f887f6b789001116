package modeltest

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/model"
)

// Prepare calls m.Prepare(values) and returns the instance as T: the
// model's concrete instance type, or model.Instance. An error, or an instance
// of another type, fails t at once.
func Prepare[T model.Instance](t testing.TB, m model.Model, values map[string]any) T {
	t.Helper()
	inst, err := m.Prepare(values)
	if err != nil {
		t.Fatalf("Prepare(%v): %v", values, err)
	}
	x, ok := inst.(T)
	if !ok {
		t.Fatalf("Prepare(%v) gave a %T, want a %v", values, inst, reflect.TypeFor[T]())
	}
	return x
}

// Solve prepares values with m, solves the instance and returns the
// deterministic metrics by name, with the solution for tests of the
// certificate or Extra. An error of Prepare or Solve, or a solution that does
// not hold one value per deterministic metric, fails t at once; a certificate
// that is not converged is reported as an error.
func Solve(t testing.TB, m model.Model, values map[string]any) (map[string]float64, model.Solution) {
	t.Helper()
	inst := Prepare[model.Instance](t, m, values)
	sol, err := inst.Solve()
	if err != nil {
		t.Fatalf("Solve(%v): %v", values, err)
	}
	det, _ := model.Split(inst.Metrics())
	if len(sol.Values) != len(det) {
		t.Fatalf("Solve(%v): %d values for %d deterministic metrics", values, len(sol.Values), len(det))
	}
	out := make(map[string]float64, len(det))
	for i, mt := range det {
		out[mt.Name] = sol.Values[i]
	}
	if !sol.Certificate.Converged {
		t.Errorf("Solve(%v): certificate not converged (%s)", values, sol.Certificate.Method)
	}
	return out, sol
}

// Near reports whether a and b differ by at most tol. Two NaNs agree (a
// metric undefined on both sides); one NaN agrees with nothing.
func Near(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}

// BadCase is a parameter set that Prepare must refuse.
type BadCase struct {
	// Name says what the case checks; empty, the values name it in messages.
	Name   string
	Values map[string]any
	// Key, when set, is the key path the message must start with ("key: ").
	Key string
	// Want are texts the message must contain: the key, the allowed values, a
	// suggested spelling.
	Want []string
}

// BadInput checks that m.Prepare refuses each case with an error that
// [model.IsBadInput] marks as the user's to fix and whose message starts with
// the case's Key and contains each of its Want.
func BadInput(t testing.TB, m model.Model, cases []BadCase) {
	t.Helper()
	for _, c := range cases {
		name := c.Name
		if name == "" {
			name = fmt.Sprint(c.Values)
		}
		_, err := m.Prepare(c.Values)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if !model.IsBadInput(err) {
			t.Errorf("%s: %v is not marked as bad input", name, err)
		}
		msg := err.Error()
		if c.Key != "" && !strings.HasPrefix(msg, c.Key+": ") {
			t.Errorf("%s: error %q does not start with the key %q", name, msg, c.Key)
		}
		for _, w := range c.Want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: error %q does not mention %q", name, msg, w)
			}
		}
	}
}
