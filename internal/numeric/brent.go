package numeric

import (
	"errors"
	"math"
)

// Errors of the root finder.
var (
	// ErrNoBracket: f(a) and f(b) are both positive, both negative, or NaN.
	ErrNoBracket = errors.New("numeric: f(a) and f(b) do not bracket a zero")
	// ErrNotConverged: the iteration budget ran out before the bracket met
	// the tolerance; the Root holds the best estimate so far.
	ErrNotConverged = errors.New("numeric: Brent's method did not converge within its iteration budget")
)

// Root is the outcome of a root search.
type Root struct {
	X     float64 // the estimate of the zero
	F     float64 // f(X)
	Evals int     // evaluations of f made by the call
}

// Brent returns a zero of f in the bracket [a, b], where f(a) and f(b) do not
// have the same strict sign, by Brent's method (see the package
// documentation). It stops when the bracket around X is shorter than
// 2(2ε|X| + tol), ε the machine epsilon, so X is within 4ε|X| + 2·tol of a
// sign change of f; or when f(X) = 0. maxIter bounds the iterations (one
// evaluation of f each) after the two ends; when it runs out the best estimate
// is returned with [ErrNotConverged]. A bracket whose ends have the same sign
// gives X = NaN and [ErrNoBracket].
func Brent(f func(float64) float64, a, b, tol float64, maxIter int) (Root, error) {
	fa, fb := f(a), f(b)
	r, err := BrentFrom(f, a, b, fa, fb, tol, maxIter)
	r.Evals += 2
	return r, err
}

// BrentFrom is [Brent] for a caller that has already evaluated the ends,
// fa = f(a) and fb = f(b) (after a scan for a sign change, say). Root.Evals
// counts only the evaluations made here.
func BrentFrom(f func(float64) float64, a, b, fa, fb, tol float64, maxIter int) (Root, error) {
	if fa == 0 {
		return Root{X: a}, nil
	}
	if fb == 0 {
		return Root{X: b}, nil
	}
	if (fa > 0) == (fb > 0) || math.IsNaN(fa) || math.IsNaN(fb) {
		return Root{X: math.NaN(), F: math.NaN()}, ErrNoBracket
	}
	const eps = 0x1p-52
	evals := 0
	// b is the best estimate so far, a the previous one, c the other end of
	// the bracket [b, c]; d is the last step and e the one before.
	c, fc := a, fa
	d := b - a
	e := d
	for {
		if math.Abs(fc) < math.Abs(fb) {
			a, b, c = b, c, b
			fa, fb, fc = fb, fc, fb
		}
		// The floor keeps the step positive when b = 0 and tol = 0.
		tol1 := math.Max(2*eps*math.Abs(b)+tol, 2*math.SmallestNonzeroFloat64)
		m := 0.5 * (c - b)
		if math.Abs(m) <= tol1 || fb == 0 {
			return Root{X: b, F: fb, Evals: evals}, nil
		}
		if evals >= maxIter {
			return Root{X: b, F: fb, Evals: evals}, ErrNotConverged
		}
		if math.Abs(e) < tol1 || math.Abs(fa) <= math.Abs(fb) {
			// The last step was too small, or did not reduce |f|: bisect.
			d, e = m, m
		} else {
			var p, q float64
			s := fb / fa
			if a == c {
				// Two points only: secant step.
				p = 2 * m * s
				q = 1 - s
			} else {
				// Inverse quadratic interpolation through a, b, c.
				qq := fa / fc
				r := fb / fc
				p = s * (2*m*qq*(qq-r) - (b-a)*(r-1))
				q = (qq - 1) * (r - 1) * (s - 1)
			}
			if p > 0 {
				q = -q
			} else {
				p = -p
			}
			// Accept the interpolated step only if it lands well inside the
			// bracket and is less than half the step before last.
			if 2*p < 3*m*q-math.Abs(tol1*q) && p < math.Abs(0.5*e*q) {
				e = d
				d = p / q
			} else {
				d, e = m, m
			}
		}
		a, fa = b, fb
		switch {
		case math.Abs(d) > tol1:
			b += d
		case m > 0:
			b += tol1
		default:
			b -= tol1
		}
		fb = f(b)
		evals++
		if (fb > 0) == (fc > 0) {
			// The zero is now between a and b: make a the other end.
			c, fc = a, fa
			d = b - a
			e = d
		}
	}
}
