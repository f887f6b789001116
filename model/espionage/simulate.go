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
		first          = math.NaN()
	)
	strategy := g.P.Strategy
	L := g.P.PunishLength
	horizon := g.P.Horizon
	for {
		periods++
		var u float64 // average stage payoff of the two states this period
		if state == coop {
			spy1 := g.eps > 0 && rng.Float64() < g.eps
			spy2 := g.eps > 0 && rng.Float64() < g.eps
			alarmProb := g.q
			switch {
			case spy1 && spy2:
				u = g.pun
				alarmProb = g.p
			case spy1 || spy2:
				u = 0.5 * (g.t + g.s)
				alarmProb = g.p
			default:
				u = g.r
				coopPeriods++
			}
			if rng.Float64() < alarmProb {
				start := false
				switch strategy {
				case "grim":
					state, start = forever, true
				case "punish":
					state, left, start = punishing, L, true
				case "probabilistic":
					if rng.Float64() < g.tau {
						state, start = forever, true
					}
				}
				if start {
					if spy1 || spy2 {
						trueE++
					} else {
						falseEp++
					}
					if math.IsNaN(first) {
						first = float64(periods)
					}
				}
			}
		} else {
			u = g.pun
			if state == punishing {
				left--
				if left == 0 {
					state = coop
				}
			}
		}
		sum += u
		if horizon > 0 {
			disc += weight * u
			weight *= g.delta
			if periods == horizon {
				break
			}
		} else if rng.Float64() >= g.delta {
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
	out[simFirstBreakdown] = first
	return nil
}
