package attribution

import (
	"math"
	"testing"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/internal/numeric"
)

func mustDist(t *testing.T, kind string, params map[string]any) dist.Dist {
	t.Helper()
	d, err := dist.New(kind, params)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// C(r) = E[Y; Y ≤ Q(r)] tends to the mean as r → 1 for every law; closed
// forms for the uniform and the exponential law; the commitment search's
// table of Ψ agrees with direct quadrature.
func TestRetaliationCost(t *testing.T) {
	laws := []dist.Dist{
		mustDist(t, "uniform", map[string]any{"min": -0.2, "max": 1.3}),
		mustDist(t, "beta", map[string]any{"alpha": 2, "beta": 3}),
		mustDist(t, "beta", map[string]any{"alpha": 0.5, "beta": 0.7, "min": 0.1, "max": 2}),
		mustDist(t, "truncnormal", map[string]any{"mean": 0.3, "sd": 0.4, "min": 0, "max": 1}),
		mustDist(t, "normal", map[string]any{"mean": 0.5, "sd": 0.2}),
		mustDist(t, "exponential", map[string]any{"rate": 2}),
		mustDist(t, "triangular", map[string]any{"min": 0, "mode": 0.2, "max": 1}),
	}
	for _, g := range laws {
		// E[Y; Y ≤ t] at the top of the range is the mean (up to the
		// tailProb cut of unbounded laws).
		lo, hi := costRange(g)
		if got := costBelow(g, hi); math.Abs(got-g.Mean()) > 1e-9 {
			t.Errorf("%v: E[Y; Y ≤ %g] = %.12g, mean %.12g", g, hi, got, g.Mean())
		}
		tab := newShortfallTable(g)
		for _, u := range []float64{0, 1e-12, 1e-7, 3e-4, 0.001, 0.0123, 0.25, 0.5, 0.77777, 0.999, 0.9999999, 1} {
			x := lo + u*(hi-lo)
			exact := shortfall(g, x)
			if got := tab.at(x); math.Abs(got-exact) > 1e-10 {
				t.Errorf("%v: table Ψ(%g) = %.15g, quadrature %.15g", g, x, got, exact)
			}
		}
	}
	u := laws[0]
	for _, r := range []float64{0.1, 0.5, 0.9} {
		want := -0.2*r + 0.5*1.5*r*r // ∫₀ʳ (−0.2 + 1.5v) dv
		if got := retaliationCost(u, r); math.Abs(got-want) > 1e-15 {
			t.Errorf("uniform C(%g) = %g, want %g", r, got, want)
		}
		// The generic quadrature agrees with the uniform shortcut.
		x := u.Quantile(r)
		if got := x*r - integral(u.CDF, -0.2, x); math.Abs(got-want) > 1e-13 {
			t.Errorf("uniform C(%g) by quadrature = %g, want %g", r, got, want)
		}
		// Exponential(λ): Q(u) = −ln(1−u)/λ, C(r) = ∫₀ʳ Q = ((1−r)ln(1−r) + r)/λ.
		wantE := ((1-r)*math.Log1p(-r) + r) / 2
		if got := retaliationCost(laws[5], r); math.Abs(got-wantE) > 1e-11 {
			t.Errorf("exponential C(%g) = %.15g, want %.15g", r, got, wantE)
		}
	}
}

func integral(f func(float64) float64, a, b float64) float64 {
	v, _ := numeric.Integrate(f, a, b, 1e-13)
	return v
}
