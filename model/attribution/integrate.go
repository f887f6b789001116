package attribution

import (
	"math"
	"sort"

	"github.com/statecraft/statecraft/dist"
)

// Gauss–Kronrod 15-point rule on [−1, 1] with its embedded 7-point Gauss
// rule (the nodes and weights of QUADPACK's qk15: Piessens, de Doncker-Kapenga,
// Überhuber & Kahaner, QUADPACK, Springer 1983). xgk[1], xgk[3], xgk[5] and
// xgk[7] = 0 are the Gauss nodes.
var (
	xgk = [8]float64{
		0.991455371120812639206854697526329,
		0.949107912342758524526189684047851,
		0.864864423359769072789712788640926,
		0.741531185599394439863864773280788,
		0.586087235467691130294144845693013,
		0.405845151377397166906606412076961,
		0.207784955007898467600689403773245,
		0,
	}
	wgk = [8]float64{
		0.022935322010529224963732008058970,
		0.063092092629978553290700663189204,
		0.104790010322250183839876322541518,
		0.140653259715525918745189590510238,
		0.169004726639267902826583426598550,
		0.190350578064785409913256402421014,
		0.204432940075298892414161999234649,
		0.209482141084727828012999174891714,
	}
	wg = [4]float64{
		0.129484966168869693270611432679082,
		0.279705391489276667901467771423780,
		0.381830050505118944950369775488975,
		0.417959183673469387755102040816327,
	}
)

// gk15 integrates f over [a, b] and returns the Kronrod estimate and the
// difference from the Gauss estimate (an error bound in practice).
func gk15(f func(float64) float64, a, b float64) (kronrod, errEst float64) {
	c, h := 0.5*(a+b), 0.5*(b-a)
	fc := f(c)
	k := wgk[7] * fc
	gs := wg[3] * fc
	for j := 0; j < 7; j++ {
		dx := h * xgk[j]
		sum := f(c-dx) + f(c+dx)
		k += wgk[j] * sum
		if j%2 == 1 {
			gs += wg[j/2] * sum
		}
	}
	return k * h, math.Abs((k - gs) * h)
}

// adaptiveGK integrates f over [a, b] by recursive bisection until each
// piece's Kronrod–Gauss difference is below its share of tol, or depth runs
// out.
func adaptiveGK(f func(float64) float64, a, b, tol float64, depth int) float64 {
	v, e := gk15(f, a, b)
	if e <= tol || depth == 0 || b-a < 1e-14*(math.Abs(a)+math.Abs(b)) {
		return v
	}
	mid := 0.5 * (a + b)
	return adaptiveGK(f, a, mid, 0.5*tol, depth-1) + adaptiveGK(f, mid, b, 0.5*tol, depth-1)
}

// tailProb is the probability left out at each end of an unbounded cost law:
// the search treats its support as [Q(tailProb), Q(1−tailProb)].
const tailProb = 1e-13

// costRange returns the interval over which retaliation thresholds range: the
// support of g, with infinite ends replaced by the tailProb quantiles.
func costRange(g dist.Dist) (lo, hi float64) {
	lo, hi = g.Support()
	if math.IsInf(lo, -1) {
		lo = g.Quantile(tailProb)
	}
	if math.IsInf(hi, 1) {
		hi = g.Quantile(1 - tailProb)
	}
	return lo, hi
}

// shortfall is Ψ(t) = E[(t − Y)⁺] = ∫_{−∞}^t G(y) dy, by adaptive quadrature of
// the CDF from the lower end of costRange (below it G < tailProb).
func shortfall(g dist.Dist, t float64) float64 {
	lo, _ := costRange(g)
	if t <= lo {
		return 0
	}
	if g.Kind() == "uniform" {
		a, b := g.Support()
		if t >= b {
			return (b-a)/2 + (t - b)
		}
		return (t - a) * (t - a) / (2 * (b - a))
	}
	return adaptiveGK(g.CDF, lo, t, 1e-13, 50)
}

// costBelow is E[Y; Y ≤ t] = t·G(t) − Ψ(t): the expected cost a round of
// retaliating exactly when the cost is at most t.
func costBelow(g dist.Dist, t float64) float64 {
	return t*g.CDF(t) - shortfall(g, t)
}

// retaliationCost is C(r) = E[Y; Y ≤ Q(r)], the expected cost of retaliating
// with probability r in the r cheapest cost states. For a continuous G and
// r = G(p) this is the cost paid by the rule "retaliate iff cost ≤ posterior".
func retaliationCost(g dist.Dist, r float64) float64 {
	switch {
	case r <= 0:
		return 0
	case r >= 1:
		return g.Mean()
	}
	return costBelow(g, g.Quantile(r))
}

// shortfallTable tabulates Ψ on costRange for the commitment search, which
// evaluates it tens of thousands of times. Breakpoints are a regular mesh of
// tableCells cells plus, within 1/64 of the range of each end, a mesh graded
// geometrically (ratio 2^⅛, down to 1e-12 of the range) towards the ends,
// where densities may be infinite. Ψ is integrated by Gauss–Kronrod 15 on
// each piece. Between breakpoints Ψ is the cubic Hermite interpolant with the
// exact slopes Ψ′ = G where that interpolant is within tableTol of the integral
// at the piece's midpoint (checked when the table is built); on the other
// pieces the partial piece is integrated directly.
type shortfallTable struct {
	g       dist.Dist
	lo, hi  float64
	uniform bool
	b, psi  []float64 // breakpoints and Ψ at them
	cdf     []float64 // G at them
	smooth  []bool    // smooth[k]: Hermite is accurate on [b[k-1], b[k]]
}

const (
	tableCells = 1024
	tableTol   = 1e-12
)

func newShortfallTable(g dist.Dist) *shortfallTable {
	t := &shortfallTable{g: g, uniform: g.Kind() == "uniform"}
	t.lo, t.hi = costRange(g)
	if t.uniform {
		return t
	}
	w := t.hi - t.lo
	var near []float64 // graded offsets from an end, descending
	for d := w / 64; d > 1e-12*w; d *= math.Exp2(-1.0 / 8) {
		near = append(near, d)
	}
	t.b = append(t.b, t.lo)
	for k := len(near) - 1; k >= 0; k-- {
		t.b = append(t.b, t.lo+near[k])
	}
	edge := tableCells / 64 // t.lo + w/64 is near[0]
	for k := edge + 1; k < tableCells-edge; k++ {
		t.b = append(t.b, t.lo+w*float64(k)/tableCells)
	}
	for _, d := range near {
		t.b = append(t.b, t.hi-d)
	}
	t.b = append(t.b, t.hi)
	t.psi = make([]float64, len(t.b))
	t.cdf = make([]float64, len(t.b))
	t.smooth = make([]bool, len(t.b))
	for k, x := range t.b {
		t.cdf[k] = g.CDF(x)
		if k > 0 {
			v, _ := gk15(g.CDF, t.b[k-1], x)
			t.psi[k] = t.psi[k-1] + v
		}
	}
	for k := 1; k < len(t.b); k++ {
		mid := 0.5 * (t.b[k-1] + t.b[k])
		v, _ := gk15(g.CDF, t.b[k-1], mid)
		t.smooth[k] = math.Abs(t.hermite(k, mid)-(t.psi[k-1]+v)) <= tableTol
	}
	return t
}

// hermite interpolates Ψ at x in the piece [b[k-1], b[k]].
func (t *shortfallTable) hermite(k int, x float64) float64 {
	x0, x1 := t.b[k-1], t.b[k]
	h := x1 - x0
	s := (x - x0) / h
	s2, s3 := s*s, s*s*s
	return (2*s3-3*s2+1)*t.psi[k-1] + (s3-2*s2+s)*h*t.cdf[k-1] + (-2*s3+3*s2)*t.psi[k] + (s3-s2)*h*t.cdf[k]
}

// at returns Ψ(x) for x in [lo, hi].
func (t *shortfallTable) at(x float64) float64 {
	if t.uniform {
		return shortfall(t.g, x)
	}
	if x <= t.lo {
		return 0
	}
	x = math.Min(x, t.hi)
	k := sort.SearchFloat64s(t.b, x) // first breakpoint ≥ x
	if t.b[k] == x {
		return t.psi[k]
	}
	if t.smooth[k] {
		return t.hermite(k, x)
	}
	v, _ := gk15(t.g.CDF, t.b[k-1], x)
	return t.psi[k-1] + v
}
