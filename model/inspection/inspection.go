package inspection

import (
	"fmt"
	"math"

	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
)

// ROCPoint is one operating point of a statistical test: its false-alarm
// probability α and its miss probability β.
type ROCPoint struct {
	Alpha float64 `key:"alpha" range:"[0,1]" unit:"probability" doc:"α: false-alarm probability of this test"`
	Beta  float64 `key:"beta" range:"[0,1]" unit:"probability" doc:"β: miss probability of this test"`
}

// Params are the parameters of the inspection model. Each variant reads only
// some of them (see the package documentation); the others are ignored, so
// that one config can sweep across variants.
type Params struct {
	Variant    string `key:"variant" default:"basic" enum:"basic|alpha_beta|dresher|transparency" doc:"which game: basic inspection game, statistical-test (α–β) game, Dresher's recursive game, or the transparency–security toy"`
	Leadership bool   `key:"leadership" label:"inspector leadership" default:"false" doc:"basic, alpha_beta: report the inspector-leadership equilibrium (instead of the simultaneous one) in inspect_prob, violate_prob, alpha_star, beta_star, regime and the simulation"`

	MissProb                float64  `key:"miss_prob" label:"miss probability β" default:"0.2" range:"[0,1]" unit:"probability" doc:"β: probability that an inspection misses a violation (basic)"`
	DetectProb              *float64 `key:"detect_prob" label:"detection quality 1−β" default:"1 − miss_prob" range:"[0,1]" unit:"probability" doc:"1−β: probability that an inspection detects a violation, the detection quality; give it or miss_prob, not both (basic)"`
	FalseAlarmProb          float64  `key:"false_alarm_prob" label:"false-alarm probability α" default:"0.05" range:"[0,1]" unit:"probability" doc:"α: probability that an inspection raises a false alarm on a compliant inspectee (basic; alpha_beta chooses it)"`
	InspectCost             float64  `key:"inspect_cost" label:"inspection cost k" default:"1" range:"[0,)" unit:"payoff" doc:"k: inspector's cost of one inspection (basic, alpha_beta)"`
	ViolationGain           float64  `key:"violation_gain" label:"gain from a violation d" default:"1" range:"(0,)" unit:"payoff" doc:"d: inspectee's gain from an undetected violation (basic, alpha_beta)"`
	Penalty                 float64  `key:"penalty" label:"penalty b" default:"1" range:"[0,)" unit:"payoff" doc:"b: inspectee's loss when a violation is detected (basic, alpha_beta)"`
	FalseAccusationCost     float64  `key:"false_accusation_cost" label:"cost of a false accusation h" default:"0.5" range:"[0,)" unit:"payoff" doc:"h: compliant inspectee's loss from a false alarm (basic, alpha_beta)"`
	InspectorFalseAlarmCost float64  `key:"inspector_false_alarm_cost" label:"inspector's false-alarm cost e" default:"1" range:"[0,)" unit:"payoff" doc:"e: inspector's loss from a false alarm (basic, alpha_beta)"`
	InspectorDetectLoss     float64  `key:"inspector_detect_loss" label:"inspector's loss, detected violation a" default:"2" range:"[0,)" unit:"payoff" doc:"a: inspector's loss when a violation happens and is detected (basic, alpha_beta)"`
	InspectorMissLoss       float64  `key:"inspector_miss_loss" label:"inspector's loss, missed violation c" default:"10" range:"[0,)" unit:"payoff" doc:"c: inspector's loss when a violation goes undetected (basic, alpha_beta)"`

	SNR float64    `key:"snr" label:"signal-to-noise ratio" default:"2" range:"(0,8]" doc:"alpha_beta: signal-to-noise ratio of the Gaussian test, β(α) = Φ(Φ⁻¹(1−α) − snr)"`
	ROC []ROCPoint `key:"roc" doc:"alpha_beta: a table of test operating points [{alpha, beta}, …] with alpha increasing and beta non-increasing; replaces the Gaussian ROC, and snr is then not used"`

	Periods     int `key:"periods" label:"periods n" default:"2" range:"[1,100]" unit:"periods" doc:"n: number of periods in Dresher's game"`
	Inspections int `key:"inspections" label:"inspections m" default:"1" range:"[0,100]" unit:"inspections" doc:"m: number of inspections in Dresher's game (at most periods)"`

	CheatGain float64 `key:"cheat_gain" label:"gain from cheating G" default:"1" range:"[0,)" unit:"payoff" doc:"G: one-off gain from cheating on the deal (transparency)"`
	Discount  float64 `key:"discount" default:"0.9" range:"(0,1)" doc:"δ: weight of next period's payoff (transparency)"`
	DealValue float64 `key:"deal_value" label:"value of the deal V" default:"1" range:"(0,)" unit:"payoff per period" doc:"V: value of the deal a period, lost when cheating is detected (transparency)"`
	Savings   float64 `key:"savings" label:"savings S" default:"0.5" range:"[0,)" unit:"payoff per period" doc:"S: the deal's savings a period, which must cover the security cost of monitoring (transparency)"`
	LeakCost  float64 `key:"leak_cost" label:"leak cost κ" default:"1" range:"[0,)" unit:"payoff per period" doc:"κ: security cost of monitoring intensity m is κm² a period (transparency)"`
	SimRounds int     `key:"rounds" label:"plays per replication" default:"100" range:"[1,1000000]" unit:"plays" doc:"simulation: independent plays of the game per replication (a play of dresher is a whole n-period game)"`
}

var paramSchema = schema.MustOf(Params{})

// Validate checks the constraints between parameters.
func (p *Params) Validate() error {
	for i, pt := range p.ROC {
		if i == 0 {
			continue
		}
		prev := p.ROC[i-1]
		if !(pt.Alpha > prev.Alpha) {
			return model.Invalid(fmt.Sprintf("roc.%d.alpha", i), "the ROC table must list alpha in increasing order; got alpha %g after %g", pt.Alpha, prev.Alpha)
		}
		if pt.Beta > prev.Beta {
			return model.Invalid(fmt.Sprintf("roc.%d.beta", i), "the ROC table is not decreasing: beta must not increase as alpha grows (a test that accepts more false alarms misses no more violations); got beta %g at alpha %g after beta %g at alpha %g", pt.Beta, pt.Alpha, prev.Beta, prev.Alpha)
		}
	}
	if p.Variant == "dresher" && p.Inspections > p.Periods {
		return model.Invalid("inspections", "Dresher's game needs inspections ≤ periods (m ≤ n); got m = %d inspections in n = %d periods", p.Inspections, p.Periods)
	}
	return nil
}

// Model is the inspection model in the registry.
type Model struct{}

var _ model.Model = Model{}

// Info describes the model.
func (Model) Info() model.Info {
	return model.Info{
		Name:  "inspection",
		Title: "Verification limits: inspection games with imperfect detection, statistical tests, scarce inspections and a transparency toy",
		Doc: "An inspector verifies an inspectee's compliance. basic: the inspection game with miss rate β and false-alarm rate α, simultaneous and inspector-leadership equilibria. " +
			"alpha_beta: the inspector chooses the false-alarm rate of a test with a Gaussian or tabulated ROC. dresher: n periods, m inspections, one violation, exact rational values and strategies. " +
			"transparency: a toy of the transparency–security trade-off. Closed forms, verified equilibria, and a Monte Carlo of play at the equilibrium.",
		Source: "Avenhaus, von Stengel & Zamir, \"Inspection games\", Handbook of Game Theory vol. 3, ch. 51 (2002); Dresher, RAND RM-2972-ARPA (1962); " +
			"the transparency toy is in the spirit of Coe & Vaynman, APSR 114(2) (2020), not a reproduction. Formulas derived in this project for the games as specified in the package documentation.",
		Params:  paramSchema,
		Metrics: metrics,
	}
}

// Regime levels: how the inspectee behaves in the reported equilibrium.
var regimeLevels = []string{"comply", "mixed", "violate"}

var metrics = []model.Metric{
	{Name: "inspect_prob", Label: "P(inspection) p", Unit: "probability", Doc: "basic: probability of an inspection in the reported equilibrium (Nash, or leadership when leadership is true); alpha_beta: 1 (every period is tested); dresher: probability of inspecting in the first period; transparency: NaN"},
	{Name: "violate_prob", Label: "P(violation) q", Unit: "probability", Doc: "basic, alpha_beta: probability of a violation in the reported equilibrium; dresher: probability of violating in the first period; transparency: NaN"},
	{Name: "inspector_payoff", Label: "inspector's payoff (Nash)", Unit: "payoff", Doc: "inspector's expected payoff in the simultaneous (Nash) equilibrium (dresher: −value); transparency: NaN"},
	{Name: "inspectee_payoff", Label: "inspectee's payoff (Nash)", Unit: "payoff", Doc: "inspectee's expected payoff in the simultaneous (Nash) equilibrium (dresher: value); transparency: NaN"},
	{Name: "inspector_payoff_leader", Label: "inspector's payoff (leadership)", Unit: "payoff", Doc: "inspector's payoff when it announces and commits to its strategy first (dresher: −value, by the minimax theorem); transparency: NaN"},
	{Name: "inspectee_payoff_leader", Label: "inspectee's payoff (leadership)", Unit: "payoff", Doc: "inspectee's payoff under inspector leadership (dresher: value); transparency: NaN"},
	{Name: "alpha_star", Label: "false-alarm rate α*", Unit: "probability", Doc: "alpha_beta: the false-alarm rate the inspector chooses in the reported equilibrium; NaN otherwise"},
	{Name: "beta_star", Label: "miss rate β(α*)", Unit: "probability", Doc: "alpha_beta: the test's miss rate β(alpha_star); NaN otherwise"},
	{Name: "value", Label: "value of the game v(n, m)", Doc: "dresher: minimax value of the zero-sum game to the inspectee, v(n,m) = C(n−1,m)/Σ_{i≤m}C(n,i) (+1 undetected violation, −1 caught; one violation, no discounting, so not a per-period value); NaN otherwise"},
	{Name: "self_enforcing", Label: "self-enforcing (1) or not (0)", Doc: "transparency: 1 if the deal is self-enforcing (m_min ≤ 1 and κ·m_min² ≤ S), else 0; NaN otherwise"},
	{Name: "m_min", Label: "least monitoring intensity", Unit: "probability", Doc: "transparency: least monitoring intensity (detection probability) that deters cheating, G(1−δ)/(δV); NaN otherwise"},
	{Name: "regime", Label: "inspectee's behaviour", Levels: regimeLevels, Doc: "basic, alpha_beta: the inspectee's behaviour in the reported equilibrium (comply: never violates, mixed, violate: always violates); NaN otherwise"},

	{Name: "inspect_rate_sim", Label: "inspection rate, simulated", Simulated: true, Unit: "share of plays", Doc: "basic, alpha_beta: share of plays with an inspection; dresher: inspections made while the game runs, per period; transparency: NaN"},
	{Name: "violation_rate_sim", Label: "violation rate, simulated", Simulated: true, Unit: "share of plays", Doc: "share of plays with a violation (dresher: of games); transparency: NaN"},
	{Name: "detect_rate_sim", Label: "detection rate, simulated", Simulated: true, Unit: "share of violations", Doc: "share of violations detected (NaN in a replication without violations); transparency: NaN"},
	{Name: "false_alarm_rate_sim", Label: "false-alarm rate, simulated", Simulated: true, Unit: "share of compliant plays", Doc: "basic, alpha_beta: share of compliant plays with a false alarm (NaN in a replication without compliant plays); dresher, transparency: NaN"},
	{Name: "inspector_payoff_sim", Label: "inspector's payoff, simulated", Simulated: true, Unit: "payoff", Doc: "inspector's mean payoff per play; transparency: NaN"},
	{Name: "inspectee_payoff_sim", Label: "inspectee's payoff, simulated", Simulated: true, Unit: "payoff", Doc: "inspectee's mean payoff per play; transparency: NaN"},
}

// Indices of the deterministic metrics in Solution.Values.
const (
	mInspect = iota
	mViolate
	mInspectorPayoff
	mInspecteePayoff
	mInspectorLeader
	mInspecteeLeader
	mAlphaStar
	mBetaStar
	mValue
	mSelfEnforcing
	mMMin
	mRegime
	numDeterministic
)

// Prepare decodes and validates the parameters and solves the game; the
// solution is kept for Solve and Simulate.
func (Model) Prepare(values map[string]any) (model.Instance, error) {
	var p Params
	if err := paramSchema.Decode(values, &p); err != nil {
		return nil, err
	}
	if _, hasMiss := values["miss_prob"]; hasMiss && p.DetectProb != nil {
		return nil, model.Invalid("detect_prob", "give either detect_prob (1−β) or miss_prob (β), not both")
	}
	return newGame(p)
}

// New returns the game at the given parameters, which must already hold every
// value (start from [Defaults]). A non-empty ROC table replaces the Gaussian
// ROC, and DetectProb, when set, replaces MissProb.
func New(p Params) (*Game, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return newGame(p)
}

// Defaults returns the default parameters.
func Defaults() Params { return schema.Defaults[Params](paramSchema) }

// Game is the inspection model at one parameter set, solved. It is immutable
// after construction, so Solve and Simulate may be called concurrently.
type Game struct {
	P Params

	sol model.Solution

	// What the simulation plays (basic, alpha_beta): the reported equilibrium.
	play mix
	// Dresher's stage strategies as float64, for the simulation.
	dre *dresherTables
}

// mix is a profile of the basic or α–β game as the simulation plays it.
type mix struct {
	p, q        float64 // inspection and violation probabilities
	alpha, beta float64 // the test in use
}

var _ model.Instance = (*Game)(nil)
var _ model.Simulator = (*Game)(nil)

func newGame(p Params) (*Game, error) {
	if p.DetectProb != nil {
		p.MissProb = 1 - *p.DetectProb
	}
	g := &Game{P: p}
	vals := make([]float64, numDeterministic)
	for i := range vals {
		vals[i] = math.NaN()
	}
	var err error
	switch p.Variant {
	case "basic":
		err = g.solveBasic(vals)
	case "alpha_beta":
		err = g.solveAlphaBeta(vals)
	case "dresher":
		err = g.solveDresher(vals)
	case "transparency":
		g.solveTransparency(vals)
	default:
		return nil, model.Invalid("variant", "unknown variant %q; allowed: basic, alpha_beta, dresher, transparency", p.Variant)
	}
	if err != nil {
		return nil, err
	}
	g.sol.Values = vals
	return g, nil
}

// Params returns the decoded parameters.
func (g *Game) Params() any { return g.P }

// Metrics lists the model's metrics; the list is the same for every variant.
func (g *Game) Metrics() []model.Metric { return metrics }

// Solve returns the metrics computed when the game was prepared. Every
// equilibrium it reports has been checked for profitable deviations.
func (g *Game) Solve() (model.Solution, error) {
	s := g.sol
	s.Values = append([]float64(nil), g.sol.Values...)
	s.Certificate.Notes = append([]string(nil), g.sol.Certificate.Notes...)
	return s, nil
}

// regimeOf classifies a violation probability.
func regimeOf(q float64) float64 {
	switch {
	case q <= 0:
		return 0
	case q >= 1:
		return 2
	}
	return 1
}
