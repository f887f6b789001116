package sensitivity_test

import (
	"math"
	"math/rand/v2"
	"os"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/model/ishigami"
	"github.com/statecraft/statecraft/sensitivity"
	"github.com/statecraft/statecraft/sweep/sample"
)

// Sobol indices of the Ishigami function (exact: S1 = 0.3139, 0.4424, 0;
// ST = 0.5576, 0.4424, 0.2437), the way a sweep drives the package: design,
// transform, evaluate, analyse.
func ExampleSobolDesign() {
	params := []string{"x1", "x2", "x3"}
	design, err := sensitivity.NewSobolDesign(params, 4096, false, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		panic(err)
	}
	u := dist.Uniform(-math.Pi, math.Pi)
	values, err := sample.Transform(design.Points, []dist.Dist{u, u, u})
	if err != nil {
		panic(err)
	}
	y := make([]float64, len(values))
	for i, x := range values {
		y[i] = ishigami.Y(x[0], x[1], x[2], 7, 0.1)
	}
	res, err := design.Analyze("y", y, sensitivity.Bootstrap{Resamples: 200, Rng: rand.New(rand.NewPCG(3, 4))})
	if err != nil {
		panic(err)
	}
	if err := res.WriteText(os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// metric  param  S1       S1 95% CI          ST      ST 95% CI
	// y       x1     0.3121   [0.2829, 0.3385]   0.5474  [0.5091, 0.5958]
	// y       x2     0.4425   [0.4152, 0.4649]   0.4425  [0.4216, 0.4626]
	// y       x3     -0.0025  [-0.0295, 0.0240]  0.2438  [0.2309, 0.2569]
}

// Morris screening of the Ishigami function on a 4-level grid.
func ExampleMorrisDesign() {
	params := []string{"x1", "x2", "x3"}
	design, err := sensitivity.NewMorrisDesign(params, 100, 4, rand.New(rand.NewPCG(5, 6)))
	if err != nil {
		panic(err)
	}
	u := dist.Uniform(-math.Pi, math.Pi)
	values, err := sample.Transform(design.Points, []dist.Dist{u, u, u})
	if err != nil {
		panic(err)
	}
	y := make([]float64, len(values))
	for i, x := range values {
		y[i] = ishigami.Y(x[0], x[1], x[2], 7, 0.1)
	}
	res, err := design.Analyze("y", y, sensitivity.Bootstrap{Resamples: 200, Rng: rand.New(rand.NewPCG(7, 8))})
	if err != nil {
		panic(err)
	}
	if err := res.WriteText(os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// metric  param  mu*     mu* 95% CI        mu       sigma
	// y       x1     7.2042  [5.9544, 8.3289]  7.2042   6.2601
	// y       x2     7.8750  [7.8750, 7.8750]  1.1025   7.8367
	// y       x3     5.7489  [4.4991, 6.8768]  -0.2500  8.5153
}
