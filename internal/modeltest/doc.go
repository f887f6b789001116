// Package modeltest holds the checks that every registry model's tests make
// in the same way: prepare an instance from config values, solve it and read
// the deterministic metrics by name, compare numbers within a tolerance, and
// refuse bad input with one error that is marked as the user's to fix and
// names the key.
//
// The checks follow the project's model contract (package model): Solve
// returns one value per deterministic metric, in the order of Metrics, with a
// certificate; NaN is a documented "undefined here", so two NaNs agree (as in
// package mctest); and Prepare's errors are bad input whose message starts
// with the key path.
//
// [Recorder] stands in for a testing.TB in the tests of such checks.
package modeltest
