// Package mctest supports the Monte Carlo checks in the model tests: run a
// simulator for a number of replications, reduce each output to its mean and
// standard error, and compare a mean with an exact value within k standard
// errors.
//
// The checks follow the project's convention for simulated metrics: NaN is
// "undefined in this replication" and is left out of the mean, as the sweep
// engine does. Means and variances are accumulated with Welford's update
// (B. P. Welford, "Note on a method for calculating corrected sums of squares
// and products", Technometrics 4(3), 1962), so that a constant sample has a
// standard error of exactly 0 and its mean is the constant.
package mctest
