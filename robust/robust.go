package robust

import (
	"fmt"
	"math"
	"slices"
)

// Options say what counts as good.
type Options struct {
	// Minimize makes smaller values better (default: larger is better).
	Minimize bool
	// Threshold, when set, is the satisficing level: a lever satisfices in
	// a scenario when its value is at least the threshold (at most, with
	// Minimize).
	Threshold *float64
}

// Quantiles reported per lever.
var Quantiles = []float64{0.05, 0.5, 0.95}

// Lever is the robustness of one lever setting across the scenarios.
type Lever struct {
	// Mean and Q (at Quantiles, by linear interpolation between order
	// statistics) of the metric over the scenarios.
	Mean float64
	Q    []float64
	// Satisficing is the share of scenarios meeting the threshold (NaN
	// without one).
	Satisficing float64
	// MaxRegret is the largest regret over the scenarios, reached first in
	// scenario MaxRegretAt. The regret of a lever in a scenario is how much
	// worse it does there than the best lever does (Savage 1951).
	MaxRegret   float64
	MaxRegretAt int
}

// Robustness computes per-lever statistics of a table of values — lever g,
// scenario s — in two passes, each taking the levers in order: [Robustness.Best]
// learns the best value of each scenario, [Robustness.Lever] then describes
// each lever. Memory is O(scenarios). Scenarios where any lever's value is
// undefined (NaN) are left out of both passes, so that every lever is
// judged on the same scenarios.
type Robustness struct {
	opt       Options
	best      []float64
	undefined []bool
	sorted    []float64
}

// New prepares for a table of the given number of scenarios.
func New(scenarios int, opt Options) *Robustness {
	r := &Robustness{opt: opt, best: make([]float64, scenarios), undefined: make([]bool, scenarios)}
	for s := range r.best {
		r.best[s] = math.NaN()
	}
	return r
}

// better reports whether a beats b (NaN b: always).
func (r *Robustness) better(a, b float64) bool {
	if math.IsNaN(b) {
		return true
	}
	if r.opt.Minimize {
		return a < b
	}
	return a > b
}

// Best takes one lever's values, one per scenario (first pass).
func (r *Robustness) Best(values []float64) error {
	if len(values) != len(r.best) {
		return fmt.Errorf("robust: %d values for %d scenarios", len(values), len(r.best))
	}
	for s, v := range values {
		if math.IsNaN(v) {
			r.undefined[s] = true
		} else if r.better(v, r.best[s]) {
			r.best[s] = v
		}
	}
	return nil
}

// Kept is the number of scenarios every lever has a value in.
func (r *Robustness) Kept() int {
	k := 0
	for _, u := range r.undefined {
		if !u {
			k++
		}
	}
	return k
}

// Lever describes one lever from its values (second pass, after Best saw
// every lever). It is an error when no scenario is kept.
func (r *Robustness) Lever(values []float64) (Lever, error) {
	if len(values) != len(r.best) {
		return Lever{}, fmt.Errorf("robust: %d values for %d scenarios", len(values), len(r.best))
	}
	l := Lever{MaxRegret: math.Inf(-1), MaxRegretAt: -1, Satisficing: math.NaN()}
	r.sorted = r.sorted[:0]
	sum, meets := 0.0, 0
	for s, v := range values {
		if r.undefined[s] {
			continue
		}
		r.sorted = append(r.sorted, v)
		sum += v
		regret := r.best[s] - v
		if r.opt.Minimize {
			regret = v - r.best[s]
		}
		if regret > l.MaxRegret {
			l.MaxRegret, l.MaxRegretAt = regret, s
		}
		if t := r.opt.Threshold; t != nil && ((!r.opt.Minimize && v >= *t) || (r.opt.Minimize && v <= *t)) {
			meets++
		}
	}
	n := len(r.sorted)
	if n == 0 {
		return Lever{}, fmt.Errorf("robust: no scenario where every lever has a value")
	}
	l.Mean = sum / float64(n)
	slices.Sort(r.sorted)
	for _, q := range Quantiles {
		l.Q = append(l.Q, Quantile(r.sorted, q))
	}
	if r.opt.Threshold != nil {
		l.Satisficing = float64(meets) / float64(n)
	}
	return l, nil
}

// Quantile returns the q-quantile of sorted values by linear interpolation
// between order statistics: position q·(n−1), counted from 0 (Hyndman &
// Fan's definition 7, the default of R and NumPy).
func Quantile(sorted []float64, q float64) float64 {
	h := q * float64(len(sorted)-1)
	lo := int(math.Floor(h))
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// Table describes every lever of a table held in memory: values[g][s] is
// lever g's value in scenario s.
func Table(values [][]float64, opt Options) ([]Lever, error) {
	if len(values) == 0 {
		return nil, fmt.Errorf("robust: no levers")
	}
	r := New(len(values[0]), opt)
	for _, v := range values {
		if err := r.Best(v); err != nil {
			return nil, err
		}
	}
	out := make([]Lever, len(values))
	for g, v := range values {
		l, err := r.Lever(v)
		if err != nil {
			return nil, err
		}
		out[g] = l
	}
	return out, nil
}

// MinimaxRegret returns the lever with the smallest maximum regret (the
// first on a tie).
func MinimaxRegret(levers []Lever) int {
	best := 0
	for g, l := range levers {
		if l.MaxRegret < levers[best].MaxRegret {
			best = g
		}
	}
	return best
}

// MostSatisficing returns the lever with the largest satisficing share (the
// first on a tie), or −1 without a threshold.
func MostSatisficing(levers []Lever) int {
	if len(levers) == 0 || math.IsNaN(levers[0].Satisficing) {
		return -1
	}
	best := 0
	for g, l := range levers {
		if l.Satisficing > levers[best].Satisficing {
			best = g
		}
	}
	return best
}
