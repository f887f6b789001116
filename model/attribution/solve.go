package attribution

import (
	"fmt"
	"math"

	"github.com/statecraft/statecraft/internal/numeric"
	"github.com/statecraft/statecraft/model"
)

// Tolerances of the equilibrium computation.
const (
	brentTol     = 1e-15 // absolute tolerance of each best-response root
	sweepTol     = 1e-14 // stop when no attack probability moves more than this in a sweep
	maxSweeps    = 20000 // best-response sweeps per start
	scanCells    = 16    // cells scanned for the smallest (largest) root of a best response
	residualTol  = 1e-9  // an equilibrium is accepted only if max|α − T(α)| is below this
	uniqueTol    = 1e-9  // least and greatest equilibria closer than this count as one
	maxRootEvals = 200
	endTol       = 1e-14 // a gap this close to 0 at a = 0 or a = 1 makes that end a root
)

// outcome is a solved instance: the attack probabilities and everything the
// metrics and the simulation need.
type outcome struct {
	alpha, cutoff []float64
	post          [][]float64 // reported posteriors (NaN for signals of probability 0)
	ret           [][]float64 // reported retaliation probabilities
	thresh        [][]float64 // simulation: retaliate against i after s iff cost ≤ thresh[i][s]
	pAttack       float64
	pWrong        float64
	payoff        float64
	cert          model.Certificate
	extra         map[string]any
}

// eqSolver holds the scratch space of one equilibrium computation.
type eqSolver struct {
	g      *Game
	alpha  []float64
	others []float64 // per signal: probability of the signal with attacker i's attacks left out
	evals  int       // evaluations of best-response gaps
}

func newEqSolver(g *Game) *eqSolver {
	return &eqSolver{g: g, alpha: make([]float64, g.n), others: make([]float64, g.m)}
}

// posteriorOf is attacker i's posterior after a signal whose probability
// (numerator included) is den, with numerator num = γᵢαᵢπⁱ_s. A signal of
// probability zero that attacker i could send is one that only a deviation by
// i produces; its posterior is the limit as i's attack probability goes to 0
// from above, which is 1. This keeps each best response continuous.
func posteriorOf(num, den, gammaPi float64) float64 {
	if den > 0 {
		return math.Min(1, num/den)
	}
	if gammaPi > 0 {
		return 1
	}
	return 0
}

// setOthers fills s.others with the probability of each signal when attacker
// i attacks with probability 0, the others as in s.alpha:
// (1 − Σ_{j≠i} γⱼαⱼ)π⁰_s + Σ_{j≠i} γⱼαⱼπʲ_s.
func (s *eqSolver) setOthers(i int) {
	g := s.g
	rest := 1.0
	for j := 0; j < g.n; j++ {
		if j != i {
			rest -= g.gamma[j] * s.alpha[j]
		}
	}
	rest = math.Max(rest, 0)
	for k := 0; k < g.m; k++ {
		v := rest * g.pi0[k]
		for j := 0; j < g.n; j++ {
			if j != i {
				v += g.gamma[j] * s.alpha[j] * g.pi[j][k]
			}
		}
		s.others[k] = v
	}
}

// gap is a − Tᵢ(a, α₋ᵢ): attacker i's attack probability a minus the one
// its cutoff implies when the defender's posteriors are computed at a (after
// setOthers(i)). It is ≤ 0 at a = 0 and ≥ 0 at a = 1.
func (s *eqSolver) gap(i int, a float64) float64 {
	s.evals++
	g := s.g
	gi := g.gamma[i]
	x := 0.0
	for k := 0; k < g.m; k++ {
		w := g.w[i][k]
		if w == 0 {
			continue
		}
		num := gi * a * g.pi[i][k]
		p := posteriorOf(num, s.others[k]+gi*a*w, gi*g.pi[i][k])
		x += w * g.G[i].CDF(p)
	}
	x *= g.harm[i]
	return a - (1 - g.F[i].CDF(x))
}

// bestResponse returns attacker i's best response to s.alpha: the smallest
// (fromAbove: largest) root of gap on [0, 1], found by scanning 16 cells for the
// first sign change and refining it with Brent's method. An end where the gap
// is within endTol of 0 is a root (rounding can leave T(1) = 1 − F(0) a hair
// below 1 when the cutoff is 0).
func (s *eqSolver) bestResponse(i int, fromAbove bool) (float64, bool) {
	s.setOthers(i)
	f := func(a float64) float64 { return s.gap(i, a) }
	if !fromAbove {
		lo, flo := 0.0, f(0)
		if flo >= -endTol {
			return 0, true
		}
		for k := 1; k <= scanCells; k++ {
			hi := float64(k) / scanCells
			fhi := f(hi)
			if fhi >= 0 {
				r, err := numeric.BrentFrom(f, lo, hi, flo, fhi, brentTol, maxRootEvals)
				return r.X, err == nil
			}
			lo, flo = hi, fhi
		}
		return 1, false // unreachable: gap(1) ≥ 0
	}
	hi, fhi := 1.0, f(1)
	if fhi <= endTol {
		return 1, true
	}
	for k := scanCells - 1; k >= 0; k-- {
		lo := float64(k) / scanCells
		flo := f(lo)
		if flo <= 0 {
			r, err := numeric.BrentFrom(f, lo, hi, flo, fhi, brentTol, maxRootEvals)
			return r.X, err == nil
		}
		hi, fhi = lo, flo
	}
	return 0, false // unreachable: gap(0) ≤ 0
}

// iterate runs Gauss–Seidel best-response sweeps from α = start until no
// attack probability moves by more than sweepTol. With strategic complements
// the sequence is monotone and converges to the least (start 0) or greatest
// (start 1) equilibrium.
func (s *eqSolver) iterate(start float64) (sweeps int, converged bool) {
	fromAbove := start > 0
	for i := range s.alpha {
		s.alpha[i] = start
	}
	for sweeps = 1; sweeps <= maxSweeps; sweeps++ {
		move := 0.0
		for i := range s.alpha {
			a, ok := s.bestResponse(i, fromAbove)
			if !ok {
				return sweeps, false
			}
			move = math.Max(move, math.Abs(a-s.alpha[i]))
			s.alpha[i] = a
		}
		if move <= sweepTol {
			return sweeps, true
		}
	}
	return maxSweeps, false
}

// equilibriumMap computes T(α): each attacker's attack probability implied by
// the defender's best-response retaliation at the posteriors of α, written
// directly from the model's formulas (not through setOthers and gap), together
// with the cutoffs.
func (g *Game) equilibriumMap(alpha, t, cutoff []float64) {
	total := 0.0
	for j := range alpha {
		total += g.gamma[j] * alpha[j]
	}
	for i := range alpha {
		x := 0.0
		for k := 0; k < g.m; k++ {
			den := math.Max(1-total, 0) * g.pi0[k]
			for j := range alpha {
				den += g.gamma[j] * alpha[j] * g.pi[j][k]
			}
			p := posteriorOf(g.gamma[i]*alpha[i]*g.pi[i][k], den, g.gamma[i]*g.pi[i][k])
			x += (g.pi[i][k] - g.pi0[k]) * g.G[i].CDF(p)
		}
		cutoff[i] = g.harm[i] * x
		t[i] = 1 - g.F[i].CDF(cutoff[i])
	}
}

// residual is max |αᵢ − Tᵢ(α)|: how far α is from being an equilibrium.
func (g *Game) residual(alpha []float64) float64 {
	t := make([]float64, g.n)
	c := make([]float64, g.n)
	g.equilibriumMap(alpha, t, c)
	r := 0.0
	for i := range alpha {
		r = math.Max(r, math.Abs(alpha[i]-t[i]))
	}
	return r
}

// Concept is the solution concept of the best-response solver.
const Concept = "perfect Bayesian equilibrium (attackers' cutoff strategies; the defender retaliates against j after s iff its cost is at most its posterior that j attacked)"

// complements reports whether attacks are strategic complements by the
// signal rows alone: for every pair of attackers i ≠ j and every signal s,
// πⁱ_s − π⁰_s and πʲ_s − π⁰_s do not have opposite signs. Then a rise in αⱼ
// moves the defender's posterior on i, after every signal, in the direction
// that lowers xᵢ* = cᵢ Σ_s (πⁱ_s − π⁰_s) Gᵢ(pᵢˢ): the posterior's denominator
// grows by γⱼ(πʲ_s − π⁰_s) per unit of αⱼ, and Gᵢ is non-decreasing. So Tᵢ,
// and with it the least and greatest roots of each best response, is
// non-decreasing in α₋ᵢ. Otherwise it names a signal where the condition
// fails.
func (g *Game) complements() (bool, string) {
	for i := 0; i < g.n; i++ {
		for j := i + 1; j < g.n; j++ {
			for k := 0; k < g.m; k++ {
				if g.w[i][k]*g.w[j][k] < 0 {
					return false, fmt.Sprintf("signal %s is more likely than under no attack for one of %s and %s and less likely for the other",
						g.P.Signals[k], g.P.Attackers[i].Name, g.P.Attackers[j].Name)
				}
			}
		}
	}
	return true, ""
}

// equilibria computes the least and greatest equilibria and their
// certificate; it is the part of Solve that the benchmark times.
func (g *Game) equilibria() (least, greatest []float64, cert model.Certificate, err error) {
	s := newEqSolver(g)
	sweepsLo, okLo := s.iterate(0)
	least = append([]float64(nil), s.alpha...)
	sweepsHi, okHi := s.iterate(1)
	greatest = append([]float64(nil), s.alpha...)
	resLo, resHi := g.residual(least), g.residual(greatest)
	gapLH := 0.0
	for i := range least {
		gapLH = math.Max(gapLH, math.Abs(least[i]-greatest[i]))
	}
	comp, why := g.complements()
	cert = model.Certificate{
		Method:     "best_response: Brent roots of each attacker's best response inside Gauss–Seidel best-response iteration from α=0 and from α=1",
		Concept:    Concept,
		Converged:  okLo && okHi && resLo <= residualTol && resHi <= residualTol,
		Unique:     gapLH <= uniqueTol && (g.n == 1 || comp),
		Residual:   math.Max(resLo, resHi),
		Iterations: sweepsLo + sweepsHi,
	}
	cert.Notes = append(cert.Notes, fmt.Sprintf("best-response sweeps: %d from α=0, %d from α=1; %d best-response evaluations", sweepsLo, sweepsHi, s.evals))
	switch {
	case gapLH > uniqueTol:
		cert.Notes = append(cert.Notes, fmt.Sprintf("least and greatest equilibria differ by up to %.3g: metrics are those of the least equilibrium (from α=0); the greatest is in greatest_alpha", gapLH))
	case g.n == 1:
		cert.Notes = append(cert.Notes, "unique: one attacker, and the smallest and largest roots of α − T(α) on [0, 1] coincide (roots located on a 16-cell scan)")
	case comp:
		cert.Notes = append(cert.Notes, "unique: attacks are strategic complements (checked on the signal rows: no signal is made more likely by one attacker and less likely by another), so every equilibrium lies between the least and the greatest, which coincide")
	default:
		cert.Notes = append(cert.Notes, "not proven unique: the iterations from α=0 and α=1 agree, but attacks are not shown to be strategic complements ("+why+"), so other equilibria may lie outside their range")
	}
	if !okLo || resLo > residualTol {
		return least, greatest, cert, fmt.Errorf("attribution: best-response iteration from α=0 did not reach an equilibrium (converged %v after %d sweeps, residual %.3g)", okLo, sweepsLo, resLo)
	}
	if !okHi || resHi > residualTol {
		cert.Notes = append(cert.Notes, fmt.Sprintf("iteration from α=1 did not reach an equilibrium (residual %.3g): uniqueness is not established", resHi))
		cert.Unique = false
	}
	return least, greatest, cert, nil
}

func (g *Game) solveEquilibrium() (*outcome, error) {
	least, greatest, cert, err := g.equilibria()
	if err != nil {
		return nil, err
	}
	o := g.outcomeAt(least, nil)
	o.cert = cert
	o.extra["least_alpha"] = g.byAttacker(least)
	o.extra["greatest_alpha"] = g.byAttacker(greatest)
	return o, nil
}

func (g *Game) byAttacker(v []float64) map[string]float64 {
	out := map[string]float64{}
	for i, a := range g.P.Attackers {
		out[a.Name] = v[i]
	}
	return out
}

// outcomeAt computes every metric at attack probabilities alpha. With
// thresholds nil the defender retaliates as a best response: against i after
// s iff its cost is at most the posterior, r = G(posterior). Otherwise it
// retaliates iff its cost is at most thresholds[i][s] (the commitment),
// r = G(threshold).
func (g *Game) outcomeAt(alpha []float64, thresholds [][]float64) *outcome {
	n, m := g.n, g.m
	o := &outcome{
		alpha:  append([]float64(nil), alpha...),
		cutoff: make([]float64, n),
		post:   make([][]float64, n),
		ret:    make([][]float64, n),
		thresh: make([][]float64, n),
		extra:  map[string]any{},
	}
	ga := make([]float64, n) // γᵢαᵢ
	total := 0.0
	for i := range alpha {
		ga[i] = g.gamma[i] * alpha[i]
		total += ga[i]
	}
	none := math.Max(1-total, 0) // probability of no strategic attack
	ps := make([]float64, m)     // probability of each signal
	for k := 0; k < m; k++ {
		ps[k] = none * g.pi0[k]
		for j := 0; j < n; j++ {
			ps[k] += ga[j] * g.pi[j][k]
		}
	}
	use := make([][]float64, n)  // retaliation probabilities that drive incentives
	cost := make([][]float64, n) // expected retaliation cost given the signal
	for i := 0; i < n; i++ {
		o.post[i] = make([]float64, m)
		o.ret[i] = make([]float64, m)
		o.thresh[i] = make([]float64, m)
		use[i] = make([]float64, m)
		cost[i] = make([]float64, m)
		for k := 0; k < m; k++ {
			p := posteriorOf(ga[i]*g.pi[i][k], ps[k], g.gamma[i]*g.pi[i][k])
			o.post[i][k] = p
			t := p
			if thresholds != nil {
				t = thresholds[i][k]
			}
			o.thresh[i][k] = t
			use[i][k] = g.G[i].CDF(t)
			o.ret[i][k] = use[i][k]
			if ps[k] > 0 {
				cost[i][k] = costBelow(g.G[i], t)
			} else {
				o.post[i][k] = math.NaN()
				if thresholds == nil {
					o.ret[i][k] = math.NaN()
				}
			}
		}
		x := 0.0
		for k := 0; k < m; k++ {
			x += g.w[i][k] * use[i][k]
		}
		o.cutoff[i] = g.harm[i] * x
		o.pAttack += ga[i]
	}
	// Wrongful retaliation: given the signal, at most one attacker is guilty
	// and retaliation decisions against different attackers are independent.
	for k := 0; k < m; k++ {
		spare := 1.0 // probability of retaliating against nobody
		for j := 0; j < n; j++ {
			spare *= 1 - use[j][k]
		}
		pw := none * g.pi0[k] * (1 - spare)
		for a := 0; a < n; a++ {
			if ga[a] == 0 || g.pi[a][k] == 0 {
				continue
			}
			spareOthers := 1.0
			for j := 0; j < n; j++ {
				if j != a {
					spareOthers *= 1 - use[j][k]
				}
			}
			pw += ga[a] * g.pi[a][k] * (1 - spareOthers)
		}
		o.pWrong += pw
	}
	o.payoff = g.payoff(ga, ps, use, cost)
	o.extra["signal_rows"] = g.rowReport()
	return o
}

// payoff is the defender's expected payoff a round: −Σ γᵢαᵢ damageᵢ plus, for
// each signal s and attacker j, the value of retaliating against the actual
// attacker (γⱼαⱼπʲ_s rⱼˢ) minus the expected retaliation cost P(s)·costⱼˢ,
// where costⱼˢ = E[y; retaliate] given s.
func (g *Game) payoff(ga, ps []float64, r, cost [][]float64) float64 {
	u := 0.0
	for i := range ga {
		u -= ga[i] * g.damage[i]
	}
	for j := range ga {
		for k := 0; k < g.m; k++ {
			if ps[k] == 0 {
				continue
			}
			u += ga[j]*g.pi[j][k]*r[j][k] - ps[k]*cost[j][k]
		}
	}
	return u
}

// rowReport lists the signal distributions in force (after the knobs) for
// reports: each attacker's row, false_alarm's π^FA and the no-attack π^0.
func (g *Game) rowReport() map[string]map[string]float64 {
	row := func(v []float64) map[string]float64 {
		out := map[string]float64{}
		for k, s := range g.P.Signals {
			out[s] = v[k]
		}
		return out
	}
	rep := map[string]map[string]float64{"(false alarm)": row(g.fa), "(no attack)": row(g.pi0)}
	for i, a := range g.P.Attackers {
		rep[a.Name] = row(g.pi[i])
	}
	return rep
}
