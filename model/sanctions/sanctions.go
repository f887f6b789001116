package sanctions

import (
	"fmt"
	"math"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
)

// Params are the parameters of the sanctions model.
type Params struct {
	ComplianceValue float64   `key:"compliance_value" label:"value of compliance v" default:"1" range:"(0,)" unit:"payoff" doc:"v: the sender's value of the target's compliance"`
	AudienceCost    float64   `key:"audience_cost" label:"audience cost a" default:"0.5" range:"(0,)" unit:"payoff" doc:"a: the sender's cost of backing down after a defied threat; types with sender_cost below a are resolute"`
	ComplianceCost  float64   `key:"compliance_cost" label:"cost of complying g" default:"1" range:"(0,)" unit:"payoff" doc:"g: the target's cost of complying (e.g. the espionage gains it gives up)"`
	TargetCost      dist.Dist `key:"target_cost" label:"target's sanction cost c_T" default:"2" unit:"payoff" doc:"c_T ≥ 0: the target's cost of suffering sanctions; a number is common knowledge, a distribution makes it the target's private information"`
	SenderCost      dist.Dist `key:"sender_cost" label:"sender's sanction cost c_S" default:"{dist: uniform, min: 0, max: 2}" unit:"payoff" doc:"c_S ≥ 0: law H of the sender's private cost of imposing sanctions (trade exposure); a sweep can vary one of its parameters, e.g. sender_cost.max"`
}

var paramSchema = schema.MustOf(Params{})

// Validate checks what the schema cannot: costs are not negative.
func (p *Params) Validate() error {
	for _, c := range []struct {
		key string
		d   dist.Dist
	}{{"target_cost", p.TargetCost}, {"sender_cost", p.SenderCost}} {
		if !c.d.Valid() {
			return model.Invalid(c.key, "missing distribution")
		}
		if lo, _ := c.d.Support(); !(lo >= 0) {
			return model.Invalid(c.key, "a cost cannot be negative, but %v puts probability below 0 (support starts at %g); use a number ≥ 0 or a law on [0, ∞) such as uniform with min ≥ 0, truncnormal with min: 0, lognormal, exponential, beta", c.d, lo)
		}
	}
	return nil
}

// Model is the sanctions model in the registry.
type Model struct{}

var _ model.Model = Model{}

// Info describes the model.
func (Model) Info() model.Info {
	return model.Info{
		Name:  "sanctions",
		Title: "A sanction threat with uncertain resolve: threaten, comply or defy, impose or back down",
		Doc: "The sender threatens sanctions or not, the target complies or defies, and a defied sender imposes or backs down at an audience cost. " +
			"The sender's cost of imposing is private (law H); the target's cost of sanctions is common knowledge or, as an extension, private too. " +
			"Perfect Bayesian equilibrium in closed form (common knowledge) or by a one-dimensional bracketed root (private target cost), verified for profitable deviations; a Monte Carlo of the game tree.",
		Source:  "Threat game with private resolve and audience costs in the tradition of Fearon (APSR 88(3), 1994) and the sanctions-threat literature (Drezner, IO 57(3), 2003; Lacy & Niou, J. Politics 66(1), 2004); formulas and the private-target-cost extension derived in this project (see the package documentation).",
		Params:  paramSchema,
		Metrics: metrics,
	}
}

// Levels of the categorical metric case.
var caseLevels = []string{"no_coercion", "pooling", "semi_separating", "resolute_only"}

// Case is the equilibrium regime, an index into the levels of the metric case.
type Case int

// The equilibrium regimes.
const (
	NoCoercion     Case = iota // no threat is made
	Pooling                    // every type threatens; the target complies (c_T known) or mostly complies
	SemiSeparating             // resolute types threaten, irresolute ones bluff with probability φ; the target defies with v/(v+a)
	ResoluteOnly               // private c_T only: only resolute types with low costs threaten, nobody bluffs
)

func (c Case) String() string {
	if c >= 0 && int(c) < len(caseLevels) {
		return caseLevels[c]
	}
	return fmt.Sprintf("Case(%d)", int(c))
}

var metrics = []model.Metric{
	{Name: "case", Label: "equilibrium", Levels: caseLevels, Doc: "equilibrium regime: no_coercion (no threats), pooling (all types threaten), semi_separating (resolute types threaten, irresolute ones bluff), resolute_only (private target cost: only low-cost resolute types threaten)"},
	{Name: "rho", Label: "P(resolute) ρ", Unit: "probability", Doc: "ρ = P(c_S < a): prior probability that the sender is resolute (imposes when defied)"},
	{Name: "p_threat", Label: "P(threat)", Unit: "probability", Doc: "probability that the sender threatens"},
	{Name: "p_comply", Label: "P(threat, then compliance)", Unit: "probability", Doc: "probability of a threat followed by compliance"},
	{Name: "p_defy", Label: "P(threat, then defiance)", Unit: "probability", Doc: "probability of a threat followed by defiance (= p_impose + p_back_down)"},
	{Name: "p_impose", Label: "P(sanctions imposed)", Unit: "probability", Doc: "probability that sanctions are imposed"},
	{Name: "p_back_down", Label: "P(defied sender backs down)", Unit: "probability", Doc: "probability that a defied sender backs down"},
	{Name: "bluff_prob", Label: "P(irresolute sender bluffs) φ", Unit: "probability", Doc: "φ: probability that an irresolute sender threatens; NaN when ρ = 1 (no irresolute types)"},
	{Name: "defy_prob", Label: "P(target defies a threat) σ", Unit: "probability", Doc: "σ: probability that the target defies a threat (averaged over its cost when private); under no_coercion, its answer to an off-path threat"},
	{Name: "posterior_resolve", Label: "P(resolute | threat) μ", Unit: "probability", Doc: "μ: probability that a threatening sender is resolute; NaN when no threat is made"},
	{Name: "sender_payoff", Label: "sender's payoff", Unit: "payoff", Doc: "sender's expected payoff (status quo 0)"},
	{Name: "target_payoff", Label: "target's payoff", Unit: "payoff", Doc: "target's expected payoff (status quo 0)"},
	{Name: "p_threat_sim", Label: "P(threat), simulated", Simulated: true, Unit: "probability", Doc: "share of simulated games with a threat"},
	{Name: "p_comply_sim", Label: "P(threat, then compliance), simulated", Simulated: true, Unit: "probability", Doc: "share of simulated games ending in compliance"},
	{Name: "p_defy_sim", Label: "P(threat, then defiance), simulated", Simulated: true, Unit: "probability", Doc: "share of simulated games with a defied threat"},
	{Name: "p_impose_sim", Label: "P(sanctions imposed), simulated", Simulated: true, Unit: "probability", Doc: "share of simulated games ending in sanctions"},
	{Name: "p_back_down_sim", Label: "P(defied sender backs down), simulated", Simulated: true, Unit: "probability", Doc: "share of simulated games in which the sender backs down"},
	{Name: "posterior_resolve_sim", Label: "P(resolute | threat), simulated", Simulated: true, Unit: "probability", Doc: "share of resolute senders among simulated threats (NaN in a game without a threat, left out of the mean)"},
	{Name: "sender_payoff_sim", Label: "sender's payoff, simulated", Simulated: true, Unit: "payoff", Doc: "sender's payoff in the simulated game"},
	{Name: "target_payoff_sim", Label: "target's payoff, simulated", Simulated: true, Unit: "payoff", Doc: "target's payoff in the simulated game"},
}

// Prepare decodes and validates the parameters.
func (Model) Prepare(values map[string]any) (model.Instance, error) {
	var p Params
	if err := paramSchema.Decode(values, &p); err != nil {
		return nil, err
	}
	return newGame(p)
}

// New returns the game at the given parameters, which must hold every value
// (start from [Defaults]).
func New(p Params) (*Game, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return newGame(p)
}

// Defaults returns the default parameters (the known answer in the package
// documentation).
func Defaults() Params { return schema.Defaults[Params](paramSchema) }

// Game is the sanctions model at one parameter set with its equilibrium,
// which Prepare computes once so that Solve and Simulate share it.
type Game struct {
	P Params

	v, a, g float64
	h, k    law // laws of c_S and c_T

	eq   Equilibrium
	cert model.Certificate
	err  error
}

var (
	_ model.Instance  = (*Game)(nil)
	_ model.Simulator = (*Game)(nil)
)

func newGame(p Params) (*Game, error) {
	g := &Game{P: p, v: p.ComplianceValue, a: p.AudienceCost, g: p.ComplianceCost}
	g.h = newLaw(p.SenderCost)
	g.k = newLaw(p.TargetCost)
	g.eq, g.cert, g.err = g.solve()
	return g, nil
}

// Params returns the decoded parameters.
func (g *Game) Params() any { return g.P }

// Metrics lists the model's metrics.
func (g *Game) Metrics() []model.Metric { return metrics }

// Equilibrium returns the perfect Bayesian equilibrium and an error when its
// verification failed.
func (g *Game) Equilibrium() (Equilibrium, error) { return g.eq, g.err }

// Solve returns the equilibrium metrics, after checking that no type of
// either player has a profitable deviation. Extra["strategies"] holds the
// cutoffs behind them: threat_cutoff (resolute types below it threaten),
// target_cutoff (target types below it defy), cutoff_defy_prob (defiance of a
// target type exactly at the cutoff), belief (μ, on or off the path) and
// indifference_defy_prob (v/(v+a)).
func (g *Game) Solve() (model.Solution, error) {
	if g.err != nil {
		return model.Solution{}, g.err
	}
	e := g.eq
	bluff := e.Bluff
	if e.Rho >= 1 {
		bluff = math.NaN() // no irresolute type exists
	}
	return model.Solution{
		Values: []float64{float64(e.Case), e.Rho, e.PThreat, e.PComply, e.PDefy, e.PImpose, e.PBackDown,
			bluff, e.Defy, e.Posterior, e.SenderPayoff, e.TargetPayoff},
		Certificate: g.cert,
		Extra: map[string]any{"strategies": map[string]float64{
			"threat_cutoff":          e.ThreatCutoff,
			"target_cutoff":          e.TargetCutoff,
			"cutoff_defy_prob":       e.CutoffDefy,
			"belief":                 e.Belief,
			"indifference_defy_prob": g.v / (g.v + g.a), // σ̄: the defiance that leaves a bluffer indifferent
		}},
	}, nil
}

func (g *Game) describe() string {
	return fmt.Sprintf("v=%g a=%g g=%g c_T=%v c_S~%v", g.v, g.a, g.g, g.P.TargetCost, g.P.SenderCost)
}
