package numeric

import (
	"math"
	"testing"

	"github.com/statecraft/statecraft/dist"
)

func decode(t *testing.T, spec any) dist.Dist {
	t.Helper()
	var d dist.Dist
	if err := d.DecodeValue(spec); err != nil {
		t.Fatal(err)
	}
	return d
}

// Atoms are read back from discrete laws, including unsorted values, zero
// weights and a repeated value.
func TestAtoms(t *testing.T) {
	cases := []struct {
		spec     any
		xs, ps   []float64
		discrete bool
	}{
		{3.5, []float64{3.5}, []float64{1}, true},
		{map[string]any{"dist": "discrete", "values": []any{3, 1, 2}, "weights": []any{1, 2, 1}}, []float64{1, 2, 3}, []float64{0.5, 0.25, 0.25}, true},
		{map[string]any{"dist": "discrete", "values": []any{1, 2, 3}, "weights": []any{0, 1, 1}}, []float64{2, 3}, []float64{0.5, 0.5}, true},
		{map[string]any{"dist": "discrete", "values": []any{1, 1, 2}, "weights": []any{0.2, 0.3, 0.5}}, []float64{1, 2}, []float64{0.5, 0.5}, true},
		{map[string]any{"dist": "uniform", "min": 0, "max": 1}, nil, nil, false},
	}
	for _, c := range cases {
		xs, ps, ok := Atoms(decode(t, c.spec))
		if ok != c.discrete || len(xs) != len(c.xs) {
			t.Errorf("%v: atoms %v %v %v", c.spec, xs, ps, ok)
			continue
		}
		for i := range xs {
			if xs[i] != c.xs[i] || math.Abs(ps[i]-c.ps[i]) > 1e-15 {
				t.Errorf("%v: atoms %v %v, want %v %v", c.spec, xs, ps, c.xs, c.ps)
			}
		}
	}
}

func TestLawBelowAndMass(t *testing.T) {
	disc := NewLaw(decode(t, map[string]any{"dist": "discrete", "values": []any{2, 1, 3}, "weights": []any{0.5, 0.2, 0.3}}))
	for _, c := range []struct{ x, below, mass float64 }{
		{0.5, 0, 0}, {1, 0, 0.2}, {1.5, 0.2, 0}, {2, 0.2, 0.5}, {3, 0.7, 0.3}, {4, 1, 0},
	} {
		if got := disc.Below(c.x); math.Abs(got-c.below) > 1e-15 {
			t.Errorf("discrete P(X < %g) = %g, want %g", c.x, got, c.below)
		}
		if got := disc.Mass(c.x); math.Abs(got-c.mass) > 1e-15 {
			t.Errorf("discrete P(X = %g) = %g, want %g", c.x, got, c.mass)
		}
	}
	if disc.Lo != 1 || disc.Hi != 3 || !disc.Discrete {
		t.Errorf("discrete law %+v", disc)
	}
	u := NewLaw(decode(t, map[string]any{"dist": "uniform", "min": 1, "max": 3}))
	for _, c := range []struct{ x, below float64 }{{0, 0}, {1, 0}, {1.5, 0.25}, {3, 1}, {7, 1}} {
		if got := u.Below(c.x); math.Abs(got-c.below) > 1e-15 {
			t.Errorf("uniform P(X < %g) = %g, want %g", c.x, got, c.below)
		}
		if u.Mass(c.x) != 0 {
			t.Errorf("uniform P(X = %g) = %g", c.x, u.Mass(c.x))
		}
	}
	// A point mass is a one-atom law: P(X < x) jumps after the atom.
	pm := NewLaw(decode(t, 2.5))
	if pm.Below(2.5) != 0 || pm.Below(math.Nextafter(2.5, 3)) != 1 || pm.Mass(2.5) != 1 {
		t.Errorf("point mass: below %g, %g; mass %g", pm.Below(2.5), pm.Below(math.Nextafter(2.5, 3)), pm.Mass(2.5))
	}
}
