package sanctions

import (
	"errors"
	"fmt"
	"math"

	"github.com/statecraft/statecraft/internal/numeric"
	"github.com/statecraft/statecraft/model"
)

// Equilibrium is a perfect Bayesian equilibrium of the threat game and the
// outcome it induces. The strategies are written as cutoffs so that the same
// description serves the common-knowledge closed form, the private-cost
// extension and the simulation.
type Equilibrium struct {
	Case Case
	Rho  float64 // ρ = P(c_S < a)

	// The sender's strategy. A resolute type (c_S < a) threatens iff
	// c_S < ThreatCutoff (every resolute type does when ThreatCutoff ≥ a); an
	// irresolute type (c_S ≥ a) threatens with probability Bluff. A defied
	// sender imposes iff c_S < a.
	ThreatCutoff float64
	Bluff        float64

	// The target's strategy after a threat: it defies iff c_T < TargetCutoff,
	// and a type exactly at TargetCutoff (an atom of its law) defies with
	// probability CutoffDefy. TargetCutoff = g/Belief.
	TargetCutoff float64
	CutoffDefy   float64
	// Belief is the probability the target puts on a resolute sender after a
	// threat: Bayes' rule when threats happen, the off-path belief otherwise.
	Belief float64

	Defy      float64 // σ: probability that a threat is defied
	Posterior float64 // μ on the path; NaN when no threat is made

	PThreat, PComply, PDefy, PImpose, PBackDown float64
	SenderPayoff, TargetPayoff                  float64
}

// solve computes the equilibrium, its outcome and its certificate, and checks
// every best-response condition.
func (g *Game) solve() (Equilibrium, model.Certificate, error) {
	var (
		e    Equilibrium
		cert = model.Certificate{Concept: Concept, Converged: true}
	)
	if g.P.TargetCost.IsConstant() {
		e = g.commonKnowledge(g.P.TargetCost.Mean())
		cert.Method = "closed form (target cost common knowledge)"
	} else {
		var res float64
		var evals int
		e, res, evals = g.privateTarget()
		cert.Residual, cert.Iterations = res, evals
		switch {
		case e.Case != SemiSeparating:
			cert.Method = "closed form (target cost private)"
		case g.k.Discrete:
			cert.Method = "exact quantile (target cost private, discrete)"
		default:
			cert.Method = "bracketed root, Brent (target cost private)"
			cert.Notes = append(cert.Notes, fmt.Sprintf("target cutoff c_T* = %.10g solves K(c_T*) = v/(v+a) with |residual| %.2g", e.TargetCutoff, res))
		}
	}
	if e.PThreat == 0 {
		cert.Notes = append(cert.Notes, fmt.Sprintf("no threat on the path: the target's belief after a threat is off-path, set to %g", e.Belief))
	}
	if edge := g.knifeEdge(&e); edge != "" {
		cert.Notes = append(cert.Notes, "not unique: "+edge)
	} else {
		cert.Unique = true
		cert.Notes = append(cert.Notes, "unique equilibrium outcome (the best-response argument of the package documentation; off-path beliefs are a convention and do not change it)")
	}
	viol := g.violation(&e)
	cert.Residual = math.Max(cert.Residual, viol)
	if !(viol <= g.tol()) { // NaN fails too

		return e, cert, fmt.Errorf("sanctions: equilibrium check failed at %s: a type gains %.3g by deviating (case %v)", g.describe(), viol, e.Case)
	}
	return e, cert, nil
}

// Concept is the solution concept of the certificate.
const Concept = "perfect Bayesian equilibrium"

// knifeEdge names the reason why the equilibrium outcome is not unique at
// these parameters, or returns "". Away from these knife edges the outcome is
// unique (package documentation): in the common-knowledge table each case
// pins σ and μ, and with a private c_T the two best-response curves cross
// once.
func (g *Game) knifeEdge(e *Equilibrium) string {
	if g.h.Mass(g.a) > 0 {
		return fmt.Sprintf("the sender's cost has an atom at the audience cost a = %g, whose types are indifferent between imposing and backing down", g.a)
	}
	if e.Rho == 0 {
		return ""
	}
	sbar := g.v / (g.v + g.a)
	if g.P.TargetCost.IsConstant() {
		cT := g.P.TargetCost.Mean()
		switch {
		case cT == g.g:
			return "c_T = g: a target sure of resolve is indifferent, so no coercion and semi-separating with φ = 0 are both equilibria"
		case e.Rho*cT == g.g:
			return fmt.Sprintf("ρc_T = g: after a pooling threat the target is indifferent and may defy with any probability up to v/(v+a) = %.6g", sbar)
		}
		return ""
	}
	if e.Case == SemiSeparating && g.k.Discrete {
		// σ̄ of the targets defy for every cutoff c in [g, g/ρ] with
		// P(c_T < c) ≤ σ̄ ≤ P(c_T ≤ c). That set is more than one point when
		// the CDF sits exactly at σ̄ between two atoms, next to c_T*.
		t, below, mass := e.TargetCutoff, g.k.Below(e.TargetCutoff), g.k.Mass(e.TargetCutoff)
		const eps = 1e-12
		if (math.Abs(below+mass-sbar) <= eps && t < g.g/e.Rho) || (mass > 0 && math.Abs(below-sbar) <= eps && t > g.g) {
			return fmt.Sprintf("the target cost's CDF equals v/(v+a) = %.6g between two atoms, next to c_T* = %g: every cutoff there (with its bluffing probability) is an equilibrium", sbar, t)
		}
	}
	return ""
}

// tol is the tolerance of the best-response checks, in payoff units.
func (g *Game) tol() float64 { return 1e-9 * (g.v + g.a + g.g) }

// commonKnowledge is the closed form for a known c_T (derived in the package
// documentation).
func (g *Game) commonKnowledge(cT float64) Equilibrium {
	v, a, gc := g.v, g.a, g.g
	rho := g.h.Below(a)
	sbar := v / (v + a)
	e := Equilibrium{Rho: rho, ThreatCutoff: a, Posterior: math.NaN()}
	switch {
	case rho == 0 || cT <= gc:
		// No coercion: a threat is defied (c_T ≤ g), or nobody is resolute.
		// Off the path the target believes μ = 1 when some type is resolute
		// (it defies anyway) and μ = 0 otherwise (so bluffing does not pay).
		e.Case = NoCoercion
		e.ThreatCutoff = 0 // σ = 1: threatening is worth −min(c_S, a) ≤ 0
		if rho > 0 {
			e.Belief = 1
		}
		e.TargetCutoff = gc / e.Belief
		e.CutoffDefy = 1
		e.Defy = 1
	case rho*cT >= gc:
		// Pooling: a threat alone is convincing enough; at ρc_T = g the
		// indifferent target complies.
		e.Case = Pooling
		e.Bluff = 1
		e.Belief, e.Posterior = rho, rho
		e.TargetCutoff = gc / rho
		e.PThreat, e.PComply = 1, 1
		e.SenderPayoff = v
		e.TargetPayoff = -gc
	default:
		e.Case = SemiSeparating
		e.Bluff = rho * (cT - gc) / ((1 - rho) * gc)
		e.Belief = gc / cT
		e.Posterior = e.Belief
		e.TargetCutoff = cT
		e.CutoffDefy = sbar
		e.Defy = sbar
		e.PThreat = rho * cT / gc
		e.PComply = e.PThreat * (1 - sbar)
		e.PDefy = e.PThreat * sbar
		e.PImpose = rho * sbar
		e.PBackDown = sbar * (1 - rho) * e.Bluff
		e.SenderPayoff = e.PComply*v - sbar*g.h.partial(a) - a*e.PBackDown
		e.TargetPayoff = -gc*e.PComply - cT*e.PImpose
	}
	return e
}

// privateTarget solves the extension in which c_T ~ K is the target's private
// information (see the package documentation for the derivation). It returns
// the equilibrium, the residual |P(defy) − v/(v+a)| of the cutoff and the
// number of CDF evaluations of the root.
func (g *Game) privateTarget() (Equilibrium, float64, int) {
	v, a, gc := g.v, g.a, g.g
	rho := g.h.Below(a)
	sbar := v / (v + a)
	e := Equilibrium{Rho: rho, ThreatCutoff: a}
	var res float64
	var evals int
	if rho == 0 {
		// Nobody is resolute: with the belief μ = 0 after a threat every
		// target defies and bluffing costs a.
		e.Case = NoCoercion
		e.ThreatCutoff = 0
		e.TargetCutoff = math.Inf(1)
		e.Defy = 1
		g.outcomes(&e)
		return e, 0, 0
	}
	sPool := g.k.Below(gc / rho) // defiance if every type threatens (μ = ρ)
	sRes := g.k.Below(gc)        // defiance if only resolute types threaten (μ = 1)
	switch {
	case sPool <= sbar:
		e.Case = Pooling
		e.Bluff = 1
		e.Belief = rho
		e.TargetCutoff = gc / rho
		e.Defy = sPool
	case sRes <= sbar:
		// σ = v/(v+a): the cutoff c_T* = g/μ solves K(c_T*) = v/(v+a) on
		// [g, g/ρ], where K(g) ≤ v/(v+a) < K(g/ρ).
		e.Case = SemiSeparating
		t, m := 0.0, 0.0
		if g.k.Discrete {
			// The generalised root of a step CDF is the quantile; the atom there
			// mixes so that exactly v/(v+a) of the targets defy.
			t = math.Max(g.k.Dist.Quantile(sbar), gc)
			if w := g.k.Mass(t); w > 0 {
				m = math.Min(1, math.Max(0, (sbar-g.k.Below(t))/w))
			}
			res = math.Abs(g.k.Below(t) + m*g.k.Mass(t) - sbar)
		} else {
			// The root is sought in log c: the bracket [g, g/ρ] spans many
			// orders of magnitude when ρ is small, and Brent's method then
			// needs a bracket of moderate width to converge in few steps.
			hi := math.Min(gc/rho, math.MaxFloat64) // K(MaxFloat64) = 1 > σ̄ still brackets
			// Brent's tolerance 0.5e-15 locates log c_T* to within 1e-15 + 4ε|log c_T*|.
			r, err := numeric.Brent(func(x float64) float64 { return g.k.Dist.CDF(math.Exp(x)) - sbar }, math.Log(gc), math.Log(hi), 0.5e-15, 1000)
			t, res, evals = math.Exp(r.X), math.Abs(r.F), r.Evals
			if errors.Is(err, numeric.ErrNoBracket) {
				// The case conditions K(g) ≤ σ̄ < K(g/ρ) make [g, g/ρ] a
				// bracket, but exp(log c) may differ from c by an ulp and
				// move K across σ̄ at an end: the cutoff is then that end.
				t = gc
				if math.Abs(g.k.Dist.CDF(hi)-sbar) < math.Abs(g.k.Dist.CDF(gc)-sbar) {
					t = hi
				}
				res = math.Abs(g.k.Dist.CDF(t) - sbar)
			}
			// Running out of iterations leaves the best estimate, which the
			// verification in solve judges.
		}
		e.TargetCutoff, e.CutoffDefy = t, m
		e.Belief = gc / t
		e.Bluff = rho * (1 - e.Belief) / ((1 - rho) * e.Belief)
		e.Defy = sbar
	default:
		// Even a sure-resolute sender is defied by more than v/(v+a) of the
		// targets: bluffing does not pay, and a resolute type threatens only if
		// (1−σ)v > σc_S.
		sigma := sRes
		e.Belief = 1
		e.TargetCutoff = gc
		e.Defy = sigma
		e.ThreatCutoff = (1 - sigma) * v / sigma
		if g.h.Below(e.ThreatCutoff) > 0 {
			e.Case = ResoluteOnly
		} else {
			e.Case = NoCoercion
		}
	}
	g.outcomes(&e)
	return e, res, evals
}

// outcomes fills the outcome probabilities and payoffs of a strategy profile.
// The target does not see c_S and the sender does not see c_T, so given a
// threat the target's defiance is independent of the sender's type.
func (g *Game) outcomes(e *Equilibrium) {
	cut := math.Min(e.ThreatCutoff, g.a)
	resolute := g.h.Below(cut)        // P(threat, resolute)
	bluffers := e.Bluff * (1 - e.Rho) // P(threat, irresolute)
	s := e.Defy
	e.PThreat = resolute + bluffers
	e.PComply = e.PThreat * (1 - s)
	e.PDefy = e.PThreat * s
	e.PImpose = s * resolute
	e.PBackDown = s * bluffers
	e.Posterior = math.NaN()
	if e.PThreat > 0 {
		e.Posterior = resolute / e.PThreat
	}
	// E[c_T; the target defies]: the cost a defiant target bears when the
	// sender imposes.
	defyCost := g.k.partial(e.TargetCutoff)
	if w := g.k.Mass(e.TargetCutoff); w > 0 {
		defyCost += e.CutoffDefy * e.TargetCutoff * w
	}
	e.SenderPayoff = e.PComply*g.v - s*g.h.partial(cut) - g.a*e.PBackDown
	e.TargetPayoff = -g.g*e.PComply - resolute*defyCost
}

// threatProb is the sender's probability of threatening at cost c.
func (e *Equilibrium) threatProb(c, a float64) float64 {
	if c < a {
		if c < e.ThreatCutoff {
			return 1
		}
		return 0
	}
	return e.Bluff
}

// defyProb is the target's probability of defying at cost c.
func (e *Equilibrium) defyProb(c float64) float64 {
	switch {
	case c < e.TargetCutoff:
		return 1
	case c == e.TargetCutoff:
		return e.CutoffDefy
	}
	return 0
}

// violation returns the largest gain from a deviation over a set of sender
// and target types (quantiles of each law, its atoms, and the points around
// each cutoff), together with the consistency of σ with the target's strategy
// and of μ with Bayes' rule. Zero means every checked type plays a best
// response.
func (g *Game) violation(e *Equilibrium) float64 {
	worst := 0.0
	gap := func(prob, gain float64) { // gain: payoff of the action minus that of its alternative
		var v float64
		switch {
		case prob >= 1:
			v = -gain
		case prob <= 0:
			v = gain
		default:
			v = math.Abs(gain)
		}
		worst = math.Max(worst, v)
	}
	// Sender: threatening is worth (1−σ)v − σ min(c, a), not threatening 0;
	// after defiance imposing is worth −c, backing down −a.
	for _, c := range g.checkPoints(&g.h, []float64{g.a, e.ThreatCutoff}) {
		gap(e.threatProb(c, g.a), (1-e.Defy)*g.v-e.Defy*math.Min(c, g.a))
		if c < g.a {
			gap(1, g.a-c)
		} else {
			gap(0, g.a-c)
		}
	}
	// Target: defying is worth −μc, complying −g.
	for _, c := range g.checkPoints(&g.k, []float64{g.g, e.TargetCutoff}) {
		gap(e.defyProb(c), g.g-e.Belief*c)
	}
	// σ must be the target's aggregate defiance, μ Bayes' rule.
	sigma := g.k.Below(e.TargetCutoff)
	if w := g.k.Mass(e.TargetCutoff); w > 0 {
		sigma += e.CutoffDefy * w
	}
	worst = math.Max(worst, math.Abs(sigma-e.Defy)*(g.v+g.a))
	if e.PThreat > 0 {
		worst = math.Max(worst, math.Abs(e.Posterior-e.Belief)*g.g)
	}
	return worst
}

// checkPoints lists types at which to check best responses: 257 quantiles,
// the atoms, the support's ends and each cutoff with its two neighbours.
func (g *Game) checkPoints(l *law, cuts []float64) []float64 {
	const n = 257
	pts := make([]float64, 0, n+len(l.Xs)+2+3*len(cuts))
	for i := 0; i < n; i++ {
		pts = append(pts, l.Dist.Quantile((float64(i)+0.5)/n))
	}
	pts = append(pts, l.Xs...)
	for _, x := range []float64{l.Lo, l.Hi} {
		if !math.IsInf(x, 0) {
			pts = append(pts, x)
		}
	}
	for _, c := range cuts {
		if !math.IsInf(c, 0) && !math.IsNaN(c) {
			pts = append(pts, c, math.Nextafter(c, math.Inf(-1)), math.Nextafter(c, math.Inf(1)))
		}
	}
	return pts
}
