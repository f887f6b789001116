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
//
// # Conventions
//
// A metric named value, in every model, is a normalised per-period value
// (1−δ)Σδᵗuₜ of a discounted stream of payoffs uₜ: the average payoff per
// period, in stage-payoff units, comparable across discount factors
// (espionage's value and vbar, timing's value, the payoff sets' payoffs). A
// discounted sum Σδᵗuₜ, where it is the natural quantity (the asset value V
// of timing's Bellman equation), is named value_sum. Scores of repeated
// matches are per turn. The value of a one-shot or zero-sum game
// (inspection's Dresher variant) is its minimax value; payoffs of one-shot
// games are named payoff. Each metric's doc states which it is.
//
// A [Certificate] names the solution concept (Concept) and reports Unique
// only where a proof of uniqueness applies.
package model
