package modeltest_test

import (
	"fmt"
	"math"

	"github.com/statecraft/statecraft/internal/modeltest"
)

// Two NaNs agree: a metric undefined on both sides.
func ExampleNear() {
	fmt.Println(modeltest.Near(0.1+0.2, 0.3, 1e-15), modeltest.Near(math.NaN(), math.NaN(), 0), modeltest.Near(math.NaN(), 0, 1))
	// Output: true true false
}
