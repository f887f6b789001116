// Package discover finds where in the space of a sweep's uncertain
// parameters an outcome of interest happens — scenario discovery with PRIM,
// the Patient Rule Induction Method (J. H. Friedman and N. I. Fisher, Bump
// hunting in high-dimensional data, Statistics and Computing 9, 1999), as
// used by B. P. Bryant and R. J. Lempert (Thinking inside the box,
// Technological Forecasting & Social Change 77, 2010). EMA Workbench's prim
// module (J. H. Kwakkel, Environmental Modelling & Software 96, 2017) is the
// behavioural reference; the code is this project's.
//
// # The algorithm
//
// Cases are points (the sampled uncertain parameters of a run's cells,
// optionally levers too) marked of interest or not by a [Condition] on a
// metric. A box is a set of limits, one interval per numeric dimension and a
// set of levels per categorical one. Starting from the whole space:
//
//   - Peeling: each candidate peel removes from one end of one numeric
//     dimension the ⌈α·n⌉ cases of the box with the lowest (or highest)
//     values, and every case tied with them; on a categorical dimension it
//     removes one level. The peel taken is the one after which the box is
//     densest (Params.Objective "original"), or whose gain in density per
//     case removed is largest ("lenient", EMA Workbench's default, which
//     keeps a categorical peel of a whole level from winning too easily); on a
//     tie, the one restricting fewer dimensions, then the one keeping more
//     cases, then the first in dimension order (lower end before upper).
//     Peeling stops when every peel would leave fewer than MassMin of all
//     cases, or when the box holds only cases of interest.
//   - Pasting: a candidate paste adds back, beyond one restricted limit, the
//     ⌈α·n⌉ nearest cases that would then be in the box (all of them, removing
//     the restriction, when fewer are left), with their ties, or one level.
//     The best paste by the same objective is taken while it makes the box
//     strictly denser.
//   - Every box on the way is a step of the trajectory, with its coverage
//     (share of all cases of interest inside), density (share of its cases
//     that are of interest), mass (share of all cases inside) and number of
//     restricted dimensions: the coverage–density trade-off.
//   - Choice: a step of the trajectory is chosen, by default the densest
//     that covers at least MinCoverage (0.8) of the cases of interest left,
//     or the one asked for (Params.Choose, the command's --box).
//   - Quasi-p-values: for each restricted dimension of the chosen box, the
//     one-sided binomial probability of at least as many cases of interest
//     among its cases, at the density of the box with that restriction
//     removed (Bryant & Lempert 2010).
//   - Covering: the chosen box's cases are removed and the search runs
//     again on the rest, for Params.Boxes boxes, stopping early when the best
//     box of what is left restricts nothing. Coverage and mass stay shares
//     of all cases.
//
// A restricted limit is reported halfway between the last value outside and
// the first inside; an unrestricted one is the data's minimum or maximum.
//
// # Memory
//
// [Data] holds the cases in rank form: per dimension the cases sorted by
// value as uint32 indices and one bit per sorted position marking where a
// new value starts, so ties are never split and no value is kept; a search
// adds one byte per case (the number of dimensions a case lies outside of)
// and the outcome one bit. That is 4⅛ bytes per case per dimension plus 1⅛
// bytes per case. [Analyze] reads a run's results.parquet column by column:
// the metric, then each dimension into one reused float64 buffer (8 bytes
// per case) that becomes its rank form, then once more only the values at
// the limits of the boxes and of a sample of SampleSize cases for the
// figures. See BENCHMARKS.md for the measured peak at 10⁷ cases.
//
// # Determinism
//
// Every choice is made by exact integer comparisons (or fixed float
// arithmetic on integer counts), and ties are broken by dimension order and
// case index, so the same run gives the same boxes whatever the worker count
// or sharding that produced it.
package discover
