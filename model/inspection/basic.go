package inspection

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Stage payoffs of the basic inspection game, named as in the parameters.
type stage struct {
	alpha, beta float64 // false-alarm and miss probabilities of an inspection
	k, d, b, h  float64 // inspection cost; inspectee's gain, penalty, false-accusation cost
	e, a, c     float64 // inspector's false-alarm cost, loss if detected, loss if missed
	eps         float64 // tolerance of payoff comparisons, see tol
}

func stageOf(p Params, alpha, beta float64) stage {
	s := stage{
		alpha: alpha, beta: beta,
		k: p.InspectCost, d: p.ViolationGain, b: p.Penalty, h: p.FalseAccusationCost,
		e: p.InspectorFalseAlarmCost, a: p.InspectorDetectLoss, c: p.InspectorMissLoss,
	}
	scale := 1.0
	for _, x := range []float64{s.k, s.d, s.b, s.h, s.e, s.a, s.c} {
		scale = math.Max(scale, math.Abs(x))
	}
	s.eps = 1e-9 * scale
	return s
}

// Payoffs returns the expected payoffs (inspector, inspectee) when the
// inspector inspects with probability p and the inspectee violates with
// probability q. It sums the outcome table of the game directly, so that it
// is independent of the indifference formulas it is used to check:
//
//	                    inspect                                  do not inspect
//	comply     (−k − αe, −αh)                                    (0, 0)
//	violate    (−k − (1−β)a − βc, −(1−β)b + βd)                  (−c, d)
func (s stage) payoffs(p, q float64) (inspector, inspectee float64) {
	ic := -s.k - s.alpha*s.e
	iv := -s.k - (1-s.beta)*s.a - s.beta*s.c
	ec := -s.alpha * s.h
	ev := -(1-s.beta)*s.b + s.beta*s.d
	inspector = (1-q)*p*ic + q*(p*iv+(1-p)*(-s.c))
	inspectee = (1-q)*p*ec + q*(p*ev+(1-p)*s.d)
	return inspector, inspectee
}

// tol is the tolerance of payoff comparisons: a deviation must gain more than
// this to count as profitable.
// It is 1e-9 times the largest payoff parameter (at least 1e-9).
func (s stage) tol() float64 { return s.eps }

// regret returns each player's gain from the best pure deviation at (p, q).
func (s stage) regret(p, q float64) (inspector, inspectee float64) {
	i, e := s.payoffs(p, q)
	i1, _ := s.payoffs(1, q)
	i0, _ := s.payoffs(0, q)
	_, e1 := s.payoffs(p, 1)
	_, e0 := s.payoffs(p, 0)
	return math.Max(i1, i0) - i, math.Max(e1, e0) - e
}

// indifference returns p*, the inspection probability that makes the
// inspectee indifferent, and q*, the violation probability that makes the
// inspector indifferent (the formulas of the package documentation). Either
// is NaN when no such probability exists (its denominator is not positive,
// or 0/0).
func (s stage) indifference() (pStar, qStar float64) {
	pStar, qStar = math.NaN(), math.NaN()
	if den := (1-s.beta)*(s.b+s.d) - s.h*s.alpha; den > 0 {
		pStar = s.d / den
	}
	num := s.k + s.e*s.alpha
	if den := (s.c-s.a)*(1-s.beta) + s.e*s.alpha; den > 0 || (den < 0 && num == 0) {
		qStar = num / den
		if qStar == 0 {
			qStar = 0 // not −0
		}
	}
	return pStar, qStar
}

// profile is a strategy pair of the basic game with its payoffs.
type profile struct {
	P, Q                 float64 // inspection and violation probabilities
	Inspector, Inspectee float64 // expected payoffs
}

func in01(x float64) bool { return x >= 0 && x <= 1 }

// nash returns every extreme equilibrium of the basic game, the reported one
// first, and whether the equilibrium is unique.
//
// Each player's best-response correspondence in a 2×2 game is a step
// function that jumps only at the other's indifference point, so every
// extreme point of the equilibrium set lies in {0, p*, 1} × {0, q*, 1}: the
// solver checks those candidates for profitable deviations with the outcome
// table. The reported equilibrium is (p*, q*) when both lie in [0, 1]; else
// the equilibrium with the least inspection, then the least violation.
func (s stage) nash() (eqs []profile, unique bool, err error) {
	pStar, qStar := s.indifference()
	ps := []float64{0, 1}
	qs := []float64{0, 1}
	if in01(pStar) {
		ps = append(ps, pStar)
	}
	if in01(qStar) {
		qs = append(qs, qStar)
	}
	tol := s.tol()
	var found []profile
	for _, p := range ps {
		for _, q := range qs {
			ri, re := s.regret(p, q)
			if ri > tol || re > tol {
				continue
			}
			dup := false
			for _, f := range found {
				if math.Abs(f.P-p) <= 1e-12 && math.Abs(f.Q-q) <= 1e-12 {
					dup = true
				}
			}
			if !dup {
				i, e := s.payoffs(p, q)
				found = append(found, profile{P: p, Q: q, Inspector: i, Inspectee: e})
			}
		}
	}
	if len(found) == 0 {
		return nil, false, errors.New("inspection: no equilibrium among the candidate profiles (a bug: every 2×2 game has one)")
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].P != found[j].P {
			return found[i].P < found[j].P
		}
		return found[i].Q < found[j].Q
	})
	if in01(pStar) && in01(qStar) {
		for i, f := range found {
			if math.Abs(f.P-pStar) <= 1e-12 && math.Abs(f.Q-qStar) <= 1e-12 {
				found[0], found[i] = found[i], found[0]
				break
			}
		}
	}
	return found, len(found) == 1, nil
}

// followerResponse is the inspectee's best response to a committed inspection
// probability p. A tie is broken in the inspector's favour (and, if the
// inspector is indifferent too, towards compliance): the usual convention of
// leadership equilibria, which makes the leader's supremum attained.
func (s stage) followerResponse(p float64) float64 {
	_, eV := s.payoffs(p, 1)
	_, eC := s.payoffs(p, 0)
	tol := s.tol()
	switch {
	case eV > eC+tol:
		return 1
	case eC > eV+tol:
		return 0
	}
	iV, _ := s.payoffs(p, 1)
	iC, _ := s.payoffs(p, 0)
	if iV > iC {
		return 1
	}
	return 0
}

// leader returns the inspector-leadership equilibrium: the inspector announces
// and commits to p, the inspectee best-responds. The leader's payoff is
// piecewise linear in p with a break only at p*, so its maximum is at 0, p* or
// 1; ties go to the smaller p. When deterring pays, the answer is p = p*, the
// smallest p that deters, and the inspectee complies.
func (s stage) leader() profile {
	cands := []float64{0, 1}
	if pStar, _ := s.indifference(); in01(pStar) {
		cands = append(cands, pStar)
	}
	sort.Float64s(cands)
	best := profile{Inspector: math.Inf(-1)}
	for _, p := range cands {
		q := s.followerResponse(p)
		i, e := s.payoffs(p, q)
		if i > best.Inspector+s.tol() {
			best = profile{P: p, Q: q, Inspector: i, Inspectee: e}
		}
	}
	return best
}

// leaderGridRegret checks a leadership profile against commitments on a grid
// of gridN+1 inspection probabilities: it returns how much more the best of
// them gives the leader (≤ tolerance when the profile is optimal).
func (s stage) leaderGridRegret(lp profile, gridN int) float64 {
	worst := math.Inf(-1)
	for i := 0; i <= gridN; i++ {
		p := float64(i) / float64(gridN)
		inspector, _ := s.payoffs(p, s.followerResponse(p))
		worst = math.Max(worst, inspector-lp.Inspector)
	}
	return worst
}

func (g *Game) solveBasic(vals []float64) error {
	s := stageOf(g.P, g.P.FalseAlarmProb, g.P.MissProb)
	eqs, unique, err := s.nash()
	if err != nil {
		return err
	}
	ne := eqs[0]
	lp := s.leader()
	ri, re := s.regret(ne.P, ne.Q)
	_, lre := s.regret(lp.P, lp.Q)
	lgr := s.leaderGridRegret(lp, 1000)
	if ri > s.tol() || re > s.tol() || lre > s.tol() || lgr > s.tol() {
		return fmt.Errorf("inspection: equilibrium check failed (Nash regrets %g, %g; leadership follower regret %g, leader grid regret %g)", ri, re, lre, lgr)
	}
	rep := ne
	if g.P.Leadership {
		rep = lp
	}
	vals[mInspect] = rep.P
	vals[mViolate] = rep.Q
	vals[mInspectorPayoff] = ne.Inspector
	vals[mInspecteePayoff] = ne.Inspectee
	vals[mInspectorLeader] = lp.Inspector
	vals[mInspecteeLeader] = lp.Inspectee
	vals[mRegime] = regimeOf(rep.Q)
	g.play = mix{p: rep.P, q: rep.Q, alpha: s.alpha, beta: s.beta}

	pStar, qStar := s.indifference()
	list := make([]map[string]float64, len(eqs))
	for i, e := range eqs {
		list[i] = map[string]float64{"inspect_prob": e.P, "violate_prob": e.Q, "inspector_payoff": e.Inspector, "inspectee_payoff": e.Inspectee}
	}
	notes := []string{
		"Nash: (p*, q*) when both lie in [0, 1]; otherwise the pure or partly pure equilibrium with the least inspection, then the least violation",
		"leadership: the inspector commits to p; an indifferent inspectee acts as the inspector prefers (complies when deterrence pays); the leader's payoff was checked against 1001 commitments",
	}
	if !unique {
		notes = append(notes, fmt.Sprintf("the equilibrium is not unique: %d extreme equilibria, listed in extra.equilibria", len(eqs)))
	}
	concept, unique, notes := g.simultaneousOrLeader(unique, notes)
	g.sol.Certificate = certificate("closed form p*, q* with enumeration of the 2×2 game's extreme equilibria", concept, unique, math.Max(math.Max(ri, re), 0), 0, notes)
	g.sol.Extra = map[string]any{
		"interior":   in01(pStar) && in01(qStar),
		"p_star":     nanToNil(pStar),
		"q_star":     nanToNil(qStar),
		"equilibria": list,
		"leadership": map[string]any{"inspect_prob": lp.P, "violate_prob": lp.Q, "deters": lp.Q == 0, "inspector_payoff": lp.Inspector, "inspectee_payoff": lp.Inspectee},
	}
	return nil
}

// nanToNil turns NaN into nil so that JSON output stays valid.
func nanToNil(x float64) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return x
}
