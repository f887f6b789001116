// Package tournament is the registry model "tournament": an Axelrod-style
// round robin of the repeated prisoner's dilemma among strategies of package
// repeated, with execution noise, perception noise or public-signal
// monitoring, so that a sweep can ask which strategies keep restraint as
// noise grows.
//
// Every strategy meets every other and a copy of itself (as in Axelrod's
// tournaments), repetitions times, in matches of turns turns (or of random
// length with continuation probability δ). One replication of the model is one
// whole tournament: its matches draw from streams derived from one draw of the
// replication's generator through a SplitMix64 mix of (seed, pair,
// repetition), so a sweep's replications give the spread of tournament
// outcomes and bands in figures.
//
// # Metrics
//
// For each strategy, with its id lower-cased (score_tft, rank_2tft, …):
// score_<id>, its mean score per turn over all its opponents, itself
// included (in self-play the mean of the two copies); rank_<id>, 1 + the
// number of strategies with a strictly higher score; coop_<id>, the share of
// its moves that were cooperations; and winner, the strategy with the highest
// score (categorical, the first listed on a tie). Under random continuation a
// match's score per turn is (1−δ)·total, an unbiased estimate of
// E[total]/E[turns].
//
// The deterministic metrics exact_score_<id> and exact_winner are the same
// scores computed exactly (expected score per turn of every pairing by exact
// propagation of the joint state distribution, package repeated's Exact),
// without sampling error. A pairing whose joint state space exceeds
// max_states (GRADUAL or SOFTMAJORITY against each other in long noisy
// matches) makes the exact score of the strategies involved NaN, and then
// exact_winner too.
//
// # Sources
//
// Axelrod, "Effective choice in the prisoner's dilemma" and "More effective
// choice in the prisoner's dilemma", J. Conflict Resolution 24 (1980);
// Axelrod, The Evolution of Cooperation (1984); noise: Wu & Axelrod, J.
// Conflict Resolution 39 (1995); the strategies' own sources are listed by
// `statecraft strategies`.
package tournament
