package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/statecraft/statecraft/schema"
	"github.com/statecraft/statecraft/sweep/sample"
)

// SobolDesign is a Saltelli design for variance-based (Sobol) sensitivity
// indices of K = len(Params) parameters from N base samples.
//
// Two independent N×K matrices A and B are the first and last K coordinates
// of a 2K-dimensional scrambled Sobol sequence (Saltelli et al. 2010, §3).
// A_B^(i) is A with column i taken from B; with second-order indices, B_A^(i)
// is B with column i taken from A (Saltelli 2002). The design lists, for each
// base sample j = 0…N−1 in turn, the rows
//
//	A_j, A_B^(1)_j, …, A_B^(K)_j, [B_A^(1)_j, …, B_A^(K)_j,] B_j
//
// so Len() = N(K+2), or N(2K+2) with second-order indices. Keeping each base
// sample's rows together means any prefix of whole blocks is itself a valid,
// smaller design.
type SobolDesign struct {
	Params      []string    // parameter names, one per unit-cube coordinate
	N           int         // base samples
	SecondOrder bool        // whether the B_A^(i) rows are included
	Points      [][]float64 // unit-cube points in evaluation order, Len() rows of K
}

// NewSobolDesign builds the design for the named parameters with n base
// samples (n ≥ 2; powers of two balance the Sobol net best). All randomness
// (the scrambling of the Sobol sequence) comes from rng.
func NewSobolDesign(params []string, n int, secondOrder bool, rng *rand.Rand) (*SobolDesign, error) {
	k := len(params)
	if k == 0 {
		return nil, schema.Errorf("", "a sensitivity analysis needs at least one uncertain parameter")
	}
	if 2*k > sample.MaxSobolDim {
		return nil, schema.Errorf("", "Saltelli sampling uses a Sobol sequence of twice as many dimensions as parameters: at most %d uncertain parameters, got %d", sample.MaxSobolDim/2, k)
	}
	if n < 2 {
		return nil, schema.Errorf("samples", "Sobol indices need at least 2 base samples, got %d", n)
	}
	if rng == nil {
		return nil, fmt.Errorf("sensitivity: NewSobolDesign needs a random stream to scramble the Sobol sequence")
	}
	base, err := sample.Sobol(n, 2*k, true, rng)
	if err != nil {
		return nil, err
	}
	d := &SobolDesign{Params: append([]string(nil), params...), N: n, SecondOrder: secondOrder}
	st := d.Stride()
	d.Points = sample.NewMatrix(n*st, k)
	for j, ab := range base {
		a, b := ab[:k], ab[k:]
		rows := d.Points[j*st : (j+1)*st]
		copy(rows[0], a)
		for i := 0; i < k; i++ {
			copy(rows[1+i], a)
			rows[1+i][i] = b[i]
			if secondOrder {
				copy(rows[1+k+i], b)
				rows[1+k+i][i] = a[i]
			}
		}
		copy(rows[st-1], b)
	}
	return d, nil
}

// Stride is the number of design rows per base sample: K+2, or 2K+2 with
// second-order indices.
func (d *SobolDesign) Stride() int {
	if d.SecondOrder {
		return 2*len(d.Params) + 2
	}
	return len(d.Params) + 2
}

// Len is the number of model evaluations the design needs.
func (d *SobolDesign) Len() int { return d.N * d.Stride() }

// saltelliWork holds the sums of one estimate, reused across resamples.
type saltelliWork struct {
	first, total []float64 // per parameter
	closed       []float64 // per pair
	pairs        [][2]int
}

// estimate writes S1 (K values), ST (K values) and, with second-order
// indices, S2 (one per pair i < j) into out. counts[j] is how many times base
// sample j is in the (re)sample; nil means each once. y must already be
// centred.
//
// A bootstrap resample is passed as counts rather than a list of drawn rows so
// that the rows are read in order and the ~37% of rows a resample leaves out
// cost nothing.
func (d *SobolDesign) estimate(y []float64, counts []int32, w *saltelliWork, out []float64) {
	k, st := len(d.Params), d.Stride()
	clear(w.first)
	clear(w.total)
	clear(w.closed)
	var sf, sff, sab float64
	for j := 0; j < d.N; j++ {
		m := 1.0
		if counts != nil {
			if counts[j] == 0 {
				continue
			}
			m = float64(counts[j])
		}
		blk := y[j*st : (j+1)*st]
		fA, fB := blk[0], blk[st-1]
		sf += m * (fA + fB)
		sff += m * (fA*fA + fB*fB)
		sab += m * fA * fB
		for i := 0; i < k; i++ {
			fABi := blk[1+i]
			dt := fA - fABi
			w.first[i] -= m * fB * dt
			w.total[i] += m * dt * dt
		}
		for p, pr := range w.pairs {
			a, b := pr[0], pr[1]
			// f(B_A^(a)) f(A_B^(b)) and its mirror image both estimate
			// E[E(y|x_a, x_b)²]; their average has the smaller variance.
			w.closed[p] += m * 0.5 * (blk[1+k+a]*blk[1+b] + blk[1+k+b]*blk[1+a])
		}
	}
	fn := float64(d.N) // a resample has N rows too
	mean := sf / (2 * fn)
	v := sff/(2*fn) - mean*mean
	f0sq := sab / fn
	if !(v > 0) {
		v = math.NaN() // a constant output has no variance to apportion
	}
	for i := 0; i < k; i++ {
		out[i] = w.first[i] / fn / v         // Saltelli et al. 2010, Table 2 (b)
		out[k+i] = w.total[i] / (2 * fn) / v // Jansen 1999, Table 2 (f)
	}
	for p, pr := range w.pairs {
		vc := w.closed[p]/fn - f0sq
		out[2*k+p] = vc/v - out[pr[0]] - out[pr[1]]
	}
}

// Analyze estimates the Sobol indices of one metric from its values y at the
// design points, in design order (len(y) == Len()).
//
// Estimators, with V the variance of the 2N outputs f(A) and f(B):
//
//	S_i  = (1/N) Σ_j f(B)_j (f(A_B^(i))_j − f(A)_j) / V         Saltelli et al. 2010
//	ST_i = (1/2N) Σ_j (f(A)_j − f(A_B^(i))_j)² / V               Jansen 1999
//	S_ij = [(1/N) Σ_j f(B_A^(i))_j f(A_B^(j))_j − f₀²] / V − S_i − S_j   Saltelli 2002
//
// with f₀² estimated by (1/N) Σ_j f(A)_j f(B)_j, and the S_ij product
// averaged with its mirror image f(B_A^(j)) f(A_B^(i)). Outputs are centred at
// the mean of f(A) and f(B) first: that leaves every estimator's expectation
// unchanged and makes the estimates independent of the output's offset. A
// metric with zero variance gets NaN indices. Intervals come from boot.
//
// Every value must be finite: a NaN (an undefined metric) at any design point
// is an error, since the estimators need the output everywhere.
func (d *SobolDesign) Analyze(metric string, y []float64, boot Bootstrap) (Result, error) {
	k := len(d.Params)
	if len(y) != d.Len() {
		return Result{}, fmt.Errorf("sensitivity: metric %s has %d values, the design has %d points", metric, len(y), d.Len())
	}
	bad := 0
	for _, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			bad++
		}
	}
	if bad > 0 {
		return Result{}, fmt.Errorf("sensitivity: metric %s is NaN or infinite at %d of %d design points; Sobol indices need a finite value at every point", metric, bad, len(y))
	}
	boot, err := boot.resolve()
	if err != nil {
		return Result{}, err
	}
	w := &saltelliWork{first: make([]float64, k), total: make([]float64, k)}
	if d.SecondOrder {
		for i := 0; i < k; i++ {
			for j := i + 1; j < k; j++ {
				w.pairs = append(w.pairs, [2]int{i, j})
			}
		}
	}
	w.closed = make([]float64, len(w.pairs))
	nstat := 2*k + len(w.pairs)

	st := d.Stride()
	var c float64
	for j := 0; j < d.N; j++ {
		c += y[j*st] + y[j*st+st-1]
	}
	c /= float64(2 * d.N)
	yc := make([]float64, len(y))
	for i, v := range y {
		yc[i] = v - c
	}

	est := make([]float64, nstat)
	d.estimate(yc, nil, w, est)

	lo, hi := make([]float64, nstat), make([]float64, nstat)
	for s := range lo {
		lo[s], hi[s] = math.NaN(), math.NaN()
	}
	if boot.Resamples > 0 {
		reps := make([][]float64, nstat)
		for s := range reps {
			reps[s] = make([]float64, boot.Resamples)
		}
		counts := make([]int32, d.N)
		out := make([]float64, nstat)
		for b := 0; b < boot.Resamples; b++ {
			clear(counts)
			for range d.N {
				counts[boot.Rng.IntN(d.N)]++
			}
			d.estimate(yc, counts, w, out)
			for s, v := range out {
				reps[s][b] = v
			}
		}
		for s := range reps {
			lo[s], hi[s] = interval(reps[s], boot.Level)
		}
	}

	res := Result{}
	if boot.Resamples > 0 {
		res.Confidence, res.Resamples = boot.Level, boot.Resamples
	}
	for i, p := range d.Params {
		res.Indices = append(res.Indices, Index{
			Metric: metric, Param: p,
			S1: est[i], S1Lo: lo[i], S1Hi: hi[i],
			ST: est[k+i], STLo: lo[k+i], STHi: hi[k+i],
		})
	}
	for p, pr := range w.pairs {
		s := 2*k + p
		res.SecondOrder = append(res.SecondOrder, SecondIndex{
			Metric: metric, ParamI: d.Params[pr[0]], ParamJ: d.Params[pr[1]],
			S2: est[s], S2Lo: lo[s], S2Hi: hi[s],
		})
	}
	return res, nil
}
