package mctest_test

import (
	"fmt"
	"math"

	"github.com/statecraft/statecraft/internal/mctest"
)

// A sample's mean and standard error; NaN (undefined in that replication) is
// left out.
func ExampleStats() {
	var s mctest.Stats
	for _, x := range []float64{1, 2, math.NaN(), 3, 4} {
		s.Add(x)
	}
	fmt.Printf("n %d, mean %.2f, se %.4f\n", s.N(), s.Mean(), s.SE())
	// Output: n 4, mean 2.50, se 0.6455
}
