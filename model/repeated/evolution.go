package repeated

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Replicator integrates the replicator dynamics
//
//	ẋᵢ = xᵢ((Ax)ᵢ − xᵀAx)
//
// (Taylor & Jonker, Mathematical Biosciences 40, 1978) from the population
// shares x0 with steps classical Runge–Kutta steps of length dt, and returns
// the path: steps+1 share vectors, x0 first. A[i][j] is the payoff of
// strategy i against j, e.g. from [PayoffMatrix] or [Standings].Matrix. After
// each step shares are clipped at 0 and renormalised, which removes rounding
// drift off the simplex.
func Replicator(a [][]float64, x0 []float64, dt float64, steps int) ([][]float64, error) {
	n := len(x0)
	if err := checkSquare(a, n); err != nil {
		return nil, err
	}
	var sum float64
	for _, x := range x0 {
		if !(x >= 0) {
			return nil, fmt.Errorf("population share %g is negative", x)
		}
		sum += x
	}
	if math.Abs(sum-1) > 1e-9 {
		return nil, fmt.Errorf("population shares sum to %g, not 1", sum)
	}
	if !(dt > 0) || steps < 0 {
		return nil, fmt.Errorf("need dt > 0 and steps ≥ 0, got %g and %d", dt, steps)
	}
	f := func(x, out []float64) {
		var mean float64
		for i := range x {
			var ax float64
			for j := range x {
				ax += a[i][j] * x[j]
			}
			out[i] = ax
			mean += x[i] * ax
		}
		for i := range x {
			out[i] = x[i] * (out[i] - mean)
		}
	}
	path := make([][]float64, 0, steps+1)
	x := append([]float64(nil), x0...)
	path = append(path, append([]float64(nil), x...))
	k1, k2, k3, k4, tmp := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for s := 0; s < steps; s++ {
		f(x, k1)
		for i := range x {
			tmp[i] = x[i] + dt/2*k1[i]
		}
		f(tmp, k2)
		for i := range x {
			tmp[i] = x[i] + dt/2*k2[i]
		}
		f(tmp, k3)
		for i := range x {
			tmp[i] = x[i] + dt*k3[i]
		}
		f(tmp, k4)
		var tot float64
		for i := range x {
			x[i] += dt / 6 * (k1[i] + 2*k2[i] + 2*k3[i] + k4[i])
			x[i] = math.Max(x[i], 0)
			tot += x[i]
		}
		for i := range x {
			x[i] /= tot
		}
		path = append(path, append([]float64(nil), x...))
	}
	return path, nil
}

func checkSquare(a [][]float64, n int) error {
	if len(a) != n {
		return fmt.Errorf("payoff matrix has %d rows for %d strategies", len(a), n)
	}
	for i, row := range a {
		if len(row) != n {
			return fmt.Errorf("payoff matrix row %d has %d entries for %d strategies", i, len(row), n)
		}
		for _, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("payoff matrix row %d holds %g", i, v)
			}
		}
	}
	return nil
}

// Moran is the frequency-dependent Moran process of Nowak, Sasaki, Taylor &
// Fudenberg (Nature 428, 2004) over a strategy set: a population of N
// players; a player of type i with others in counts n earns the average
// payoff πᵢ = (Σⱼ nⱼA[i][j] − A[i][i])/(N−1) against everyone else and has
// fitness 1 − w + w·πᵢ; each step one player reproduces with probability
// proportional to fitness and its offspring replaces a player chosen
// uniformly at random (possibly the parent).
type Moran struct {
	Payoff    [][]float64 // A[i][j]: payoff of i against j
	N         int         // population size, ≥ 2
	Selection float64     // w in [0, 1]; 0 is neutral drift
}

// Validate checks the process: a square payoff matrix, N ≥ 2, w in [0, 1]
// and positive fitness for every payoff in the matrix.
func (m Moran) Validate() error {
	if err := checkSquare(m.Payoff, len(m.Payoff)); err != nil {
		return err
	}
	if len(m.Payoff) == 0 {
		return errors.New("moran: no strategies")
	}
	if m.N < 2 {
		return fmt.Errorf("moran: population size %d must be at least 2", m.N)
	}
	if !(m.Selection >= 0 && m.Selection <= 1) {
		return fmt.Errorf("moran: selection intensity %g must be in [0, 1]", m.Selection)
	}
	lo := math.Inf(1)
	for _, row := range m.Payoff {
		for _, v := range row {
			lo = math.Min(lo, v)
		}
	}
	if f := 1 - m.Selection + m.Selection*lo; !(f > 0) {
		return fmt.Errorf("moran: fitness 1 − w + w·%g = %g is not positive; lower the selection intensity", lo, f)
	}
	return nil
}

// Fixation is the exact probability that one player of type mutant takes over
// a population of type resident:
//
//	ρ = 1 / Σ_{m=0}^{N−1} Π_{k=1}^{m} gₖ/fₖ
//
// with fₖ, gₖ the fitness of mutants and residents when there are k mutants.
// It is 1/N under neutral drift.
func (m Moran) Fixation(mutant, resident int) float64 {
	n := float64(m.N)
	a, b := m.Payoff[mutant][mutant], m.Payoff[mutant][resident]
	c, d := m.Payoff[resident][mutant], m.Payoff[resident][resident]
	w := m.Selection
	// Sum of exp(L_m) with L_m = Σ_{k≤m} log(g_k/f_k), scaled by the largest.
	logs := make([]float64, m.N)
	top := 0.0
	for k := 1; k < m.N; k++ {
		kf := float64(k)
		f := 1 - w + w*((kf-1)*a+(n-kf)*b)/(n-1)
		g := 1 - w + w*(kf*c+(n-kf-1)*d)/(n-1)
		logs[k] = logs[k-1] + math.Log(g/f)
		top = math.Max(top, logs[k])
	}
	var s float64
	for _, l := range logs {
		s += math.Exp(l - top)
	}
	return math.Exp(-top) / s
}

// Run plays the process from the type counts in counts (which must sum to N;
// it is updated in place) until one type remains, and returns that type and
// the number of steps. It allocates nothing.
func (m Moran) Run(rng *rand.Rand, counts []int) (winner, steps int) {
	k := len(counts)
	n := float64(m.N)
	w := m.Selection
	for {
		for i, c := range counts {
			if c == m.N {
				return i, steps
			}
		}
		steps++
		// Total fitness, then the reproducing type.
		var total float64
		for i, ci := range counts {
			if ci > 0 {
				total += float64(ci) * m.fitness(i, counts, n, w)
			}
		}
		u := rng.Float64() * total
		birth := -1
		for i, ci := range counts {
			if ci == 0 {
				continue
			}
			birth = i
			u -= float64(ci) * m.fitness(i, counts, n, w)
			if u < 0 {
				break
			}
		}
		// The dying player: uniform over the population.
		v := rng.IntN(m.N)
		death := 0
		for i := 0; i < k; i++ {
			if v < counts[i] {
				death = i
				break
			}
			v -= counts[i]
		}
		counts[birth]++
		counts[death]--
	}
}

func (m Moran) fitness(i int, counts []int, n, w float64) float64 {
	var pay float64
	for j, cj := range counts {
		pay += float64(cj) * m.Payoff[i][j]
	}
	pay = (pay - m.Payoff[i][i]) / (n - 1)
	return 1 - w + w*pay
}

// RareMutation returns the long-run share of time the population spends
// monomorphic in each strategy when mutations are rare (Fudenberg & Imhof,
// J. Economic Theory 131, 2006; Imhof, Fudenberg & Nowak, PNAS 102, 2005): the
// stationary law of the chain that moves from resident j to i with
// probability ρ(i into j)/(k−1).
func (m Moran) RareMutation() ([]float64, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	k := len(m.Payoff)
	if k == 1 {
		return []float64{1}, nil
	}
	// Balance equations Σ_j π_j M[j][i] = π_i, the last replaced by Σπ = 1.
	a := mat.NewDense(k, k, nil)
	for j := 0; j < k; j++ {
		var out float64
		for i := 0; i < k; i++ {
			if i == j {
				continue
			}
			p := m.Fixation(i, j) / float64(k-1)
			a.Set(i, j, a.At(i, j)+p)
			out += p
		}
		a.Set(j, j, a.At(j, j)-out)
	}
	for j := 0; j < k; j++ {
		a.Set(k-1, j, 1)
	}
	b := mat.NewVecDense(k, nil)
	b.SetVec(k-1, 1)
	x, _, err := solve(a, b)
	if err != nil {
		return nil, err
	}
	return append([]float64(nil), x.RawVector().Data...), nil
}
