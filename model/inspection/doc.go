// Package inspection models the limits of verification: an inspector checks
// whether an inspectee complies with an agreement, with imperfect detection,
// false alarms, scarce inspections and, in a toy, a security cost of being
// watched. It has four variants, chosen by the parameter variant.
//
// Sources: R. Avenhaus, B. von Stengel and S. Zamir, "Inspection games", in
// R. J. Aumann and S. Hart (eds.), Handbook of Game Theory with Economic
// Applications, vol. 3, ch. 51, pp. 1947–1987, North-Holland/Elsevier, 2002
// (the inspection game, the statistical-test view of inspection, sequential
// games with scarce inspections, inspector leadership); M. Dresher, "A sampling
// inspection problem in arms control agreements: a game-theoretic analysis",
// RAND Memorandum RM-2972-ARPA, 1962 (the recursive game); W. Coe and J.
// Vaynman, "Why arms control is so rare", American Political Science Review
// 114(2), 2020 (the transparency–security trade-off that the toy is in the
// spirit of). The formulas below were derived in this project for the games
// exactly as written here; they are not copied from the sources, and nothing
// here claims to reproduce a published figure.
//
// # basic: the inspection game with imperfect detection
//
// The inspector inspects with probability p at cost k; an inspection misses a
// violation with probability β (miss_prob; or give the detection quality
// detect_prob = 1 − β) and raises a false alarm on a
// compliant inspectee with probability α (false_alarm_prob); the inspectee
// violates with probability q. Payoffs (inspector, inspectee), k paid per
// inspection:
//
//	                    inspect                                  do not inspect
//	comply     (−k − αe, −αh)                                    (0, 0)
//	violate    (−k − (1−β)a − βc, −(1−β)b + βd)                  (−c, d)
//
// The interior (mixed) equilibrium makes each player indifferent:
//
//	p* = d / [(1−β)(b+d) − hα]        q* = (k + eα) / [(c−a)(1−β) + eα]
//
// It exists when both denominators are positive and p*, q* ∈ [0, 1]. The
// solver does not assume it: the extreme equilibria of a 2×2 game lie in
// {0, p*, 1} × {0, q*, 1}, and it checks all of these candidates for
// profitable deviations with the outcome table above. So corner cases come
// out explicitly: when even certain inspection does not deter (p* > 1) the
// inspectee always violates; when inspecting never pays (c ≤ a, or k large)
// the inspector never inspects. When the equilibrium is not unique
// (degenerate parameters such as k = 0 with no false alarms) the solver
// reports (p*, q*) if both lie in [0, 1], else the equilibrium with the least
// inspection and then the least violation, and lists all extreme equilibria
// in the solution's extra output. With perfect inspection the violation rate
// q* = k/(c−a) does not depend on the penalty b — the penalty paradox: a
// harsher penalty lowers the inspection rate, not the violation rate.
//
// Inspector leadership: the inspector announces and commits to p first; the
// inspectee best-responds. The inspectee's preference flips at p*, and the
// leader's payoff is linear in p on either side, so the leader's optimum is
// at 0, p* or 1. An inspectee who is indifferent acts as the inspector
// prefers (the usual convention of leadership equilibria; it makes the
// leader's supremum attained): so when deterring pays, the leadership
// equilibrium is p = p*, the smallest p that deters, and the inspectee
// complies. Ties between commitments go to the smaller p. The leader's
// optimum is checked against 1001 commitments on a grid. A leader can always
// commit to its Nash strategy, so its payoff is never below the Nash one.
//
// # alpha_beta: the statistical-test game
//
// The test is run every period (inspect_prob = 1, cost k) and the inspector
// chooses its false-alarm rate α; the miss rate follows the ROC β(α), either
// Gaussian, β(α) = Φ(Φ⁻¹(1−α) − snr) (two normal laws snr standard deviations
// apart), or a user's table, which when given replaces the Gaussian (snr is
// then not used). A table is made achievable: the trivial tests
// (0, 1) and (1, 0) are added and the lower convex hull taken, since
// randomising between two tests reaches every point between them; points
// above the hull are dropped (the certificate says how many), and β is linear
// between hull vertices. The inspectee is indifferent where
//
//	β(α*) = (b − hα*)/(b+d),
//
// found as a bracketed root (bisection on each side of the minimiser of the
// convex gap (b+d)β(α) − b + hα; exactly, segment by segment, for a table),
// and the inspector's first-order condition in α gives
//
//	q* = e / (e − (c−a)β′(α*)).
//
// At a vertex of a table's hull β′ jumps and every q between the two
// one-sided conditions is an equilibrium; the midpoint is reported. When
// h ≥ b the gap can have two roots and the pure profile (α = 1, violate) is
// an equilibrium too: the smallest α is reported, the certificate says the
// equilibrium is not unique. Every reported α is checked against a grid of
// 2001 rates, the ROC's vertices and the analytic best response. Leadership:
// the inspector commits to α, an indifferent inspectee acts as the inspector
// prefers; with deterrence the answer is α*, with compliance.
//
// # dresher: Dresher's recursive game
//
// n periods, m ≤ n inspections, one intended violation, zero-sum: the
// inspectee gets +1 for an undetected violation, −1 if caught, 0 if it never
// violates. With k periods and r inspections left the stage game is
//
//	                inspect            do not inspect
//	violate         −1                 +1
//	wait            v(k−1, r−1)        v(k−1, r)
//
// with v(k, 0) = 1 (no inspection left: the inspectee violates at once) and
// v(0, r) = 0. The package solves it by backward induction in exact rational
// arithmetic (math/big.Rat), solving each stage game exactly (a saddle point
// when there is one, otherwise the mixed solution) and verifying each stage's
// equilibrium exactly, and checks the result against the closed form
// v(n, m) = C(n−1, m)/Σ_{i≤m} C(n, i) (v(2, 1) = 1/3). It then follows the
// equilibrium path forward for the unconditional probability of an
// inspection, a violation and a caught violation in each period, and checks
// that the path's expected payoff equals v(n, m). Exact values are strings in
// the solution's extra output ("1/3"); metrics are float64. n is at most 100:
// the path probabilities' denominators grow with n (about 0.4 s at n = 100,
// m = 50).
//
// # transparency: the transparency–security toy
//
// A TOY, in the spirit of Coe & Vaynman (2020) and not a reproduction of their
// model: monitoring of intensity m detects cheating with probability m;
// cheating gains G once; detection ends a deal worth V a period; monitoring
// leaks κm² a period. Restraint deters when G ≤ m·δV/(1−δ), so the least
// deterring intensity is m_min = G(1−δ)/(δV), and the deal is self-enforcing
// iff m_min ≤ 1 and κ·m_min² ≤ S, the deal's savings a period.
//
// # Metrics
//
// The metric list is the same for every variant, so that sweeps across
// variants have the same columns; a metric that does not apply to a variant
// is NaN (each metric's doc says where it applies). With leadership true the
// basic and alpha_beta variants report the leadership equilibrium in
// inspect_prob, violate_prob, alpha_star, beta_star and regime, and simulate
// it; the payoffs under both equilibria are always reported.
//
// # Simulation
//
// [Game.Simulate] plays the game `rounds` times per replication at the
// reported equilibrium mix (basic, alpha_beta: independent draws of the
// inspection, the violation and the test's outcome; dresher: whole n-period
// games following the exact stage strategies) and reports rates and mean
// payoffs, which the tests compare with the closed forms within 4 standard
// errors.
//
// # Assumptions
//
// One inspector and one inspectee, both risk-neutral, with common knowledge
// of the payoffs. basic and alpha_beta are one-shot: the players move
// simultaneously (Nash) or the inspector announces first and is believed
// (leadership); the test's outcome depends only on whether a violation
// happened, independently of everything else. In Dresher's game both players
// know how many periods and inspections are left, a violation ends the game,
// and unused inspections are worthless at the end. The transparency toy
// compares a one-off gain with the discounted loss of a deal and nothing
// else.
package inspection
