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
//
// Each cooperative period draws one uniform that decides whether a punishment
// starts: it starts with probability q·x (p·x after real spying), where x is 1
// for grim and punish and τ for the probabilistic trigger — an alarm that
// starts nothing changes nothing, so alarm and trigger need not be drawn
// apart. With rogue units one more uniform decides how many states spied
// (none, one or both: the payoff depends only on the count). Under random
// termination one uniform a period decides whether play goes on. Once play
// reaches permanent punishment (grim, probabilistic), every later period pays
// P, so the rest of the play is added at once: under a fixed horizon exactly,
// under random termination by drawing its geometric length with one uniform.
// Simulate allocates nothing.
func (g *Game) Simulate(rng *rand.Rand, out []float64) error {
	if len(out) != numSimulated {
		return fmt.Errorf("espionage: Simulate needs %d outputs, got %d", numSimulated, len(out))
	}
	var (
		periods        int
		coopPeriods    int
		sum, disc      float64
		weight         = 1.0
		falseEp, trueE int
		first          int // period of the first trigger; 0 = none yet
	)
	// Copies in locals let the compiler keep them in registers: the loop
	// calls rng through an interface, after which fields of g would be reloaded.
	L, horizon := g.P.PunishLength, g.P.Horizon
	delta, pun := g.delta, g.pun
	x := 1.0
	if g.kind == probabilistic {
		x = g.tau
	}
	startQuiet, startSpied := g.q*x, g.p*x // P(a punishment starts | nobody spied / someone spied)
	absorbing := g.kind != punish
	r, mixed := g.r, 0.5*(g.t+g.s)
	rogue := g.eps > 0
	keep := 1 - g.eps
	bothLimit := g.eps * g.eps // v < bothLimit: both states' units spied
	anyLimit := 1 - keep*keep  // v < anyLimit: at least one did
	logDelta := math.Log(delta)
	// Punishment phases of the punish strategy pay P each period and draw
	// nothing under a fixed horizon, so they are added in one step; δᴸ and
	// Σ_{k<L} δᵏ are the same every time.
	deltaL := math.Pow(delta, float64(L))
	sumL := (1 - deltaL) / (1 - delta)
	// The loop runs over cooperative periods; each may be followed by a
	// punishment phase. The draws of a period come in a fixed order: rogue
	// units, the trigger, then termination.
	for {
		periods++
		u, start, spied := r, startQuiet, false // u: average stage payoff of the two states
		if rogue {
			if v := rng.Float64(); v < anyLimit {
				spied, start, u = true, startSpied, mixed
				if v < bothLimit {
					u = pun
				}
			}
		}
		if !spied {
			coopPeriods++
		}
		triggered := rng.Float64() < start
		if triggered {
			if spied {
				trueE++
			} else {
				falseEp++
			}
			if first == 0 {
				first = periods
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
		if !triggered {
			continue
		}
		if absorbing {
			// Permanent punishment: every remaining period pays P.
			var rest int
			if horizon > 0 {
				rest = horizon - periods
				dr := math.Pow(delta, float64(rest))
				disc += pun * weight * (1 - dr) / (1 - delta)
				weight *= dr
			} else {
				// Periods after this one: P(rest = k) = δᵏ⁻¹(1−δ), k ≥ 1,
				// given that play went on; one uniform.
				rest = 1 + int(math.Floor(math.Log(1-rng.Float64())/logDelta))
			}
			periods += rest
			sum += pun * float64(rest)
			break
		}
		if horizon > 0 {
			n, dn, sn := L, deltaL, sumL
			if rest := horizon - periods; rest < L {
				n, dn = rest, math.Pow(delta, float64(rest))
				sn = (1 - dn) / (1 - delta)
			}
			periods += n
			sum += pun * float64(n)
			disc += pun * weight * sn
			weight *= dn
			if periods == horizon {
				break
			}
			continue
		}
		ended := false
		for k := 0; k < L && !ended; k++ {
			periods++
			sum += pun
			ended = rng.Float64() >= delta
		}
		if ended {
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
