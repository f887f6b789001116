// Package game holds finite games in normal (strategic) form, reads and
// writes them in Gambit's .nfg format, and computes their Nash equilibria
// with methods that never return a wrong answer: every equilibrium is checked
// by an independent verifier before it is returned, and a method whose result
// fails the check returns an error wrapping [ErrNotEquilibrium].
//
// # Games
//
// A [Game] has N ≥ 1 players with names, strategy labels, a title and a
// comment; payoffs are exact rationals (math/big.Rat) with float64 copies.
// [Parse] reads the .nfg format of Gambit (McKelvey, McLennan & Turocy,
// "Gambit: Software Tools for Game Theory"): version 1, payoff or outcome
// form, counts or labels of strategies, integer, decimal ("1.131", "2e3") and
// fractional ("5/2") payoffs, kept exactly. [Game.MarshalNFG] writes it back;
// a written game reads back equal, and writes the same bytes again. A
// malformed file is a [*ParseError] with line and column. [ToYAMLMap] and
// [FromYAMLMap] convert to and from a YAML form that configs embed (payoffs
// as nested lists, payoffs[s1][s2]…[sN] = [u1, …, uN]).
//
// # Methods
//
//   - [PureEquilibria]: every pure-strategy equilibrium, any number of
//     players, exact.
//   - [Enumerate]: every extreme equilibrium of a 2-player game, exact, by
//     vertex enumeration of the best-response polytopes (von Stengel,
//     "Computing equilibria for two-person games", Handbook of Game Theory 3,
//     ch. 45, 2002), with the lexicographic rule for degenerate games and
//     full label sets for matching, so degenerate games get exactly the set
//     Gambit's enummixed and lrsnash (Avis, Rosenberg, Savani & von Stengel,
//     Economic Theory 42, 2010) list. The tableau is fraction-free (entries
//     are minors, Edmonds 1967) in fixed-width integers sized by Hadamard's
//     bound, with the exact division by the previous pivot done 2-adically.
//   - [EnumerateFloat]: the same in floating point, faster; every result is
//     verified within a tolerance. Complete for non-degenerate games.
//   - [LemkeHowson]: exact complementary pivoting (Lemke & Howson, J. SIAM 12,
//     1964) from each of the m+n labels, results deduplicated; optionally
//     also from every equilibrium found (the equilibria "accessible" from
//     the artificial one, as Gambit's lcp). Not an enumerator.
//   - [ZeroSum]: constant-sum games by linear programming (gonum's simplex).
//   - [Logit]: any number of players: follows the principal branch of logit
//     quantal response equilibria (McKelvey & Palfrey 1995) from uniform
//     play and returns the equilibrium it leads to, polished on its support
//     by Newton's method (exactly for 2 players, or via nearby fractions when
//     those verify exactly) and verified.
//
// [Solve] runs one of these by name and returns a [Report] that marshals to
// the JSON the command line prints, and writes CSV and text.
//
// # Verification and tolerances
//
// Exact profiles are verified exactly: probabilities non-negative and
// summing to one, and no pure deviation gaining anything ([Game.ExactRegret]
// sums with integers over a common denominator). Floating-point profiles are
// verified within a tolerance relative to each player's payoff range
// ([DefaultTol]); regrets are computed on payoffs shifted by the player's
// minimum, so a large common offset costs no precision. The floating-point
// methods refuse games whose payoffs differ by less than [FloatResolution]
// of their range (for example 10¹⁵ + 1 beside −10¹⁵), which float64 cannot
// resolve.
//
// # Order
//
// Solvers return equilibria in one canonical order: lexicographically by
// the probability vectors, player 1's first, largest first (so a pure
// profile on early strategies comes first). The "game" model's select rule
// "first" picks the first in this order.
//
// # The "game" model
//
// [Model] registers a game declared inline in a config: parameters payoffs
// (the YAML form's nested lists, so a sweep can vary payoffs.0.1.0),
// players, title, method and select; metrics n_equilibria, n_pure, kind
// (none, pure or mixed), prob_<player>_<strategy> and payoff_<player> of the
// selected equilibrium.
package game
