// Package model defines what a Statecraft model is: a named parameter schema,
// a list of metrics, a deterministic solver that returns a certificate with
// its outcome, and optionally a simulator for stochastic metrics.
//
// Models are pure: they know nothing about config files, sweeps, figures or
// the command line. Each model lives in its own subpackage (model/espionage,
// …) whose package documentation names its source and its assumptions; the
// catalogue of all models is in model/catalog.
//
// The life of a parameter set:
//
//	inst, err := m.Prepare(map[string]any{"detection": 0.9}) // decode, default, validate
//	sol, err := inst.Solve()                                 // deterministic metrics + certificate
//	inst.(model.Simulator).Simulate(rng, out)                // one replication of the stochastic metrics
//
// Errors from Prepare are bad input ([IsBadInput] reports true); errors from
// Solve are failures of the method.
package model
