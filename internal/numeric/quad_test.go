package numeric

import (
	"math"
	"testing"
)

// The Gauss–Kronrod constants integrate polynomials exactly: the 15-point rule
// up to degree 22, the embedded 7-point Gauss rule up to degree 13, so the
// error estimate vanishes up to degree 13 and not beyond.
func TestGK15Exactness(t *testing.T) {
	for deg := 0; deg <= 22; deg++ {
		f := func(x float64) float64 { return math.Pow(x, float64(deg)) }
		want := 0.0
		if deg%2 == 0 {
			want = 2 / float64(deg+1)
		}
		k, e := GK15(f, -1, 1)
		if math.Abs(k-want) > 1e-14 {
			t.Errorf("K15 ∫₋₁¹ x^%d = %.16g, want %.16g", deg, k, want)
		}
		if deg <= 13 && e > 1e-14 {
			t.Errorf("G7 and K15 differ by %g on x^%d", e, deg)
		}
		if deg == 14 && !(e > 1e-6) {
			t.Errorf("G7 integrates x^14 exactly? error estimate %g", e)
		}
		if v, _ := GK15(f, 0, 1); math.Abs(v-1/float64(deg+1)) > 1e-14 {
			t.Errorf("K15 ∫₀¹ x^%d = %.16g, want %.16g", deg, v, 1/float64(deg+1))
		}
	}
}

func TestIntegrate(t *testing.T) {
	cases := []struct {
		name string
		f    func(float64) float64
		a, b float64
		want float64
		tol  float64
	}{
		{"eˣ on [0, 2]", math.Exp, 0, 2, math.E*math.E - 1, 1e-12},
		// A kink inside a panel.
		{"|x − 0.3|", func(x float64) float64 { return math.Abs(x - 0.3) }, 0, 1, (0.09 + 0.49) / 2, 1e-12},
		// An unbounded derivative at an end.
		{"√x", math.Sqrt, 0, 1, 2.0 / 3, 1e-11},
		// A jump, as a CDF with an atom has.
		{"step at 1/3", func(x float64) float64 {
			if x < 1.0/3 {
				return 0
			}
			return 1
		}, 0, 1, 2.0 / 3, 1e-12},
		// A narrow peak that one panel misses entirely is found after bisection.
		{"Cauchy peak", func(x float64) float64 { return 1e-3 / (x*x + 1e-6) }, -1, 1, 2 * math.Atan(1e3), 1e-10},
		{"reversed", math.Exp, 2, 0, -(math.E*math.E - 1), 1e-12},
		{"empty", math.Exp, 1, 1, 0, 0},
	}
	for _, c := range cases {
		v, e := Integrate(c.f, c.a, c.b, 1e-13)
		if math.Abs(v-c.want) > c.tol {
			t.Errorf("%s: %.16g, want %.16g", c.name, v, c.want)
		}
		if e > 1e-12 {
			t.Errorf("%s: error estimate %g above the tolerance", c.name, e)
		}
	}
	if v, e := Integrate(math.Exp, math.NaN(), 1, 1e-13); !math.IsNaN(v) || !math.IsNaN(e) {
		t.Errorf("NaN end: %g ± %g", v, e)
	}
}

// A noisy integrand never meets the tolerance: the panel cap ends the
// refinement and the error estimate says so.
func TestIntegratePanelCap(t *testing.T) {
	n := 0
	noisy := func(x float64) float64 {
		n++
		return math.Sin(1e6 * x * x)
	}
	_, e := Integrate(noisy, 0, 10, 1e-15)
	// After the cap, the panels still on the stack (at most its 64) are
	// evaluated once each and accepted.
	if n > (maxPanels+64)*15 || !(e > 1e-15) {
		t.Errorf("%d evaluations, error estimate %g", n, e)
	}
}

func TestIntegrateAllocatesNothing(t *testing.T) {
	f := func(x float64) float64 { return math.Abs(x - 0.3) }
	if n := testing.AllocsPerRun(20, func() { Integrate(f, 0, 1, 1e-13) }); n != 0 {
		t.Errorf("Integrate allocates %g times", n)
	}
}

func BenchmarkIntegrate(b *testing.B) {
	f := func(x float64) float64 { return math.Abs(x - 0.3) }
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Integrate(f, 0, 1, 1e-13)
	}
}
