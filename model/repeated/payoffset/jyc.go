package payoffset

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/statecraft/statecraft/model"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// directions returns D unit vectors evenly spaced counter-clockwise from
// (1, 0). Quarter turns are set exactly, so that when 4 divides D the axis
// directions, which carry each player's smallest and largest payoff, carry no
// rounding.
func directions(d int) []pt {
	h := make([]pt, d)
	for l := range h {
		switch {
		case 4*l == 0:
			h[l] = pt{1, 0}
		case 4*l == d:
			h[l] = pt{0, 1}
		case 4*l == 2*d:
			h[l] = pt{-1, 0}
		case 4*l == 3*d:
			h[l] = pt{0, -1}
		default:
			s, c := math.Sincos(2 * math.Pi * float64(l) / float64(d))
			h[l] = pt{c, s}
		}
	}
	return h
}

func checkDirections(d int) error {
	if d < 3 {
		return model.Invalid("directions", "%d is out of range; allowed: x ≥ 3 (fewer directions cannot bound a polygon)", d)
	}
	return nil
}

func dot(a, b pt) float64 { return a[0]*b[0] + a[1]*b[1] }

// regions clips polygons by a profile's incentive constraints, reusing its
// buffers.
type regions struct{ c1, c2 []pt }

// enforcing returns the part of the convex polygon poly where w_p ≥ t_p for
// both players: the continuations that enforce a profile with thresholds t.
// The result is valid until the next call.
func (r *regions) enforcing(poly []pt, t pt) []pt {
	r.c1 = clip(r.c1[:0], poly, pt{-1, 0}, -t[0])
	r.c2 = clip(r.c2[:0], r.c1, pt{0, -1}, -t[1])
	return r.c2
}

// support returns max h·p over the vertices of a non-empty polygon, and the
// vertex that attains it: the optimum of a linear function over the polygon.
func support(poly []pt, h pt) (float64, pt) {
	best, at := math.Inf(-1), pt{}
	for _, p := range poly {
		if v := dot(h, p); v > best {
			best, at = v, p
		}
	}
	return best, at
}

// simplex calls lp.Simplex and turns a panic inside it (which it documents for
// malformed inputs) into an error, so that a numerical surprise can never
// crash a sweep.
func simplex(c []float64, a mat.Matrix, b []float64, tol float64, basis []int) (opt float64, x []float64, err error) {
	defer func() {
		if r := recover(); r != nil {
			opt, x, err = math.NaN(), nil, fmt.Errorf("lp: %v", r)
		}
	}()
	return lp.Simplex(c, a, b, tol, basis)
}

// Outer computes the Judd–Yeltekin–Conklin (2003) outer approximation of the
// equilibrium payoff set on D directions h_l evenly spaced on the circle: the
// polygon {x : h_l·x ≤ c_l for all l}, where c_l is iterated as the largest
// h_l·[(1−δ)g(a) + δw] over action profiles a and continuations w in the
// current polygon that satisfy a's incentive constraints: one linear program
// per direction and profile. It starts from the supports of co g(A) and, as
// B is monotone, stays a superset of the equilibrium payoff set; it shrinks
// towards it as D grows.
//
// Each LP, max h_l·w subject to h_k·w ≤ c_k and w_p ≥ t_p, has two variables
// and D+2 inequalities. It is solved as its dual, min Σc_k y_k − Σt_p z_p
// subject to Σy_k h_k − z = h_l, y, z ≥ 0, which is already in lp.Simplex's
// standard form with two equality rows: on D = 64 it took 56 µs against
// 5.2 ms for the primal through lp.Convert (66 rows; measured on this
// project's 2-core machine), and strong duality gives the same optimum (a
// test solves both). An unbounded dual means an infeasible primal: the
// profile cannot be enforced. The optima of the last sweep are checked
// against the same supports computed from the polygon's vertices
// (Set.Residual).
//
// The polygon's and the incentive constraints are relaxed by a slack of
// min(Tolerance, 1e-9) of the payoff range. A constraint that binds exactly
// at the answer (a continuation at the tip of the set, as at the regime
// thresholds of the prisoner's dilemma) leaves the LP a sliver as thin as
// rounding, where the simplex's own feasibility tolerances would decide; the
// slack moves the bound outwards, the safe direction for an outer bound.
//
// Should lp.Simplex fail numerically on one of these small LPs (its
// tolerances are fixed inside gonum), the optimum is computed instead from
// the vertices of the polygon clipped by the two incentive half-planes —
// the same LP solved by enumeration, as checkLP does — and the certificate
// counts these fallbacks ([Set.Fallbacks]).
//
// The vertices of the result bound the equilibrium payoffs; they are not
// themselves equilibrium payoffs, so they are not checked for
// self-generation. An empty outer set proves that no pure-strategy
// equilibrium exists ([NoEquilibriumError]).
func Outer(g *Game, delta float64, d int, opt Options) (*Set, error) {
	s, err := opt.settings(g, delta)
	if err != nil {
		return nil, err
	}
	if err := checkDirections(d); err != nil {
		return nil, err
	}
	o := newOuter(g, delta, d, s)
	res, err := o.run()
	if err != nil {
		return nil, err
	}
	return finish(g, delta, s, res)
}

type outer struct {
	g          *Game
	delta, k   float64
	s          settings
	dirs       []pt
	c, cNew    []float64 // support values of the current and next polygon
	poly       []pt      // vertices of {x : h_l·x ≤ c_l + slack}
	polyNew    []pt
	box        []pt
	buf        []pt
	a          *mat.Dense // dual constraint matrix [h_1 … h_D, −e_1, −e_2]
	cost       []float64  // dual costs [c + slack, −t]
	basis      []int
	t          []pt      // incentive thresholds per profile, for the last step
	vals       []float64 // LP optimum per (direction, profile), when status is solved
	status     []uint8   // skipped, solved or infeasible, per (direction, profile)
	order      [][]int   // per direction, profiles by decreasing bound
	tried      []bool    // an LP of the profile has been solved this step
	infeasible []bool    // the first LP of the profile this step was infeasible
	rg         regions
	fallbacks  int // LPs solved by vertex enumeration after a simplex failure
}

func newOuter(g *Game, delta float64, d int, s settings) *outer {
	o := &outer{g: g, delta: delta, k: (1 - delta) / delta, s: s, dirs: directions(d)}
	na := len(g.payoff)
	o.c, o.cNew = make([]float64, d), make([]float64, d)
	o.a = mat.NewDense(2, d+2, nil)
	for l, h := range o.dirs {
		o.a.Set(0, l, h[0])
		o.a.Set(1, l, h[1])
		o.c[l] = math.Inf(-1)
		for _, p := range g.payoff {
			o.c[l] = math.Max(o.c[l], dot(h, p))
		}
	}
	o.a.Set(0, d, -1)
	o.a.Set(1, d+1, -1)
	o.cost = make([]float64, d+2)
	o.basis = make([]int, 2)
	o.t = make([]pt, na)
	o.vals = make([]float64, d*na)
	o.status = make([]uint8, d*na)
	o.order = byBound(o.dirs, g.payoff)
	o.tried, o.infeasible = make([]bool, na), make([]bool, na)
	// A box around co g(A), wider by the payoff range on each side, which
	// every supporting half-plane cuts.
	lo, hi := pt{math.Inf(1), math.Inf(1)}, pt{math.Inf(-1), math.Inf(-1)}
	for _, p := range g.payoff {
		lo = pt{math.Min(lo[0], p[0]), math.Min(lo[1], p[1])}
		hi = pt{math.Max(hi[0], p[0]), math.Max(hi[1], p[1])}
	}
	w := 1.0 // normalised payoffs span [0, 1]
	o.box = []pt{{lo[0] - w, lo[1] - w}, {hi[0] + w, lo[1] - w}, {hi[0] + w, hi[1] + w}, {lo[0] - w, hi[1] + w}}
	o.poly = o.polygon(o.poly, o.c)
	return o
}

// polygon returns the vertices of {x : h_l·x ≤ c_l + slack for all l},
// clipping the box by one half-plane at a time. The slack keeps a polygon that
// has shrunk to a point from vanishing on rounding.
func (o *outer) polygon(dst []pt, c []float64) []pt {
	dst = append(dst[:0], o.box...)
	for l, h := range o.dirs {
		o.buf = clip(o.buf[:0], dst, h, c[l]+o.s.slack)
		dst = simplify(append(dst[:0], o.buf...), o.s.eps)
	}
	return dst
}

// step computes the next supports from o.poly into o.cNew and o.polyNew. It
// reports false when no profile can be enforced from o.poly.
//
// In direction h_l no profile can give more than (1−δ)h_l·g(a) + δ(c_l +
// slack), as every continuation lies in the polygon; profiles are tried in
// decreasing order of that bound, and the LPs of those whose bound cannot beat
// the best value found are skipped. This changes no result.
func (o *outer) step() (bool, error) {
	d, na := len(o.dirs), len(o.g.payoff)
	m := mins(o.poly)
	for l := range d {
		o.cost[l] = o.c[l] + o.s.slack
	}
	for a := range na {
		gain := o.g.gain[a]
		o.t[a] = pt{m[0] + o.k*gain[0] - o.s.slack, m[1] + o.k*gain[1] - o.s.slack}
		o.tried[a], o.infeasible[a] = false, false
	}
	for i := range o.status {
		o.status[i] = skipped
	}
	any := false
	for l, h := range o.dirs {
		best := math.Inf(-1)
		for _, a := range o.order[l] {
			ga := o.g.payoff[a]
			if (1-o.delta)*dot(h, ga)+o.delta*o.cost[l] <= best {
				break
			}
			if o.infeasible[a] {
				continue
			}
			o.cost[d], o.cost[d+1] = -o.t[a][0], -o.t[a][1]
			// A feasible starting basis of the dual: h_l = 1·h_l + 0·h_{l+1}.
			o.basis[0], o.basis[1] = l, (l+1)%d
			opt, _, err := simplex(o.cost, o.a, h[:], o.s.lpTol, o.basis)
			if err != nil && !errors.Is(err, lp.ErrUnbounded) {
				// A numerical failure of the simplex: solve the same LP by
				// enumerating the vertices of its feasible polygon.
				o.fallbacks++
				err = nil
				if r := o.rg.enforcing(o.poly, o.t[a]); len(r) > 0 {
					opt, _ = support(r, h)
				} else {
					err = lp.ErrUnbounded // the dual of an infeasible primal
				}
			}
			switch {
			case errors.Is(err, lp.ErrUnbounded):
				// Primal infeasible: no continuation enforces a. Feasibility
				// does not depend on the direction, so the first answer
				// stands for all; if a later direction disagreed on
				// rounding, the sliver it would add is within the slack.
				o.status[l*na+a] = infeasible
				o.infeasible[a] = !o.tried[a]
				o.tried[a] = true
				continue
			}
			o.tried[a] = true
			o.status[l*na+a] = solved
			o.vals[l*na+a] = opt
			best = math.Max(best, (1-o.delta)*dot(h, ga)+o.delta*opt)
			any = true
		}
		// B is monotone and the current polygon contains the equilibrium
		// set, so both bounds are valid; keeping the smaller makes the
		// sequence decrease even when rounding says otherwise. A direction
		// in which every LP failed keeps its bound.
		o.cNew[l] = math.Min(o.c[l], best)
		if math.IsInf(best, -1) {
			o.cNew[l] = o.c[l]
		}
	}
	if !any {
		return false, nil
	}
	o.polyNew = o.polygon(o.polyNew, o.cNew)
	return len(o.polyNew) > 0, nil
}

// LP status of a (direction, profile) pair in the last step.
const (
	skipped    = iota // its bound could not beat another profile
	solved            // optimum in vals
	infeasible        // no continuation enforces the profile
)

// byBound returns, for each direction, the profiles sorted by decreasing
// h_l·g(a): the order of their upper bounds in that direction.
func byBound(dirs []pt, payoff []pt) [][]int {
	order := make([][]int, len(dirs))
	for l, h := range dirs {
		idx := make([]int, len(payoff))
		for a := range idx {
			idx[a] = a
		}
		slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(dot(h, payoff[y]), dot(h, payoff[x])) })
		order[l] = idx
	}
	return order
}

func (o *outer) run() (iterResult, error) {
	change := math.Inf(1)
	for it := 1; it <= o.s.maxIt; it++ {
		ok, err := o.step()
		if err != nil {
			return iterResult{}, err
		}
		if !ok {
			return iterResult{}, &NoEquilibriumError{Discount: o.delta, Method: "JYC outer", Iterations: it}
		}
		change = Hausdorff(o.poly, o.polyNew)
		if change <= o.s.tol {
			res, err := o.checkLP()
			if err != nil {
				return iterResult{}, err
			}
			return iterResult{method: "outer", directions: len(o.dirs), poly: o.polyNew, iterations: it, change: change, residual: res, fallbacks: o.fallbacks}, nil
		}
		o.c, o.cNew = o.cNew, o.c
		o.poly, o.polyNew = o.polyNew, o.poly
	}
	return iterResult{}, &NotConvergedError{Method: "JYC outer", Iterations: o.s.maxIt, Change: change * o.g.span, Tolerance: o.s.tol * o.g.span}
}

// checkLP recomputes every LP optimum of the last step from the vertices of
// the polygon it used: max h·w over the polygon clipped by the incentive
// half-planes is attained at a vertex of the clipped polygon. It returns the
// largest difference, and an error if it exceeds the verification tolerance
// or if LP and geometry disagree on whether a profile can be enforced by more
// than that tolerance.
func (o *outer) checkLP() (float64, error) {
	na := len(o.g.payoff)
	worst := 0.0
	var r []pt
	// region is the current polygon where a's incentive constraints hold,
	// each threshold moved up by shift.
	region := func(a int, shift float64) []pt {
		return o.rg.enforcing(o.poly, pt{o.t[a][0] + shift, o.t[a][1] + shift})
	}
	for a := range na {
		r = append(r[:0], region(a, 0)...)
		i, j := a/o.g.cols, a%o.g.cols
		for l, h := range o.dirs {
			v, st := o.vals[l*na+a], o.status[l*na+a]
			switch {
			case st == solved && len(r) > 0:
				geo, _ := support(r, h)
				worst = math.Max(worst, math.Abs(geo-v))
			case st == infeasible && len(region(a, o.s.vtol)) > 0:
				return worst, fmt.Errorf("JYC outer: the LP for direction %d finds no continuation enforcing profile (row %d, column %d), but the polygon holds one with slack %.3g", l, i, j, o.s.vtol)
			case st == solved && len(r) == 0 && len(region(a, -o.s.vtol)) == 0:
				return worst, fmt.Errorf("JYC outer: the LP for direction %d enforces profile (row %d, column %d), but the polygon holds no enforcing continuation even with slack %.3g", l, i, j, o.s.vtol)
			}
		}
	}
	if worst > o.s.vtol {
		return worst, fmt.Errorf("JYC outer: an LP optimum differs by %.3g from the support computed from the polygon's vertices (limit %.3g)", worst, o.s.vtol)
	}
	return worst, nil
}

// Inner computes the Judd–Yeltekin–Conklin (2003) inner approximation on D
// directions: starting from co g(A), each step solves, for every direction
// h_l and profile a, the linear program max h_l·w over continuations w in the
// current polygon (written as convex combinations Σλ_j z_j of its vertices)
// that satisfy a's incentive constraints, keeps for each direction the point
// (1−δ)g(a) + δw of the best profile, and takes the convex hull B̌(W) of
// these D points. Each such point lies in B(W), so a fixed point
// W = B̌(W) ⊆ B(W) is self-generating and therefore inside the equilibrium
// payoff set. The answer is checked to be self-generating ([Verify]) before
// it is returned.
//
// Unlike B, B̌ is not monotone (a smaller set can have extreme points
// outside the hull of a larger one's), so the iteration is not guaranteed to
// converge. On the games of this package's tests it does; on 400 random
// games with up to 4×4 actions and D = 7 or 16, 16 of 800 runs at δ = 0.85
// and 1 of 800 at δ = 0.6 cycled and ended in a [NotConvergedError]
// (intersecting each iterate with the previous one does not help: the
// iterates are not nested even when they converge). The exact method has no
// such failure, and the outer approximation, whose operator is monotone,
// converged in all of those runs.
//
// An empty inner set is [ErrInnerEmpty]: it does not prove that no
// equilibrium exists.
func Inner(g *Game, delta float64, d int, opt Options) (*Set, error) {
	s, err := opt.settings(g, delta)
	if err != nil {
		return nil, err
	}
	if err := checkDirections(d); err != nil {
		return nil, err
	}
	in := newInner(g, delta, d, s)
	res, err := in.run()
	if err != nil {
		return nil, err
	}
	return finish(g, delta, s, res)
}

type inner struct {
	g        *Game
	delta, k float64
	s        settings
	dirs     []pt
	z, zNew  []pt // vertices of the current polygon; the next one's
	pts      []pt
	cost     []float64
	b        []float64
	basis    []int
	feasible []bool  // per profile, this step
	t        []pt    // incentive thresholds per profile, this step
	start    []int   // per profile, a vertex that satisfies both constraints, or -1
	order    [][]int // per direction, profiles by decreasing bound
	rg       regions
	// fallbacks counts LPs solved by vertex enumeration after a simplex
	// failure (as in Outer).
	fallbacks int
}

func newInner(g *Game, delta float64, d int, s settings) *inner {
	in := &inner{g: g, delta: delta, k: (1 - delta) / delta, s: s, dirs: directions(d)}
	in.pts = append(in.pts, g.payoff...)
	in.z = hull(nil, in.pts, s.eps)
	in.b = make([]float64, 3)
	in.basis = make([]int, 3)
	in.feasible = make([]bool, len(g.payoff))
	in.t = make([]pt, len(g.payoff))
	in.start = make([]int, len(g.payoff))
	in.order = byBound(in.dirs, g.payoff)
	return in
}

// step computes the next polygon from in.z into in.zNew; false when no
// profile can be enforced.
func (in *inner) step() (bool, error) {
	n := len(in.z)
	m := mins(in.z)
	// Variables λ_1..λ_n ≥ 0 (weights on the vertices) and two surpluses
	// s_p ≥ 0 of the incentive constraints:
	//   Σλ_j = 1,   Σλ_j z_jp − s_p = t_p   (p = row, column).
	a := mat.NewDense(3, n+2, nil)
	for j, z := range in.z {
		a.Set(0, j, 1)
		a.Set(1, j, z[0])
		a.Set(2, j, z[1])
	}
	a.Set(1, n, -1)
	a.Set(2, n+1, -1)
	in.cost = append(in.cost[:0], make([]float64, n+2)...)
	for p := range in.feasible {
		in.feasible[p] = true
		gain := in.g.gain[p]
		t := pt{m[0] + in.k*gain[0] - in.s.eps, m[1] + in.k*gain[1] - in.s.eps}
		in.t[p] = t
		// A feasible starting basis when one vertex satisfies both
		// constraints: all weight on it, the surpluses absorbing the rest;
		// otherwise (-1) the simplex finds one itself.
		in.start[p] = -1
		for j, z := range in.z {
			if z[0] >= t[0] && z[1] >= t[1] {
				in.start[p] = j
				break
			}
		}
	}
	in.pts = in.pts[:0]
	for l, h := range in.dirs {
		hmax := math.Inf(-1)
		for j, z := range in.z {
			in.cost[j] = -dot(h, z)
			hmax = math.Max(hmax, dot(h, z))
		}
		best, bestPt, found := math.Inf(-1), pt{}, false
		// As in Outer: no profile gives more than (1−δ)h·g(a) + δ max_j h·z_j,
		// so profiles are tried by decreasing bound and the rest skipped once
		// the bound cannot beat the best.
		for _, p := range in.order[l] {
			gp := in.g.payoff[p]
			if (1-in.delta)*dot(h, gp)+in.delta*hmax <= best {
				break
			}
			if !in.feasible[p] {
				continue
			}
			in.b[0], in.b[1], in.b[2] = 1, in.t[p][0], in.t[p][1]
			var basis []int
			if j := in.start[p]; j >= 0 {
				in.basis[0], in.basis[1], in.basis[2] = j, n, n+1
				basis = in.basis
			}
			opt, x, err := simplex(in.cost, a, in.b, in.s.lpTol, basis)
			var w pt
			switch {
			case errors.Is(err, lp.ErrInfeasible):
				in.feasible[p] = false
				continue
			case err != nil:
				// A numerical failure of the simplex: max h·w over the
				// vertices of the enforcing part of the polygon instead.
				in.fallbacks++
				r := in.rg.enforcing(in.z, in.t[p])
				if len(r) == 0 {
					in.feasible[p] = false
					continue
				}
				var hw float64
				hw, w = support(r, h)
				opt = -hw
			default:
				for j, z := range in.z {
					w[0] += x[j] * z[0]
					w[1] += x[j] * z[1]
				}
			}
			v := (1-in.delta)*dot(h, gp) - in.delta*opt
			if v > best {
				best, found = v, true
				bestPt = pt{(1-in.delta)*gp[0] + in.delta*w[0], (1-in.delta)*gp[1] + in.delta*w[1]}
			}
		}
		if found {
			in.pts = append(in.pts, bestPt)
		}
	}
	if len(in.pts) == 0 {
		return false, nil
	}
	in.zNew = hull(in.zNew, in.pts, in.s.eps)
	return true, nil
}

func (in *inner) run() (iterResult, error) {
	change := math.Inf(1)
	for it := 1; it <= in.s.maxIt; it++ {
		ok, err := in.step()
		if err != nil {
			return iterResult{}, err
		}
		if !ok {
			return iterResult{}, fmt.Errorf("after %d steps at discount %g with %d directions: %w", it, in.delta, len(in.dirs), ErrInnerEmpty)
		}
		change = Hausdorff(in.z, in.zNew)
		in.z, in.zNew = in.zNew, in.z
		if change <= in.s.tol {
			return iterResult{method: "inner", directions: len(in.dirs), poly: in.z, iterations: it, change: change, fallbacks: in.fallbacks}, nil
		}
	}
	return iterResult{}, &NotConvergedError{Method: "JYC inner", Iterations: in.s.maxIt, Change: change * in.g.span, Tolerance: in.s.tol * in.g.span}
}
