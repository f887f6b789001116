package agreement

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Indices of the simulated metrics in the slice Simulate fills.
const (
	simWrongful = iota
	simViolations
	simDetected
	simSanctionShare
	simTargetValue
	simSenderValue
	numSimulated
)

// play describes a play that departs from the equilibrium path, for the
// tests of the two incentive constraints. The zero value is the path.
type play struct {
	// threat: carry out sanctions as stated even when they are not credible.
	threat bool
	// restrain: the target restrains in the cooperative state whatever its
	// best response.
	restrain bool
	// deviate: in the first period (cooperative) the target spies at
	// deviationStealth.
	deviate          bool
	deviationStealth float64
	// sanctioning: play starts at the first period of a sanction phase.
	sanctioning bool
	// backDown: at the first period the sender backs down instead (pays a,
	// and the state reverts).
	backDown bool
}

// Simulate plays the equilibrium once with the monitoring noise and writes
// the simulated metrics to out, in the order of the model's simulated
// metrics.
//
// Each period of the cooperative state draws, in this order: the detection
// of the state's operation (when it spies), a false alarm, and, unless an
// alarm has already happened, the number of non-state alarms of the period
// (Poisson with mean νΔ, one uniform by inversion) and then, one by one
// until one stays uncleared, whether each is cleared (probability h). A sanction or reverted
// period draws the detection of the open operation. Every period ends with
// one uniform that decides whether play goes on (probability δ). Simulate
// allocates nothing.
func (g *Game) Simulate(rng *rand.Rand, out []float64) error {
	_, err := g.play(rng, out, play{})
	return err
}

// play plays once as o says and returns the number of periods played.
func (g *Game) play(rng *rand.Rand, out []float64, o play) (int, error) {
	if len(out) != numSimulated {
		return 0, fmt.Errorf("agreement: Simulate needs %d outputs, got %d", numSimulated, len(out))
	}
	if g.err != nil {
		return 0, g.err
	}
	sol := &g.sol
	// Locals, so that the loop keeps them in registers across the calls
	// into rng.
	delta, dt := g.delta, g.dt
	gain, gamma, harm, k := g.gain, g.gamma, g.P.Harm, g.k
	p0, fa, pT, pS, harmPeriod := g.p0, g.fa, g.pT, g.pS, g.harmPeriod
	nu, h := g.P.NonstateRate, g.P.Hotline
	nuDt := nu * dt
	none := math.Exp(-nuDt) // P(no non-state alarm in a period)
	L := g.L
	if L == 0 {
		L = -1 // grim: sanctions never end
	}
	spy, stealth := sol.Spy, sol.brStealth
	if o.restrain {
		spy = false
	}
	reverted := sol.Regime == NonCredible && !o.threat
	gainSpy, pdSpy := gain*(1-gamma*stealth), g.pd(stealth)
	gainDev, pdDev := gain*(1-gamma*o.deviationStealth), g.pd(o.deviationStealth)

	var (
		left                                     int // sanction periods left; −1 forever
		wrongful, violations, detected, sanction int
		uT, uS                                   float64
	)
	if o.sanctioning {
		left = L
	}
	if o.backDown {
		uS -= g.a
		reverted, left = true, 0
	}
	t := 0
	for ; ; t++ {
		switch {
		case reverted || left != 0:
			// Open espionage, under sanctions or after reversion.
			violations++
			if rng.Float64() < p0 {
				detected++
			}
			if reverted {
				uT += gain
				uS -= harmPeriod
			} else {
				sanction++
				uT += pT
				uS += pS
				if left > 0 {
					left--
				}
			}
		default:
			spyNow, gs, pd := spy, gainSpy, pdSpy
			if t == 0 && o.deviate {
				spyNow, gs, pd = true, gainDev, pdDev
			}
			alarm := false
			if spyNow {
				violations++
				uT += gs
				uS -= harm * gs
				if rng.Float64() < pd {
					detected++
					alarm = true
				}
			}
			if rng.Float64() < fa {
				alarm = true
			}
			if !alarm && nu > 0 {
				// The number of non-state alarms, Poisson(νΔ), by inversion
				// of its distribution function; then each is cleared or not.
				u, pn := rng.Float64(), none
				cdf, n := pn, 0
				for u >= cdf && pn > 0 {
					n++
					pn *= nuDt / float64(n)
					cdf += pn
				}
				for ; n > 0; n-- {
					if rng.Float64() >= h {
						alarm = true
						break
					}
				}
			}
			if alarm {
				uT -= k
				if !spyNow {
					wrongful++
				}
				left = L
			}
		}
		if rng.Float64() >= delta {
			break
		}
	}
	f := (1 - delta) / dt
	out[simWrongful] = f * float64(wrongful)
	out[simViolations] = f * float64(violations)
	out[simDetected] = f * float64(detected)
	out[simSanctionShare] = (1 - delta) * float64(sanction)
	out[simTargetValue] = f * uT
	out[simSenderValue] = f * uS
	return t + 1, nil
}
