package payoffset

import (
	"fmt"
	"math"
)

// Exact computes the set of pure-strategy subgame-perfect equilibrium payoffs
// of the repeated game with perfect monitoring and public randomisation at
// discount factor delta: the largest fixed point of the APS operator B,
// reached by iterating B from W₀ = co g(A). Each step clips the current
// polygon by the two incentive half-planes of every action profile, maps the
// clipped polygon by w ↦ (1−δ)g(a) + δw and takes the convex hull of the
// union. Every vertex of the answer is checked to be self-generating
// ([Verify]) before it is returned.
//
// Errors: [NoEquilibriumError] (wrapping [ErrNoEquilibrium]) when the set is
// empty, [NotConvergedError], and [VerificationError].
func Exact(g *Game, delta float64, opt Options) (*Set, error) {
	s, err := opt.settings(g, delta)
	if err != nil {
		return nil, err
	}
	e := newExact(g, delta, s)
	res, err := e.run()
	if err != nil {
		return nil, err
	}
	return finish(g, delta, s, res)
}

// exact holds the buffers of the iteration, reused across steps so that the
// loop does not allocate once they have grown.
type exact struct {
	g        *Game
	delta, k float64 // k = (1−δ)/δ converts a stage gain into a continuation premium
	s        settings
	cur, nxt []pt
	pts      []pt // mapped vertices of every clipped polygon
	c1, c2   []pt // clip buffers
}

func newExact(g *Game, delta float64, s settings) *exact {
	e := &exact{g: g, delta: delta, k: (1 - delta) / delta, s: s}
	e.pts = append(e.pts, g.payoff...)
	e.cur = hull(nil, e.pts, s.eps)
	return e
}

// step applies B once to e.cur, leaving the result in e.nxt. It reports
// false when B(cur) is empty.
func (e *exact) step() bool {
	d := e.delta
	m := mins(e.cur)
	e.pts = e.pts[:0]
	for a, ga := range e.g.payoff {
		gain := e.g.gain[a]
		// Incentive constraint of player p at a, with the deviator punished
		// by its worst continuation m[p] in the set:
		//   (1−δ)g_p(a) + δw_p ≥ (1−δ)max g_p(a_p', a_-p) + δm_p
		//   ⇔ w_p ≥ m_p + (1−δ)/δ · gain_p(a).
		// The eps slack keeps a constraint that binds exactly at the fixed
		// point (the regime thresholds, e.g. δ = 1/4 and 1/2 in the
		// prisoner's dilemma) from failing on rounding.
		t0 := m[0] + e.k*gain[0] - e.s.eps
		t1 := m[1] + e.k*gain[1] - e.s.eps
		e.c1 = clip(e.c1[:0], e.cur, pt{-1, 0}, -t0)
		e.c2 = clip(e.c2[:0], e.c1, pt{0, -1}, -t1)
		for _, w := range e.c2 {
			e.pts = append(e.pts, pt{(1-d)*ga[0] + d*w[0], (1-d)*ga[1] + d*w[1]})
		}
	}
	if len(e.pts) == 0 {
		return false
	}
	e.nxt = hull(e.nxt, e.pts, e.s.eps)
	return true
}

// iterResult is what an iteration hands to finish.
type iterResult struct {
	method     string
	directions int
	poly       []pt
	iterations int
	change     float64
	residual   float64 // set by outer: the LP-versus-geometry check
	fallbacks  int     // JYC: LPs solved by vertex enumeration after a simplex failure
}

func (e *exact) run() (iterResult, error) {
	change := math.Inf(1)
	for it := 1; it <= e.s.maxIt; it++ {
		if !e.step() {
			return iterResult{}, &NoEquilibriumError{Discount: e.delta, Method: "exact APS", Iterations: it}
		}
		change = Hausdorff(e.cur, e.nxt)
		e.cur, e.nxt = e.nxt, e.cur
		if change <= e.s.tol {
			return iterResult{method: "exact", poly: e.cur, iterations: it, change: change}, nil
		}
	}
	return iterResult{}, &NotConvergedError{Method: "exact APS", Iterations: e.s.maxIt, Change: change * e.g.span, Tolerance: e.s.tol * e.g.span}
}

// finish tidies the final polygon for output, verifies it and builds the Set
// in payoff units.
func finish(g *Game, delta float64, s settings, r iterResult) (*Set, error) {
	poly := append([]pt(nil), r.poly...)
	// Near a fixed point a true vertex can be approached by a small cluster
	// of iterate vertices; merge what the accuracy asked for cannot
	// distinguish, so that n_vertices counts corners of the limit set.
	merge := s.acc
	if r.method == "outer" {
		// The outer bound also carries its LP slack, amplified by the
		// iteration to about slack/(1−δ) and unevenly across directions, so
		// that three constraints meeting at one corner of the limit leave
		// a cluster of vertices a few times that wide.
		merge += 4 * s.slack / (1 - delta)
	}
	poly = reduce(poly, merge)
	poly = canonical(poly, merge)
	set := &Set{
		Method:     r.method,
		Directions: r.directions,
		Iterations: r.iterations,
		Change:     r.change * g.span,
		Converged:  true,
		Residual:   r.residual * g.span,
		Fallbacks:  r.fallbacks,
	}
	if r.method != "outer" {
		// Outer vertices bound the set; they are not equilibrium payoffs.
		res, err := verify(g, delta, poly, s.vtol)
		set.Residual = res * g.span
		if err != nil {
			err.Method = r.method
			return nil, err
		}
	}
	set.Vertices = make([][2]float64, len(poly))
	for i, p := range poly {
		set.Vertices[i] = g.toPayoff(p)
	}
	return set, nil
}

// Verify checks that the convex hull of the given points is
// self-generating at discount factor delta, which by Abreu, Pearce and
// Stacchetti (1990) makes every point of it a pure-strategy subgame-perfect
// equilibrium payoff (with public randomisation). For each vertex v it looks
// for an action profile a with continuation w = (v − (1−δ)g(a))/δ inside the
// polygon and satisfying both incentive constraints, the deviator being held
// to its smallest payoff in the polygon. It works from the vertices alone, not
// from how a solver produced them. The residual is, over vertices, the worst
// of the smallest violation (distance of w outside the polygon, or shortfall
// of an incentive constraint) over profiles; it returns a
// [*VerificationError] for the first vertex whose violation exceeds tol.
func Verify(g *Game, delta float64, vertices [][2]float64, tol float64) (residual float64, err error) {
	if !(delta > 0 && delta < 1) {
		return math.NaN(), fmt.Errorf("discount %v is out of range; allowed: 0 < x < 1", delta)
	}
	poly := make([]pt, len(vertices))
	for i, v := range vertices {
		poly[i] = g.normal(v)
	}
	// The checks below need a counter-clockwise convex polygon; callers
	// may list points in any order.
	poly = hull(nil, poly, 1e-12)
	r, verr := verify(g, delta, poly, tol/g.span)
	if verr != nil {
		return r * g.span, verr
	}
	return r * g.span, nil
}

// verify works in normalised units and reports the error in payoff units.
func verify(g *Game, delta float64, poly []pt, tol float64) (float64, *VerificationError) {
	k := (1 - delta) / delta
	m := mins(poly)
	worst := 0.0
	for _, v := range poly {
		best := math.Inf(1)
		for a, ga := range g.payoff {
			w := pt{(v[0] - (1-delta)*ga[0]) / delta, (v[1] - (1-delta)*ga[1]) / delta}
			r := distTo(w, poly)
			for p := range 2 {
				r = math.Max(r, m[p]+k*g.gain[a][p]-w[p])
			}
			best = math.Min(best, r)
		}
		worst = math.Max(worst, best)
		if best > tol {
			return worst, &VerificationError{Vertex: g.toPayoff(v), Residual: best * g.span, Limit: tol * g.span}
		}
	}
	return worst, nil
}
