package numeric

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestBrent(t *testing.T) {
	cases := []struct {
		name     string
		f        func(float64) float64
		a, b     float64
		want     float64
		maxEvals int // a bound on evaluations: superlinear convergence on smooth f
	}{
		// The fixed point of cos, the Dottie number (OEIS A003957).
		{"cos x − x", func(x float64) float64 { return math.Cos(x) - x }, 0, 1, 0.7390851332151607, 12},
		// Wallis's cubic x³ − 2x − 5, Brent's own test (root 2.0945514815423265…).
		{"x³ − 2x − 5", func(x float64) float64 { return x*x*x - 2*x - 5 }, 2, 3, 2.0945514815423265, 12},
		{"x² − 2", func(x float64) float64 { return x*x - 2 }, 0, 2, math.Sqrt2, 12},
		{"x − 1/3, root near a", func(x float64) float64 { return x - 1.0/3 }, 0, 1000, 1.0 / 3, 20},
		// An infinite derivative at the root: interpolation overshoots,
		// bisection keeps the bracket shrinking.
		{"∛(x − 0.3)", func(x float64) float64 { return math.Cbrt(x - 0.3) }, 0, 1, 0.3, 60},
		// A triple root: f is flat, interpolation struggles, bisection steps in.
		{"(x − 0.2)³", func(x float64) float64 { return math.Pow(x-0.2, 3) }, -1, 1, 0.2, 200},
		// A jump: the method converges to the discontinuity.
		{"step at 0.3", func(x float64) float64 {
			if x < 0.3 {
				return -1
			}
			return 1
		}, 0, 1, 0.3, 80},
		{"exp(x) − 2", func(x float64) float64 { return math.Exp(x) - 2 }, -10, 10, math.Ln2, 20},
	}
	for _, c := range cases {
		tol := 4e-15 * math.Max(1, math.Abs(c.want))
		if c.name == "(x − 0.2)³" {
			tol = 1e-5 // f < 1e-15 on a wide interval: any point there is a root to working precision
		}
		for _, ends := range [][2]float64{{c.a, c.b}, {c.b, c.a}} { // the bracket either way round
			r, err := Brent(c.f, ends[0], ends[1], 1e-15, 500)
			if err != nil || math.Abs(r.X-c.want) > tol {
				t.Errorf("%s on [%g, %g]: root %.17g (%v), want %.17g", c.name, ends[0], ends[1], r.X, err, c.want)
			}
			if r.F != c.f(r.X) {
				t.Errorf("%s: F = %g, f(X) = %g", c.name, r.F, c.f(r.X))
			}
			if r.Evals > c.maxEvals+2 {
				t.Errorf("%s: %d evaluations, want at most %d", c.name, r.Evals, c.maxEvals+2)
			}
		}
		// With tol = 0 the bracket closes to a few ulps.
		if r, err := Brent(c.f, c.a, c.b, 0, 500); err != nil || math.Abs(r.X-c.want) > math.Max(tol, 1e-15) {
			t.Errorf("%s, tol 0: root %.17g (%v)", c.name, r.X, err)
		}
	}
}

// Evals counts every evaluation of f, the ends included for Brent and
// excluded for BrentFrom.
func TestBrentCountsEvaluations(t *testing.T) {
	n := 0
	f := func(x float64) float64 { n++; return math.Exp(x) - 3 }
	r, err := Brent(f, 0, 5, 1e-14, 100)
	if err != nil || r.Evals != n {
		t.Errorf("Brent: Evals %d, f called %d times (%v)", r.Evals, n, err)
	}
	fa, fb := f(0), f(5)
	n = 0
	r2, err := BrentFrom(f, 0, 5, fa, fb, 1e-14, 100)
	if err != nil || r2.Evals != n || r2.Evals != r.Evals-2 || r2.X != r.X {
		t.Errorf("BrentFrom: Evals %d, f called %d times, X %g vs %g (%v)", r2.Evals, n, r2.X, r.X, err)
	}
}

func TestBrentFailures(t *testing.T) {
	// Not a bracket.
	if r, err := Brent(math.Exp, 0, 1, 1e-15, 100); !errors.Is(err, ErrNoBracket) || !math.IsNaN(r.X) {
		t.Errorf("exp on [0,1]: %+v, %v", r, err)
	}
	if _, err := Brent(func(float64) float64 { return math.NaN() }, 0, 1, 1e-15, 100); !errors.Is(err, ErrNoBracket) {
		t.Errorf("NaN ends: %v", err)
	}
	// A zero at an end is returned at once.
	if r, err := BrentFrom(math.Sin, 0, 1, 0, math.Sin(1), 1e-15, 100); r.X != 0 || r.Evals != 0 || err != nil {
		t.Errorf("zero at the end: %+v, %v", r, err)
	}
	if r, err := Brent(math.Sin, 1, 0, 1e-15, 100); r.X != 0 || r.Evals != 2 || err != nil {
		t.Errorf("zero at the far end: %+v, %v", r, err)
	}
	// Running out of iterations is reported, with the best estimate so far
	// inside the bracket.
	f := func(x float64) float64 { return math.Cbrt(x - 0.123) }
	r, err := Brent(f, 0, 1, 0, 3)
	if !errors.Is(err, ErrNotConverged) || r.Evals != 5 || !(r.X > 0 && r.X < 1) || r.F != f(r.X) {
		t.Errorf("3 iterations: %+v, %v", r, err)
	}
}

// Against bisection on random cubics with one simple root in the bracket.
func TestBrentAgainstBisection(t *testing.T) {
	rng := rand.New(rand.NewPCG(1973, 4))
	for k := 0; k < 500; k++ {
		r0 := rng.Float64()*4 - 2
		p, q := rng.Float64()*2-1, rng.Float64()+0.1 // (x − r0)(x² + px + q') with q' > p²/4: no other real root
		q += p * p / 4
		f := func(x float64) float64 { return (x - r0) * (x*x + p*x + q) }
		a, b := r0-1-rng.Float64()*3, r0+rng.Float64()*3+1e-3
		lo, hi := a, b
		for i := 0; i < 200 && hi-lo > 0; i++ {
			mid := lo + (hi-lo)/2
			if mid == lo || mid == hi {
				break
			}
			if f(mid) < 0 {
				lo = mid
			} else {
				hi = mid
			}
		}
		r, err := Brent(f, a, b, 1e-15, 200)
		if err != nil || math.Abs(r.X-lo) > 1e-14 || r.Evals > 40 {
			t.Errorf("cubic root %g: Brent %.17g in %d evaluations (%v), bisection %.17g", r0, r.X, r.Evals, err, lo)
		}
	}
}

func BenchmarkBrent(b *testing.B) {
	f := func(x float64) float64 { return math.Cos(x) - x }
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Brent(f, 0, 1, 1e-15, 100); err != nil {
			b.Fatal(err)
		}
	}
}
