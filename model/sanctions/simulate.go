package sanctions

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Indices of the simulated metrics in the slice Simulate fills.
const (
	simThreat = iota
	simComply
	simDefy
	simImpose
	simBackDown
	simPosterior
	simSender
	simTarget
	numSimulated
)

// Simulate plays the game tree once at the equilibrium strategies: it draws
// c_S from H and c_T from K (a point mass when c_T is common knowledge), lets
// the sender threaten (a bluffing irresolute type tosses a coin), the target
// comply or defy (a target exactly at its cutoff tosses a coin) and a defied
// sender impose iff c_S < a. It uses two to four uniforms and allocates
// nothing.
func (g *Game) Simulate(rng *rand.Rand, out []float64) error {
	if len(out) != numSimulated {
		return fmt.Errorf("sanctions: Simulate needs %d outputs, got %d", numSimulated, len(out))
	}
	if g.err != nil {
		return g.err
	}
	e := &g.eq
	cS := g.P.SenderCost.Rand(rng)
	cT := g.P.TargetCost.Rand(rng)
	for i := range out {
		out[i] = 0
	}
	out[simPosterior] = math.NaN()
	resolute := cS < g.a
	var threat bool
	switch p := e.threatProb(cS, g.a); {
	case p >= 1:
		threat = true
	case p > 0:
		threat = rng.Float64() < p
	}
	if !threat {
		return nil
	}
	out[simThreat] = 1
	out[simPosterior] = 0
	if resolute {
		out[simPosterior] = 1
	}
	var defy bool
	switch p := e.defyProb(cT); {
	case p >= 1:
		defy = true
	case p > 0:
		defy = rng.Float64() < p
	}
	switch {
	case !defy:
		out[simComply] = 1
		out[simSender] = g.v
		out[simTarget] = -g.g
	case resolute:
		out[simDefy], out[simImpose] = 1, 1
		out[simSender] = -cS
		out[simTarget] = -cT
	default:
		out[simDefy], out[simBackDown] = 1, 1
		out[simSender] = -g.a
	}
	return nil
}
