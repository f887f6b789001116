package sensitivity

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
)

// DefaultResamples is the number of bootstrap resamples when
// [Bootstrap.Resamples] is zero.
const DefaultResamples = 1000

// DefaultLevel is the confidence level when [Bootstrap.Level] is zero.
const DefaultLevel = 0.95

// Bootstrap sets how confidence intervals are computed: the rows of the
// design (base samples for Sobol indices, trajectories for Morris) are drawn
// with replacement Resamples times, the indices recomputed on each resample,
// and the interval is the (1−Level)/2 and (1+Level)/2 percentiles of the
// resampled values (Efron's percentile interval; quantiles by linear
// interpolation between order statistics). Point estimates always use the
// whole sample.
type Bootstrap struct {
	Resamples int        // 0: DefaultResamples; negative: no intervals (NaN)
	Level     float64    // 0: DefaultLevel; otherwise in (0, 1)
	Rng       *rand.Rand // the resampling stream; required unless Resamples < 0
}

func (b Bootstrap) resolve() (Bootstrap, error) {
	if b.Resamples == 0 {
		b.Resamples = DefaultResamples
	}
	if b.Level == 0 {
		b.Level = DefaultLevel
	}
	if !(b.Level > 0 && b.Level < 1) {
		return b, errors.New("sensitivity: bootstrap confidence level must be in (0, 1)")
	}
	if b.Resamples > 0 && b.Rng == nil {
		return b, errors.New("sensitivity: bootstrap resampling needs a random stream (Bootstrap.Rng is nil)")
	}
	return b, nil
}

// percentile returns the q-quantile of sorted values by linear interpolation
// between order statistics (Hyndman & Fan's type 7).
func percentile(sorted []float64, q float64) float64 {
	h := q * float64(len(sorted)-1)
	lo := int(math.Floor(h))
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// interval returns the percentile interval of the replicates at the level, or
// NaNs when there are none or any is NaN. reps is sorted in place.
func interval(reps []float64, level float64) (lo, hi float64) {
	if len(reps) == 0 {
		return math.NaN(), math.NaN()
	}
	for _, v := range reps {
		if math.IsNaN(v) {
			return math.NaN(), math.NaN()
		}
	}
	slices.Sort(reps)
	return percentile(reps, (1-level)/2), percentile(reps, (1+level)/2)
}

// resample fills idx with len(idx) draws from 0…n−1 with replacement.
func resample(rng *rand.Rand, idx []int, n int) {
	for i := range idx {
		idx[i] = rng.IntN(n)
	}
}
