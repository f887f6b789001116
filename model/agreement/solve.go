package agreement

import (
	"errors"
	"fmt"
	"math"

	"github.com/statecraft/statecraft/internal/numeric"
	"github.com/statecraft/statecraft/model"
)

// Solution is the equilibrium of the trigger-strategy profile and its
// outcome. Values are in the units of the metrics of the same names.
type Solution struct {
	Regime Regime
	// Spy is the target's action in the cooperative state: false restrains,
	// true spies at Stealth.
	Spy bool
	// Stealth is s*: the stealth of the target's espionage, or under
	// restraint that of its best one-period deviation; 0 under NonCredible.
	Stealth       float64
	DetectionProb float64

	TargetSlack, SenderSlack float64
	SelfEnforcing, Credible  bool
	MaxSenderCost            float64
	RequiredDetectionRate    float64

	PWrongfulYear, WrongfulPerYear, ViolationsPerYear, DetectedPerYear, SanctionShare float64
	TargetValue, SenderValue                                                          float64

	Certificate model.Certificate
}

// solution holds the Solution with the per-period quantities that Simulate
// and the tests use.
type solution struct {
	Solution
	vR, vStar   float64 // target's normalised values of restraint and of its best response
	vS          float64 // sender's normalised value under the best response
	senderSlack float64 // σ_S, normalised
	devStealth  float64 // stealth of the best one-period deviation from restraint
	brStealth   float64 // stealth of the best response when it spies (also under NonCredible)
}

// pd is the probability that a period of espionage at stealth s is detected.
func (g *Game) pd(s float64) float64 { return g.p0 * math.Pow(1-s, g.kap) }

// trigger is the probability of an uncleared alarm in a period of espionage
// at stealth s.
func (g *Game) trigger(s float64) float64 { return g.q + (1-g.q)*g.pd(s) }

// stationary is the normalised value of a stationary cooperative action with
// flow u and trigger probability pi, and flow p while sanctioned.
func (g *Game) stationary(u, pi, p float64) float64 {
	d, x := g.delta, g.x
	return ((1-d)*u + d*pi*x*p) / (1 - d + d*pi*x)
}

// weight is B(V) = (1−δ)k + δx(V − P_T): what an alarm costs the target when
// the cooperative state is worth V to it.
func (g *Game) weight(v float64) float64 {
	return (1-g.delta)*g.k + g.delta*g.x*(v-g.pT)
}

// phi is the gain of spying at stealth s over restraining for one period,
// in normalised units, when an alarm costs B.
func (g *Game) phi(s, b float64) float64 {
	return (1-g.delta)*g.gain*(1-g.gamma*s) - (1-g.q)*g.pd(s)*b
}

// bestStealth maximises phi(·, b) over [0, s̄] in closed form (see the
// package documentation) and returns the maximiser and the maximum.
func (g *Game) bestStealth(b float64) (float64, float64) {
	c := (1 - g.q) * g.p0 * b
	if !(c > 0) || g.sbar == 0 {
		return 0, g.phi(0, b)
	}
	if g.kap > 1 {
		a := (1 - g.delta) * g.gain * g.gamma
		s := 1 - math.Pow(a/(g.kap*c), 1/(g.kap-1))
		s = math.Min(math.Max(s, 0), g.sbar)
		return s, g.phi(s, b)
	}
	// κ ≤ 1: phi is convex in s, its maximum at an end.
	f0, f1 := g.phi(0, b), g.phi(g.sbar, b)
	if f1 > f0 {
		return g.sbar, f1
	}
	return 0, f0
}

// slackAtDetection is −max_s φ at the value of restraint, as if open
// espionage were detected with probability p0 a period: the target's
// normalised slack as a function of detection alone.
func (g *Game) slackAtDetection(p0, b float64) float64 {
	h := *g
	h.p0 = p0
	_, f := h.bestStealth(b)
	return -f
}

// scale is the payoff scale of the tolerances.
func (g *Game) scale() float64 {
	return g.gain + math.Abs(g.pT) + math.Abs(g.pS) + g.k + g.a
}

var errMethod = errors.New("agreement: method failed")

// Concept is the solution concept of the certificate. The outcome is a
// perfect public equilibrium whatever the regime: the trigger profile where
// the threat is credible, reversion (a repeated stage equilibrium) where it
// is not. It is one equilibrium of the class, so Unique is always false.
const Concept = "perfect public equilibrium in a stated class of trigger strategies (sanctions for L periods, or forever under grim, after an uncleared alarm; reversion to open espionage without sanctions once the sender backs down)"

func (g *Game) solve() (solution, error) {
	var s solution
	d, dt := g.delta, g.dt
	cert := model.Certificate{
		Method:    "closed form; the target's Markov best response by Brent's method when it spies",
		Concept:   Concept,
		Converged: true,
		Notes:     []string{"not unique: reversion to open espionage without sanctions is always an equilibrium too"},
	}

	// The target's best response.
	s.vR = g.stationary(-g.k*g.q, g.q, g.pT)
	bR := g.weight(s.vR)
	devS, phiR := g.bestStealth(bR)
	s.devStealth = devS
	s.SelfEnforcing = !(phiR > 0)
	s.TargetSlack = -phiR / ((1 - d) * dt)
	if s.SelfEnforcing {
		s.Spy, s.Stealth, s.vStar = false, devS, s.vR
	} else {
		// V* solves V = F(V) with F restricted to espionage; V − F(V) rises
		// with slope ≥ 1 − δ, and F maps [lo, hi] into itself.
		f := func(v float64) float64 {
			_, best := g.bestStealth(g.weight(v))
			// F(V) − δV = max_s (1−δ)G(s) − π(s)B = φ* − qB.
			return v - (d*v + best - g.q*g.weight(v))
		}
		lo := math.Min(-g.k, g.pT)
		hi := math.Max(g.gain, g.pT)
		root, err := numeric.Brent(f, lo, hi, 1e-15*g.scale(), 300)
		cert.Iterations = root.Evals
		if err != nil {
			return s, fmt.Errorf("%w at %s: the target's fixed point: %v", errMethod, g.describe(), err)
		}
		s.vStar = root.X
		s.Spy = true
		s.Stealth, _ = g.bestStealth(g.weight(s.vStar))
	}

	// Stationary values of the best response.
	piStar, uT, uS := g.q, -g.k*g.q, 0.0
	if s.Spy {
		piStar = g.trigger(s.Stealth)
		gs := g.gain * (1 - g.gamma*s.Stealth)
		uT, uS = gs-g.k*piStar, -g.P.Harm*gs
	}
	brStealth := s.Stealth // the best response's stealth, whatever the regime reports
	s.brStealth = brStealth
	vT := g.stationary(uT, piStar, g.pT)
	s.vS = g.stationary(uS, piStar, g.pS)

	// The sender's constraint at the first period of a sanction phase.
	carry := g.x*g.pS + g.deltaL*s.vS
	back := -(1-d)*g.a - g.harmPeriod
	s.senderSlack = (1-d)*g.a - g.x*g.senderFlowC + g.deltaL*(s.vS+g.harmPeriod)
	tol := 1e-12 * g.scale()
	s.Credible = s.senderSlack >= -tol
	s.SenderSlack = s.senderSlack / (1 - d)
	den := 1 - d + d*piStar*g.x
	slope := dt * (g.x + g.deltaL*d*piStar*g.x/den) // −dσ_S/dc_S
	s.MaxSenderCost = (s.senderSlack + g.P.SenderCost*slope) / slope

	// Regime and outcomes.
	s.PWrongfulYear = -math.Expm1(math.Log1p(-g.q) / dt)
	switch {
	case !s.Credible:
		s.Regime = NonCredible
		s.Stealth = 0
		s.DetectionProb = g.p0
		s.ViolationsPerYear, s.DetectedPerYear = 1/dt, g.p0/dt
		s.TargetValue, s.SenderValue = g.P.Gain, -g.P.Harm*g.P.Gain
	default:
		s.Regime = Restraint
		if s.Spy {
			s.Regime = Open
			if s.Stealth > 0 {
				s.Regime = Stealthy
			}
		}
		s.DetectionProb = g.pd(s.Stealth)
		shareS := d * piStar * g.x / den
		shareC := 1 - shareS
		s.SanctionShare = shareS
		if s.Spy {
			s.ViolationsPerYear = (shareC + shareS) / dt
			s.DetectedPerYear = (shareC*s.DetectionProb + shareS*g.p0) / dt
		} else {
			s.ViolationsPerYear = shareS / dt
			s.DetectedPerYear = shareS * g.p0 / dt
			s.WrongfulPerYear = shareC * g.q / dt
		}
		s.TargetValue, s.SenderValue = vT/dt, s.vS/dt
	}
	s.RequiredDetectionRate = g.requiredDetection(bR)

	// Verification: Bellman residual, the closed form of the chosen action,
	// one-shot deviations on a stealth grid, and the sender's two values.
	b := g.weight(s.vStar)
	chosen := -g.q * b
	if s.Spy {
		chosen = g.phi(brStealth, b) - g.q*b
	}
	bellman := math.Abs(s.vStar - (d*s.vStar + math.Max(chosen, -g.q*b)))
	gridBest := -g.q * b
	for i := 0; i <= 256; i++ {
		st := g.sbar * float64(i) / 256
		gridBest = math.Max(gridBest, g.phi(st, b)-g.q*b)
	}
	res := math.Max(bellman, math.Abs(vT-s.vStar))
	res = math.Max(res, math.Max(0, gridBest-chosen))
	res = math.Max(res, math.Abs(carry-back-s.senderSlack))
	cert.Residual = res
	if !(res <= 1e-9*g.scale()) {
		return s, fmt.Errorf("%w at %s: equilibrium check failed with residual %.3g (Bellman %.3g, best-response value %.3g, deviation %.3g)",
			errMethod, g.describe(), res, bellman, math.Abs(vT-s.vStar), gridBest-chosen)
	}
	switch s.Regime {
	case NonCredible:
		cert.Notes = append(cert.Notes, fmt.Sprintf("the sender would back down (sender_slack %.4g < 0): the outcome is reversion; target_slack is against the threat as stated", s.SenderSlack))
	case Restraint:
		cert.Notes = append(cert.Notes, fmt.Sprintf("restraint: the best deviation would spy at stealth %.4g", s.Stealth))
	}
	s.Certificate = cert
	return s, nil
}

// requiredDetection is the least detection rate λ_d at which restraint is
// self-enforcing for the target, with the weight b of an alarm under
// restraint (which does not depend on detection); NaN if none is.
func (g *Game) requiredDetection(b float64) float64 {
	if !(b > 0) {
		return math.NaN()
	}
	f := func(p float64) float64 { return g.slackAtDetection(p, b) }
	f0, f1 := f(0), f(1)
	if f1 < 0 {
		return math.NaN()
	}
	root, err := numeric.BrentFrom(f, 0, 1, f0, f1, 1e-15, 300)
	if err != nil {
		return math.NaN()
	}
	if root.X >= 1 {
		return math.Inf(1)
	}
	return -math.Log1p(-root.X) / g.dt
}

// Solve returns the metrics of the equilibrium.
func (g *Game) Solve() (model.Solution, error) {
	if g.err != nil {
		return model.Solution{}, g.err
	}
	s := g.sol
	return model.Solution{
		Values: []float64{
			float64(s.Regime), s.TargetSlack, b01(s.SelfEnforcing), s.SenderSlack, b01(s.Credible), s.MaxSenderCost,
			s.Stealth, s.DetectionProb, s.RequiredDetectionRate, s.PWrongfulYear, s.WrongfulPerYear,
			s.ViolationsPerYear, s.DetectedPerYear, s.SanctionShare, s.TargetValue, s.SenderValue,
		},
		Certificate: s.Certificate,
		Extra: map[string]any{"derived": map[string]float64{
			"discount": g.delta, "detection_open": g.p0, "alarm_without_espionage": g.q,
			"sanction_periods": float64(g.L), "audience_cost": g.a, "reputation_cost": g.k,
		}},
	}, nil
}

func b01(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
