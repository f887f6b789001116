package sample_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/sweep/sample"
)

// The first points of the unscrambled two-dimensional Sobol sequence.
func ExampleSobol() {
	pts, err := sample.Sobol(8, 2, false, nil)
	if err != nil {
		panic(err)
	}
	for _, x := range pts {
		fmt.Println(x)
	}
	// Output:
	// [0 0]
	// [0.5 0.5]
	// [0.75 0.25]
	// [0.25 0.75]
	// [0.375 0.375]
	// [0.875 0.875]
	// [0.625 0.125]
	// [0.125 0.625]
}

// A Latin hypercube of 5 points puts one point in each fifth of every axis.
func ExampleLatinHypercube() {
	rng := rand.New(rand.NewPCG(42, 0))
	pts, err := sample.LatinHypercube(5, 2, rng)
	if err != nil {
		panic(err)
	}
	for j := 0; j < 2; j++ {
		strata := make([]int, 0, 5)
		for _, x := range pts {
			strata = append(strata, int(x[j]*5))
		}
		fmt.Println("dimension", j+1, "strata:", strata)
	}
	// Output:
	// dimension 1 strata: [2 1 3 0 4]
	// dimension 2 strata: [2 3 1 0 4]
}

// Unit-cube points become parameter values through each parameter's
// distribution.
func ExampleTransform() {
	pts := [][]float64{{0.5, 0.5}, {0.25, 0.9}}
	dists := []dist.Dist{dist.Uniform(0, 2), dist.Constant(7)}
	vals, err := sample.Transform(pts, dists)
	if err != nil {
		panic(err)
	}
	fmt.Println(vals)
	// Output:
	// [[1 7] [0.5 7]]
}
