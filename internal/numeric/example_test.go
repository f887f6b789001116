package numeric_test

import (
	"fmt"
	"math"

	"github.com/statecraft/statecraft/internal/numeric"
)

// The fixed point of cos, and E[(X − 1/2)⁺] = ∫_{1/2}^1 (1 − x) dx = 1/8 for
// X uniform on [0, 1] as a quadrature of its survival function.
func Example() {
	r, err := numeric.Brent(func(x float64) float64 { return math.Cos(x) - x }, 0, 1, 1e-15, 100)
	if err != nil {
		panic(err)
	}
	fmt.Printf("cos x = x at %.12f (%d evaluations)\n", r.X, r.Evals)
	v, _ := numeric.Integrate(func(x float64) float64 { return 1 - x }, 0.5, 1, 1e-13)
	fmt.Printf("E[(X − 1/2)⁺] = %.12f\n", v)
	// Output:
	// cos x = x at 0.739085133215 (9 evaluations)
	// E[(X − 1/2)⁺] = 0.125000000000
}
