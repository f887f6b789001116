package espionage

import (
	"fmt"
	"math"

	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
)

// Params are the parameters of the espionage model.
type Params struct {
	Temptation float64 `key:"temptation" label:"temptation T" default:"5" unit:"payoff" doc:"T: payoff to a state that spies on a restrained one"`
	Reward     float64 `key:"reward" label:"reward R" default:"3" unit:"payoff" doc:"R: payoff to each state when both restrain"`
	Punishment float64 `key:"punishment" label:"punishment P" default:"1" unit:"payoff" doc:"P: payoff to each state when both spy (the punishment phase)"`
	Sucker     float64 `key:"sucker" label:"sucker's payoff S" default:"0" unit:"payoff" doc:"S: payoff to a restrained state whose rival spies"`

	Detection  float64 `key:"detection" label:"detection p" default:"0.8" range:"[0,1]" unit:"probability" doc:"p: probability of an alarm in a period in which someone spied"`
	FalseAlarm float64 `key:"false_alarm" label:"false-alarm rate q" default:"0.1" range:"[0,1)" unit:"probability" doc:"q: probability of an alarm in a period in which both restrained"`
	Discount   float64 `key:"discount" label:"discount factor δ" default:"0.9" range:"(0,1)" doc:"δ: weight of next period's payoff (also the continuation probability in simulation)"`

	ReviewPeriod   *float64 `key:"review_period" label:"review period Δ" default:"not used" range:"(0,)" unit:"years" doc:"Δ: length of a review period; with the three rates below it replaces detection, false_alarm and discount"`
	DetectionRate  *float64 `key:"detection_rate" label:"detection rate λ_d" default:"not used" range:"[0,)" unit:"per year" doc:"λ_d: rate at which spying is detected and attributed (p = 1−exp(−λ_d Δ))"`
	FalseAlarmRate *float64 `key:"false_alarm_rate" label:"false-alarm rate λ_f" default:"not used" range:"[0,)" unit:"per year" doc:"λ_f: rate of false alarms (q = 1−exp(−λ_f Δ))"`
	InterestRate   *float64 `key:"interest_rate" label:"interest rate r" default:"not used" range:"(0,)" unit:"per year" doc:"r: interest rate (δ = exp(−r Δ))"`

	Strategy     string   `key:"strategy" label:"punishment strategy" default:"grim" enum:"grim|punish|probabilistic" doc:"how both states punish after an alarm"`
	PunishLength int      `key:"punish_length" label:"punishment length L" default:"3" range:"[1,)" unit:"periods" doc:"L: length of a punishment phase (strategy punish)"`
	TriggerProb  *float64 `key:"trigger_prob" label:"trigger probability τ" default:"τ* (1 when δ < δ*)" range:"(0,1]" unit:"probability" doc:"τ: probability that an alarm starts permanent punishment (strategy probabilistic)"`

	Horizon int     `key:"horizon" label:"horizon" default:"0" range:"[0,)" unit:"periods" doc:"simulation length; 0 ends play after each period with probability 1−δ"`
	Rogue   float64 `key:"rogue" label:"rogue-unit rate ε" default:"0" range:"[0,1)" unit:"probability" doc:"ε: probability a period that an uncontrolled unit of a restrained state spies"`
}

var paramSchema = schema.MustOf(Params{})

// Validate checks the constraints between parameters.
func (p *Params) Validate() error {
	if !(p.Temptation > p.Reward && p.Reward > p.Punishment && p.Punishment > p.Sucker) {
		return model.Invalid("temptation", "payoffs must satisfy temptation > reward > punishment > sucker (T > R > P > S); got T=%g, R=%g, P=%g, S=%g",
			p.Temptation, p.Reward, p.Punishment, p.Sucker)
	}
	return nil
}

// Model is the espionage model in the registry.
type Model struct{}

var _ model.Model = Model{}

// Info describes the model.
func (Model) Info() model.Info {
	return model.Info{
		Name:    "espionage",
		Title:   "Restraint from cyber-espionage as a repeated prisoner's dilemma with noisy attribution",
		Doc:     "Two states restrain or spy each period and see only a noisy public alarm; restraint is sustained by grim, L-period or probabilistic punishment. Closed forms for the threshold discount factor, values and incentive slack; a simulation of play with the monitoring noise.",
		Source:  "Repeated games with imperfect public monitoring: Green & Porter (Econometrica 1984); Abreu, Pearce & Stacchetti (Econometrica 1990). Review-period and rogue-unit forms derived in this project.",
		Params:  paramSchema,
		Metrics: metrics,
	}
}

var metrics = []model.Metric{
	{Name: "delta_star", Label: "threshold discount factor δ*", Doc: "smallest discount factor at which grim trigger sustains restraint (≥ 1: never; NaN if restraint is worth less than punishment)"},
	{Name: "value", Label: "value V", Unit: "payoff", Doc: "normalised value of the chosen strategy pair, (1−δ)Σδᵗuₜ: the per-period convention of every model's value"},
	{Name: "ic_slack", Label: "incentive slack", Unit: "payoff", Doc: "value of restraint minus value of spying once under the chosen strategy (≥ 0: self-enforcing)"},
	{Name: "sustainable", Label: "self-enforcing (1) or not (0)", Doc: "1 if the chosen strategy pair is self-enforcing (ic_slack ≥ 0), else 0"},
	{Name: "min_punishment", Label: "shortest self-enforcing punishment L", Unit: "periods", Doc: "shortest self-enforcing punishment length L at this δ; NaN when no finite L is (then even grim fails, up to the knife edge δ = δ*)"},
	{Name: "vbar", Label: "best symmetric payoff V̄", Unit: "payoff", Doc: "best strongly symmetric equilibrium payoff V̄ = R − q(T−R)/(p−q) when δ ≥ δ*, else P (normalised per period, as value)"},
	{Name: "tau_star", Label: "trigger probability τ*", Unit: "probability", Doc: "trigger probability τ* at which the probabilistic trigger reaches V̄; NaN when δ < δ*"},
	{Name: "coop_rate", Label: "share of periods with mutual restraint", Simulated: true, Unit: "share of periods", Doc: "share of periods in which both states restrained"},
	{Name: "mean_payoff", Label: "mean payoff per period", Simulated: true, Unit: "payoff", Doc: "average stage payoff per state per period played"},
	{Name: "discounted_payoff", Label: "discounted payoff", Simulated: true, Unit: "payoff", Doc: "normalised discounted payoff per state, (1−δ)Σδᵗuₜ over the periods played: an unbiased estimate of value under random termination"},
	{Name: "false_triggers", Label: "punishments started by false alarms", Simulated: true, Unit: "per 100 periods", Doc: "punishment episodes started by a false alarm (nobody spied), per 100 periods"},
	{Name: "true_triggers", Label: "punishments started by real spying", Simulated: true, Unit: "per 100 periods", Doc: "punishment episodes started by an alarm in a period with real spying, per 100 periods"},
	{Name: "first_breakdown", Label: "periods to the first punishment", Simulated: true, Unit: "periods", Doc: "periods played up to and including the alarm that starts the first punishment; NaN (left out of the mean) if none starts"},
}

// Prepare decodes and validates the parameters.
func (Model) Prepare(values map[string]any) (model.Instance, error) {
	var p Params
	if err := paramSchema.Decode(values, &p); err != nil {
		return nil, err
	}
	return newGame(p, values)
}

// New returns the game at the given parameters, which must already hold every
// value (start from [Defaults]). It applies the review-period form when its
// four parameters are set.
func New(p Params) (*Game, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return newGame(p, nil)
}

// Defaults returns the default parameters.
func Defaults() Params { return schema.Defaults[Params](paramSchema) }

// Game is the espionage model at one parameter set, with the derived
// quantities the closed forms and the simulation use.
type Game struct {
	P Params

	t, r, pun, s float64 // stage payoffs
	p, q, delta  float64 // monitoring and discounting (after the review-period form)
	eps          float64

	// Effective quantities under rogue units (equal to R, T−R, q when ε = 0).
	uC   float64 // expected stage payoff under intended restraint
	gain float64 // gain of an intended deviation, G
	qEff float64 // alarm probability under intended restraint
	pq   float64 // p − qEff = (1−ε)²(p−q)

	tau  float64 // trigger probability used by the probabilistic strategy
	x    float64 // punishment severity of the chosen strategy
	kind strategyKind
}

type strategyKind int

const (
	grim strategyKind = iota
	punish
	probabilistic
)

var _ model.Instance = (*Game)(nil)
var _ model.Simulator = (*Game)(nil)

var reviewKeys = []string{"review_period", "detection_rate", "false_alarm_rate", "interest_rate"}

func newGame(p Params, given map[string]any) (*Game, error) {
	g := &Game{P: p, t: p.Temptation, r: p.Reward, pun: p.Punishment, s: p.Sucker, eps: p.Rogue}
	review := []*float64{p.ReviewPeriod, p.DetectionRate, p.FalseAlarmRate, p.InterestRate}
	var set, missing []string
	for i, v := range review {
		if v != nil {
			set = append(set, reviewKeys[i])
		} else {
			missing = append(missing, reviewKeys[i])
		}
	}
	switch {
	case len(set) == 0:
		g.p, g.q, g.delta = p.Detection, p.FalseAlarm, p.Discount
	case len(missing) > 0:
		return nil, model.Invalid(missing[0], "the review-period form needs all of %v; %v given, %v missing", reviewKeys, set, missing)
	default:
		for _, k := range []string{"detection", "false_alarm", "discount"} {
			if _, ok := given[k]; ok {
				return nil, model.Invalid(k, "give either detection, false_alarm and discount, or the review-period form (%v), not both", reviewKeys)
			}
		}
		dt := *p.ReviewPeriod
		g.p = -math.Expm1(-*p.DetectionRate * dt)
		g.q = -math.Expm1(-*p.FalseAlarmRate * dt)
		g.delta = math.Exp(-*p.InterestRate * dt)
		if !(g.delta > 0 && g.delta < 1) {
			return nil, model.Invalid("interest_rate", "interest_rate × review_period = %g gives a discount factor %g outside (0, 1)", *p.InterestRate*dt, g.delta)
		}
		if !(*p.FalseAlarmRate < *p.DetectionRate) {
			return nil, model.Invalid("false_alarm_rate", "false_alarm_rate (%g) must be below detection_rate (%g): an alarm must be more likely after spying", *p.FalseAlarmRate, *p.DetectionRate)
		}
	}
	if !(g.q < g.p) {
		return nil, model.Invalid("false_alarm", "false_alarm (q = %g) must be below detection (p = %g): an alarm must be more likely after spying", g.q, g.p)
	}
	keep := 1 - g.eps
	g.uC = keep*keep*g.r + keep*g.eps*(g.t+g.s) + g.eps*g.eps*g.pun
	g.gain = keep * (keep*(g.t-g.r) + g.eps*(g.pun-g.s))
	g.qEff = keep*keep*g.q + (1-keep*keep)*g.p
	g.pq = keep * keep * (g.p - g.q)

	g.tau = 1
	if p.TriggerProb != nil {
		g.tau = *p.TriggerProb
	} else if ts := g.tauStar(); !math.IsNaN(ts) {
		g.tau = ts
	}
	switch p.Strategy {
	case "grim":
		g.x, g.kind = 1, grim
	case "punish":
		g.x, g.kind = -math.Expm1(float64(p.PunishLength)*math.Log(g.delta)), punish // 1 − δᴸ
	case "probabilistic":
		g.x, g.kind = g.tau, probabilistic
	default:
		return nil, model.Invalid("strategy", "unknown strategy %q", p.Strategy)
	}
	return g, nil
}

// Params returns the decoded parameters.
func (g *Game) Params() any { return g.P }

// Metrics lists the model's metrics.
func (g *Game) Metrics() []model.Metric { return metrics }

// Monitoring returns the per-period detection probability p, false-alarm
// probability q and discount factor δ in force (derived from the review-period
// form when it was given).
func (g *Game) Monitoring() (p, q, delta float64) { return g.p, g.q, g.delta }

// DeltaStar is the smallest discount factor at which grim trigger is
// self-enforcing. A value ≥ 1 means never; NaN means restraint is worth no
// more than mutual spying.
func (g *Game) DeltaStar() float64 {
	den := g.pq*(g.uC-g.pun) + g.gain*(1-g.qEff)
	if !(den > 0) {
		return math.NaN()
	}
	return g.gain / den
}

// Value is the normalised discounted value of restraint under a punishment of
// severity x (1 for grim, 1−δᴸ for L periods, τ for the probabilistic trigger).
func (g *Game) Value(x float64) float64 {
	d := g.delta
	return g.pun + (1-d)*(g.uC-g.pun)/(1-d+d*g.qEff*x)
}

// Slack is the incentive slack of restraint under a punishment of severity x:
// the value of restraining minus the value of spying once, in payoff units.
func (g *Game) Slack(x float64) float64 {
	d := g.delta
	return d*g.pq*x*(g.Value(x)-g.pun) - (1-d)*g.gain
}

// VBar is the best strongly symmetric equilibrium payoff: R − q(T−R)/(p−q)
// when δ ≥ δ*, else P.
func (g *Game) VBar() float64 {
	if !g.grimWorks() {
		return g.pun
	}
	return g.uC - g.qEff*g.gain/g.pq
}

func (g *Game) grimWorks() bool { return g.Slack(1) >= -g.tol() }

// tol is the tolerance of incentive comparisons, in payoff units.
func (g *Game) tol() float64 { return 1e-12 * (g.t - g.s) }

func (g *Game) tauStar() float64 {
	if !g.grimWorks() {
		return math.NaN()
	}
	vb := g.uC - g.qEff*g.gain/g.pq
	ts := (1 - g.delta) * g.gain / (g.delta * g.pq * (vb - g.pun))
	return math.Min(ts, 1) // at δ = δ* rounding can put τ* a hair above 1
}

// TauStar is the trigger probability at which the probabilistic trigger's
// incentive constraint binds; NaN when δ < δ*.
func (g *Game) TauStar() float64 { return g.tauStar() }

// MinPunishment is the shortest self-enforcing punishment length at this δ,
// or NaN when no finite length is self-enforcing.
func (g *Game) MinPunishment() float64 {
	d := g.delta
	c := d * (g.pq*(g.uC-g.pun) - g.gain*g.qEff)
	if !(c > 0) {
		return math.NaN()
	}
	xMin := g.gain * (1 - d) / c // slack(x) ≥ 0 ⇔ x ≥ xMin, with x = 1−δᴸ
	if xMin >= 1 {
		return math.NaN()
	}
	l := 1.0
	if xMin > 1-d {
		l = math.Max(1, math.Ceil(math.Log1p(-xMin)/math.Log(d)))
	}
	severity := func(l float64) float64 { return -math.Expm1(l * math.Log(d)) }
	// Guard the logarithm's rounding with the exact condition.
	for l > 1 && g.Slack(severity(l-1)) >= -g.tol() {
		l--
	}
	for g.Slack(severity(l)) < -g.tol() {
		l++
		if l > 1e9 {
			return math.NaN()
		}
	}
	return l
}

// Concept is the solution concept of the certificate: the chosen strategy
// pair is checked as a strongly symmetric perfect public equilibrium (its
// one-shot incentive constraint), and vbar is the best payoff of that class.
const Concept = "strongly symmetric perfect public equilibrium (the chosen strategy pair is one iff sustainable = 1)"

// Solve returns the closed-form metrics. The certificate's residual is the
// error of the computed value in its Bellman equation.
func (g *Game) Solve() (model.Solution, error) {
	v := g.Value(g.x)
	slack := g.Slack(g.x)
	sustainable := 0.0
	if slack >= -g.tol() {
		sustainable = 1
	}
	// W is the continuation value after an alarm: V − W = x(V − P).
	w := v - g.x*(v-g.pun)
	bellman := (1-g.delta)*g.uC + g.delta*((1-g.qEff)*v+g.qEff*w)
	cert := model.Certificate{
		Method:    "closed form",
		Concept:   Concept,
		Converged: true,
		// The repeated game has many equilibria (stage Nash forever, every
		// self-enforcing punishment length, …): the metrics describe the
		// chosen strategy pair and the best strongly symmetric payoff.
		Unique:   false,
		Residual: math.Abs(v - bellman),
		Notes:    []string{"not unique: the repeated game has many equilibria; value and ic_slack are those of the chosen strategy pair, which is an equilibrium iff sustainable = 1"},
	}
	if g.P.Strategy == "probabilistic" {
		cert.Notes = append(cert.Notes, fmt.Sprintf("trigger probability τ = %.6g", g.tau))
	}
	if g.eps > 0 {
		cert.Notes = append(cert.Notes, "rogue > 0: closed forms use effective payoffs derived in this project; the simulation is the reference")
	}
	return model.Solution{
		Values:      []float64{g.DeltaStar(), v, slack, sustainable, g.MinPunishment(), g.VBar(), g.TauStar()},
		Certificate: cert,
		Extra: map[string]any{"derived": map[string]float64{
			"detection": g.p, "false_alarm": g.q, "discount": g.delta, "trigger_prob": g.tau,
		}},
	}, nil
}
