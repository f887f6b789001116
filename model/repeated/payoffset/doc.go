// Package payoffset computes the set of equilibrium payoffs of a two-player
// repeated game with perfect monitoring: which payoff pairs a repeated
// relationship (two states restraining espionage, two rivals in a crisis) can
// sustain at all, and how that set grows with patience δ.
//
// # The set
//
// A stage game gives each action profile a = (row action, column action) the
// payoffs g(a) = (g₁(a), g₂(a)). Play repeats forever; both players see all
// past actions and the outcome of a public randomisation device, and value a
// payoff stream by (1−δ)Σδᵗuₜ. The pure-strategy subgame-perfect equilibrium
// payoffs form a convex polygon V, the largest fixed point of the operator of
// Abreu, Pearce & Stacchetti ("Toward a Theory of Discounted Repeated Games
// with Imperfect Monitoring", Econometrica 58(5), 1990):
//
//	B(W) = co ∪_a { (1−δ)g(a) + δw : w ∈ W,
//	        (1−δ)gᵢ(a) + δwᵢ ≥ (1−δ) max_{aᵢ'} gᵢ(aᵢ', a₋ᵢ) + δ min_{w'∈W} w'ᵢ,  i = 1, 2 }
//
// A deviator is punished by its worst continuation in the set, which is an
// equilibrium payoff itself. A set W with W ⊆ B(W) is self-generating, and
// then W ⊆ V (APS); B is monotone, so iterating it from any set containing V
// gives a decreasing sequence whose limit is V.
//
// # Methods
//
// [Exact] iterates B from W₀ = co g(A), in the spirit of Abreu & Sannikov
// ("An algorithm for two-player repeated games with perfect monitoring",
// Theoretical Economics 9, 2014): for two players each incentive constraint
// is a half-plane wᵢ ≥ minᵢ W + (1−δ)/δ · (best deviation gain), so each step
// clips the current polygon by the two half-planes of every profile, maps the
// clipped polygon by w ↦ (1−δ)g(a) + δw and takes the convex hull of the
// union (Andrew's monotone chain). Abreu & Sannikov show that at most four
// points per profile matter at the fixed point; clipping whole polygons
// computes the same operator with a few more points per step. Iteration stops
// when successive polygons are within Tolerance·(payoff range)·(1−δ) in
// Hausdorff distance: near the limit changes shrink by about δ a step, so the
// distance left is about Tolerance·(payoff range).
//
// [Outer] and [Inner] are the approximations of Judd, Yeltekin & Conklin
// ("Computing Supergame Equilibria", Econometrica 71(4), 2003) on D
// directions evenly spaced on the circle, with one linear program per
// direction and action profile solved by gonum's lp.Simplex. The outer
// approximation is a polygon of D supporting half-planes that contains V; the
// inner one is the convex hull of the D points of B(W) that are extreme in
// those directions, whose fixed point is self-generating and so lies inside
// V. Both tend to V as D grows; the tests check outer ⊇ exact ⊇ inner and
// that the gap narrows from D = 8 to 64.
//
// # Answers and certificates
//
// A segment or a single point is a valid answer (for example the stage Nash
// equilibrium's payoff alone in a prisoner's dilemma with δ < 1/4, or the
// segment between two stage equilibria of a common-interest game). When the
// exact or outer iteration becomes empty no pure-strategy equilibrium exists;
// this is reported as an error wrapping [ErrNoEquilibrium] (as in matching
// pennies at every δ), never as an empty polygon. A game with a pure stage
// Nash equilibrium always has at least that payoff.
//
// Before a set from [Exact] or [Inner] is returned, every vertex is checked by
// [Verify], independently of how it was computed: some profile a and some
// continuation w in the set satisfying both incentive constraints must give
// the vertex as (1−δ)g(a) + δw. A vertex that fails is a [VerificationError].
// The outer approximation's vertices are bounds, not equilibrium payoffs; its
// last LP optima are checked against the same supports computed from the
// polygon's vertices.
//
// Vertices are listed counter-clockwise starting from the lowest-left vertex:
// the smallest column-player payoff, with column payoffs within the tolerance
// counted as tied and the tie going to the smallest row-player payoff.
//
// # Numerical tolerances
//
// The solvers work on payoffs normalised by the payoff range, so tolerances
// are relative. Geometry uses eps = min(1e-12, Tolerance/100): the convex hull
// drops points within eps of a hull edge and merges vertices closer than eps,
// and incentive constraints are relaxed by eps, so that one that binds
// exactly at the answer (the regime thresholds δ = 1/4 and 1/2 of the
// prisoner's dilemma) does not fail on rounding. The outer approximation
// relaxes its LP constraints by min(Tolerance, 1e-9), the direction that keeps
// it an outer bound. For output, vertices are merged while the polygon stays
// within the tolerance of the last iterate (for the outer bound, the
// tolerance plus 4·slack/(1−δ), which may pull that bound in by as much), so
// that a corner approached by a cluster of iterate vertices counts once. Verification allows 2·Tolerance plus
// rounding amplified by 1/δ.
//
// # Assumptions
//
// Two players, finitely many actions, perfect monitoring of actions, a public
// randomisation device each period, pure stage actions (no mixed strategies:
// the minmax that bounds punishments is the pure-strategy minmax), a common
// discount factor. The model does not read .nfg files yet.
package payoffset
