package attribution

import (
	"math"
	"sort"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/internal/numeric"
)

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
	v, _ := numeric.Integrate(g.CDF, lo, t, 1e-13)
	return v
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
			v, _ := numeric.GK15(g.CDF, t.b[k-1], x)
			t.psi[k] = t.psi[k-1] + v
		}
	}
	for k := 1; k < len(t.b); k++ {
		mid := 0.5 * (t.b[k-1] + t.b[k])
		v, _ := numeric.GK15(g.CDF, t.b[k-1], mid)
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
	v, _ := numeric.GK15(t.g.CDF, t.b[k-1], x)
	return t.psi[k-1] + v
}
