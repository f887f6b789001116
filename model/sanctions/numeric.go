package sanctions

import (
	"math"

	"github.com/statecraft/statecraft/dist"
)

// This file holds the numerical pieces the equilibrium needs from a
// distribution: its atoms when it is discrete, P(X < x), partial expectations
// E[X; X < x] by adaptive Gauss–Kronrod quadrature of the CDF, and a bracketed
// root finder. They use only the public methods of dist.Dist.

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

// law caches what the solver needs from one distribution.
type law struct {
	d      dist.Dist
	xs, ps []float64 // atoms, when discrete
	disc   bool
	lo, hi float64 // support
}

func newLaw(d dist.Dist) law {
	l := law{d: d}
	l.xs, l.ps, l.disc = atoms(d)
	l.lo, l.hi = d.Support()
	return l
}

// below returns P(X < x).
func (l *law) below(x float64) float64 {
	if l.disc {
		s := 0.0
		for i, v := range l.xs {
			if v < x {
				s += l.ps[i]
			}
		}
		return math.Min(s, 1)
	}
	if x <= l.lo {
		return 0
	}
	if x > l.hi {
		return 1
	}
	return l.d.CDF(x)
}

// mass returns P(X = x): positive only at an atom.
func (l *law) mass(x float64) float64 {
	if !l.disc {
		return 0
	}
	for i, v := range l.xs {
		if v == x {
			return l.ps[i]
		}
	}
	return 0
}

// partial returns E[X; X < x] for a law on [lo, ∞) with lo ≥ 0 (costs).
// For a continuous law, integrating by parts,
//
//	E[X; X < x] = x F(x) − ∫_lo^x F(u) du,
//
// whose integrand is bounded and monotone, which suits adaptive quadrature
// (a density may be unbounded, a CDF never is).
func (l *law) partial(x float64) float64 {
	if l.disc {
		s := 0.0
		for i, v := range l.xs {
			if v < x {
				s += l.ps[i] * v
			}
		}
		return s
	}
	switch {
	case x <= l.lo:
		return 0
	case x >= l.hi:
		return l.d.Mean()
	}
	integral, _ := integrate(l.d.CDF, l.lo, x, 1e-13*math.Max(1, x-l.lo))
	return x*l.d.CDF(x) - integral
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

// root returns x in [a, b] with f(x) = 0, given f(a) ≤ 0 ≤ f(b) (or the
// reverse), by Brent's method (Brent, "Algorithms for Minimization without
// Derivatives", 1973, ch. 4): inverse quadratic interpolation and secant
// steps, falling back to bisection, so the bracket always shrinks. It returns
// the root, |f(root)| and the number of function evaluations.
func root(f func(float64) float64, a, b, xtol float64) (x, residual float64, evals int) {
	fa, fb := f(a), f(b)
	evals = 2
	if fa == 0 {
		return a, 0, evals
	}
	if fb == 0 {
		return b, 0, evals
	}
	c, fc := a, fa
	d := b - a
	e := d
	for i := 0; i < 1000; i++ {
		if (fb > 0) == (fc > 0) {
			c, fc = a, fa
			d = b - a
			e = d
		}
		if math.Abs(fc) < math.Abs(fb) {
			a, b, c = b, c, b
			fa, fb, fc = fb, fc, fb
		}
		tol := 2*math.SmallestNonzeroFloat64 + 2*2.220446049250313e-16*math.Abs(b) + 0.5*xtol
		m := 0.5 * (c - b)
		if math.Abs(m) <= tol || fb == 0 {
			break
		}
		if math.Abs(e) >= tol && math.Abs(fa) > math.Abs(fb) {
			s := fb / fa
			var p, q float64
			if a == c {
				p = 2 * m * s
				q = 1 - s
			} else {
				q = fa / fc
				r := fb / fc
				p = s * (2*m*q*(q-r) - (b-a)*(r-1))
				q = (q - 1) * (r - 1) * (s - 1)
			}
			if p > 0 {
				q = -q
			} else {
				p = -p
			}
			if 2*p < math.Min(3*m*q-math.Abs(tol*q), math.Abs(e*q)) {
				e = d
				d = p / q
			} else {
				d = m
				e = m
			}
		} else {
			d = m
			e = m
		}
		a, fa = b, fb
		if math.Abs(d) > tol {
			b += d
		} else if m > 0 {
			b += tol
		} else {
			b -= tol
		}
		fb = f(b)
		evals++
	}
	return b, math.Abs(fb), evals
}
