// Package attribution models deterrence when the defender cannot be sure who
// attacked: detection is imperfect, attacks can be pinned on the wrong state,
// false alarms happen, and non-state intrusions look like a state's.
//
// # Source, and what is ours
//
// The model follows Sandeep Baliga, Ethan Bueno de Mesquita and Alexander
// Wolitzky, "Deterrence with Imperfect Attribution", American Political
// Science Review 114(4), 2020. It is reconstructed from the paper's abstract,
// with this project's own normalisation and notation; it has not been checked
// against the paper's text, and nothing here claims to reproduce the paper's
// propositions or figures. The comparative statics the abstract states are
// computed by this package's tests, never assumed.
//
// # The game, one round
//
//  1. At most one attacker gets the opportunity to attack: attacker i with
//     probability γᵢ (opportunity), Σγᵢ ≤ 1.
//  2. It draws a private benefit xᵢ ~ Fᵢ (benefit) and attacks or not.
//  3. The defender sees one signal s from a list of named signals whose first
//     entry means "nothing seen" (conventionally none). It is drawn from πⁱ
//     (the attacker's signal row) if i attacked, and otherwise from
//     π⁰ = (1−ν)π^FA + νπ^N: false alarms π^FA (no_attack), mixed with
//     non-state intrusions at rate ν (nonstate_rate) whose signature is π^N
//     (nonstate_signal). Signals left out of a row have probability 0.
//  4. The defender draws a private cost yⱼ ~ Gⱼ (retaliation_cost) for each
//     attacker j, independently, and retaliates against j iff its posterior
//     that j attacked, pⱼˢ, is at least yⱼ: it retaliates with probability
//     rⱼˢ = Gⱼ(pⱼˢ).
//
// Payoffs. Attacker i gets xᵢ if it attacks, minus cᵢ (harm) if the defender
// retaliates against it. The defender loses damageᵢ when i attacks, and for
// each retaliation against j pays yⱼ and gains 1 if j did attack. That unit
// gain is our normalisation: it makes "retaliate iff posterior ≥ cost" the
// defender's best response after every signal, and it measures retaliation
// costs in units of the value of punishing the guilty.
//
// # Equilibrium
//
// With αᵢ the probability that attacker i attacks given the opportunity,
//
//	pᵢˢ(α) = γᵢαᵢπⁱ_s / [ (1 − Σⱼγⱼαⱼ)π⁰_s + Σⱼ γⱼαⱼπʲ_s ]
//	xᵢ*    = cᵢ Σ_s (πⁱ_s − π⁰_s) Gᵢ(pᵢˢ(α))          (cutoff_<attacker>)
//	αᵢ     = 1 − Fᵢ(xᵢ*)                              (alpha_<attacker>)
//
// because attacking moves the signal's law from π⁰ to πⁱ (the opportunity is
// exclusive, so no one else attacks in that round). A signal that no one
// sends at α (zero denominator) but attacker i could send gets posterior 1
// for i: the limit as i's attack probability falls to 0, which keeps each
// best response continuous.
//
// Solver (Solve with defender: best_response). For each attacker, its best
// response to the others' α is a root a of a − (1 − Fᵢ(xᵢ*(a, α₋ᵢ))) on
// [0, 1], where the function is ≤ 0 at 0 and ≥ 0 at 1; a scan of 16 cells
// brackets the smallest root (iterating from below) or the largest (from
// above), and Brent's method refines it to 1e-15. Gauss–Seidel sweeps of
// best responses run from α = 0 and from α = 1 until no αᵢ moves by more
// than 1e-14. Where attacks are strategic complements (each Tᵢ is
// non-decreasing in α₋ᵢ) these are the least and greatest equilibria and
// every equilibrium lies between them. Complementarity is checked on the
// signal rows: it holds when no signal is made more likely than under no
// attack by one attacker and less likely by another, (πⁱ_s − π⁰_s)(πʲ_s − π⁰_s)
// ≥ 0 for all i ≠ j and s, because a rise in αⱼ then moves every posterior
// on i in the direction that lowers xᵢ*. The certificate (concept: perfect
// Bayesian equilibrium) reports converged, unique — true only when the two
// ends agree within 1e-9 and either there is one attacker (the smallest and
// largest roots of α − T(α) coincide) or complementarity holds; agreement
// without it is reported as not proven —, the residual
// max|αᵢ − (1 − Fᵢ(xᵢ*(α)))| of both computed from the formulas above, and
// the number of sweeps. An outcome whose
// residual exceeds 1e-9 is an error, never a result. When the ends differ, the
// metrics are those of the least equilibrium and Extra holds both.
//
// Equilibria can be multiple: with zeros in π⁰ (signals that only attacks
// produce, where the off-path posterior above deters everyone at α = 0), or
// with a large γ (if an attacker nearly always has the opportunity and
// always attacks, signals carry no information). In the tests, the two
// iterations agree on each of 300 random instances with a full-support π⁰
// and Σγ ≤ 0.6; uniqueness is claimed for those with one attacker or with
// complementary rows, and checked against a direct evaluation of Tᵢ.
//
// The commitment solver (defender: commitment) reports a Stackelberg
// commitment; its certificate never claims uniqueness, since the search from
// several starts does not prove the optimum global or unique.
//
// # Knobs
//
// So that a sweep can vary "better attribution" without editing rows, three
// optional knobs rewrite the rows before solving. They act in the order
// below, and every row still sums to 1.
//
//   - detection = d: every attacker's probability of a signal other than the
//     first becomes d (the first gets 1 − d). Its detected mass keeps its
//     proportions across the detected signals; an attacker that was never
//     detected spreads d evenly over them.
//   - identification = ι: every attacker's own_signal gets the share ι of its
//     detected mass D = 1 − πⁱ(first); the other detected signals share
//     (1 − ι)D in their old proportions (evenly if they had none). D does not
//     change. own_signal defaults to the attacker's most likely detected
//     signal in its row as written (the earlier one on ties).
//   - false_alarm = φ: π^FA's probability of a signal other than the first
//     becomes φ, in its old proportions (evenly if it had none). It does not
//     touch π^N; nonstate_rate moves mass between π^FA and π^N.
//
// One entry of a row can be swept too (attackers.0.signal.to_china), but the
// row must still sum to 1 within 1e-9.
//
// # Metrics
//
// Per attacker: alpha_<attacker>, cutoff_<attacker>; per attacker and signal:
// posterior_<attacker>_<signal> (NaN for a signal of probability 0) and
// retaliation_<attacker>_<signal> (G(posterior), NaN for a signal of
// probability 0; under commitment the committed probability). Then
//
//	p_attack               = Σᵢ γᵢαᵢ
//	p_wrongful_retaliation = P(the defender retaliates in a round against at least one attacker that did not attack)
//	                       = Σ_s [ (1−Σγα)π⁰_s (1 − Πⱼ(1−rⱼˢ)) + Σₖ γₖαₖπᵏ_s (1 − Π_{j≠k}(1−rⱼˢ)) ]
//	defender_payoff        = −Σᵢ γᵢαᵢ damageᵢ + Σ_s Σⱼ [ γⱼαⱼπʲ_s rⱼˢ − P(s) E[yⱼ; retaliate against j | s] ]
//
// that is, minus the expected damage from attacks, minus the expected costs of
// retaliation, plus the value (1 each) of retaliations against the actual
// attacker. The expected cost of retaliating iff y ≤ t is t·G(t) − ∫_{−∞}^t G,
// integrated by adaptive Gauss–Kronrod quadrature.
//
// # Commitment
//
// With defender: commitment the defender commits in advance to retaliation
// probabilities r ∈ [0,1]^(attackers × signals), carried out in the cheapest
// cost states (retaliate iff y ≤ tⱼˢ, rⱼˢ = Gⱼ(tⱼˢ)), to maximise
// defender_payoff anticipating the attackers' cutoffs xᵢ* = cᵢ Σ_s (πⁱ_s −
// π⁰_s) rᵢˢ (a Stackelberg leader). The search is gonum/optimize's
// Nelder–Mead over an unconstrained z with t = lo + (hi − lo)·sin²z (lo, hi
// the ends of G's support, or its 1e-13 quantiles when unbounded; the map is
// smooth and reaches both ends, so the box needs no projection), from six
// deterministic starts (the best-response equilibrium, never, always,
// retaliate where the signal is evidence against the attacker, two seeded
// random ones), each restarted from its optimum until a restart gains
// nothing, and polished by one-entry grid search. The certificate's residual is the largest gain
// still found by changing one entry; a global optimum is not certified. Since
// the equilibrium is one of the starts, the commitment payoff is never below
// the equilibrium payoff. This variant is labelled as such in the
// certificate's method.
//
// # Simulation
//
// [Game.Simulate] plays sim_rounds independent rounds at the solved cutoffs
// and retaliation rule with draws from the distributions themselves, and
// reports per replication: alpha_<attacker>_sim (attacks per opportunity),
// p_attack_sim, p_wrongful_retaliation_sim, defender_payoff_sim, and
// posterior_<attacker>_<signal>_sim for every attacker and signal (the share
// of rounds showing the signal in which that attacker attacked; NaN if the
// signal did not occur). Given the number of rounds with a signal, the share is
// unbiased for the posterior, so the mean over replications is too.
//
// # Assumptions
//
//   - One round, at most one strategic attack (exclusive opportunities).
//   - Benefits, costs and the signal are independent given who attacked;
//     costs are independent across attackers.
//   - Benefit and retaliation-cost distributions are continuous (constant and
//     discrete ones are refused: an atom makes best responses jump).
//   - Retaliation against j hurts only j and does not depend on retaliation
//     against others; the defender retaliates against any subset.
//   - The defender's value of punishing the guilty is 1, whoever they are.
package attribution
