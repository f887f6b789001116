package sample

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/schema"
)

// Methods lists the sampling methods [Generate] knows, as a config names them.
var Methods = []string{"random", "lhs", "sobol"}

var errNoRng = errors.New("sample: a random design needs a random stream (rng is nil)")

// Generate returns n points in the dim-dimensional unit cube by the named
// method: "random" ([Random]), "lhs" ([LatinHypercube]) or "sobol" (scrambled
// [Sobol]). All randomness comes from rng.
func Generate(method string, n, dim int, rng *rand.Rand) ([][]float64, error) {
	switch method {
	case "random":
		return Random(n, dim, rng)
	case "lhs":
		return LatinHypercube(n, dim, rng)
	case "sobol":
		return Sobol(n, dim, true, rng)
	}
	msg := "unknown sampling method " + `"` + method + `"; known: ` + strings.Join(Methods, ", ")
	if near := schema.Nearest(method, Methods); near != "" {
		msg += ` (did you mean "` + near + `"?)`
	}
	return nil, schema.Errorf("sampling", "%s", msg)
}

// NewMatrix returns n rows of dim zeros sharing one backing array.
func NewMatrix(n, dim int) [][]float64 {
	back := make([]float64, n*dim)
	rows := make([][]float64, n)
	for i := range rows {
		rows[i] = back[i*dim : (i+1)*dim : (i+1)*dim]
	}
	return rows
}

func checkSize(n, dim int) error {
	if n < 0 {
		return schema.Errorf("samples", "the number of samples must be at least 0, got %d", n)
	}
	if dim < 0 {
		return schema.Errorf("", "the number of dimensions must be at least 0, got %d", dim)
	}
	return nil
}

// Random returns n independent uniform points in [0, 1)^dim, drawn from rng
// row by row (point 0's coordinates first).
func Random(n, dim int, rng *rand.Rand) ([][]float64, error) {
	if err := checkSize(n, dim); err != nil {
		return nil, err
	}
	if rng == nil {
		return nil, errNoRng
	}
	pts := NewMatrix(n, dim)
	for _, x := range pts {
		for j := range x {
			x[j] = rng.Float64()
		}
	}
	return pts, nil
}

// LatinHypercube returns a Latin hypercube sample of n points in [0, 1)^dim
// (McKay, Beckman & Conover, Technometrics 21, 1979): in every dimension each
// of the n strata [k/n, (k+1)/n) holds exactly one point, placed uniformly at
// random inside it, and the strata are paired across dimensions by
// independent random permutations.
//
// Randomness is drawn from rng one dimension at a time: a Fisher–Yates
// shuffle of the strata (rand.Rand.Shuffle), then n uniforms for the
// positions inside the strata in point order.
func LatinHypercube(n, dim int, rng *rand.Rand) ([][]float64, error) {
	if err := checkSize(n, dim); err != nil {
		return nil, err
	}
	if rng == nil {
		return nil, errNoRng
	}
	pts := NewMatrix(n, dim)
	perm := make([]int, n)
	scale := 1 / float64(n)
	for j := 0; j < dim; j++ {
		for i := range perm {
			perm[i] = i
		}
		rng.Shuffle(n, func(a, b int) { perm[a], perm[b] = perm[b], perm[a] })
		for i, x := range pts {
			u := (float64(perm[i]) + rng.Float64()) * scale
			// Rounding can carry (k + u)/n up to the next stratum's edge;
			// keep the point inside its own stratum.
			if hi := float64(perm[i]+1) * scale; u >= hi {
				u = math.Nextafter(hi, 0)
			}
			x[j] = u
		}
	}
	return pts, nil
}

// Edge is how far [Transform] moves a coordinate of exactly 0 or 1 into the
// cube before taking a quantile, so that laws with unbounded support (normal,
// lognormal, exponential) give finite values at the corners of a design. It is
// 2⁻⁵³, the spacing of float64 just below 1.
const Edge = 0x1p-53

// Transform maps unit-cube points to parameter values: coordinate j of each
// point goes through the quantile function of dists[j] (inverse-CDF
// sampling), so uniform points become draws from the product of the
// marginals. Coordinates are clipped to [Edge, 1 − Edge] first. The result is
// a new matrix; points is not modified.
//
// Note that unscrambled Sobol points and Morris grids include 0 (and Morris
// grids 1): for unbounded laws these map to far tails (about ±8.2 standard
// deviations for a normal). Prefer bounded or truncated laws there.
func Transform(points [][]float64, dists []dist.Dist) ([][]float64, error) {
	for j, d := range dists {
		if !d.Valid() {
			return nil, schema.Errorf("", "distribution %d of %d is not set", j+1, len(dists))
		}
	}
	out := NewMatrix(len(points), len(dists))
	for i, x := range points {
		if len(x) != len(dists) {
			return nil, schema.Errorf("", "point %d has %d coordinates but %d distributions are given", i, len(x), len(dists))
		}
		for j, u := range x {
			if math.IsNaN(u) || u < 0 || u > 1 {
				return nil, schema.Errorf("", "point %d coordinate %d is %g, outside the unit interval", i, j, u)
			}
			out[i][j] = dists[j].Quantile(math.Min(1-Edge, math.Max(Edge, u)))
		}
	}
	return out, nil
}
