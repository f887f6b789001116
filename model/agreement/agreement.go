package agreement

import (
	"fmt"
	"math"

	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
)

// Params are the parameters of the agreement model. Rates are per year;
// payoffs are in units of the caller's choice (the base config uses the
// target's yearly gain from open espionage, gain = 1).
type Params struct {
	Agreement string `key:"agreement" default:"after" enum:"before|after" doc:"before: no pledge (k = 0, a = a₀); after: the pledge adds the reputational cost k and the audience cost a₁"`

	ReviewPeriod float64 `key:"review_period" label:"review period Δ" default:"0.5" range:"(0,)" unit:"years" doc:"Δ: length of a review period (the dialogue twice a year: 0.5)"`
	InterestRate float64 `key:"interest_rate" label:"interest rate r" default:"0.1" range:"(0,)" unit:"per year" doc:"r: discount rate, including the hazard that the relationship ends (δ = exp(−rΔ))"`

	Gain           float64 `key:"gain" label:"gain g" default:"1" range:"(0,)" unit:"payoff per year" doc:"g: the target's gain from a year of open espionage (G(s) = gΔ(1 − γs) a period)"`
	StealthCost    float64 `key:"stealth_cost" label:"stealth cost γ" default:"0.5" range:"[0,1]" unit:"share" doc:"γ: share of the gain lost at full stealth s = 1"`
	StealthCurve   float64 `key:"stealth_curvature" label:"stealth curvature κ" default:"2" range:"(0,)" doc:"κ: detection falls as (1 − s)^κ with stealth; κ > 1 gives an interior optimal stealth"`
	MaxStealth     float64 `key:"max_stealth" label:"stealth options s̄" default:"0.8" range:"[0,1]" doc:"s̄: the stealthiest operation the target can run (its stealth options are [0, s̄]; 0: only open espionage)"`
	DetectionRate  float64 `key:"detection_rate" label:"detection rate λ_d" default:"3" range:"[0,)" unit:"per year" doc:"λ_d: rate at which open espionage is detected and publicly attributed (p₀ = 1 − exp(−λ_d Δ) a period)"`
	FalseAlarmRate float64 `key:"false_alarm_rate" label:"false-alarm rate λ_f" default:"0.1" range:"[0,)" unit:"per year" doc:"λ_f: rate of false alarms pointing at the target (misattribution; the hotline cannot clear them)"`
	NonstateRate   float64 `key:"nonstate_rate" label:"non-state alarms ν" default:"0.5" range:"[0,)" unit:"per year" doc:"ν: rate of alarms from non-state hackers on the target's territory"`
	Hotline        float64 `key:"hotline" label:"hotline h" default:"0.5" range:"[0,1]" unit:"probability" doc:"h: probability that a non-state alarm is cleared through the hotline (0: no hotline)"`

	TargetCost float64 `key:"target_cost" label:"target's cost of sanctions c_T" default:"2" range:"[0,)" unit:"payoff per year" doc:"c_T: the target's cost of a year under sanctions"`
	SenderCost float64 `key:"sender_cost" label:"sender's cost of sanctions c_S" default:"0.5" range:"[0,)" unit:"payoff per year" doc:"c_S: the sender's cost of a year of sanctioning (trade, the target's leverage as its creditor)"`
	Harm       float64 `key:"harm" label:"harm m" default:"1" range:"[0,)" doc:"m: the sender's loss per unit of the target's espionage gain"`

	Strategy       string   `key:"strategy" label:"sender's strategy" default:"punish" enum:"punish|grim" doc:"punish: sanctions for L periods after an uncleared alarm; grim: sanctions forever"`
	SanctionLength int      `key:"sanction_length" label:"sanction length L" default:"4" range:"[1,)" unit:"periods" doc:"L: length of a sanction phase (strategy punish)"`
	SanctionYears  *float64 `key:"sanction_years" label:"sanction length" default:"not used" range:"(0,)" unit:"years" doc:"instead of sanction_length: sanctions last until the first review at least this long after they start, L = ⌈years/Δ⌉"`

	AudienceCost       float64 `key:"audience_cost" label:"audience cost a₀" default:"0.1" range:"[0,)" unit:"payoff" doc:"a₀: the sender's one-time cost of backing down from a called-for sanction, before and after the agreement (e.g. a declared sanctions policy)"`
	PledgeAudienceCost float64 `key:"pledge_audience_cost" label:"pledge's audience cost a₁" default:"1" range:"[0,)" unit:"payoff" doc:"a₁: the audience cost the pledge adds to backing down (agreement after)"`
	PledgeReputation   float64 `key:"pledge_reputation_cost" label:"reputational cost k" default:"0.5" range:"[0,)" unit:"payoff" doc:"k: the target's one-time reputational cost of each uncleared alarm while the pledge is in force (agreement after)"`
}

var paramSchema = schema.MustOf(Params{})

// Defaults returns the default parameters.
func Defaults() Params { return schema.Defaults[Params](paramSchema) }

// Model is the agreement model in the registry.
type Model struct{}

var _ model.Model = Model{}

// Info describes the model.
func (Model) Info() model.Info {
	return model.Info{
		Name:  "agreement",
		Title: "A pledge against cyber-espionage with a sanctions threat, noisy alarms, non-state hackers and a hotline",
		Doc: "A target state restrains or spies at a chosen stealth each review period; false alarms and non-state hackers also raise alarms, which a hotline can clear; the sender sees uncleared alarms and may sanction for L periods at a cost to itself. " +
			"The pledge adds a reputational cost to the target and an audience cost to the sender. Closed forms for the target's incentive slack and optimal stealth, the sender's credibility, wrongful sanctions and violations; " +
			"the target's Markov best response by a bracketed root (Brent), verified; a simulation of play with the noise.",
		Source:  "Repeated game with imperfect public monitoring and trigger strategies (Green & Porter, Econometrica 1984; Fudenberg, Levine & Maskin, Econometrica 1994) with a sender's credibility constraint in the manner of package sanctions; the game and all formulas are this project's (see the package documentation).",
		Params:  paramSchema,
		Metrics: metrics,
	}
}

// Regime is the equilibrium regime, an index into the levels of the metric
// regime.
type Regime int

// The regimes.
const (
	Restraint   Regime = iota // the target restrains; the threat is credible
	Stealthy                  // credible threat, the target spies at stealth s* > 0
	Open                      // credible threat, the target spies openly (s* = 0)
	NonCredible               // the sender would back down: open espionage, no sanctions
)

var regimeLevels = []string{"restraint", "stealthy_espionage", "open_espionage", "non_credible"}

func (r Regime) String() string {
	if r >= 0 && int(r) < len(regimeLevels) {
		return regimeLevels[r]
	}
	return fmt.Sprintf("Regime(%d)", int(r))
}

var metrics = []model.Metric{
	{Name: "regime", Label: "regime", Levels: regimeLevels, Doc: "equilibrium regime: restraint (self-enforcing and credible), stealthy_espionage or open_espionage (credible threat, the target spies at s* > 0 or s* = 0), non_credible (the sender would back down: open espionage without sanctions)"},
	{Name: "target_slack", Label: "target's slack", Unit: "payoff per year", Doc: "present value (discounted sum, not normalised) of restraining minus that of the best one-period deviation, per year of the deviation, against the threat as stated (≥ 0: restraint is self-enforcing for the target)"},
	{Name: "self_enforcing", Label: "self-enforcing", Doc: "1 if target_slack ≥ 0, else 0"},
	{Name: "sender_slack", Label: "sender's slack", Unit: "payoff", Doc: "present value (discounted sum, not normalised) to the sender of carrying out a called-for sanction minus that of backing down, with the target at its best response (≥ 0: the threat is credible)"},
	{Name: "credible", Label: "credible", Doc: "1 if sender_slack ≥ 0, else 0"},
	{Name: "max_sender_cost", Label: "largest credible c_S", Unit: "payoff per year", Doc: "largest sender's cost of a year of sanctions c_S at which the threat is credible, all else fixed"},
	{Name: "stealth", Label: "stealth s*", Unit: "stealth", Doc: "s*: the stealth the target uses when it spies in the cooperative state (under restraint: that of its best deviation; non_credible: 0)"},
	{Name: "detection_prob", Label: "detection p_d(s*)", Unit: "probability", Doc: "p_d(s*) = p₀(1 − s*)^κ: probability that a period of espionage at stealth s* is detected"},
	{Name: "required_detection_rate", Label: "required detection rate", Unit: "per year", Doc: "least detection rate λ_d at which restraint is self-enforcing for the target, all else fixed; NaN if even certain detection each period does not deter"},
	{Name: "p_wrongful_year", Label: "P(wrongful sanction in a year)", Unit: "probability", Doc: "probability that a year of restraint in the cooperative state brings a wrongful sanction (an uncleared false or non-state alarm): 1 − (1−q)^{1/Δ}"},
	{Name: "wrongful_per_year", Label: "wrongful sanctions", Unit: "per year", Doc: "sanctions started after a period of restraint, per year (discounted average over the relationship from the agreement's start)"},
	{Name: "violations_per_year", Label: "periods of espionage", Unit: "per year", Doc: "review periods with state espionage per year, sanction phases included (discounted average)"},
	{Name: "detected_per_year", Label: "periods with a detection", Unit: "per year", Doc: "review periods with a detected state operation per year (discounted average)"},
	{Name: "sanction_share", Label: "share of periods under sanctions", Unit: "share of periods", Doc: "discounted share of periods under sanctions"},
	{Name: "target_value", Label: "target's value", Unit: "payoff per year", Doc: "the target's normalised value (1−δ)Σδᵗuₜ on the equilibrium path, per year (divided by Δ): the yearly flow with the same present value (restraint without alarms: 0)"},
	{Name: "sender_value", Label: "sender's value", Unit: "payoff per year", Doc: "the sender's normalised value (1−δ)Σδᵗuₜ on the equilibrium path, per year (divided by Δ) (restraint without sanctions: 0)"},
	{Name: "wrongful_per_year_sim", Label: "wrongful sanctions (simulated)", Simulated: true, Unit: "per year", Doc: "simulated wrongful sanctions per year: (1−δ)/Δ times the count under random termination"},
	{Name: "violations_per_year_sim", Label: "periods of espionage (simulated)", Simulated: true, Unit: "per year", Doc: "simulated periods of state espionage per year"},
	{Name: "detected_per_year_sim", Label: "periods with a detection (simulated)", Simulated: true, Unit: "per year", Doc: "simulated periods with a detected state operation per year"},
	{Name: "sanction_share_sim", Label: "share of periods under sanctions (simulated)", Simulated: true, Unit: "share of periods", Doc: "simulated share of periods under sanctions"},
	{Name: "target_value_sim", Label: "target's value (simulated)", Simulated: true, Unit: "payoff per year", Doc: "simulated target's payoff, (1−δ)/Δ times the total under random termination: an unbiased estimate of target_value"},
	{Name: "sender_value_sim", Label: "sender's value (simulated)", Simulated: true, Unit: "payoff per year", Doc: "simulated sender's payoff: an unbiased estimate of sender_value"},
}

// Prepare decodes and validates the parameters, and solves the game.
func (Model) Prepare(values map[string]any) (model.Instance, error) {
	var p Params
	if err := paramSchema.Decode(values, &p); err != nil {
		return nil, err
	}
	_, lengthGiven := values["sanction_length"]
	return newGame(p, lengthGiven)
}

// New returns the game at the given parameters, which must hold every value
// (start from [Defaults]); SanctionYears, when set, replaces SanctionLength.
func New(p Params) (*Game, error) {
	values := schema.Encode(p) // decoded again, so that ranges are checked as for a config
	if p.SanctionYears != nil {
		delete(values, "sanction_length")
	}
	inst, err := Model{}.Prepare(values)
	if err != nil {
		return nil, err
	}
	return inst.(*Game), nil
}

// Game is the agreement model at one parameter set, with the per-period
// quantities of the package documentation and its solution.
type Game struct {
	P Params

	dt, delta   float64 // Δ and δ
	L           int     // sanction length in periods (0 under grim: forever)
	x, deltaL   float64 // severity 1 − δᴸ and δᴸ (1 and 0 under grim)
	gain        float64 // gΔ: the gain of a period of open espionage
	gamma, kap  float64
	sbar        float64
	p0, q       float64 // detection of open espionage; uncleared alarm without it
	fa          float64 // per-period false-alarm probability
	a, k        float64 // audience cost, reputational cost in force
	pT, pS      float64 // flows while sanctioned: (g − c_T)Δ, −(mg + c_S)Δ
	harmPeriod  float64 // mgΔ: the sender's loss from a period of open espionage
	senderFlowC float64 // c_SΔ

	sol solution
	err error
}

var (
	_ model.Instance  = (*Game)(nil)
	_ model.Simulator = (*Game)(nil)
)

func newGame(p Params, lengthGiven bool) (*Game, error) {
	g := &Game{P: p, dt: p.ReviewPeriod}
	g.delta = math.Exp(-p.InterestRate * g.dt)
	if !(g.delta > 0 && g.delta < 1) {
		return nil, model.Invalid("interest_rate", "interest_rate × review_period = %g gives a discount factor %g outside (0, 1); keep the product between 1e-12 and 700", p.InterestRate*g.dt, g.delta)
	}
	switch p.Strategy {
	case "punish":
		g.L = p.SanctionLength
		if p.SanctionYears != nil {
			if lengthGiven {
				return nil, model.Invalid("sanction_years", "give either sanction_length (periods) or sanction_years, not both")
			}
			l := math.Ceil(*p.SanctionYears/g.dt - 1e-9)
			if !(l < 1e6) {
				return nil, model.Invalid("sanction_years", "sanction_years / review_period = %g periods; at most 10⁶ are allowed (use strategy grim for permanent sanctions)", *p.SanctionYears/g.dt)
			}
			g.L = max(1, int(l))
		}
		g.deltaL = math.Exp(float64(g.L) * math.Log(g.delta))
		g.x = -math.Expm1(float64(g.L) * math.Log(g.delta))
	case "grim":
		g.L, g.x, g.deltaL = 0, 1, 0
	default:
		return nil, model.Invalid("strategy", "unknown strategy %q; allowed: punish, grim", p.Strategy)
	}
	g.gain = p.Gain * g.dt
	g.gamma, g.kap, g.sbar = p.StealthCost, p.StealthCurve, p.MaxStealth
	g.p0 = -math.Expm1(-p.DetectionRate * g.dt)
	g.q = -math.Expm1(-(p.FalseAlarmRate + p.NonstateRate*(1-p.Hotline)) * g.dt)
	g.fa = -math.Expm1(-p.FalseAlarmRate * g.dt)
	g.a = p.AudienceCost
	if p.Agreement == "after" {
		g.a += p.PledgeAudienceCost
		g.k = p.PledgeReputation
	}
	g.pT = (p.Gain - p.TargetCost) * g.dt
	g.harmPeriod = p.Harm * g.gain
	g.senderFlowC = p.SenderCost * g.dt
	g.pS = -(g.harmPeriod + g.senderFlowC)
	g.sol, g.err = g.solve()
	return g, nil
}

// Params returns the decoded parameters.
func (g *Game) Params() any { return g.P }

// Metrics lists the model's metrics.
func (g *Game) Metrics() []model.Metric { return metrics }

// Periods returns the per-period quantities in force: the discount factor
// δ, the detection probability p₀ of open espionage, the probability q of an
// uncleared alarm in a period without state espionage, and the sanction
// length L in periods (0 under grim).
func (g *Game) Periods() (delta, p0, q float64, L int) { return g.delta, g.p0, g.q, g.L }

// Solution returns the equilibrium, and an error when the method failed.
func (g *Game) Solution() (Solution, error) { return g.sol.Solution, g.err }

func (g *Game) describe() string {
	return fmt.Sprintf("agreement=%s Δ=%g r=%g λ_d=%g λ_f=%g ν=%g h=%g c_T=%g c_S=%g s̄=%g", g.P.Agreement, g.dt, g.P.InterestRate,
		g.P.DetectionRate, g.P.FalseAlarmRate, g.P.NonstateRate, g.P.Hotline, g.P.TargetCost, g.P.SenderCost, g.sbar)
}
