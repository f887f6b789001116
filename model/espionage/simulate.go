package espionage

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Indices of the simulated metrics in the slice Simulate fills.
const (
	simCoopRate = iota
	simMeanPayoff
	simDiscounted
	simFalseTriggers
	simTrueTriggers
	simFirstBreakdown
	numSimulated
)

// Simulate plays the strategy pair once with the monitoring noise and writes
// the simulated metrics to out, in the order of the model's simulated metrics.
// It draws one uniform a period for the signal, one for termination (when
// horizon is 0), two for rogue units (when rogue > 0) and one per alarm for the
// probabilistic trigger; it allocates nothing.
func (g *Game) Simulate(rng *rand.Rand, out []float64) error {
	if len(out) != numSimulated {
		return fmt.Errorf("espionage: Simulate needs %d outputs, got %d", numSimulated, len(out))
	}
	const (
		coop = iota
		punishing
		forever
	)
	var (
		state          = coop
		left           int // punishment periods left
		periods        int
		coopPeriods    int
		sum, disc      float64
		weight         = 1.0
		falseEp, trueE int
		first          int // period of the first trigger; 0 = none yet
	)
	// Copies in locals let the compiler keep them in registers: the loop
	// calls rng through an interface, after which fields of g would be reloaded.
	kind, L, horizon := g.kind, g.P.PunishLength, g.P.Horizon
	eps, p, q, delta, tau := g.eps, g.p, g.q, g.delta, g.tau
	r, pun, mixed := g.r, g.pun, 0.5*(g.t+g.s)
	rogue := eps > 0
	for {
		periods++
		u := pun // average stage payoff of the two states this period
		if state == coop {
			spied := false
			alarmProb := q
			u = r
			if rogue {
				spy1 := rng.Float64() < eps
				spy2 := rng.Float64() < eps
				switch {
				case spy1 && spy2:
					u, alarmProb, spied = pun, p, true
				case spy1 || spy2:
					u, alarmProb, spied = mixed, p, true
				}
			}
			if !spied {
				coopPeriods++
			}
			if rng.Float64() < alarmProb {
				start := true
				switch kind {
				case grim:
					state = forever
				case punish:
					state, left = punishing, L
				case probabilistic:
					if start = rng.Float64() < tau; start {
						state = forever
					}
				}
				if start {
					if spied {
						trueE++
					} else {
						falseEp++
					}
					if first == 0 {
						first = periods
					}
				}
			}
		} else if state == punishing {
			if left--; left == 0 {
				state = coop
			}
		}
		sum += u
		if horizon > 0 {
			disc += weight * u
			weight *= delta
			if periods == horizon {
				break
			}
		} else if rng.Float64() >= delta {
			break
		}
	}
	n := float64(periods)
	out[simCoopRate] = float64(coopPeriods) / n
	out[simMeanPayoff] = sum / n
	if horizon > 0 {
		// Discounted average over the H periods played: (1−δ)/(1−δᴴ) Σ δᵗuₜ.
		out[simDiscounted] = disc * (1 - g.delta) / (1 - weight)
	} else {
		// Under random termination E[Σ uₜ] = Σ δᵗ E[uₜ], so (1−δ)Σuₜ estimates V.
		out[simDiscounted] = (1 - g.delta) * sum
	}
	out[simFalseTriggers] = 100 * float64(falseEp) / n
	out[simTrueTriggers] = 100 * float64(trueE) / n
	out[simFirstBreakdown] = math.NaN()
	if first > 0 {
		out[simFirstBreakdown] = float64(first)
	}
	return nil
}
