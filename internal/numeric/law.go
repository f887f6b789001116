package numeric

import (
	"math"

	"github.com/statecraft/statecraft/dist"
)

// Atoms returns the support points and probabilities of a discrete or
// constant law, in increasing order, and ok = false for a continuous law.
//
// dist.Dist does not expose its table, so the atoms are read back through the
// quantile function: the atom after cumulative probability p is Q(p⁺), and its
// mass ends where Q jumps to the next value. The end is found with the CDF and,
// should the CDF disagree with the quantile function (repeated values in a
// table), by bisection on the quantile function alone.
func Atoms(d dist.Dist) (xs, ps []float64, ok bool) {
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

// Law caches what a solver evaluates repeatedly on one distribution: its
// atoms when it is discrete (or a point mass) and its support.
type Law struct {
	Dist     dist.Dist
	Xs, Ps   []float64 // atoms in increasing order and their probabilities, when Discrete
	Discrete bool
	Lo, Hi   float64 // support
}

// NewLaw reads the atoms and the support of d.
func NewLaw(d dist.Dist) Law {
	l := Law{Dist: d}
	l.Xs, l.Ps, l.Discrete = Atoms(d)
	l.Lo, l.Hi = d.Support()
	return l
}

// Below returns P(X < x): the sum of the atoms below x for a discrete law,
// the CDF (clamped to 0 and 1 outside the support) otherwise.
func (l *Law) Below(x float64) float64 {
	if l.Discrete {
		s := 0.0
		for i, v := range l.Xs {
			if v < x {
				s += l.Ps[i]
			}
		}
		return math.Min(s, 1)
	}
	switch {
	case x <= l.Lo:
		return 0
	case x > l.Hi:
		return 1
	}
	return l.Dist.CDF(x)
}

// Mass returns P(X = x): positive only at an atom of a discrete law.
func (l *Law) Mass(x float64) float64 {
	if !l.Discrete {
		return 0
	}
	for i, v := range l.Xs {
		if v == x {
			return l.Ps[i]
		}
	}
	return 0
}
