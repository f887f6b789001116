// Package ishigami is the Ishigami function, the standard test case for
// variance-based sensitivity estimators:
//
//	y = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁
//
// (T. Ishigami and T. Homma, "An importance quantification technique in
// uncertainty analysis for computer models", Proc. ISUMA '90, First
// International Symposium on Uncertainty Modelling and Analysis, 1990,
// 398–403). It is not a policy model: it is in the registry so that users can
// check `statecraft sensitivity` against known answers.
//
// # Exact Sobol indices
//
// With x₁, x₂, x₃ independent and uniform on [−π, π] the variance
// decomposition is known in closed form. Using E sin x = 0, E sin² x = 1/2,
// E sin⁴ x = 3/8, E x⁴ = π⁴/5 and E x⁸ = π⁸/9:
//
//	E[y]  = a/2
//	V₁    = Var E[y|x₁] = (1 + bπ⁴/5)²/2
//	V₂    = Var E[y|x₂] = a²/8
//	V₃    = 0
//	V₁₃   = b² Var(x₃⁴)/2 = 8b²π⁸/225        (the only interaction)
//	V     = V₁ + V₂ + V₁₃ = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2
//
// so S₁ = V₁/V, S₂ = V₂/V, S₃ = 0, S₁₃ = V₁₃/V, S_T1 = (V₁+V₁₃)/V,
// S_T2 = S₂ and S_T3 = V₁₃/V. At the customary a = 7, b = 0.1:
// S₁ = 0.3139, S₂ = 0.4424, S₃ = 0, S_T3 = 0.2437 (as tabulated by Homma &
// Saltelli, Reliab. Eng. Syst. Saf. 52, 1996). [Exact] returns these numbers
// for any a and b; the tests check the closed forms against numerical
// quadrature.
//
// # Parameters and metric
//
// x1, x2, x3 (default 0, each in [−π, π]) are the inputs — in a sensitivity
// study they are the uncertain parameters, drawn uniform on [−π, π]; a
// (default 7) and b (default 0.1) are the coefficients. The one deterministic
// metric is y. Solve also reports the exact indices at the given a and b in
// Solution.Extra["exact_sobol_indices"].
package ishigami
