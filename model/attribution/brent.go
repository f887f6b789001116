package attribution

import "math"

// brentRoot returns a zero of f in the bracket [a, b], where fa = f(a) and
// fb = f(b) do not have the same strict sign. It is Brent's method (R. P.
// Brent, Algorithms for Minimization without Derivatives, Prentice-Hall 1973,
// ch. 4, procedure zero): inverse quadratic or secant steps when they stay
// well inside the bracket and shrink it fast enough, bisection otherwise, so it
// converges superlinearly on smooth functions and never worse than about twice
// bisection. It stops when the bracket is shorter than 2(2ε|x| + tol)
// (ε = machine epsilon), or when f is exactly 0, or after maxEval evaluations.
// It returns the zero, the number of evaluations of f, and ok = false if the
// bracket was not a bracket or the evaluations ran out.
//
// A sign change need not be a zero: at a jump of f the method converges to the
// jump, which is why callers check the residual of what they get back.
func brentRoot(f func(float64) float64, a, b, fa, fb, tol float64, maxEval int) (x float64, evals int, ok bool) {
	if fa == 0 {
		return a, 0, true
	}
	if fb == 0 {
		return b, 0, true
	}
	if (fa > 0) == (fb > 0) || math.IsNaN(fa) || math.IsNaN(fb) {
		return math.NaN(), 0, false
	}
	const eps = 0x1p-52
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
		tol1 := 2*eps*math.Abs(b) + tol
		m := 0.5 * (c - b)
		if math.Abs(m) <= tol1 || fb == 0 {
			return b, evals, true
		}
		if evals >= maxEval {
			return b, evals, false
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
