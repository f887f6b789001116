package timing

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Indices of the simulated metrics in the slice Simulate fills.
const (
	simUses = iota
	simLifetime
	simFirstUse
	simBurned
	simPayoff
	numSimulated
)

// Simulate plays one life of the resource under the optimal policy: each
// period it draws the stakes, uses the resource iff they reach the threshold,
// and then the resource survives with probability S after a use (else it is
// detected: the penalty is paid and the life ends) or P after a period kept.
// It uses two uniforms a period and allocates nothing.
func (r *Problem) Simulate(rng *rand.Rand, out []float64) error {
	if len(out) != numSimulated {
		return fmt.Errorf("timing: Simulate needs %d outputs, got %d", numSimulated, len(out))
	}
	if r.err != nil {
		return r.err
	}
	if r.sol.UseProb == 0 && r.P.Persistence == 1 {
		// Never used and never lost: the life has no end (NaN, left out of
		// the lifetime's mean) and pays nothing.
		out[simUses], out[simLifetime], out[simFirstUse], out[simBurned], out[simPayoff] = 0, math.NaN(), math.NaN(), 0, 0
		return nil
	}
	var (
		t      = r.sol.Threshold
		S, P   = r.P.Stealth, r.P.Persistence
		w      = r.P.Discount
		weight = 1.0
		payoff float64
		uses   int
		period int
		first  = math.NaN()
		burned float64
	)
	for {
		period++
		x := r.P.Stakes.Rand(rng)
		if x >= t {
			uses++
			if uses == 1 {
				first = float64(period)
			}
			payoff += weight * x
			if rng.Float64() >= S {
				payoff -= weight * r.P.Penalty
				burned = 1
				break
			}
		} else if rng.Float64() >= P {
			break
		}
		weight *= w
	}
	out[simUses] = float64(uses)
	out[simLifetime] = float64(period)
	out[simFirstUse] = first
	out[simBurned] = burned
	out[simPayoff] = payoff
	return nil
}
