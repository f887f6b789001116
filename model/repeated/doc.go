// Package repeated plays the repeated prisoner's dilemma: strategies as small
// automata, noisy matches, round-robin tournaments, exact expected and
// long-run payoffs, and evolutionary dynamics over a strategy set.
//
// # Strategies
//
// Each strategy is one small type implementing [Strategy]: a start state, the
// probability of cooperating in each state, and a transition on what the
// player saw (its own executed move and the other's observed move). Each
// type's doc names its source; [Info] classifies it by memory depth and
// stochasticity, after the classifiers of the Axelrod-Python library (Knight
// et al., J. Open Research Software 4(1), 2016). [Catalogue] lists the
// families under their ids (ALLC, ALLD, TFT, TF2T, 2TFT, STFT, GTFT, WSLS,
// GRUDGER, CTFT, GRADUAL, PUNISH, PTRIGGER, RANDOM, ALTERNATOR, ZDEXTORT,
// MEMORY1, SOFTMAJORITY) and [New] builds one from its id and parameters.
// Because strategies keep all memory in a [State] value, one strategy value
// plays any number of matches concurrently, and the distribution of the joint
// state can be propagated exactly.
//
// # Noise and monitoring
//
// [Noise] holds execution noise (each intended move flips with probability ε,
// as in Axelrod's noisy tournaments and Wu & Axelrod 1995), perception noise
// (each player misreads the other's move with probability ε_obs) and public
// monitoring as in the espionage model (Green & Porter 1984; Abreu, Pearce &
// Stacchetti 1990): no moves are seen, only an alarm, with probability p if
// someone defected and q otherwise, which strategies read as the other's
// defection. Under public monitoring two GRUDGERs play the espionage model's
// grim trigger, two PUNISHers its L-period punishment and two PTRIGGERs its
// probabilistic trigger (they share the public random draw), and the tests
// check the espionage closed forms.
//
// # Matches and tournaments
//
// A [Match] lasts a fixed number of turns or continues after each turn with
// probability δ. [Match.Play] allocates nothing; the caller passes the
// *rand.Rand. Execution and perception errors are drawn as geometric gaps
// between errors ([Flips]) rather than one uniform per move, and two
// memory-one strategies play on a table-driven loop that makes the same moves
// and draws as their automata (a test checks it). A [Tournament] is a round robin with repetitions in which every
// player also meets a copy of itself, as in Axelrod's tournaments; each match
// draws from its own PCG stream seeded by a SplitMix64 mix of (seed, pair,
// repetition) ([StreamSeed]), so results are identical for any number of
// workers.
//
// # Exact payoffs
//
// [Exact] propagates the distribution over joint automaton states turn by
// turn: the expected score of any pair of strategies over a fixed number of
// turns or under random continuation, with every kind of noise, without
// sampling error. In fixed-length matches it merges states that behave alike
// in the turns left ([Truncator]: a punishment longer than the match is the
// same punishment), which keeps GRADUAL and SOFTMAJORITY pairs tractable;
// above a bound on the joint states it returns [ErrStateSpace] (GRADUAL
// against GRADUAL over 200 noisy turns is out of reach). [LongRunMemoryOne] gives the long-run payoffs of two
// memory-one strategies from the 4-state Markov chain on the last outcome
// (Nowak & Sigmund 1990, 1993; Press & Dyson 2012); [LongRun] does the same
// for any two finite-state strategies on their joint automaton. Both return
// the limit of the expected average payoff over the first n turns, computed
// from the closed classes of the chain and the probability of ending in each:
// reducible chains need no convention (tit for tat against itself without
// noise scores R, against suspicious tit for tat (T+S)/2).
//
// # Evolution
//
// [Replicator] integrates the replicator dynamics (Taylor & Jonker 1978) and
// [Moran] is the frequency-dependent Moran process (Nowak, Sasaki, Taylor &
// Fudenberg 2004) with exact fixation probabilities and the rare-mutation
// limit (Fudenberg & Imhof 2006), over a payoff matrix from exact scores
// ([PayoffMatrix]) or a simulated tournament ([Standings].Matrix).
//
// The registry models built on this package are in the subpackages match and
// tournament.
package repeated
