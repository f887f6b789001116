package attribution

import (
	"math"
	"testing"
)

func TestBrentRoot(t *testing.T) {
	cases := []struct {
		name   string
		f      func(float64) float64
		a, b   float64
		want   float64
		maxEvl int // a bound on evaluations: superlinear convergence on smooth f
	}{
		// The fixed point of cos, the Dottie number (OEIS A003957).
		{"cos x − x", func(x float64) float64 { return math.Cos(x) - x }, 0, 1, 0.7390851332151607, 12},
		// Wallis's cubic x³ − 2x − 5, Brent's own test (root 2.0945514815423265…).
		{"x³ − 2x − 5", func(x float64) float64 { return x*x*x - 2*x - 5 }, 2, 3, 2.0945514815423265, 12},
		{"x − 1/3, root near a", func(x float64) float64 { return x - 1.0/3 }, 0, 1000, 1.0 / 3, 20},
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
		fa, fb := c.f(c.a), c.f(c.b)
		x, evals, ok := brentRoot(c.f, c.a, c.b, fa, fb, 1e-15, 500)
		tol := 4e-15 * math.Max(1, math.Abs(c.want))
		if c.name == "(x − 0.2)³" {
			tol = 1e-5 // f < 1e-15 on a wide interval: any point there is a root to working precision
		}
		if !ok || math.Abs(x-c.want) > tol {
			t.Errorf("%s: root %.17g (ok %v), want %.17g", c.name, x, ok, c.want)
		}
		if evals > c.maxEvl {
			t.Errorf("%s: %d evaluations, want at most %d", c.name, evals, c.maxEvl)
		}
		// Bracket given the other way round.
		if y, _, ok := brentRoot(c.f, c.b, c.a, fb, fa, 1e-15, 500); !ok || math.Abs(y-x) > tol {
			t.Errorf("%s reversed: %.17g", c.name, y)
		}
	}
	// Not a bracket.
	if _, _, ok := brentRoot(math.Exp, 0, 1, 1, math.E, 1e-15, 100); ok {
		t.Errorf("exp on [0,1] reported a root")
	}
	// A zero at an end is returned at once.
	if x, n, ok := brentRoot(math.Sin, 0, 1, 0, math.Sin(1), 1e-15, 100); x != 0 || n != 0 || !ok {
		t.Errorf("zero at the end: %g after %d", x, n)
	}
	// Running out of evaluations is reported.
	if _, _, ok := brentRoot(func(x float64) float64 { return math.Cbrt(x - 0.123) }, 0, 1, math.Cbrt(-0.123), math.Cbrt(0.877), 0, 3); ok {
		t.Errorf("3 evaluations reported convergence")
	}
}
