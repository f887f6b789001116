package attribution

import (
	"math"
	"testing"
)

// minimizeNM, the wrapper around gonum/optimize, finds known minima.
func TestMinimizeNM(t *testing.T) {
	rosen := func(x []float64) float64 {
		return 100*math.Pow(x[1]-x[0]*x[0], 2) + math.Pow(1-x[0], 2)
	}
	x, f := minimizeNM(rosen, []float64{-1.2, 1}, 0.1, 20000)
	if math.Abs(x[0]-1) > 1e-5 || math.Abs(x[1]-1) > 1e-5 || f > 1e-10 {
		t.Errorf("Rosenbrock: %v, f = %g", x, f)
	}
	// A quadratic in 8 dimensions with minimum at c, value 3.
	c := []float64{0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8}
	quad := func(x []float64) float64 {
		s := 3.0
		for k := range x {
			s += float64(k+1) * (x[k] - c[k]) * (x[k] - c[k])
		}
		return s
	}
	x, f = minimizeNM(quad, make([]float64, 8), 0.1, 20000)
	for k := range c {
		if math.Abs(x[k]-c[k]) > 1e-5 {
			t.Errorf("quadratic: x[%d] = %g, want %g", k, x[k], c[k])
		}
	}
	if math.Abs(f-3) > 1e-10 {
		t.Errorf("quadratic: f = %.12g, want 3", f)
	}
}
