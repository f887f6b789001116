// Package espionage models mutual restraint from commercial cyber-espionage
// as a repeated prisoner's dilemma with imperfect public monitoring.
//
// # The game
//
// Two states choose each period to restrain (C) or to spy (D), with stage
// payoffs T > R > P > S: (C,C) gives both R, a spy facing a restrained state
// gets T and the restrained state S, (D,D) gives both P. Future periods are
// discounted by δ. Nobody sees the other's action; both see one public signal a
// period, an alarm (detection and public attribution) or quiet:
//
//	P(alarm | someone spied)  = p   (detection)
//	P(alarm | both restrained) = q   (false alarm: misattribution, non-state hackers)
//
// The states play a strongly symmetric strategy pair that punishes jointly with
// (D,D), the stage game's Nash equilibrium, after an alarm:
//
//   - grim: punish forever after the first alarm;
//   - punish: punish for L periods after an alarm, then restrain again
//     (the logic of Green & Porter, "Noncooperative Collusion under Imperfect
//     Price Information", Econometrica 52(1), 1984);
//   - probabilistic: after an alarm, punish forever with probability τ. At
//     τ* = (1−δ)(T−R)/(δ(p−q)(V̄−P)) the incentive constraint binds and the
//     pair reaches the best strongly symmetric payoff V̄ = R − q(T−R)/(p−q)
//     (Abreu, Pearce & Stacchetti, Econometrica 58(5), 1990; the bang-bang
//     structure of optimal punishments).
//
// Values are normalised, (1−δ)Σδᵗuₜ. With x the severity of a punishment
// (1 for grim, 1−δᴸ for L periods, τ for the probabilistic trigger) the value of
// restraint and the slack of the one-shot incentive constraint are
//
//	V − P    = (1−δ)(R−P) / (1 − δ + δqx)
//	ic_slack = δ(p−q)x(V−P) − (1−δ)(T−R)           (≥ 0: self-enforcing)
//
// which for grim gives δ ≥ δ* = (T−R)/[(p−q)(R−P) + (1−q)(T−R)]. The one-shot
// deviation principle applies because in punishment both play the stage Nash
// equilibrium and the signal cannot shorten it.
//
// # The review period
//
// The "dialogue twice a year" is a review period of length Δ: detections and
// false alarms arrive as Poisson processes of rates λ_d and λ_f and the
// interest rate is r, so p = 1−exp(−λ_dΔ), q = 1−exp(−λ_fΔ), δ = exp(−rΔ).
// Give either detection, false_alarm and discount, or all four of
// review_period, detection_rate, false_alarm_rate and interest_rate.
//
// # Rogue units
//
// With rogue = ε > 0 each state's restraint fails with probability ε a period
// (an uncontrolled unit spies), so real spying happens on the equilibrium path.
// The closed forms above are for ε = 0. For ε > 0 this package uses their exact
// extension, derived here by replacing R with the expected stage payoff under
// intended restraint uC = (1−ε)²R + ε(1−ε)(T+S) + ε²P, T−R with the gain of an
// intended deviation G = (1−ε)[(1−ε)(T−R) + ε(P−S)] and q with the alarm
// probability under intended restraint q_eff = (1−ε)²q + (1−(1−ε)²)p (so that
// p − q_eff = (1−ε)²(p−q)). This extension is not from the literature: the
// simulation is the reference for ε > 0, and the tests check the two agree.
//
// # Simulation
//
// [Instance.Simulate] plays the strategy pair period by period with the
// monitoring noise. With horizon = 0 (the default) the relationship ends after
// each period with probability 1−δ (random termination), so (1−δ) times the
// total payoff is an unbiased estimate of the discounted value V; with
// horizon = H > 0 it plays exactly H periods and discounts within them.
//
// # Assumptions
//
// Symmetric payoffs; one public binary signal a period whose law depends only
// on whether anyone spied; punishment by the stage Nash equilibrium (D,D),
// which is also each state's minmax payoff P; strongly symmetric strategies.
package espionage
