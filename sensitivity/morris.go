package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/statecraft/statecraft/schema"
	"github.com/statecraft/statecraft/sweep/sample"
)

// MorrisDesign is a set of Morris trajectories (Morris 1991) for K =
// len(Params) parameters on a p-level grid of the unit cube.
//
// The grid levels are 0, 1/(p−1), …, 1 and the step is Δ = p/(2(p−1)), so a
// step joins level l to level l + p/2. A trajectory is K+1 points: a random
// start, then one step of ±Δ in each parameter in turn, in a random order.
// This is Morris's construction B* = (J x* + (Δ/2)[(2B − J)D* + J])P*: the
// base point x* has independent levels drawn uniformly from the lower half
// {0, …, p/2 − 1}, D* independent random signs and P* a random order. With p
// even every level is equally likely in every coordinate.
//
// Points lists the trajectories one after the other: Len() = R(K+1).
type MorrisDesign struct {
	Params       []string    // parameter names, one per unit-cube coordinate
	Trajectories int         // R
	Levels       int         // p
	Delta        float64     // Δ = p/(2(p−1)), in unit-cube coordinates
	Points       [][]float64 // unit-cube points, trajectory by trajectory

	moved []int  // factor changed by step l of trajectory t: moved[t*K+l]
	up    []bool // whether that step was +Δ
}

// NewMorrisDesign builds r trajectories on a grid of levels levels (even,
// ≥ 2; 4 is customary) with randomness from rng. For each trajectory rng gives
// the K base levels (IntN), then the K signs, then a shuffle of the K
// parameters (rand.Rand.Shuffle).
func NewMorrisDesign(params []string, r, levels int, rng *rand.Rand) (*MorrisDesign, error) {
	k := len(params)
	if k == 0 {
		return nil, schema.Errorf("", "a sensitivity analysis needs at least one uncertain parameter")
	}
	if r < 2 {
		return nil, schema.Errorf("trajectories", "Morris screening needs at least 2 trajectories (σ is a standard deviation over them), got %d", r)
	}
	if levels < 2 || levels%2 != 0 {
		return nil, schema.Errorf("levels", "the Morris grid needs an even number of levels ≥ 2 (4 is customary), got %d", levels)
	}
	if rng == nil {
		return nil, fmt.Errorf("sensitivity: NewMorrisDesign needs a random stream")
	}
	d := &MorrisDesign{
		Params: append([]string(nil), params...), Trajectories: r, Levels: levels,
		Delta:  float64(levels) / float64(2*(levels-1)),
		Points: sample.NewMatrix(r*(k+1), k),
		moved:  make([]int, r*k),
		up:     make([]bool, r*k),
	}
	half := levels / 2
	level := func(l int) float64 { return float64(l) / float64(levels-1) }
	cur := make([]int, k) // current level of each factor
	sign := make([]bool, k)
	order := make([]int, k)
	for t := 0; t < r; t++ {
		for i := range cur {
			cur[i] = rng.IntN(half)
		}
		for i := range sign {
			sign[i] = rng.Uint64()&1 == 1 // true: this factor steps up
		}
		for i := range order {
			order[i] = i
		}
		rng.Shuffle(k, func(a, b int) { order[a], order[b] = order[b], order[a] })
		// A factor stepping down starts at its upper level.
		for i := range cur {
			if !sign[i] {
				cur[i] += half
			}
		}
		pts := d.Points[t*(k+1) : (t+1)*(k+1)]
		for i := range cur {
			pts[0][i] = level(cur[i])
		}
		for l, i := range order {
			if sign[i] {
				cur[i] += half
			} else {
				cur[i] -= half
			}
			copy(pts[l+1], pts[l])
			pts[l+1][i] = level(cur[i])
			d.moved[t*k+l] = i
			d.up[t*k+l] = sign[i]
		}
	}
	return d, nil
}

// Len is the number of model evaluations the design needs.
func (d *MorrisDesign) Len() int { return d.Trajectories * (len(d.Params) + 1) }

// effects writes the elementary effects into ee[i*R+t] for parameter i and
// trajectory t: (f(x + Δeᵢ) − f(x))/Δ whichever way the step went.
func (d *MorrisDesign) effects(y []float64, ee []float64) {
	k, r := len(d.Params), d.Trajectories
	for t := 0; t < r; t++ {
		f := y[t*(k+1) : (t+1)*(k+1)]
		for l := 0; l < k; l++ {
			i := d.moved[t*k+l]
			diff := f[l+1] - f[l]
			if !d.up[t*k+l] {
				diff = -diff
			}
			ee[i*r+t] = diff / d.Delta
		}
	}
}

// Analyze computes the Morris measures of one metric from its values y at the
// design points, in design order (len(y) == Len()): for each parameter the
// mean μ of its R elementary effects, the mean of their absolute values μ*
// (Campolongo, Cariboni & Saltelli 2007), which does not let effects of
// opposite sign cancel, and their standard deviation σ (divisor R−1), which is
// large for parameters that interact or act non-linearly. The interval is for
// μ*, by resampling trajectories (boot). Effects are in units of the metric
// per unit of the unit cube (Δ is a fraction of each parameter's quantile
// range), so they are comparable across parameters.
func (d *MorrisDesign) Analyze(metric string, y []float64, boot Bootstrap) (Result, error) {
	k, r := len(d.Params), d.Trajectories
	if len(y) != d.Len() {
		return Result{}, fmt.Errorf("sensitivity: metric %s has %d values, the design has %d points", metric, len(y), d.Len())
	}
	for _, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Result{}, fmt.Errorf("sensitivity: metric %s is NaN or infinite at some design points; elementary effects need a finite value at every point", metric)
		}
	}
	boot, err := boot.resolve()
	if err != nil {
		return Result{}, err
	}
	ee := make([]float64, k*r)
	d.effects(y, ee)
	res := Result{}
	if boot.Resamples > 0 {
		res.Confidence, res.Resamples = boot.Level, boot.Resamples
	}
	idx := make([]int, r)
	reps := make([]float64, max(boot.Resamples, 0))
	for i, p := range d.Params {
		e := ee[i*r : (i+1)*r]
		var mu, muStar float64
		for _, v := range e {
			mu += v
			muStar += math.Abs(v)
		}
		mu /= float64(r)
		muStar /= float64(r)
		var ss float64
		for _, v := range e {
			ss += (v - mu) * (v - mu)
		}
		lo, hi := math.NaN(), math.NaN()
		if boot.Resamples > 0 {
			for b := range reps {
				resample(boot.Rng, idx, r)
				var s float64
				for _, t := range idx {
					s += math.Abs(e[t])
				}
				reps[b] = s / float64(r)
			}
			lo, hi = interval(reps, boot.Level)
		}
		res.Morris = append(res.Morris, MorrisIndex{
			Metric: metric, Param: p,
			Mu: mu, MuStar: muStar, MuStarLo: lo, MuStarHi: hi,
			Sigma: math.Sqrt(ss / float64(r-1)),
		})
	}
	return res, nil
}
