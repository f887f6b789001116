package sweep

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Welford accumulates the count, mean and sum of squared deviations of a
// stream in one pass (Welford, Technometrics 4(3), 1962), so memory does not
// grow with the number of replications. NaN observations are skipped.
type Welford struct {
	N    int
	Mean float64
	m2   float64
}

// Add records one observation.
func (w *Welford) Add(x float64) {
	if math.IsNaN(x) {
		return
	}
	w.N++
	d := x - w.Mean
	w.Mean += d / float64(w.N)
	w.m2 += d * (x - w.Mean)
}

// SD is the sample standard deviation (NaN for fewer than two observations).
func (w *Welford) SD() float64 {
	if w.N < 2 {
		return math.NaN()
	}
	return math.Sqrt(w.m2 / float64(w.N-1))
}

// SE is the standard error of the mean.
func (w *Welford) SE() float64 { return w.SD() / math.Sqrt(float64(w.N)) }

// Summary is the per-cell aggregate of one simulated metric.
type Summary struct {
	N                    int
	Mean, SD, SE, Lo, Hi float64
}

// Summarise returns the aggregate with a 95% Student-t interval for the mean.
// With fewer than two observations SD, SE and the interval are NaN; the mean
// is NaN without observations.
func (w *Welford) Summarise(tq *TQuantiles) Summary {
	s := Summary{N: w.N, Mean: w.Mean, SD: w.SD(), SE: w.SE()}
	if w.N == 0 {
		s.Mean = math.NaN()
	}
	if w.N < 2 {
		s.Lo, s.Hi = math.NaN(), math.NaN()
		return s
	}
	if s.SE == 0 {
		s.Lo, s.Hi = s.Mean, s.Mean
		return s
	}
	h := tq.At(w.N-1) * s.SE
	s.Lo, s.Hi = s.Mean-h, s.Mean+h
	return s
}

// TQuantiles caches the 0.975 quantile of Student's t by degrees of freedom.
// It is not safe for concurrent use; each worker owns one.
type TQuantiles struct {
	cache map[int]float64
}

// At returns the 0.975 quantile of Student's t with df degrees of freedom.
func (t *TQuantiles) At(df int) float64 {
	if q, ok := t.cache[df]; ok {
		return q
	}
	if t.cache == nil {
		t.cache = map[int]float64{}
	}
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(0.975)
	t.cache[df] = q
	return q
}
