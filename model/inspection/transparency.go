package inspection

import (
	"fmt"
	"math"

	"github.com/statecraft/statecraft/model"
)

// ToyLabel heads the certificate of the transparency variant: it is a toy.
const ToyLabel = "TOY MODEL: a stylised transparency–security trade-off in the spirit of Coe & Vaynman (APSR 2020), not a reproduction of their model or results"

// MMin returns the least monitoring intensity that deters cheating in the
// transparency toy: cheating gains G once and, detected with probability m,
// ends a deal worth V a period, so restraint is self-enforcing when
// G ≤ m·δV/(1−δ), i.e. m ≥ G(1−δ)/(δV).
func MMin(cheatGain, discount, dealValue float64) float64 {
	return cheatGain * (1 - discount) / (discount * dealValue)
}

func (g *Game) solveTransparency(vals []float64) {
	p := g.P
	mm := MMin(p.CheatGain, p.Discount, p.DealValue)
	leak := p.LeakCost * mm * mm
	self := 0.0
	if mm <= 1 && leak <= p.Savings {
		self = 1
	}
	vals[mSelfEnforcing] = self
	vals[mMMin] = mm
	// Residual: how far m_min is from making the deterrence condition bind.
	resid := math.Abs(p.CheatGain - mm*p.Discount*p.DealValue/(1-p.Discount))
	g.sol.Certificate = certificate("closed form (toy)", conceptToy, false, resid, 0, []string{
		ToyLabel,
		fmt.Sprintf("m_min = G(1−δ)/(δV) = %.6g; monitoring at m_min leaks κ·m_min² = %.6g a period against savings S = %.6g", mm, leak, p.Savings),
	})
	g.sol.Extra = map[string]any{"transparency": map[string]any{
		"toy":            true,
		"label":          ToyLabel,
		"leak_at_m_min":  leak,
		"savings_margin": p.Savings - leak,
		"feasible":       mm <= 1,
	}}
}

// The solution concepts of the variants' certificates.
const (
	conceptNash       = "Nash equilibrium of the simultaneous inspection game"
	conceptLeadership = "inspector leadership (Stackelberg commitment; an indifferent inspectee acts as the inspector prefers)"
	conceptZeroSum    = "value and optimal (minimax) strategies of the zero-sum recursive game"
	conceptToy        = "none: the self-enforcement condition of a toy deal under grim trigger, no equilibrium is computed"
)

// certificate builds a Certificate; every solver here is exact or converged.
func certificate(method, concept string, unique bool, residual float64, iters int, notes []string) model.Certificate {
	return model.Certificate{Method: method, Concept: concept, Converged: true, Unique: unique, Residual: residual, Iterations: iters, Notes: notes}
}

// simultaneousOrLeader returns the concept and uniqueness of the reported
// outcome of the basic and α–β games: the simultaneous game's uniqueness as
// its enumeration found it, or, under leadership, not claimed (the best
// commitment is found among closed-form candidates and checked on a grid).
func (g *Game) simultaneousOrLeader(nashUnique bool, notes []string) (string, bool, []string) {
	if g.P.Leadership {
		return conceptLeadership, false, append(notes, "leadership reported: the best commitment is checked against a grid, not proven unique")
	}
	return conceptNash, nashUnique, notes
}
