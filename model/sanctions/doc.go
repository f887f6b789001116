// Package sanctions models a sanction threat whose sender may or may not be
// resolved to carry it out.
//
// # Source
//
// The game is a threat game with private resolve and audience costs in the
// tradition of Fearon, "Domestic Political Audiences and the Escalation of
// International Disputes", APSR 88(3), 1994, applied to economic coercion as in
// Drezner, "The Hidden Hand of Economic Coercion", International Organization
// 57(3), 2003, and Lacy & Niou, "A Theory of Economic Sanctions and Issue
// Linkage", Journal of Politics 66(1), 2004. The normalisation and every
// formula below were derived for the game exactly as written here; the
// extension to a private target cost is this project's. Nothing here claims
// to reproduce a published figure.
//
// # The game
//
// The sender S threatens sanctions or not; the target T complies or defies; a
// defied sender imposes sanctions or backs down. Payoffs (S, T):
//
//	no threat     (0, 0)
//	comply        (v, −g)
//	back down     (−a, 0)
//	impose        (−c_S, −c_T)
//
// v is the value of compliance, a the audience cost of backing down, g the
// target's cost of complying (the espionage gains it gives up), c_T the
// target's cost of suffering sanctions and c_S ~ H the sender's private cost of
// imposing them (trade exposure, a creditor's leverage). Everybody is risk
// neutral; c_S ≥ 0 and c_T ≥ 0 (the parameters refuse laws with negative
// support) and a, g, v > 0 (with a = 0 bluffing is free and the equilibrium is
// not unique).
//
// # Solving backwards
//
// A defied sender imposes iff −c_S > −a: it is resolute iff c_S < a, and
// ρ = P(c_S < a) = H(a) for a continuous H. (A type exactly at a is
// indifferent and is counted as backing down; this matters only for an atom
// of H at a.)
//
// Let σ be the probability that a threat is defied. A type c threatening
// expects (1−σ)v − σ·min(c, a) against 0 for the status quo. So
//
//	σ < σ̄ = v/(v+a):  every type threatens;
//	σ = σ̄:            resolute types threaten, irresolute ones are
//	                   indifferent and bluff with some probability φ;
//	σ > σ̄:            only types with c < τ(σ) = (1−σ)v/σ < a threaten.
//
// The target's belief after a threat that the sender is resolute is therefore
// μ = ρ below σ̄, μ = ρ/(ρ + (1−ρ)φ) ∈ [ρ, 1] at σ̄ and μ = 1 above: it rises
// with σ. Defying is worth −μc_T to the target (the sanction comes iff the
// sender is resolute), complying −g: the target defies iff μc_T < g.
//
// # Common knowledge of c_T
//
//	no coercion       c_T ≤ g (or ρ = 0): threats are defied, so none is made;
//	pooling           ρc_T ≥ g: every type threatens, the target complies;
//	semi-separating   otherwise: the target mixes, so σ = σ̄ = v/(v+a), which
//	                  makes the irresolute indifferent; its indifference needs
//	                  μ = g/c_T, hence φ = ρ(c_T−g)/((1−ρ)g),
//	                  P(threat) = ρ + (1−ρ)φ = ρc_T/g and P(impose) = ρσ̄.
//
// Known answer: v=1, a=0.5, g=1, c_T=2, c_S ~ U[0,2] (ρ = 0.25):
// semi-separating, P(threat) = 0.5, P(comply) = P(impose) = P(back down) = 1/6.
//
// # Private target cost (this project's extension)
//
// With c_T ~ K private to the target and independent of c_S, a target type
// defies iff c_T < g/μ, so σ = D(μ) = P(c_T < g/μ), which falls as μ rises.
// The sender's posterior rises with σ and the target's defiance falls with μ:
// the two best-response curves cross once, so the equilibrium outcome is
// unique. Where they cross:
//
//  1. ρ = 0: no coercion (after an off-path threat the target believes μ = 0).
//
//  2. Pooling iff D(ρ) = P(c_T < g/ρ) ≤ σ̄: every type threatens and
//     σ = D(ρ). Unlike the common-knowledge case some targets (those with
//     c_T < g/ρ) defy, and irresolute senders back down on the path.
//
//  3. Semi-separating iff P(c_T < g) ≤ σ̄ < P(c_T < g/ρ): σ = σ̄, and the
//     target's cutoff c_T* = g/μ solves the one-dimensional equation
//
//     K(c_T*) = v/(v+a)   on the bracket [g, g/ρ],
//
//     where K(g) ≤ σ̄ < K(g/ρ). It is found by Brent's method on the CDF as
//     a function of log c (the bracket spans many orders of magnitude when ρ
//     is small). For a discrete K the root of the step function is the
//     quantile Q_K(σ̄); the targets at that atom defy with the probability
//     that makes the total exactly σ̄. Then μ = g/c_T* and
//     φ = ρ(1−μ)/((1−ρ)μ).
//
//  4. Resolute only iff P(c_T < g) > σ̄: even a surely resolute sender is
//     defied by σ = P(c_T < g) of the targets (those that prefer sanctions to
//     compliance). Bluffing never pays, μ = 1, and a resolute type threatens
//     iff c_S < τ = (1−σ)v/σ. If no type lies below τ, nobody threatens and
//     the case is no coercion.
//
// A point mass K = c_T gives back the common-knowledge table (D(μ) is then
// 1{c_T < g/μ}), except at the knife edge c_T = g, where the indifferent
// target makes both "no coercion" and "semi-separating with φ = 0"
// equilibria; a known c_T is solved by the closed form, which reports the
// first.
//
// # Outcomes and payoffs
//
// With R = P(c_S < min(τ, a)) the probability of a resolute threat:
//
//	P(threat)    = R + (1−ρ)φ        P(comply)    = (1−σ)P(threat)
//	P(impose)    = σR                P(back down) = σ(1−ρ)φ
//	sender payoff = v·P(comply) − σ·E[c_S; c_S < min(τ, a)] − a·P(back down)
//	target payoff = −g·P(comply) − R·E[c_T; the target defies]
//
// Partial expectations use E[X; X < x] = xF(x) − ∫_lo^x F(u) du, integrated by
// adaptive 15-point Gauss–Kronrod quadrature of the CDF (bounded even where a
// density is not); the atoms of a discrete law are summed exactly.
//
// # Verification
//
// Before an equilibrium is returned every best-response condition is checked
// at 257 quantiles of each law, its atoms and both sides of each cutoff:
// threatening or not, imposing or backing down, complying or defying; σ must
// equal the target strategy's aggregate defiance and μ Bayes' rule. A
// violation above 1e-9·(v+a+g) is an error of the method. The certificate's
// residual is the largest violation (or the root's |K(c_T*) − σ̄| if larger).
//
// # Uniqueness
//
// The certificate's concept is perfect Bayesian equilibrium, and it reports
// unique when the equilibrium outcome is (off-path beliefs are a convention
// and never change it): everywhere except at the knife edges c_T = g and
// ρc_T = g of the common-knowledge table, an atom of H at a, and a discrete
// K whose CDF equals v/(v+a) between two atoms next to c_T*, where the
// certificate names the edge and says the equilibrium is not unique.
//
// # Simulation
//
// [Game.Simulate] plays the game tree once: c_S from H, c_T from K (the
// point mass when known), the sender's threat (a coin for a bluff), the
// target's answer (a coin for a target exactly at its cutoff) and the sender's
// last move; each replication reports indicators of the outcomes, the
// sender's resolve after a threat and both payoffs, whose means estimate the
// closed-form outcome.
//
// # Conventions for ties and off-path beliefs
//
// At ρc_T = g the indifferent target complies (pooling). Under no coercion
// with some resolute types the off-path belief is μ = 1 (the target defies
// anyway); with none it is μ = 0. Under the private-cost extension a target
// type exactly at g facing μ = 1 complies. defy_prob under no coercion is
// the target's answer to such an off-path threat.
package sanctions
