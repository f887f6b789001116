package sweep

import (
	"math"
	"math/rand/v2"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/sweep/sample"
)

// Design-level random streams. Randomness that belongs to the run rather than
// to one cell — the sample points of the uncertain parameters, a sensitivity
// design, its bootstrap — comes from StreamSeed(seed, DesignCell, key): no
// real cell has the index DesignCell, so these streams never coincide with a
// replication's.
const (
	DesignCell uint64 = math.MaxUint64

	KeySample      uint64 = 0 // sweep.uncertain sample points
	KeySensitivity uint64 = 1 // the Saltelli or Morris design
	KeyBootstrap   uint64 = 2 // bootstrap resampling of sensitivity indices
)

// DesignRand returns the design-level stream for key under seed.
func DesignRand(seed, key uint64) *rand.Rand {
	return rand.New(rand.NewPCG(StreamSeed(seed, DesignCell, key)))
}

// Sample draws n points of the uncertain parameters (one distribution each)
// by method ("random", "lhs" or "sobol"; see package sample): unit-cube points
// from the stream DesignRand(seed, KeySample), mapped through each
// distribution's quantile function. The points depend only on method, n, the
// distributions and the seed.
func Sample(method string, n int, dists []dist.Dist, seed uint64) ([][]float64, error) {
	u, err := sample.Generate(method, n, len(dists), DesignRand(seed, KeySample))
	if err != nil {
		return nil, err
	}
	return sample.Transform(u, dists)
}
