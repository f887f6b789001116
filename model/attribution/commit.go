package attribution

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/statecraft/statecraft/model"
)

// Settings of the commitment search.
const (
	commitRandomStarts = 2     // pseudo-random starts besides the structured ones
	commitSeed         = 20200 // seed of those starts, fixed for determinism
	commitMaxEvals     = 20000 // function evaluations per Nelder–Mead run
	commitRestarts     = 6     // Nelder–Mead restarts from the last optimum per start
	commitImprove      = 1e-12 // smaller gains in the payoff count as none
	commitPolishRounds = 20
	commitGrid         = 100 // cells of the one-entry grid check
)

// commitEval evaluates the defender's payoff under a commitment, given as a
// retaliation threshold per attacker and signal (retaliate iff cost ≤
// threshold, so r = G(threshold)), with the attackers' cutoff responses. It
// allocates nothing per evaluation.
type commitEval struct {
	g      *Game
	lo, hi []float64 // per attacker: range of thresholds (costRange of G)
	tab    []*shortfallTable
	t      []float64   // thresholds, attacker-major: t[i*m + s]
	r      [][]float64 // retaliation probabilities G(t)
	cost   [][]float64 // E[y; y ≤ t]
	alpha  []float64
	ga     []float64
	ps     []float64
	evals  int
}

func newCommitEval(g *Game) *commitEval {
	c := &commitEval{g: g, t: make([]float64, g.n*g.m), alpha: make([]float64, g.n), ga: make([]float64, g.n), ps: make([]float64, g.m)}
	for i := 0; i < g.n; i++ {
		lo, hi := costRange(g.G[i])
		c.lo, c.hi = append(c.lo, lo), append(c.hi, hi)
		c.tab = append(c.tab, newShortfallTable(g.G[i]))
		c.r = append(c.r, make([]float64, g.m))
		c.cost = append(c.cost, make([]float64, g.m))
	}
	return c
}

// value is the defender's payoff at thresholds t (attacker-major). Under
// commitment the defender's retaliation does not depend on posteriors, so the
// attackers' responses need no fixed point: attacker i attacks iff its benefit
// exceeds harmᵢ Σ_s (πⁱ_s − π⁰_s) rᵢˢ.
func (c *commitEval) value(t []float64) float64 {
	c.evals++
	g := c.g
	copy(c.t, t)
	total := 0.0
	for i := 0; i < g.n; i++ {
		x := 0.0
		for k := 0; k < g.m; k++ {
			ti := t[i*g.m+k]
			r := g.G[i].CDF(ti)
			c.r[i][k] = r
			c.cost[i][k] = ti*r - c.tab[i].at(ti)
			x += g.w[i][k] * r
		}
		c.alpha[i] = 1 - g.F[i].CDF(g.harm[i]*x)
		c.ga[i] = g.gamma[i] * c.alpha[i]
		total += c.ga[i]
	}
	none := math.Max(1-total, 0)
	for k := 0; k < g.m; k++ {
		c.ps[k] = none * g.pi0[k]
		for j := 0; j < g.n; j++ {
			c.ps[k] += c.ga[j] * g.pi[j][k]
		}
	}
	return g.payoff(c.ga, c.ps, c.r, c.cost)
}

// The search variable z is unconstrained; threshold = lo + (hi − lo)·sin²z is
// smooth, reaches both ends of the range at finite z, and is periodic, so the
// box constraint needs no projection.
func (c *commitEval) zToT(z, t []float64) {
	for k, v := range z {
		i := k / c.g.m
		s := math.Sin(v)
		t[k] = c.lo[i] + (c.hi[i]-c.lo[i])*s*s
	}
}

func (c *commitEval) tToZ(t []float64) []float64 {
	z := make([]float64, len(t))
	for k, v := range t {
		i := k / c.g.m
		u := (v - c.lo[i]) / (c.hi[i] - c.lo[i])
		z[k] = math.Asin(math.Sqrt(math.Min(1, math.Max(0, u))))
	}
	return z
}

// nelderMead maximises the payoff from t0, restarting from each optimum until
// a restart gains nothing, and returns the best thresholds and payoff.
func (c *commitEval) nelderMead(t0 []float64) ([]float64, float64) {
	dim := len(t0)
	buf := make([]float64, dim)
	obj := func(z []float64) float64 {
		c.zToT(z, buf)
		return -c.value(buf)
	}
	best := append([]float64(nil), t0...)
	bestV := c.value(best)
	for restart := 0; restart < commitRestarts; restart++ {
		z, _ := minimizeNM(obj, c.tToZ(best), 0.1, commitMaxEvals)
		t := make([]float64, dim)
		c.zToT(z, t)
		v := c.value(t)
		if !(v > bestV+commitImprove) {
			break
		}
		best, bestV = t, v
	}
	return best, bestV
}

// coordinateCheck looks for a better payoff by changing one threshold at a
// time: over a grid of 101 values across its range and small steps around the
// current value. It returns the best change found and its gain (0 when none
// beats commitImprove).
func (c *commitEval) coordinateCheck(t []float64, v float64) ([]float64, float64, float64) {
	best, bestV := append([]float64(nil), t...), v
	try := append([]float64(nil), t...)
	for k := range t {
		i := k / c.g.m
		lo, hi := c.lo[i], c.hi[i]
		cands := make([]float64, 0, commitGrid+9)
		for j := 0; j <= commitGrid; j++ {
			cands = append(cands, lo+(hi-lo)*float64(j)/commitGrid)
		}
		for _, h := range []float64{1e-2, 1e-3, 1e-4, 1e-5} {
			cands = append(cands, t[k]-h*(hi-lo), t[k]+h*(hi-lo))
		}
		for _, x := range cands {
			if x < lo || x > hi {
				continue
			}
			copy(try, t)
			try[k] = x
			if tv := c.value(try); tv > bestV+commitImprove {
				best, bestV = append(best[:0], try...), tv
			}
		}
	}
	return best, bestV, bestV - v
}

// commitStarts lists the deterministic starting thresholds: the best-response
// equilibrium's (the posteriors, when there is an equilibrium), never
// retaliate, always retaliate, retaliate where the signal is evidence against
// the attacker (πⁱ_s > π⁰_s), and two pseudo-random ones from a fixed seed.
func (c *commitEval) starts(eq *outcome) (starts [][]float64, names []string) {
	g := c.g
	nm := g.n * g.m
	clamp := func(i int, x float64) float64 { return math.Min(c.hi[i], math.Max(c.lo[i], x)) }
	if eq != nil {
		t := make([]float64, nm)
		for i := 0; i < g.n; i++ {
			for k := 0; k < g.m; k++ {
				t[i*g.m+k] = clamp(i, eq.thresh[i][k])
			}
		}
		starts, names = append(starts, t), append(names, "best-response equilibrium")
	}
	never, always, evidence := make([]float64, nm), make([]float64, nm), make([]float64, nm)
	for i := 0; i < g.n; i++ {
		for k := 0; k < g.m; k++ {
			never[i*g.m+k], always[i*g.m+k] = c.lo[i], c.hi[i]
			evidence[i*g.m+k] = c.lo[i]
			if g.w[i][k] > 0 {
				evidence[i*g.m+k] = c.hi[i]
			}
		}
	}
	starts = append(starts, never, always, evidence)
	names = append(names, "never", "always", "evidence")
	rng := rand.New(rand.NewPCG(commitSeed, uint64(nm)))
	for s := 0; s < commitRandomStarts; s++ {
		t := make([]float64, nm)
		for k := range t {
			i := k / g.m
			t[k] = c.lo[i] + (c.hi[i]-c.lo[i])*rng.Float64()
		}
		starts, names = append(starts, t), append(names, fmt.Sprintf("random %d", s+1))
	}
	return starts, names
}

// solveCommitment finds the defender's best commitment to retaliation
// probabilities, anticipating the attackers' cutoff responses.
func (g *Game) solveCommitment() (*outcome, error) {
	least, _, _, eqErr := g.equilibria()
	var eq *outcome
	if eqErr == nil {
		eq = g.outcomeAt(least, nil)
	}
	c := newCommitEval(g)
	starts, names := c.starts(eq)
	var best []float64
	bestV := math.Inf(-1)
	finals := make([]float64, len(starts))
	for s, t0 := range starts {
		t, v := c.nelderMead(t0)
		// Polish: alternate one-entry improvements and Nelder–Mead until
		// neither finds a gain.
		for round := 0; round < commitPolishRounds; round++ {
			t2, v2, gain := c.coordinateCheck(t, v)
			if gain <= 0 {
				break
			}
			t, v = c.nelderMead(t2)
			if v < v2 {
				t, v = t2, v2
			}
		}
		finals[s] = v
		if v > bestV {
			best, bestV = t, v
		}
	}
	_, _, gain := c.coordinateCheck(best, bestV)
	agree := 0
	for _, v := range finals {
		if v >= bestV-1e-7 {
			agree++
		}
	}
	c.value(best)
	thresholds := make([][]float64, g.n)
	for i := range thresholds {
		thresholds[i] = best[i*g.m : (i+1)*g.m]
	}
	o := g.outcomeAt(c.alpha, thresholds)
	cert := model.Certificate{
		Method: "commitment (Stackelberg): the defender commits to retaliation probabilities r ∈ [0,1]^(attackers×signals), " +
			"retaliating in the cheapest cost states (cost ≤ threshold, r = G(threshold)), to maximise its payoff given the attackers' cutoff responses; " +
			optimizerName + " over threshold = lo + (hi−lo)·sin²z from several deterministic starts, polished by one-entry grid search",
		Concept:    "Stackelberg commitment (the defender commits to retaliation probabilities; each attacker's cutoff response to them is unique)",
		Converged:  gain <= commitImprove,
		Unique:     false, // a local search from several starts: global optimality is not proven
		Residual:   gain,
		Iterations: c.evals,
	}
	cert.Notes = append(cert.Notes,
		fmt.Sprintf("%d starts (%v); %d reached the best payoff within 1e-7 (evidence, not a proof, that the optimum is unique)", len(starts), names, agree),
		"residual: the largest payoff gain from changing one retaliation threshold (grid of 101 values over its range and steps of 1e-2…1e-5 of it); global optimality is not certified",
		"iterations: evaluations of the defender's payoff",
	)
	if eq != nil {
		o.extra["best_response_payoff"] = eq.payoff
		o.extra["best_response_alpha"] = g.byAttacker(eq.alpha)
		o.extra["commitment_gain"] = o.payoff - eq.payoff
		if o.payoff < eq.payoff-1e-9 {
			return nil, fmt.Errorf("attribution: commitment search ended below the best-response equilibrium's payoff (%.12g < %.12g)", o.payoff, eq.payoff)
		}
	} else {
		cert.Notes = append(cert.Notes, "no best-response equilibrium to compare with: "+eqErr.Error())
	}
	o.cert = cert
	return o, nil
}
