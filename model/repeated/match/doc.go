// Package match is the registry model "match": one repeated prisoner's
// dilemma between two strategies of package repeated, with execution noise,
// perception noise or public-signal monitoring, over a fixed number of turns,
// a random number (continuation probability δ) or the infinite-horizon long
// run.
//
// # Metrics
//
// The deterministic metrics are exact expectations per turn, without sampling
// error: for a fixed number of turns the expected score divided by the
// number of turns, from exact propagation of the distribution over joint
// automaton states; under random continuation E[total]/E[turns] =
// (1−δ)·E[total] (equal to the normalised discounted value (1−δ)Σδᵗuₜ with δ
// as discount factor); with turns = 0 and no continuation the long-run
// average, from the 4-state Markov chain when both strategies are memory-one
// and from the joint automaton chain otherwise (reducible chains are exact:
// tit for tat against itself without noise scores R = 3). Strategies with
// unbounded state (GRADUAL, SOFTMAJORITY) have no finite long-run chain, and
// very long noisy matches between them exceed max_states: their exact metrics
// are then NaN and the certificate says why.
//
// The simulated metrics are the same quantities from one played match per
// replication: total/turns, or (1−δ)·total under continuation (an unbiased
// estimate of E[total]/E[turns]), or, for the long run, a finite-horizon
// average: the match plays sim_burn_in turns, which are discarded, then the
// sim_turns turns it averages. Its expectation is the exact average over that
// window (the tests check the simulation against it), which differs from the
// long-run limit by a start-up term that vanishes as the burn-in grows —
// geometrically fast for an ergodic chain, slowly when noise is rare and the
// chain mixes slowly. Without the burn-in the term is of order 1/sim_turns
// and, over many replications, many standard errors wide.
//
// # Sources
//
// Axelrod, The Evolution of Cooperation (1984); the strategies' own sources
// are listed by `statecraft strategies` (package repeated's Catalogue). The
// noise models follow Wu & Axelrod, J. Conflict Resolution 39 (1995)
// (execution noise) and Green & Porter, Econometrica 52 (1984) (public
// monitoring, as in the espionage model).
package match
