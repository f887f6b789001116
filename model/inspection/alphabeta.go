package inspection

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// ROC is a receiver operating characteristic: the miss probability β(α) of
// the best test with false-alarm probability α. Both implementations are
// convex and non-increasing, with β(1) = 0.
type ROC interface {
	// Beta returns β(α) for α in [0, 1].
	Beta(alpha float64) float64
	// Slopes returns the left and right derivatives of β at α (equal where β
	// is smooth). At α = 0 the left derivative is −∞; at α = 1 the right one
	// is 0, so that the one-sided optimality conditions at the ends of [0, 1]
	// read the same as inside.
	Slopes(alpha float64) (left, right float64)
}

// GaussianROC is the ROC of a test between two normal laws of equal variance
// whose means differ by SNR standard deviations: β(α) = Φ(Φ⁻¹(1−α) − SNR).
type GaussianROC struct{ SNR float64 }

// z returns Φ⁻¹(1−α) as −Φ⁻¹(α), without forming 1−α, so that small α keep
// their precision (gonum's quantile is Wichura's AS241, accurate in the
// tails; math.Erfcinv is not, as it computes Erfinv(1−x)).
func (GaussianROC) z(alpha float64) float64 { return -distuv.UnitNormal.Quantile(alpha) }

// Beta returns Φ(Φ⁻¹(1−α) − SNR).
func (r GaussianROC) Beta(alpha float64) float64 {
	switch {
	case alpha <= 0:
		return 1
	case alpha >= 1:
		return 0
	}
	return 0.5 * math.Erfc(-(r.z(alpha)-r.SNR)/math.Sqrt2)
}

// Slopes returns β′(α) = −exp(SNR·z − SNR²/2) with z = Φ⁻¹(1−α) (twice).
func (r GaussianROC) Slopes(alpha float64) (left, right float64) {
	switch {
	case alpha <= 0:
		return math.Inf(-1), math.Inf(-1)
	case alpha >= 1:
		return 0, 0
	}
	s := -math.Exp(r.SNR*r.z(alpha) - r.SNR*r.SNR/2)
	return s, s
}

// alphaAtSlope returns the α at which β′(α) = m < 0: the inverse of the
// derivative, exp(SNR·z − SNR²/2) = −m.
func (r GaussianROC) alphaAtSlope(m float64) float64 {
	z := (math.Log(-m) + r.SNR*r.SNR/2) / r.SNR
	return 0.5 * math.Erfc(z/math.Sqrt2) // 1 − Φ(z)
}

// TableROC is a user-given ROC table made achievable: the trivial tests
// (α, β) = (0, 1) (never alarm) and (1, 0) (always alarm) are added, and the
// lower convex hull is taken, because an inspector can randomise between two
// tests and so reach every point on the segment between them. Table points
// above the hull are dominated and dropped.
type TableROC struct {
	Alphas, Betas []float64  // hull vertices, α increasing from 0 to 1
	Dropped       []ROCPoint // table points above the hull
}

// NewTableROC builds the achievable ROC of a table whose α increase and β do
// not (as [Params.Validate] checks).
func NewTableROC(pts []ROCPoint) TableROC {
	all := make([]ROCPoint, 0, len(pts)+2)
	all = append(all, ROCPoint{0, 1})
	all = append(all, pts...)
	all = append(all, ROCPoint{1, 0})
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Alpha != all[j].Alpha {
			return all[i].Alpha < all[j].Alpha
		}
		return all[i].Beta < all[j].Beta
	})
	var hull []ROCPoint
	for i, p := range all {
		if i > 0 && p.Alpha == all[i-1].Alpha {
			continue // same α: the lower β (sorted first) dominates
		}
		// Monotone chain: pop while the last turn is not counter-clockwise.
		for len(hull) >= 2 {
			o, a := hull[len(hull)-2], hull[len(hull)-1]
			if (a.Alpha-o.Alpha)*(p.Beta-o.Beta)-(a.Beta-o.Beta)*(p.Alpha-o.Alpha) > 0 {
				break
			}
			hull = hull[:len(hull)-1]
		}
		hull = append(hull, p)
	}
	t := TableROC{}
	for _, h := range hull {
		t.Alphas = append(t.Alphas, h.Alpha)
		t.Betas = append(t.Betas, h.Beta)
	}
	for _, p := range pts {
		if p.Beta > t.Beta(p.Alpha)+1e-12 {
			t.Dropped = append(t.Dropped, p)
		}
	}
	return t
}

// segment returns i with Alpha[i] ≤ α ≤ Alpha[i+1].
func (t TableROC) segment(alpha float64) int {
	i := sort.SearchFloat64s(t.Alphas, alpha) // first vertex ≥ α
	if i > 0 {
		i--
	}
	return min(i, len(t.Alphas)-2)
}

// Beta interpolates the hull linearly.
func (t TableROC) Beta(alpha float64) float64 {
	alpha = math.Min(math.Max(alpha, 0), 1)
	i := t.segment(alpha)
	x0, x1, y0, y1 := t.Alphas[i], t.Alphas[i+1], t.Betas[i], t.Betas[i+1]
	if alpha == x1 {
		return y1
	}
	return y0 + (y1-y0)*(alpha-x0)/(x1-x0)
}

func (t TableROC) slope(i int) float64 {
	return (t.Betas[i+1] - t.Betas[i]) / (t.Alphas[i+1] - t.Alphas[i])
}

// Slopes returns the slopes of the hull segments left and right of α.
func (t TableROC) Slopes(alpha float64) (left, right float64) {
	n := len(t.Alphas)
	for j, x := range t.Alphas {
		if alpha == x {
			left, right = math.Inf(-1), 0
			if j > 0 {
				left = t.slope(j - 1)
			}
			if j < n-1 {
				right = t.slope(j)
			}
			return left, right
		}
	}
	s := t.slope(t.segment(alpha))
	return s, s
}

// abGame is the statistical-test game: the inspector tests every period with
// a test of its chosen false-alarm rate α.
type abGame struct {
	s    stage // payoff parameters; alpha and beta are set per α by at
	roc  ROC
	grid []float64 // β at the check grid's rates k/(len−1), if cached
}

func (g abGame) at(alpha float64) stage {
	s := g.s
	s.alpha, s.beta = alpha, g.roc.Beta(alpha)
	return s
}

// withGrid returns g with β cached at the n+1 rates k/n that the
// equilibrium checks visit several times.
func (g abGame) withGrid(n int) abGame {
	g.grid = make([]float64, n+1)
	for k := range g.grid {
		g.grid[k] = g.roc.Beta(float64(k) / float64(n))
	}
	return g
}

// atGrid is at(k/n), from the cache when it holds that grid.
func (g abGame) atGrid(k, n int) stage {
	a := float64(k) / float64(n)
	if len(g.grid) != n+1 {
		return g.at(a)
	}
	s := g.s
	s.alpha, s.beta = a, g.grid[k]
	return s
}

// f is the inspectee's gain from violating rather than complying when the test
// has false-alarm rate α: (b+d)β(α) − b + hα. It is convex; the inspectee is
// indifferent where it is zero, i.e. at β(α) = (b − hα)/(b+d).
func (g abGame) f(alpha float64) float64 {
	return (g.s.b+g.s.d)*g.roc.Beta(alpha) - g.s.b + g.s.h*alpha
}

// payoffs of the profile (α, q); the test is run every period (p = 1).
func (g abGame) payoffs(alpha, q float64) (inspector, inspectee float64) {
	return g.at(alpha).payoffs(1, q)
}

// vertices returns the kinks of a table ROC (nil for the Gaussian).
func (g abGame) vertices() []float64 {
	if t, ok := g.roc.(TableROC); ok {
		return t.Alphas
	}
	return nil
}

// argminF returns a minimiser of the convex function f on [0, 1].
func (g abGame) argminF() float64 {
	switch r := g.roc.(type) {
	case GaussianROC:
		if g.s.h == 0 {
			return 1 // f is decreasing
		}
		return r.alphaAtSlope(-g.s.h / (g.s.b + g.s.d)) // f′ = (b+d)β′ + h = 0
	case TableROC:
		best := 0.0
		for _, a := range r.Alphas {
			if g.f(a) < g.f(best) {
				best = a
			}
		}
		return best
	}
	panic("unknown ROC")
}

// bisect finds a zero of f in [lo, hi] given opposite signs (or a zero) at the
// ends, to the resolution of float64.
func (g abGame) bisect(lo, hi float64) (root float64, iters int) {
	flo := g.f(lo)
	if flo == 0 {
		return lo, 0
	}
	if g.f(hi) == 0 {
		return hi, 0
	}
	for iters = 0; iters < 200; iters++ {
		mid := lo + (hi-lo)/2
		if mid <= lo || mid >= hi {
			break
		}
		fm := g.f(mid)
		if fm == 0 {
			return mid, iters + 1
		}
		if (fm > 0) == (flo > 0) {
			lo, flo = mid, fm
		} else {
			hi = mid
		}
	}
	return lo + (hi-lo)/2, iters
}

// roots returns the α in [0, 1] at which the inspectee is indifferent,
// ascending: at most two for a strictly convex f. A table ROC's f is linear
// between vertices, so its roots are found exactly segment by segment; the
// Gaussian one's by bisection on each side of f's minimiser.
func (g abGame) roots() (rs []float64, iters int) {
	if t, ok := g.roc.(TableROC); ok {
		for i := 0; i+1 < len(t.Alphas); i++ {
			x0, x1 := t.Alphas[i], t.Alphas[i+1]
			f0, f1 := g.f(x0), g.f(x1)
			switch {
			case f0 == 0:
				rs = append(rs, x0)
			case (f0 > 0 && f1 < 0) || (f0 < 0 && f1 > 0):
				rs = append(rs, x0+f0/(f0-f1)*(x1-x0))
			}
		}
		if g.f(1) == 0 {
			rs = append(rs, 1)
		}
		return rs, 0
	}
	m := g.argminF()
	f0, fm, f1 := g.f(0), g.f(m), g.f(1)
	if fm > 0 {
		return nil, 0
	}
	if f0 >= 0 {
		r, it := g.bisect(0, m)
		rs = append(rs, r)
		iters += it
	}
	if f1 >= 0 {
		r, it := g.bisect(m, 1)
		if len(rs) == 0 || r > rs[len(rs)-1] {
			rs = append(rs, r)
		}
		iters += it
	}
	return rs, iters
}

// qFor returns the violation probability that makes α optimal for the
// inspector when β has slope m there: the first-order condition
// −(1−q)e − q(c−a)β′ = 0 gives q = e/(e − (c−a)β′).
func (g abGame) qFor(m float64) float64 {
	ca := g.s.c - g.s.a
	den := g.s.e
	if ca != 0 {
		den -= ca * m
	}
	if math.IsInf(den, 1) {
		return 0
	}
	return g.s.e / den
}

// bestAlpha returns a false-alarm rate that maximises the inspector's payoff
// −(1−q)eα − q(c−a)β(α) against violation probability q (ties: the smallest).
func (g abGame) bestAlpha(q float64) float64 {
	w := q * (g.s.c - g.s.a)
	u := (1 - q) * g.s.e
	gain := func(a float64) float64 { return -u*a - w*g.roc.Beta(a) }
	if t, ok := g.roc.(TableROC); ok {
		best := 0.0
		for _, a := range t.Alphas {
			if gain(a) > gain(best) {
				best = a
			}
		}
		return best
	}
	r := g.roc.(GaussianROC)
	if w > 0 { // concave: the first-order condition β′(α) = −u/w
		if u <= 0 {
			return 1
		}
		return r.alphaAtSlope(-u / w)
	}
	if gain(1) > gain(0) { // convex or linear: an end point
		return 1
	}
	return 0
}

// regret returns each player's gain from the best deviation at (α, q). The
// inspector's deviations are checked on a grid of gridN+1 rates, the ROC's
// vertices and the analytic best response, independently of how α was found.
func (g abGame) regret(alpha, q float64, gridN int) (inspector, inspectee float64) {
	i, e := g.payoffs(alpha, q)
	_, e0 := g.payoffs(alpha, 0)
	_, e1 := g.payoffs(alpha, 1)
	inspectee = math.Max(e0, e1) - e
	best := math.Inf(-1)
	try := func(a float64) {
		x, _ := g.payoffs(a, q)
		best = math.Max(best, x)
	}
	for k := 0; gridN > 0 && k <= gridN; k++ {
		x, _ := g.atGrid(k, gridN).payoffs(1, q)
		best = math.Max(best, x)
	}
	for _, a := range g.vertices() {
		try(a)
	}
	try(g.bestAlpha(q))
	return best - i, inspectee
}

// abProfile is an equilibrium of the α–β game.
type abProfile struct {
	Alpha, Beta, Q       float64
	Inspector, Inspectee float64
	kink                 bool    // α at a vertex of a table ROC: q is one of an interval
	ri, re               float64 // regrets (inspector, inspectee) found by the check
}

func (g abGame) profile(alpha, q float64) abProfile {
	i, e := g.payoffs(alpha, q)
	return abProfile{Alpha: alpha, Beta: g.roc.Beta(alpha), Q: q, Inspector: i, Inspectee: e}
}

const abGrid = 2000

// nash returns the equilibria found, given the roots rs of f, the reported one first: the interior
// equilibria at the roots of f in increasing α (the inspectee indifferent, q
// from the inspector's first-order condition), then the pure ones (α = best
// response to compliance with compliance, or to violation with violation).
func (g abGame) nash(rs []float64) (eqs []abProfile, unique bool, err error) {
	tol := g.s.tol()
	// check returns the regrets of (α, q), testing the inspectee first: it
	// is cheap and rules out most pure candidates.
	check := func(a, q float64) (ri, re float64, ok bool) {
		if !in01(q) {
			return 0, 0, false
		}
		_, e := g.payoffs(a, q)
		_, e0 := g.payoffs(a, 0)
		_, e1 := g.payoffs(a, 1)
		if re = math.Max(e0, e1) - e; re > tol {
			return 0, re, false
		}
		ri, re = g.regret(a, q, abGrid)
		return ri, re, ri <= tol && re <= tol
	}
	add := func(p abProfile) {
		for _, e := range eqs {
			if math.Abs(e.Alpha-p.Alpha) <= 1e-12 && math.Abs(e.Q-p.Q) <= 1e-12 {
				return
			}
		}
		eqs = append(eqs, p)
	}
	for _, r := range rs {
		sl, sr := g.roc.Slopes(r)
		ql, qr := g.qFor(sl), g.qFor(sr)
		q, kink := ql, false
		if math.Abs(ql-qr) > 1e-15 {
			q, kink = (ql+qr)/2, true
		}
		if ri, re, ok := check(r, q); ok {
			p := g.profile(r, q)
			p.kink, p.ri, p.re = kink, ri, re
			add(p)
		}
	}
	for _, q := range []float64{0, 1} {
		a := g.bestAlpha(q)
		if ri, re, ok := check(a, q); ok {
			p := g.profile(a, q)
			p.ri, p.re = ri, re
			add(p)
		}
	}
	if len(eqs) == 0 {
		return nil, false, errors.New("inspection: the α–β game's equilibrium search found no verified equilibrium")
	}
	unique = len(eqs) == 1 && g.s.e > 0 && g.s.c > g.s.a && !eqs[0].kink
	return eqs, unique, nil
}

// leader returns the inspector-leadership profile: the inspector commits to
// α, the inspectee best-responds (ties as the inspector prefers). On each
// piece of [0, 1] where the response is constant the leader's payoff is
// monotone (Gaussian) or linear between vertices (table), so its maximum is
// at 0, 1, a root of f or a vertex.
func (g abGame) leader(rs []float64) abProfile {
	cands := append([]float64{0, 1}, rs...)
	cands = append(cands, g.vertices()...)
	sort.Float64s(cands)
	best := abProfile{Inspector: math.Inf(-1)}
	for _, a := range cands {
		q := g.at(a).followerResponse(1)
		if p := g.profile(a, q); p.Inspector > best.Inspector+g.s.tol() {
			best = p
		}
	}
	return best
}

// leaderGridRegret is the best gain of another commitment on a grid.
func (g abGame) leaderGridRegret(lp abProfile, gridN int) float64 {
	worst := math.Inf(-1)
	for k := 0; k <= gridN; k++ {
		s := g.atGrid(k, gridN)
		x, _ := s.payoffs(1, s.followerResponse(1))
		worst = math.Max(worst, x-lp.Inspector)
	}
	return worst
}

func (g *Game) rocOf() ROC {
	if len(g.P.ROC) > 0 {
		return NewTableROC(g.P.ROC)
	}
	return GaussianROC{SNR: g.P.SNR}
}

func (g *Game) solveAlphaBeta(vals []float64) error {
	ab := abGame{s: stageOf(g.P, 0, 0), roc: g.rocOf()}.withGrid(abGrid)
	rs, iters := ab.roots()
	eqs, unique, err := ab.nash(rs)
	if err != nil {
		return err
	}
	ne := eqs[0]
	lp := ab.leader(rs)
	tol := ab.s.tol()
	ri, re := ne.ri, ne.re
	_, lre := ab.regret(lp.Alpha, lp.Q, 0)
	lgr := ab.leaderGridRegret(lp, abGrid)
	if ri > tol || re > tol || lre > tol || lgr > tol {
		return fmt.Errorf("inspection: α–β equilibrium check failed (Nash regrets %g, %g; leadership follower regret %g, leader grid regret %g)", ri, re, lre, lgr)
	}
	rep := ne
	if g.P.Leadership {
		rep = lp
	}
	vals[mInspect] = 1
	vals[mViolate] = rep.Q
	vals[mInspectorPayoff] = ne.Inspector
	vals[mInspecteePayoff] = ne.Inspectee
	vals[mInspectorLeader] = lp.Inspector
	vals[mInspecteeLeader] = lp.Inspectee
	vals[mAlphaStar] = rep.Alpha
	vals[mBetaStar] = rep.Beta
	vals[mRegime] = regimeOf(rep.Q)
	g.play = mix{p: 1, q: rep.Q, alpha: rep.Alpha, beta: rep.Beta}

	list := make([]map[string]float64, len(eqs))
	for i, e := range eqs {
		list[i] = map[string]float64{"alpha": e.Alpha, "beta": e.Beta, "violate_prob": e.Q, "inspector_payoff": e.Inspector, "inspectee_payoff": e.Inspectee}
	}
	method := "bracketed root (bisection) of the inspectee's indifference β(α)(b+d) = b − hα on a Gaussian ROC; q* from the inspector's first-order condition"
	extra := map[string]any{
		"equilibria": list,
		"roots":      rs,
		"leadership": map[string]any{"alpha": lp.Alpha, "beta": lp.Beta, "violate_prob": lp.Q, "deters": lp.Q == 0, "inspector_payoff": lp.Inspector, "inspectee_payoff": lp.Inspectee},
	}
	notes := []string{
		"the test is run every period (inspect_prob = 1); false_alarm_prob and miss_prob are not used: the inspector chooses α on the ROC",
		"Nash: the equilibrium with the smallest α at which the inspectee is indifferent; otherwise a pure one (comply first); checked against a grid of 2001 false-alarm rates",
		"leadership: the inspector commits to α; an indifferent inspectee acts as the inspector prefers (complies when deterrence pays)",
	}
	if t, ok := ab.roc.(TableROC); ok {
		method = "exact roots of the inspectee's indifference on the segments of the ROC table's lower convex hull (with (0,1) and (1,0) added); q* from the inspector's optimality condition"
		hull := make([][2]float64, len(t.Alphas))
		for i := range t.Alphas {
			hull[i] = [2]float64{t.Alphas[i], t.Betas[i]}
		}
		extra["roc_hull"] = hull
		notes = append(notes, "the ROC table replaces the Gaussian ROC: snr is not used")
		if len(t.Dropped) > 0 {
			notes = append(notes, fmt.Sprintf("%d ROC table point(s) lie above the convex hull (dominated by randomising between tests) and were dropped", len(t.Dropped)))
		}
	}
	if ne.kink {
		notes = append(notes, "α* is a vertex of the ROC hull: every q between the two one-sided first-order conditions is an equilibrium; the midpoint is reported")
	}
	if !unique {
		notes = append(notes, fmt.Sprintf("the equilibrium is not unique (%d found, listed in extra.equilibria; also when e = 0, c ≤ a or α* is a vertex)", len(eqs)))
	}
	concept, unique, notes := g.simultaneousOrLeader(unique, notes)
	g.sol.Certificate = certificate(method, concept, unique, math.Max(math.Max(ri, re), 0), iters, notes)
	g.sol.Extra = extra
	return nil
}
