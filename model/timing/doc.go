// Package timing models when to use a cyber resource — an exploit for an
// unpatched vulnerability, an implant — that may be lost by using it or by
// waiting.
//
// # Source
//
// Axelrod & Iliev, "Timing of cyber conflict", PNAS 111(4), 2014: the
// stakes-threshold policy for a resource that stealth and persistence keep
// alive. The agreement penalty Π is this project's extension, and the
// formulas below were derived in this project for the model exactly as
// written here; nothing here claims to reproduce a published figure.
//
// # The decision problem
//
// Each period the stakes X ~ F of using the resource now are drawn
// independently. Using it gains X, and the resource survives to the next
// period with probability S (stealth: the use is not detected); keeping it, it
// survives with probability P (persistence: the vulnerability is not found
// and patched). Future payoffs are discounted by w. Under an agreement that
// penalises detected operations, a use that is detected (probability 1−S,
// the same event that loses the resource) costs Π once. The value V of
// holding the resource at the start of a period solves the Bellman equation
//
//	V = E[max(X − (1−S)Π + wSV, wPV)] = wPV + E[(X − T*)⁺],
//	T* = (1−S)Π + w(P−S)V,
//
// so the optimal policy uses the resource iff X ≥ T* (a tie is a matter of
// indifference; it counts as a use). With Π = 0 and S ≥ P, T* ≤ 0: a resource
// is used at every non-negative stake.
//
// V is an expected discounted sum, Σwᵗuₜ: the metric value_sum. The metric
// value is the normalised per-period value (1−w)V, the convention every
// model's value follows (package model); at w = 1 it is 0, and value_sum is
// the total payoff of the resource's life.
//
// The right-hand side is a contraction in V: its derivative
// w[P·F(T*) + S(1−F(T*))] lies in [w·min(P,S), w·max(P,S)], below 1 because
// S < 1 and, when P = 1, w < 1; so the solution exists and is unique. w = 1
// is allowed when P < 1 (the resource is lost eventually); P = 1 with w = 1
// is refused: waiting then costs nothing and no threshold is optimal.
//
// # Optimal stopping: persistence 1
//
// With P = 1 the resource lasts until it is used: the classic problem of
// when to spend a one-shot asset. With S = 0 (one use burns it) and Π = 0
// the Bellman equation is V = E[max(X, wV)]: use iff X ≥ T* = wV, the
// reservation value, which solves T* = w·E[max(X, T*)]. For X ~ U[0, 1],
// E[max(X, T)] = (1 + T²)/2, so wT² − 2T + w = 0 and
//
//	T* = (1 − √(1 − w²))/w,   V = T*/w,
//
// the interior piece of the uniform closed form below at S = 0, P = 1. The
// expected wait is 1/(1 − T*) periods, and the resource is always used in
// the end (p_burned = 1).
//
// # Methods
//
// Uniform stakes on [lo, hi] (closed form). With α = (1−S)Π, β = w(P−S),
// L = hi − lo, γ = hi − α and k = 1 − wP, E[(X−T)⁺] = (hi−T)²/(2L) inside the
// support, so V solves one of three pieces, exactly one of them consistently:
//
//	never use   α ≥ hi:               V = 0
//	interior    lo ≤ T* ≤ hi:         β²V² − 2(γβ + Lk)V + γ² = 0, smaller root
//	                                  V = γ²/(B + √(Lk(Lk + 2βγ))), B = γβ + Lk
//	always use  T* ≤ lo:              V = (E[X] − α)/(1 − wS)
//
// For U[0, 1] and Π = 0 the interior piece reduces to
// T* = [(1−wS) − √((1−wP)(1+wP−2wS))]/(w(P−S)). Known answer: S=0.5, P=0.9,
// w=0.9 → T* = 0.372743, V = 1.035398.
//
// Discrete stakes x₁ < … < xₙ (exact). If the atoms from x_k up are used,
// V = Σ_{i≥k} p_i(x_i − α)/(1 − wP + βΣ_{i≥k} p_i); the solution is the k whose
// threshold falls in (x_{k−1}, x_k]. At most n+1 candidates.
//
// Any law (value iteration). Vₙ₊₁ = wPVₙ + E[(X − Tₙ)⁺] from V₀ = 0, stopped
// when the a-priori bound q/(1−q)·|Vₙ₊₁ − Vₙ| (q = w·max(P,S)) falls below
// 1e-12·max(1, V). E[(X − c)⁺] is computed exactly for a discrete law and,
// for a continuous one, as E[X] − c + ∫_{−∞}^c F(x) dx with adaptive 15-point
// Gauss–Kronrod quadrature of the CDF: the CDF is bounded where a density or
// a quantile function may not be, E[X] is exact for every law in package dist
// (so a heavy upper tail is never integrated), and an unbounded lower end
// (normal laws) is mapped to a finite interval. Along the iteration the
// integral is carried forward from one threshold to the next, so an iteration
// costs one short quadrature. The solver parameter value_iteration forces this
// method for every law, to compare it with the closed forms.
//
// Every solution is checked before it is returned: the certificate's residual
// |V − (wPV + E[(X − T*)⁺])| is recomputed by quadrature (for the closed form,
// an independent check), and a residual above 1e-8·max(1, V) is an error.
//
// # Consequences of the policy
//
// With p = P(X ≥ T*) the per-period use probability, the resource survives a
// period with probability s̄ = pS + (1−p)P. Then
//
//	expected_lifetime = 1/(1 − s̄)            periods held, the last included
//	expected_uses     = p/(1 − s̄)
//	p_burned          = p(1−S)/(1 − s̄)       the life ends with a detected use
//	expected_wait     = 1/(1 − P(1−p))        period of the first use, given
//	                                          that one happens (1 = at once)
//
// With P = 1 and p = 0 (every stake below the expected penalty) the
// resource is never lost: expected_lifetime is NaN, uses and p_burned are 0.
//
// The first use happens at period n with probability (P(1−p))ⁿ⁻¹p, so given
// that it happens its period is geometric with mean 1/(1 − P(1−p)).
//
// # Simulation
//
// [Problem.Simulate] plays one life of the resource under the optimal policy
// and reports its uses, length, first use, whether it ended burned, and its
// discounted payoff Σ wᵗ⁻¹(Xₜ·use − Π·detected), whose mean is V (value_sum).
//
// # Assumptions
//
// One resource, risk neutrality, stakes independent across periods and known
// when the decision is taken, survival probabilities that do not change with
// age or past use, a penalty paid once on detection. Stealth is below 1 (a
// use that can never be detected is no timing problem: use at every
// non-negative stake); persistence may be 1 when the future is discounted.
package timing
