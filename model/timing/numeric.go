package timing

import (
	"math"

	"github.com/statecraft/statecraft/dist"
)

// This file holds the numerical pieces the Bellman equation needs from the
// law of the stakes: its atoms when it is discrete, and E[(X − c)⁺] by
// adaptive Gauss–Kronrod quadrature of the CDF otherwise. They use only the
// public methods of dist.Dist. (The same helpers live in model/sanctions; a
// shared internal package would need a directory outside this model's.)

// atoms returns the support points and probabilities of a discrete or constant
// law, in increasing order, and ok = false for a continuous law.
//
// dist.Dist does not expose its table, so the atoms are read back through the
// quantile function: the atom after cumulative probability p is Q(p⁺), and its
// mass ends where Q jumps to the next value. The end is found with the CDF and,
// should the CDF disagree with the quantile function (repeated values in a
// table), by bisection on the quantile function alone.
func atoms(d dist.Dist) (xs, ps []float64, ok bool) {
	if d.Kind() != "discrete" && !d.IsConstant() {
		return nil, nil, false
	}
	p := 0.0
	for p < 1 && len(xs) < 1<<20 {
		x := d.Quantile(math.Nextafter(p, 2))
		end := d.CDF(x)
		if !(end > p) || (end < 1 && d.Quantile(math.Nextafter(end, 2)) <= x) {
			lo, hi := p, 1.0 // invariant: Q(lo⁺) ≤ x, and Q(u) > x for u > hi, or hi = 1
			for i := 0; i < 80 && hi-lo > 0; i++ {
				mid := lo + (hi-lo)/2
				if mid == lo || mid == hi {
					break
				}
				if d.Quantile(mid) <= x {
					lo = mid
				} else {
					hi = mid
				}
			}
			end = hi
			if d.Quantile(hi) <= x {
				end = 1
			}
		}
		xs = append(xs, x)
		ps = append(ps, end-p)
		p = end
	}
	return xs, ps, true
}

// Gauss–Kronrod 7–15 nodes and weights on [−1, 1] (QUADPACK's qk15):
// xgk[1], xgk[3], xgk[5] and xgk[7] = 0 are the 7-point Gauss nodes.
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
	wg = [4]float64{ // weights of the Gauss nodes xgk[1], xgk[3], xgk[5], xgk[7]
		0.129484966168869693270611432679082,
		0.279705391489276667901467771423780,
		0.381830050505118944950369775488975,
		0.417959183673469387755102040816327,
	}
)

// gk15 integrates f over [a, b] with the 15-point Kronrod rule and returns
// the estimate and |Kronrod − Gauss| as its error.
func gk15(f func(float64) float64, a, b float64) (float64, float64) {
	c, h := (a+b)/2, (b-a)/2
	fc := f(c)
	k := wgk[7] * fc
	g := wg[3] * fc
	for j := 0; j < 7; j++ {
		dx := h * xgk[j]
		s := f(c-dx) + f(c+dx)
		k += wgk[j] * s
		if j%2 == 1 {
			g += wg[j/2] * s
		}
	}
	return k * h, math.Abs((k - g) * h)
}

// integrate returns ∫_a^b f by adaptive bisection with the 15-point
// Gauss–Kronrod rule until the summed error estimate is below tol, and that
// estimate. It works on a fixed-size stack and allocates nothing. It gives up
// refining after maxPanels panels (a noisy integrand, such as a CDF computed
// with cancellation far in a tail, never meets the tolerance), accepting the
// remaining panels as they are; the returned estimate then says so.
func integrate(f func(float64) float64, a, b, tol float64) (float64, float64) {
	if !(b > a) {
		return 0, 0
	}
	type panel struct{ a, b float64 }
	var stack [64]panel
	n := 0
	stack[n] = panel{a, b}
	n++
	total, errSum := 0.0, 0.0
	width := b - a
	const maxPanels = 2000
	panels := 0
	for n > 0 {
		n--
		p := stack[n]
		v, e := gk15(f, p.a, p.b)
		panels++
		local := tol * (p.b - p.a) / width
		mid := (p.a + p.b) / 2
		if e <= local || panels >= maxPanels || n+2 > len(stack) || !(mid > p.a && mid < p.b) {
			total += v
			errSum += e
			continue
		}
		stack[n] = panel{mid, p.b}
		stack[n+1] = panel{p.a, mid}
		n += 2
	}
	return total, errSum
}
