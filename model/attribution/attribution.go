package attribution

import (
	"strconv"
	"strings"
	"sync"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
)

// Model is the attribution model in the registry.
type Model struct{}

var _ model.Model = Model{}

// Info describes the model.
func (Model) Info() model.Info {
	return model.Info{
		Name:  "attribution",
		Title: "Deterrence with imperfect attribution: attackers, noisy signals and a defender who retaliates on its posterior",
		Doc: "Attackers with private benefits attack when the benefit beats the expected harm of retaliation; a defender sees a noisy signal " +
			"(detection, misidentification, false alarms, non-state intrusions) and retaliates against each attacker when its posterior " +
			"exceeds a private cost. Equilibria by Brent roots of each attacker's best response inside best-response iteration from no " +
			"attacks and from all attacks (least and greatest equilibria); a Monte Carlo of the game at the equilibrium cutoffs; and the " +
			"defender's commitment (Stackelberg) variant by Nelder–Mead from several starts.",
		Source: "After Baliga, Bueno de Mesquita & Wolitzky, \"Deterrence with Imperfect Attribution\", American Political Science Review 114(4), 2020; " +
			"reconstructed from the paper's abstract with this project's normalisation (see the package documentation).",
		Params:  paramSchema,
		Metrics: metricPatterns,
	}
}

// metricPatterns documents the metrics; Instance.Metrics spells them out.
var metricPatterns = []model.Metric{
	{Name: "alpha_<attacker>", Label: "P(<attacker> attacks | chance)", Unit: "probability", Doc: "probability that the attacker attacks when it has the opportunity, 1 − F(cutoff)"},
	{Name: "cutoff_<attacker>", Label: "<attacker>'s benefit cutoff", Unit: "payoff", Doc: "benefit above which the attacker attacks: harm × Σ_s (π^i_s − π^0_s) × retaliation_<attacker>_s"},
	{Name: "p_attack", Label: "P(attack)", Unit: "probability", Doc: "probability of a strategic attack in a round, Σ γᵢαᵢ"},
	{Name: "p_wrongful_retaliation", Label: "P(wrongful retaliation)", Unit: "probability", Doc: "probability that in a round the defender retaliates against at least one attacker that did not attack in it"},
	{Name: "defender_payoff", Label: "defender's payoff", Unit: "payoff", Doc: "defender's expected payoff a round: −(expected damage) − (expected retaliation costs) + (expected number of retaliations against the actual attacker)"},
	{Name: "posterior_<attacker>_<signal>", Label: "P(<attacker> attacked | <signal>)", Unit: "probability", Doc: "defender's posterior that the attacker attacked, given the signal; NaN if the signal has probability 0"},
	{Name: "retaliation_<attacker>_<signal>", Label: "P(retaliation against <attacker> | <signal>)", Unit: "probability", Doc: "probability that the defender retaliates against the attacker after the signal: G(posterior) under best_response (NaN if the signal has probability 0), the committed probability under commitment"},
	{Name: "alpha_<attacker>_sim", Label: "P(<attacker> attacks | chance), simulated", Simulated: true, Unit: "probability", Doc: "share of the attacker's opportunities in which it attacked (benefit draw above the cutoff); NaN if it had none"},
	{Name: "p_attack_sim", Label: "P(attack), simulated", Simulated: true, Unit: "probability", Doc: "share of rounds with a strategic attack"},
	{Name: "p_wrongful_retaliation_sim", Label: "P(wrongful retaliation), simulated", Simulated: true, Unit: "probability", Doc: "share of rounds in which the defender retaliated against at least one attacker that did not attack"},
	{Name: "defender_payoff_sim", Label: "defender's payoff, simulated", Simulated: true, Unit: "payoff", Doc: "defender's average realised payoff a round"},
	{Name: "posterior_<attacker>_<signal>_sim", Label: "P(<attacker> attacked | <signal>), simulated", Simulated: true, Unit: "probability", Doc: "share of the rounds showing the signal in which the attacker had attacked; NaN if the signal did not occur"},
}

// buildMetrics spells out the metrics of a parameter set, deterministic ones
// first.
func buildMetrics(p *Params) []model.Metric {
	ms, _ := metricsAbout(p)
	return ms
}

// metricsAbout is buildMetrics with, for each metric, the attacker and signal
// it is about (for the name-collision message).
func metricsAbout(p *Params) ([]model.Metric, []string) {
	var out []model.Metric
	var abouts []string
	add := func(pattern int, name, about string, simulated bool) {
		m := metricPatterns[pattern]
		// about is "attacker A" and, for signal metrics, ", signal S".
		var attacker, signal string
		for _, part := range strings.Split(about, ", ") {
			if a, ok := strings.CutPrefix(part, "attacker "); ok {
				attacker = a
			} else if sg, ok := strings.CutPrefix(part, "signal "); ok {
				signal = sg
			}
		}
		label := strings.NewReplacer("<attacker>", attacker, "<signal>", signal).Replace(m.Label)
		out = append(out, model.Metric{Name: name, Label: label, Doc: m.Doc + " (" + about + ")", Unit: m.Unit, Simulated: simulated})
		abouts = append(abouts, about)
	}
	for _, a := range p.Attackers {
		add(0, "alpha_"+a.Name, "attacker "+a.Name, false)
	}
	for _, a := range p.Attackers {
		add(1, "cutoff_"+a.Name, "attacker "+a.Name, false)
	}
	add(2, "p_attack", "all attackers", false)
	add(3, "p_wrongful_retaliation", "all attackers", false)
	add(4, "defender_payoff", "defender", false)
	for _, a := range p.Attackers {
		for _, s := range p.Signals {
			add(5, "posterior_"+a.Name+"_"+s, "attacker "+a.Name+", signal "+s, false)
		}
	}
	for _, a := range p.Attackers {
		for _, s := range p.Signals {
			add(6, "retaliation_"+a.Name+"_"+s, "attacker "+a.Name+", signal "+s, false)
		}
	}
	for _, a := range p.Attackers {
		add(7, "alpha_"+a.Name+"_sim", "attacker "+a.Name, true)
	}
	add(8, "p_attack_sim", "all attackers", true)
	add(9, "p_wrongful_retaliation_sim", "all attackers", true)
	add(10, "defender_payoff_sim", "defender", true)
	for _, a := range p.Attackers {
		for _, s := range p.Signals {
			add(11, "posterior_"+a.Name+"_"+s+"_sim", "attacker "+a.Name+", signal "+s, true)
		}
	}
	return out, abouts
}

// Prepare decodes and validates the parameters.
func (Model) Prepare(values map[string]any) (model.Instance, error) {
	var p Params
	if err := paramSchema.Decode(values, &p); err != nil {
		return nil, err
	}
	return newGame(p), nil
}

// New returns the game at fully specified parameters (for use from Go; configs
// go through [Model.Prepare]). It validates them first.
func New(p Params) (*Game, error) {
	for i := range p.Attackers {
		if err := p.Attackers[i].Validate(); err != nil {
			return nil, schema.Prefix("attackers."+strconv.Itoa(i), err)
		}
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return newGame(p), nil
}

// Game is the attribution model at one parameter set.
type Game struct {
	P       Params
	metrics []model.Metric

	n, m   int
	gamma  []float64
	harm   []float64
	damage []float64
	F, G   []dist.Dist
	rows
	nu     float64
	commit bool

	// w[i][s] = π^i_s − π^0_s, the weight of signal s in attacker i's cutoff.
	w [][]float64

	// Sampling tables for Simulate: cumulative probabilities.
	cumGamma []float64
	cumPi    [][]float64
	cumFA    []float64
	cumNS    []float64

	once   sync.Once
	out    *outcome
	outErr error
	pool   sync.Pool // *simScratch
}

var (
	_ model.Instance  = (*Game)(nil)
	_ model.Simulator = (*Game)(nil)
)

func newGame(p Params) *Game {
	g := &Game{P: p, metrics: buildMetrics(&p), n: len(p.Attackers), m: len(p.Signals)}
	for _, a := range p.Attackers {
		g.gamma = append(g.gamma, a.Opportunity)
		g.harm = append(g.harm, a.Harm)
		g.damage = append(g.damage, a.Damage)
		g.F = append(g.F, a.Benefit)
		g.G = append(g.G, a.RetaliationCost)
	}
	g.rows = buildRows(&p)
	g.nu = p.NonstateRate
	g.commit = p.Defender == "commitment"
	g.w = make([][]float64, g.n)
	for i := range g.w {
		g.w[i] = make([]float64, g.m)
		for s := range g.w[i] {
			g.w[i][s] = g.pi[i][s] - g.pi0[s]
		}
	}
	cum := func(v []float64) []float64 {
		c := make([]float64, len(v))
		acc := 0.0
		for k, x := range v {
			acc += x
			c[k] = acc
		}
		return c
	}
	g.cumGamma = cum(g.gamma)
	for i := range g.pi {
		g.cumPi = append(g.cumPi, cum(g.pi[i]))
	}
	g.cumFA = cum(g.fa)
	g.cumNS = cum(g.ns)
	return g
}

// Params returns the decoded parameters.
func (g *Game) Params() any { return g.P }

// Metrics lists the metrics of this parameter set: deterministic ones, then
// simulated ones.
func (g *Game) Metrics() []model.Metric { return g.metrics }

// Rows returns the signal distributions in force after the knobs, as vectors
// over the signals in their configured order: one row per attacker (π^i),
// the no-attack distribution before non-state intrusions (π^FA) and π^0.
// The slices are copies.
func (g *Game) Rows() (attackers [][]float64, falseAlarm, noAttack []float64) {
	for _, r := range g.pi {
		attackers = append(attackers, append([]float64(nil), r...))
	}
	return attackers, append([]float64(nil), g.fa...), append([]float64(nil), g.pi0...)
}

// solved computes the outcome once; Solve and Simulate share it.
func (g *Game) solved() (*outcome, error) {
	g.once.Do(func() {
		if g.commit {
			g.out, g.outErr = g.solveCommitment()
		} else {
			g.out, g.outErr = g.solveEquilibrium()
		}
	})
	return g.out, g.outErr
}

// Solve returns the deterministic metrics and the certificate.
func (g *Game) Solve() (model.Solution, error) {
	o, err := g.solved()
	if err != nil {
		return model.Solution{}, err
	}
	n, m := g.n, g.m
	vals := make([]float64, 0, 2*n+3+2*n*m)
	vals = append(vals, o.alpha...)
	vals = append(vals, o.cutoff...)
	vals = append(vals, o.pAttack, o.pWrong, o.payoff)
	for i := 0; i < n; i++ {
		vals = append(vals, o.post[i]...)
	}
	for i := 0; i < n; i++ {
		vals = append(vals, o.ret[i]...)
	}
	extra := map[string]any{}
	for k, v := range o.extra {
		extra[k] = v
	}
	return model.Solution{Values: vals, Certificate: o.cert, Extra: extra}, nil
}
