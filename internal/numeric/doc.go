// Package numeric holds the one-dimensional numerics the models share: a
// bracketed root finder, adaptive quadrature, and the helpers that read what
// a solver needs (atoms, P(X < x), P(X = x)) from a [dist.Dist].
//
// # Roots
//
// [Brent] and [BrentFrom] implement Brent's method, procedure zero of
// R. P. Brent, Algorithms for Minimization without Derivatives, Prentice-Hall
// 1973, ch. 4: inverse quadratic interpolation or a secant step when it stays
// well inside the bracket and shrinks it fast enough, bisection otherwise.
// The bracket always shrinks, convergence is superlinear on smooth functions,
// and never much worse than bisection. A sign change need not be a zero: at
// a jump the method converges to the jump, so callers check the residual
// [Root.F] or verify what they build on the root.
//
// # Quadrature
//
// [GK15] is the 15-point Gauss–Kronrod rule with its embedded 7-point Gauss
// rule (A. S. Kronrod, Nodes and Weights of Quadrature Formulas, Consultants
// Bureau 1965; the constants are those tabulated in R. Piessens,
// E. de Doncker-Kapenga, C. W. Überhuber and D. K. Kahaner, QUADPACK,
// Springer 1983, rule qk15). The difference between the two estimates is the
// error estimate. [Integrate] bisects adaptively until every panel's
// estimate is below its share of the tolerance, on a fixed-size stack (it
// allocates nothing) and with a cap on panels, so that a noisy integrand
// such as a CDF evaluated with cancellation in a far tail ends the refinement
// instead of running away.
//
// The models integrate CDFs rather than densities (E[(X − c)⁺] and
// E[X; X < x] by integration by parts): a CDF is bounded and monotone, where
// a density may be unbounded at an end of the support, and that is what an
// adaptive Gauss–Kronrod rule handles well.
//
// # Laws
//
// [Atoms] reads the support points and probabilities of a discrete law back
// through its quantile function, and [Law] caches them with the support for
// the evaluations of P(X < x) and P(X = x) that equilibrium and Bellman
// computations repeat.
package numeric
