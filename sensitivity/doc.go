// Package sensitivity computes global sensitivity indices of model metrics
// with respect to uncertain parameters: variance-based Sobol indices by
// Saltelli sampling, and Morris elementary-effects screening.
//
// Both methods work in two steps so that a sweep engine can drive them: a
// design ([NewSobolDesign], [NewMorrisDesign]) lists points of the unit cube,
// one coordinate per uncertain parameter; the caller maps them to parameter
// values (sample.Transform with each parameter's distribution), evaluates the
// model at every point, and passes each metric's values, in design order, to
// the design's Analyze method, which returns a [Result] ready for JSON, text
// tables ([Result.WriteText]) and bar figures ([Result.Bars]).
//
// # Sobol indices
//
// The first-order index S_i = Var(E[y|x_i])/Var(y) is the share of the
// output's variance that x_i explains alone; the total index ST_i is the share
// it is involved in, interactions included; the second-order index S_ij is
// the share of the interaction of x_i and x_j alone. They are estimated from
// the radial design of
//
//   - A. Saltelli, "Making best use of model evaluations to compute
//     sensitivity indices", Computer Physics Communications 145 (2002)
//     280–297 — the A, B, A_B^(i) and B_A^(i) matrices and the second-order
//     estimator;
//   - A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto and S.
//     Tarantola, "Variance based sensitivity analysis of model output. Design
//     and estimator for the total sensitivity index", Computer Physics
//     Communications 181 (2010) 259–270 — A and B from one quasi-random
//     sequence, the first-order estimator (their Table 2, (b));
//   - M. J. W. Jansen, "Analysis of variance designs for model output",
//     Computer Physics Communications 117 (1999) 35–43 — the total-index
//     estimator (Table 2, (f) of Saltelli et al. 2010).
//
// N base samples cost N(K+2) model runs, or N(2K+2) with second-order
// indices. Confidence intervals are bootstrap percentile intervals over the
// base samples ([Bootstrap]). They treat the base samples as independent;
// with scrambled Sobol points the estimates are in fact more accurate than
// that, so the intervals are conservative.
//
// # Morris screening
//
// M. D. Morris, "Factorial sampling plans for preliminary computational
// experiments", Technometrics 33 (1991) 161–174: R trajectories on a p-level
// grid, each moving every parameter once by Δ; the elementary effects'
// mean μ and standard deviation σ; and the mean of their absolute values μ* of
// F. Campolongo, J. Cariboni and A. Saltelli, "An effective screening design
// for sensitivity analysis of large models", Environmental Modelling &
// Software 22 (2007) 1509–1518, which ranks parameters by importance even
// when effects change sign. Trajectories are drawn at random (no
// optimisation of their spread).
//
// # Determinism
//
// Designs and bootstrap intervals draw only from the *rand.Rand they are
// given, in a documented order, so a fixed stream gives byte-identical
// designs and results.
package sensitivity
