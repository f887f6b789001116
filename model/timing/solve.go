package timing

import (
	"fmt"
	"math"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/internal/numeric"
	"github.com/statecraft/statecraft/model"
)

// stakes caches what the solver needs from the law of the stakes: P(X < x)
// and the atoms from [numeric.Law], and the scale of the tolerances.
type stakes struct {
	numeric.Law
	mean    float64
	scale   float64 // interquartile range (or 1): the unit of the tolerances
	uniform bool
}

func newStakes(d dist.Dist) stakes {
	s := stakes{Law: numeric.NewLaw(d), uniform: d.Kind() == "uniform"}
	s.mean = d.Mean()
	s.scale = d.Quantile(0.75) - d.Quantile(0.25)
	if !(s.scale > 0) || math.IsInf(s.scale, 0) {
		s.scale = 1
	}
	return s
}

// tol is the absolute tolerance of one quadrature, in payoff units.
func (s *stakes) tol() float64 { return 1e-14 * s.scale }

// lower returns ∫_lo^c F(x) dx for c inside the support (lo may be −∞: then
// the part below the median is integrated after the change of variable
// x = m − s·t/(1−t), which maps the half-line to [0, 1)).
func (s *stakes) lower(c float64) float64 {
	if !math.IsInf(s.Lo, -1) {
		v, _ := numeric.Integrate(s.Dist.CDF, s.Lo, c, s.tol()*math.Max(1, (c-s.Lo)/s.scale))
		return v
	}
	m := math.Min(c, s.Dist.Quantile(0.5))
	sc := s.scale
	tail, _ := numeric.Integrate(func(t float64) float64 {
		u := 1 - t
		return s.Dist.CDF(m-sc*t/u) * sc / (u * u)
	}, 0, 1, s.tol())
	rest, _ := numeric.Integrate(s.Dist.CDF, m, c, s.tol()*math.Max(1, (c-m)/s.scale))
	return tail + rest
}

// excess returns E[(X − c)⁺] = E[X] − c + ∫_{−∞}^c F(x) dx: exact sums for a
// discrete law, quadrature of the CDF (bounded, unlike a density) otherwise.
func (s *stakes) excess(c float64) float64 {
	if s.Discrete {
		e := 0.0
		for i, v := range s.Xs {
			if v > c {
				e += s.Ps[i] * (v - c)
			}
		}
		return e
	}
	switch {
	case c <= s.Lo:
		return s.mean - c
	case c >= s.Hi:
		return 0
	}
	return math.Max(0, s.mean-c+s.lower(c))
}

// excessWalker evaluates E[(X − c)⁺] along the sequence of thresholds of value
// iteration. Consecutive thresholds are close, so it keeps ∫_lo^c F and adds
// the integral over [c_prev, c]: one short quadrature per iteration instead of
// one over the whole support.
type excessWalker struct {
	s     *stakes
	c, l  float64 // last threshold inside the support and ∫_lo^c F
	valid bool
}

func (w *excessWalker) at(c float64) float64 {
	s := w.s
	if s.Discrete || c <= s.Lo || c >= s.Hi {
		w.valid = false
		return s.excess(c)
	}
	if !w.valid {
		w.c, w.l, w.valid = c, s.lower(c), true
	} else if c != w.c {
		a, b := math.Min(w.c, c), math.Max(w.c, c)
		d, _ := numeric.Integrate(s.Dist.CDF, a, b, s.tol())
		if c > w.c {
			w.l += d
		} else {
			w.l -= d
		}
		w.c = c
	}
	return math.Max(0, s.mean-c+w.l)
}

// bellman returns the right-hand side wPV + E[(X − T(V))⁺] of the Bellman
// equation V = E[max(X − (1−S)Π + wSV, wPV)], with T(V) = (1−S)Π + w(P−S)V.
func (r *Problem) bellman(v float64) float64 {
	return r.P.Discount*r.P.Persistence*v + r.s.excess(r.alpha+r.beta*v)
}

// modulus is a contraction modulus of the Bellman operator: its derivative
// w[P·F(T) + S(1−F(T))] lies between w·min(P,S) and w·max(P,S).
func (r *Problem) modulus() float64 {
	return r.P.Discount * math.Max(r.P.Persistence, r.P.Stealth)
}

// ValueIteration iterates the Bellman operator from V = 0 until the a-priori
// bound q/(1−q)·|Vₙ − Vₙ₋₁| on the distance to the fixed point falls below
// tol·max(1, V) (q the contraction modulus), or maxIter iterations. It
// returns V, the iterations used and whether the bound was met.
func (r *Problem) ValueIteration(tol float64, maxIter int) (v float64, iter int, converged bool) {
	q := r.modulus()
	w := excessWalker{s: &r.s}
	wp := r.P.Discount * r.P.Persistence
	for iter < maxIter {
		iter++
		next := wp*v + w.at(r.alpha+r.beta*v)
		diff := math.Abs(next - v)
		v = next
		if q == 0 || diff*q/(1-q) <= tol*math.Max(1, math.Abs(v)) {
			return v, iter, true
		}
	}
	return v, iter, false
}

// closedFormUniform solves the Bellman equation for stakes uniform on
// [lo, hi] (derivation in the package documentation). ok is false if no
// piece is consistent, which would be a bug.
func (r *Problem) closedFormUniform() (v float64, ok bool) {
	lo, hi := r.s.Lo, r.s.Hi
	width := hi - lo
	a, b := r.alpha, r.beta
	k := 1 - r.P.Discount*r.P.Persistence
	tol := 1e-12 * (math.Abs(lo) + math.Abs(hi) + a)
	// Never use: the expected penalty alone exceeds the best stakes.
	if a >= hi {
		return 0, true
	}
	// Use for stakes in [T, hi]: (1−wP)V·2(hi−lo) = (hi − a − bV)²; the
	// smaller root, with the discriminant factored to avoid cancellation.
	gamma := hi - a
	bb := gamma*b + width*k
	disc := width * k * (width*k + 2*b*gamma)
	if bb > 0 && disc >= 0 {
		v = gamma * gamma / (bb + math.Sqrt(disc))
		if t := a + b*v; t >= lo-tol && t <= hi+tol {
			return v, true
		}
	}
	// Always use: (1−wP)V = E[X] − a − bV.
	v = ((lo+hi)/2 - a) / (1 - r.P.Discount*r.P.Stealth)
	if t := a + b*v; v >= 0 && t <= lo+tol {
		return v, true
	}
	return math.NaN(), false
}

// exactDiscrete solves the Bellman equation for discrete stakes x₁ < … < xₙ
// by enumerating the set of stakes used, {x_i ≥ x_k}: there
// V_k = Σ_{i≥k} p_i(x_i − a) / (1 − wP + b Σ_{i≥k} p_i), and the right k is the
// one whose threshold a + bV_k lies in (x_{k−1}, x_k]. The Bellman operator is
// a contraction, so exactly one k qualifies (two adjacent ones at a tie, with
// the same V); rounding is absorbed by taking the least violation.
func (r *Problem) exactDiscrete() float64 {
	xs, ps := r.s.Xs, r.s.Ps
	n := len(xs)
	a, b := r.alpha, r.beta
	k0 := 1 - r.P.Discount*r.P.Persistence
	bestV, bestViol := 0.0, math.Inf(1)
	mass, sum := 0.0, 0.0     // Σ_{i≥k} p_i and Σ_{i≥k} p_i x_i
	for k := n; k >= 0; k-- { // k = number of the lowest atom used (0-based); n = none used
		if k < n {
			mass += ps[k]
			sum += ps[k] * xs[k]
		}
		v := (sum - a*mass) / (k0 + b*mass)
		t := a + b*v
		viol := 0.0
		if k > 0 {
			viol = math.Max(viol, xs[k-1]-t) // x_{k−1} must be below T
		}
		if k < n {
			viol = math.Max(viol, t-xs[k]) // x_k must be at least T
		}
		if viol < bestViol {
			bestV, bestViol = v, viol
		}
	}
	return bestV
}

// Concept is the solution concept of the certificate.
const Concept = "optimal policy of a single decision maker (the Bellman equation's fixed point)"

// solve picks the method, computes the policy and its consequences, and
// checks the Bellman residual.
func (r *Problem) solve() (Solution, error) {
	var (
		sol Solution
		// The Bellman operator is a contraction with modulus w·max(S, P) < 1
		// (Prepare refuses the rest), so its fixed point V, and with it T*,
		// is unique (Banach).
		cert = model.Certificate{Concept: Concept, Converged: true, Unique: true}
		v    float64
	)
	method := r.P.Solver
	if method == "auto" {
		switch {
		case r.s.uniform:
			method = "closed form"
		case r.s.Discrete:
			method = "exact"
		default:
			method = "value_iteration"
		}
	}
	switch method {
	case "closed form":
		var ok bool
		v, ok = r.closedFormUniform()
		if !ok {
			return sol, fmt.Errorf("timing: no piece of the uniform closed form is consistent at %s", r.describe())
		}
		cert.Method = "closed form (uniform stakes)"
	case "exact":
		v = r.exactDiscrete()
		cert.Method = "exact enumeration (discrete stakes)"
	default:
		const tol, maxIter = 1e-12, 2_000_000
		var it int
		var conv bool
		v, it, conv = r.ValueIteration(tol, maxIter)
		cert.Method = "value iteration"
		cert.Iterations = it
		cert.Converged = conv
		cert.Notes = append(cert.Notes, fmt.Sprintf("contraction modulus w·max(P,S) = %.6g; a-priori error bound %.1g·max(1,V)", r.modulus(), tol))
		if !r.s.Discrete {
			cert.Notes = append(cert.Notes, "E[max] by adaptive Gauss–Kronrod quadrature of the CDF")
		}
	}
	// The residual is computed afresh, with the quadrature for a continuous
	// law: for the closed form it is an independent check.
	cert.Residual = math.Abs(v - r.bellman(v))
	cert.Notes = append(cert.Notes, fmt.Sprintf("unique: the Bellman operator is a contraction of modulus w·max(P,S) = %.6g < 1", r.modulus()))
	if !cert.Converged || cert.Residual > 1e-8*math.Max(1, math.Abs(v)) {
		return sol, fmt.Errorf("timing: %s did not solve the Bellman equation at %s: residual %.3g after %d iterations", cert.Method, r.describe(), cert.Residual, cert.Iterations)
	}
	S, P := r.P.Stealth, r.P.Persistence
	t := r.alpha + r.beta*v
	p := 1 - r.s.Below(t)
	keep := p*S + (1-p)*P // probability the resource survives a period
	sol = Solution{
		ValueSum:         v,
		Value:            (1 - r.P.Discount) * v,
		Threshold:        t,
		UseProb:          p,
		ExpectedWait:     math.NaN(),
		ExpectedUses:     p / (1 - keep),
		ExpectedLifetime: 1 / (1 - keep),
		PBurned:          p * (1 - S) / (1 - keep),
		Certificate:      cert,
	}
	if keep == 1 { // persistence 1 and never used (S < 1): never lost
		sol.ExpectedUses, sol.ExpectedLifetime, sol.PBurned = 0, math.NaN(), 0
	}
	if p > 0 {
		sol.ExpectedWait = 1 / (1 - P*(1-p))
	}
	return sol, nil
}
