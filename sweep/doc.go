// Package sweep runs a model over a design of parameter cells with
// replications, in parallel, and streams one aggregated row per cell in cell
// order.
//
// # Determinism
//
// Cell i, replication r draws only from its own random stream, a PCG
// generator seeded from (seed, i, r) through SplitMix64 ([StreamSeed]).
// Replications of a cell run in order on one worker and are aggregated in one
// pass (Welford), and rows are written in cell order whatever order workers
// finish in. So the same design, seed and replications give byte-identical
// output for any number of workers.
//
// # Designs
//
// A [Grid] is the Cartesian product of axes over parameter paths; cells are
// numbered like nested loops in the order the axes are given, the last axis
// varying fastest. A path is a parameter name, or a dotted path into a
// structured parameter (attackers.0.harm, sender_cost.max).
//
// # Aggregates
//
// For a simulated metric each row holds <metric>_mean, _sd, _se, _lo, _hi (a
// 95% Student-t interval for the mean) and _n (replications in which the
// metric was defined; NaN values are left out). A categorical simulated
// metric has <metric>_mode and one <metric>_share_<level> per level instead.
// A deterministic metric is written once under its own name (its level name
// when categorical).
package sweep
