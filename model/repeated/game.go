package repeated

import (
	"fmt"
	"math"
)

// Move is one player's action in a turn of the prisoner's dilemma.
type Move uint8

// The two moves. C is 0 so that a zero value cooperates.
const (
	C Move = 0 // cooperate (restrain)
	D Move = 1 // defect (spy)
)

func (m Move) String() string {
	if m == C {
		return "C"
	}
	return "D"
}

// Outcome indices of a turn from the row player's point of view: 2·row + col.
const (
	CC = 0 // both cooperate
	CD = 1 // row cooperates, column defects
	DC = 2 // row defects, column cooperates
	DD = 3 // both defect
)

// Payoffs are the stage payoffs of a symmetric prisoner's dilemma,
// T > R > P > S: (C,C) gives both R, a defector facing a cooperator gets T and
// the cooperator S, (D,D) gives both P.
type Payoffs struct {
	T, R, P, S float64
}

// Axelrod is the payoff set of Axelrod's tournaments: T, R, P, S = 5, 3, 1, 0.
var Axelrod = Payoffs{T: 5, R: 3, P: 1, S: 0}

// Validate checks T > R > P > S.
func (g Payoffs) Validate() error {
	for _, v := range []float64{g.T, g.R, g.P, g.S} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("payoffs must be finite numbers; got T=%g, R=%g, P=%g, S=%g", g.T, g.R, g.P, g.S)
		}
	}
	if !(g.T > g.R && g.R > g.P && g.P > g.S) {
		return fmt.Errorf("payoffs must satisfy temptation > reward > punishment > sucker (T > R > P > S); got T=%g, R=%g, P=%g, S=%g", g.T, g.R, g.P, g.S)
	}
	return nil
}

// Row returns the row player's payoff for each outcome, indexed CC, CD, DC, DD.
func (g Payoffs) Row() [4]float64 { return [4]float64{g.R, g.S, g.T, g.P} }

// Col returns the column player's payoff for each outcome, indexed CC, CD, DC, DD.
func (g Payoffs) Col() [4]float64 { return [4]float64{g.R, g.T, g.S, g.P} }

// Generosity is the generosity of generous tit for tat that Nowak & Sigmund
// (1992) and Molander (1985) derive: the largest probability of forgiving a
// defection that still makes defection unprofitable against it,
// min(1 − (T−R)/(R−S), (R−P)/(T−P)). It is 1/3 for Axelrod's payoffs.
func (g Payoffs) Generosity() float64 {
	return math.Max(0, math.Min(1-(g.T-g.R)/(g.R-g.S), (g.R-g.P)/(g.T-g.P)))
}
