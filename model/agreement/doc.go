// Package agreement models a bilateral agreement against commercial
// cyber-espionage, after the September 2015 US–China agreement, as an
// asymmetric repeated game with imperfect public monitoring: a target state
// that may spy, stealthily or openly, and a sender state that sees only noisy
// public alarms and may answer them with sanctions that are costly to itself.
//
// # Source
//
// The monitoring structure and the trigger strategies follow Green & Porter,
// "Noncooperative Collusion under Imperfect Price Information", Econometrica
// 52(1), 1984, and the perfect public equilibria of Fudenberg, Levine &
// Maskin, "The Folk Theorem with Imperfect Public Information", Econometrica
// 62(5), 1994 (a strategy profile that depends on the public history only is
// a PPE iff no player gains from a one-shot deviation after any public
// history). The sender's choice between carrying out and backing down from a
// threat with an audience cost follows the threat game of package sanctions
// (Fearon, APSR 88(3), 1994). The game, its payoffs and every formula below
// were written and derived in this project for the game exactly as stated
// here; nothing here claims to reproduce a published figure or estimate.
//
// # The game
//
// Time is divided into review periods of Δ years (the "high-level dialogue
// twice a year" is Δ = 0.5). Future payoffs are discounted by δ = e^{−rΔ} a
// period, r the interest rate (which may include the hazard that the
// relationship ends). Payoffs are flows per year of the rates given, so a
// period's payoff is the rate times Δ; the one-time costs a and k below are
// paid at once.
//
// Each period the target (China) restrains or spies. If it spies it chooses a
// stealth level s ∈ [0, s̄] (s̄ = max_stealth, the stealth options it has). Its
// gain in the period and the probability that the operation is detected and
// publicly attributed within the period are
//
//	G(s)   = gΔ(1 − γs)             γ = stealth_cost: share of the gain lost at s = 1
//	p_d(s) = p₀(1 − s)^κ,  p₀ = 1 − e^{−λ_d Δ}   κ = stealth_curvature, λ_d = detection_rate
//
// Two other sources produce alarms that point at the target: false alarms
// (misattribution of another actor's operation) at rate λ_f, and non-state
// hackers on the target's territory at rate ν. Through the hotline each
// non-state alarm is cleared, independently, with probability h (the target
// identifies the hackers in answer to a request for assistance). A false
// alarm cannot be cleared: the target cannot identify an operation that is
// not its own, on its soil or not. Nor can the state's own operation: the
// hotline clears only with evidence against identified hackers. Uncleared
// non-state alarms are a thinned Poisson process of rate ν(1−h), so the
// probability of at least one uncleared alarm in a period without state
// espionage, and with espionage at stealth s, are
//
//	q    = 1 − e^{−(λ_f + ν(1−h))Δ}
//	π(s) = 1 − (1 − q)(1 − p_d(s)) = q + (1 − q)p_d(s)
//
// The sender (the US) sees only whether an uncleared alarm happened. It loses
// m·G(s) in a period of espionage (m = harm) and pays c_S a year while it
// sanctions (trade, the target's leverage as its creditor); the target pays
// c_T a year while sanctioned.
//
// The agreement switch adds two costs (both 0 before it): a reputational cost
// k to the target for every uncleared alarm while the pledge is in force, and
// an audience cost a₁ to the sender for backing down from a sanction that an
// uncleared alarm called for, on top of the audience cost a₀ it has before
// the agreement (the executive order's declared policy): a = a₀ + a₁.
//
// # The strategy profile
//
// The public state is cooperative, sanctioning (with periods left) or
// reverted.
//
//   - Sender: in the cooperative state, an uncleared alarm starts sanctions for
//     the next L periods (strategy punish; forever under strategy grim), after
//     which the cooperative state returns. If it ever backs down from a
//     sanction the strategy calls for, it pays a once and the state becomes
//     reverted for good: no sanctions ever again.
//   - Target: in the cooperative state it plays a stationary action a* —
//     restraint, or espionage at one stealth level s* — its best response to
//     the sender's strategy. While sanctioned and after reversion it spies
//     openly (s = 0): its action then changes neither the state nor the
//     sender's behaviour, so the stage's best response is optimal. The pledge
//     is in abeyance then: no reputational cost.
//
// Reversion (open espionage, no sanctions) is the repetition of a stage
// equilibrium, so it is an equilibrium too; the profile above is a PPE iff
// the target's and the sender's one-shot constraints below hold. This is one
// equilibrium in a stated class (trigger strategies with fixed L), not the
// set of equilibria, and no claim of uniqueness is made: the certificate's
// Concept names this class ([Concept]) and its Unique is false.
//
// # Values
//
// With normalised values (1−δ)Σδᵗuₜ, a stationary cooperative action with
// per-period flow u and trigger probability π, sanction flow P and severity
// x = 1 − δᴸ (1 for grim) is worth
//
//	V = [(1−δ)u + δπxP] / (1 − δ + δπx)
//
// from the cooperative state, and W = (1−x)V + xP from the first sanction
// period. The target's flows are u = G(s) − kπ(s) when it spies,
// u = −kq when it restrains, and P_T = (g − c_T)Δ while sanctioned; the
// sender's are −mG(s) or 0, and P_S = −(mg + c_S)Δ.
//
// # The target's constraint
//
// Against the sender's strategy the target faces a Markov decision problem
// whose only choice is its cooperative action. Its Bellman equation is
//
//	V* = δV* + max_a { (1−δ)u(a) − δxπ(a)(V* − P_T) }
//
// Spying at s instead of restraining changes the bracket by
//
//	φ(s; B) = (1−δ)G(s) − (1 − q)p_d(s)·B,   B = (1−δ)k + δx(V* − P_T)
//
// B is the deterrent weight of an alarm: the reputational cost plus the
// discounted loss of the sanction phase. The best stealth maximises φ. With
// A = (1−δ)gΔγ and C = (1−q)p₀B, φ(s) = (1−δ)gΔ − As − C(1−s)^κ, so
//
//	C ≤ 0:        s* = 0 (an alarm costs nothing: no reason to hide)
//	κ > 1:        φ is concave; s* = clamp(1 − (A/(κC))^{1/(κ−1)}, 0, s̄)
//	κ ≤ 1:        φ is convex; s* is 0 or s̄, whichever gives more (0 on a tie)
//
// Restraint is self-enforcing for the target iff max_s φ(s; B(V_R)) ≤ 0 at
// the value of restraint V_R (the one-shot deviation principle). The metric
// target_slack is −max_s φ/((1−δ)Δ): the present value of restraining minus
// that of the best one-period deviation, per year of the deviation. With
// s̄ = 0, h = 0, ν = 0 and k = 0 this is package espionage's incentive slack
// for T − R = gΔ, R − P = (c_T − g)Δ, detection p = π(0) and false alarm q,
// divided by (1−δ)Δ; the tests check the reduction against that package.
//
// When restraint is not self-enforcing the target spies in every cooperative
// period, at the stealth s* = s*(B(V*)) where V* solves the Bellman equation
// restricted to espionage: V − F(V) is increasing with slope at least 1 − δ,
// so V* is a bracketed root, found by Brent's method (package numeric). Under
// restraint the metric stealth is that of the best deviation.
//
// A consequence of the linear gain: if s̄ = 1 and γ < 1, nearly undetectable
// espionage keeps a share 1 − γ of the gain, and restraint is never
// self-enforcing. The limit of stealth technology, s̄ < 1, is what leaves room
// for deterrence.
//
// # The sender's constraint (credibility)
//
// At the first period of a sanction phase the sender compares carrying it
// out with backing down (the constraint is tightest there: later in the phase
// fewer costly periods remain and cooperation is nearer):
//
//	carry out:  (1−δᴸ)P_S + δᴸV_S            back down: −(1−δ)a − mgΔ
//	σ_S = (1−δ)a − (1−δᴸ)c_SΔ + δᴸ(V_S + mgΔ)         (δᴸ = 0 under grim)
//
// with V_S the sender's value under the target's best response a*. (The
// sender's other deviations never pay: a sanction without an alarm, or one
// period more of it, costs c_SΔ and meets open espionage, −(mg + c_S)Δ,
// against at worst −mG(s*) ≥ −mgΔ in the cooperative state; in reversion a
// sanction costs c_S and changes nothing.) The
// threat is credible iff σ_S ≥ 0; sender_slack = σ_S/(1−δ) in present-value
// payoff units. In the one-shot limit (L = 1, Δ = 1, δ → 0) it is a − c_S:
// the sender is resolute iff c_S < a, the condition of package sanctions.
// σ_S is affine in c_S with the target's behaviour fixed (a* does not depend
// on c_S), so the largest credible cost, max_sender_cost, is closed form.
//
// # Regime
//
//	non_credible        σ_S < 0: the threat would not be carried out; the
//	                    outcome is reversion from the start (open espionage,
//	                    no sanctions)
//	restraint           credible, and restraint is self-enforcing
//	stealthy_espionage  credible, the target spies at s* > 0
//	open_espionage      credible, the target spies at s* = 0
//
// target_slack and self_enforcing describe the target's constraint against
// the threat as stated, whether or not it is credible; both constraints are
// reported, and the regime needs both.
//
// # Outcomes
//
// Flow metrics are discounted averages over the relationship, (1−δ)ΣδᵗE[fₜ]
// per period, divided by Δ to be per year: the weights e^{−rt} make them
// averages over a relationship that ends at rate r. With π* the trigger
// probability under a*, the discounted share of sanction periods is
// δπ*x/(1 − δ + δπ*x) (the value formula with u = 0, P = 1), and
//
//	violations_per_year  periods of state espionage (sanction phases included)
//	detected_per_year    periods with a detected state operation
//	wrongful_per_year    sanctions started after a period of restraint
//	p_wrongful_year      1 − (1−q)^{1/Δ}: the chance that a year of restraint
//	                     in the cooperative state brings a wrongful sanction
//	required_detection_rate  the least λ_d at which restraint is
//	                     self-enforcing for the target, all else fixed (the
//	                     slack rises with p₀; Brent's method on p₀ ∈ [0, 1]);
//	                     NaN if even certain detection each period fails
//
// # Verification
//
// Before a solution is returned: the Bellman residual |V* − F(V*)|, the gap
// between V* and the closed-form value of a*, the largest gain of a one-shot
// deviation to restraint or to any of 257 stealth levels on [0, s̄] at V*,
// and the gap between σ_S and the difference of the sender's two values
// computed apart are each below 1e-9 of the payoff scale, or Solve fails.
// The certificate's residual is the largest of them.
//
// # Simulation
//
// [Game.Simulate] plays the profile with the noise: each period it draws the
// state's detection, a false alarm, the number of non-state alarms (Poisson)
// and whether each is cleared through the hotline, so the thinning formula
// for q is checked, not assumed. Play ends after each period with
// probability 1 − δ, so (1−δ)Σfₜ estimates each discounted closed form
// without bias. Payoffs use the realised alarms (k per uncleared alarm).
//
// # Assumptions
//
// Risk-neutral states; one public binary signal a period (an uncleared alarm
// or none); detection, false alarms and non-state alarms independent; the
// target's hotline cooperation is exogenous (h); sanctions of fixed length
// decided at a review; the pledge in abeyance during sanctions; backing down
// ends the threat for good. Stealth is a reduced form: one number that lowers
// both the gain and the detection of an operation.
package agreement
