package mctest

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Stats accumulates the mean and variance of a sample.
type Stats struct {
	n, mean, m2 float64
}

// Add adds x to the sample; NaN is left out.
func (s *Stats) Add(x float64) {
	if math.IsNaN(x) {
		return
	}
	s.n++
	d := x - s.mean
	s.mean += d / s.n
	s.m2 += d * (x - s.mean)
}

// N is the number of values added (NaN left out).
func (s *Stats) N() int { return int(s.n) }

// Mean is the sample mean, NaN for an empty sample.
func (s *Stats) Mean() float64 {
	if s.n == 0 {
		return math.NaN()
	}
	return s.mean
}

// SE is the standard error of the mean, √(s²/n) with s² the unbiased sample
// variance; NaN for fewer than two values.
func (s *Stats) SE() float64 {
	if s.n < 2 {
		return math.NaN()
	}
	return math.Sqrt(math.Max(s.m2, 0) / (s.n - 1) / s.n)
}

// Moments runs sim n times with rng, each replication filling a slice of
// width outputs, and returns the mean and standard error of each output over
// the replications in which it is not NaN (see [Stats]). An error of sim
// fails t at once.
func Moments(t testing.TB, sim func(rng *rand.Rand, out []float64) error, n int, rng *rand.Rand, width int) (mean, se []float64) {
	t.Helper()
	out := make([]float64, width)
	st := make([]Stats, width)
	for i := 0; i < n; i++ {
		if err := sim(rng, out); err != nil {
			t.Fatalf("replication %d: %v", i, err)
			return nil, nil // for a testing.TB whose Fatalf returns
		}
		for k, v := range out {
			st[k].Add(v)
		}
	}
	mean, se = make([]float64, width), make([]float64, width)
	for k := range st {
		mean[k], se[k] = st[k].Mean(), st[k].SE()
	}
	return mean, se
}

// ZeroSpreadTol is the relative tolerance for a sample without spread
// (se = 0): the simulation computed a constant, which must agree with the
// exact value to rounding (max(1, |want|) times this).
const ZeroSpreadTol = 1e-12

// Within reports whether a simulated mean got, with standard error se, lies
// within k standard errors of the exact value want, and fails t with a
// message naming what if not. Two NaNs agree (a metric undefined on both
// sides); one NaN, or a NaN standard error (fewer than two values), fails. A
// sample without spread must match want within [ZeroSpreadTol].
func Within(t testing.TB, what string, got, se, want, k float64) bool {
	t.Helper()
	switch {
	case math.IsNaN(got) || math.IsNaN(want):
		if math.IsNaN(got) && math.IsNaN(want) {
			return true
		}
		t.Errorf("%s: simulated %g, exact %g", what, got, want)
	case math.IsNaN(se):
		t.Errorf("%s: simulated %g has no standard error (fewer than two values); exact %g", what, got, want)
	case se == 0:
		if math.Abs(got-want) <= ZeroSpreadTol*math.Max(1, math.Abs(want)) {
			return true
		}
		t.Errorf("%s: simulated %.12g without spread, exact %.12g", what, got, want)
	case math.Abs(got-want) <= k*se:
		return true
	default:
		t.Errorf("%s: simulated %.6f ± %.6f (se), exact %.6f: off by %.1f se", what, got, se, want, math.Abs(got-want)/se)
	}
	return false
}
