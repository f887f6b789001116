package timing

import (
	"fmt"
	"math"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
)

// Params are the parameters of the timing model.
type Params struct {
	Stealth     float64   `key:"stealth" label:"stealth S" default:"0.5" range:"[0,1)" unit:"probability" doc:"S: probability that the resource survives a period in which it is used (the use is not detected)"`
	Persistence float64   `key:"persistence" label:"persistence P" default:"0.9" range:"[0,1]" unit:"probability" doc:"P: probability that the resource survives a period in which it is kept (the vulnerability is not patched); 1: it lasts until used, the optimal-stopping case (needs discount < 1)"`
	Discount    float64   `key:"discount" label:"discount w" default:"0.9" range:"[0,1]" doc:"w: weight of next period's payoff (1 is allowed when persistence < 1: the resource is lost eventually)"`
	Stakes      dist.Dist `key:"stakes" label:"stakes X" default:"{dist: uniform, min: 0, max: 1}" unit:"payoff" doc:"law F of the stakes X drawn each period (what using the resource now would gain); a sweep can vary one of its parameters, e.g. stakes.max"`
	Penalty     float64   `key:"penalty" label:"agreement penalty Π" default:"0" range:"[0,)" unit:"payoff" doc:"Π: penalty under an agreement, paid when a use is detected (probability 1−S, which also loses the resource)"`
	Solver      string    `key:"solver" label:"solver" default:"auto" enum:"auto|value_iteration" doc:"auto: closed form for uniform stakes, exact enumeration for discrete stakes, value iteration otherwise; value_iteration: always iterate (to compare)"`
}

var paramSchema = schema.MustOf(Params{})

// Validate checks the stakes law, and refuses the one undefined corner: a
// resource that never decays (persistence 1) and a future that is not
// discounted (discount 1). Waiting then costs nothing, so no policy is
// optimal (a higher threshold is always better) and the Bellman equation has
// no unique solution.
func (p *Params) Validate() error {
	if p.Persistence == 1 && p.Discount == 1 {
		return model.Invalid("persistence", "persistence 1 with discount 1 is undefined: waiting costs nothing, so no threshold is optimal; use persistence < 1 or discount < 1")
	}
	if !p.Stakes.Valid() {
		return model.Invalid("stakes", "missing distribution")
	}
	if m := p.Stakes.Mean(); math.IsNaN(m) || math.IsInf(m, 0) {
		return model.Invalid("stakes", "the stakes need a finite mean; %v has mean %g", p.Stakes, m)
	}
	return nil
}

// Model is the timing model in the registry.
type Model struct{}

var _ model.Model = Model{}

// Info describes the model.
func (Model) Info() model.Info {
	return model.Info{
		Name:  "timing",
		Title: "When to use a cyber resource: stealth, persistence and the stakes of the moment",
		Doc: "Each period the stakes of using a cyber resource (a zero-day, an implant) are drawn; using it gains the stakes but risks its discovery, keeping it risks its decay. " +
			"The optimal policy uses the resource iff the stakes reach a threshold T* = (1−S)Π + w(P−S)V, with V the value of holding it. " +
			"Closed form for uniform stakes, exact enumeration for discrete stakes, value iteration for any law; a simulation of the resource's life.",
		Source:  "Axelrod & Iliev, \"Timing of cyber conflict\", PNAS 111(4), 2014; formulas derived in this project (see the package documentation); the agreement penalty Π is this project's extension.",
		Params:  paramSchema,
		Metrics: metrics,
	}
}

var metrics = []model.Metric{
	{Name: "threshold", Label: "threshold T*", Unit: "payoff", Doc: "T* = (1−S)Π + w(P−S)V: use the resource iff the stakes are at least T* (below the stakes' support: always use; above: never)"},
	{Name: "value", Label: "per-period value (1−w)V", Unit: "payoff", Doc: "normalised value (1−w)V of holding the resource, the per-period convention of every model's value (1−w)Σwᵗuₜ; 0 at w = 1, where value_sum is the total"},
	{Name: "value_sum", Label: "value of the resource V", Unit: "payoff", Doc: "V: expected discounted sum Σwᵗuₜ of the payoffs of holding the resource at the start of a period, before the stakes are drawn (the Bellman equation's fixed point)"},
	{Name: "use_prob", Label: "P(use in a period)", Unit: "probability", Doc: "P(X ≥ T*): probability of using the resource in a period in which it is held"},
	{Name: "expected_wait", Label: "expected wait for the first use", Unit: "periods", Doc: "expected period of the first use (1 = used in the first period), given that the resource is used before it decays: 1/(1 − P(1−p)); NaN when it is never used"},
	{Name: "expected_uses", Label: "expected uses", Unit: "uses", Doc: "expected number of uses over the resource's life: p/(1 − s̄), s̄ = pS + (1−p)P (0 when it is never used)"},
	{Name: "expected_lifetime", Label: "expected lifetime", Unit: "periods", Doc: "expected number of periods the resource is held, including the one in which it is lost: 1/(1 − s̄); NaN when it is never lost (persistence 1 and never used)"},
	{Name: "p_burned", Label: "P(burned in use)", Unit: "probability", Doc: "probability that the resource ends detected in use (burned) rather than decayed unused: p(1−S)/(1 − s̄) (0 when it is never used)"},
	{Name: "uses_sim", Label: "uses, simulated", Simulated: true, Unit: "uses", Doc: "uses in the simulated life"},
	{Name: "lifetime_sim", Label: "lifetime, simulated", Simulated: true, Unit: "periods", Doc: "periods the resource was held in the simulated life"},
	{Name: "first_use_sim", Label: "first use, simulated", Simulated: true, Unit: "periods", Doc: "period of the first use; NaN (left out of the mean) if the resource decayed unused"},
	{Name: "burned_sim", Label: "burned in use, simulated", Simulated: true, Unit: "probability", Doc: "1 if the simulated life ended with a detected use, else 0"},
	{Name: "payoff_sim", Label: "discounted payoff, simulated", Simulated: true, Unit: "payoff", Doc: "discounted sum of the payoffs of the simulated life, Σ wᵗ⁻¹(stakes used − Π on detection): an unbiased estimate of value_sum"},
}

// Prepare decodes and validates the parameters.
func (Model) Prepare(values map[string]any) (model.Instance, error) {
	var p Params
	if err := paramSchema.Decode(values, &p); err != nil {
		return nil, err
	}
	return New(p)
}

// Defaults returns the default parameters (the known answer in the package
// documentation).
func Defaults() Params { return schema.Defaults[Params](paramSchema) }

// New returns the problem at the given parameters, which must hold every
// value (start from [Defaults]), solved.
func New(p Params) (*Problem, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if p.Solver == "" {
		p.Solver = "auto"
	}
	r := &Problem{P: p, s: newStakes(p.Stakes)}
	r.alpha = (1 - p.Stealth) * p.Penalty
	r.beta = p.Discount * (p.Persistence - p.Stealth)
	r.sol, r.err = r.solve()
	return r, nil
}

// Problem is the timing model at one parameter set with its solution, which
// New computes once so that Solve and Simulate share it.
type Problem struct {
	P Params
	s stakes

	alpha float64 // (1−S)Π: the expected penalty of a use
	beta  float64 // w(P−S): the weight of V in the threshold

	sol Solution
	err error
}

var (
	_ model.Instance  = (*Problem)(nil)
	_ model.Simulator = (*Problem)(nil)
)

// Solution is the optimal policy and its consequences.
type Solution struct {
	ValueSum  float64 // V, the expected discounted sum (metric value_sum)
	Value     float64 // (1−w)V, the normalised per-period value (metric value)
	Threshold float64 // T*
	UseProb   float64 // p = P(X ≥ T*)

	ExpectedWait, ExpectedUses, ExpectedLifetime, PBurned float64

	Certificate model.Certificate
}

// Params returns the decoded parameters.
func (r *Problem) Params() any { return r.P }

// Metrics lists the model's metrics.
func (r *Problem) Metrics() []model.Metric { return metrics }

// Solution returns the optimal policy, and an error when the method failed.
func (r *Problem) Solution() (Solution, error) { return r.sol, r.err }

// Solve returns the metrics of the optimal policy.
func (r *Problem) Solve() (model.Solution, error) {
	if r.err != nil {
		return model.Solution{}, r.err
	}
	s := r.sol
	return model.Solution{
		Values:      []float64{s.Threshold, s.Value, s.ValueSum, s.UseProb, s.ExpectedWait, s.ExpectedUses, s.ExpectedLifetime, s.PBurned},
		Certificate: s.Certificate,
	}, nil
}

func (r *Problem) describe() string {
	return fmt.Sprintf("S=%g P=%g w=%g Π=%g stakes %v", r.P.Stealth, r.P.Persistence, r.P.Discount, r.P.Penalty, r.P.Stakes)
}
