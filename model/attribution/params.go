package attribution

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
)

// Attacker is one strategic attacker as written under attackers: in a config.
type Attacker struct {
	Name            string             `key:"name" doc:"identifier-like name (lowercase letters, digits and _, starting with a letter); it appears in metric names such as alpha_<name>"`
	Opportunity     float64            `key:"opportunity" label:"opportunity γ" range:"[0,1]" unit:"probability" doc:"γ: probability that this attacker gets the opportunity to attack in a round; at most one attacker gets it, so the opportunities must sum to at most 1"`
	Benefit         dist.Dist          `key:"benefit" label:"benefit F" default:"{dist: uniform, min: 0, max: 1}" unit:"payoff" doc:"F: distribution of the attacker's private benefit from an attack (continuous)"`
	RetaliationCost dist.Dist          `key:"retaliation_cost" label:"retaliation cost G" default:"{dist: uniform, min: 0, max: 1}" unit:"payoff" doc:"G: distribution of the defender's private cost of retaliating against this attacker, in units of the value of punishing an actual attacker (continuous)"`
	Harm            float64            `key:"harm" label:"harm c" default:"1" range:"[0,)" unit:"payoff" doc:"c: what retaliation costs this attacker"`
	Damage          float64            `key:"damage" default:"1" range:"[0,)" unit:"payoff" doc:"the defender's loss from an attack by this attacker; enters defender_payoff only"`
	Signal          map[string]float64 `key:"signal" range:"[0,1]" unit:"probability" doc:"π^i: probability of each signal when this attacker attacks; signals left out have probability 0; must sum to 1"`
	OwnSignal       string             `key:"own_signal" doc:"the signal that names this attacker correctly, towards which identification moves mass; if not given, its most likely signal other than the first (the earlier one on ties)"`
}

// Params are the parameters of the attribution model, in the form a config
// writes them (see the package documentation for the knobs).
type Params struct {
	Signals        []string           `key:"signals" doc:"names of the signals the defender can observe; the first means \"nothing seen\" (detection and false_alarm move mass to and from it)"`
	Attackers      []Attacker         `key:"attackers" doc:"the strategic attackers (name, opportunity, benefit, retaliation_cost, harm, damage, signal, own_signal)"`
	NoAttack       map[string]float64 `key:"no_attack" range:"[0,1]" unit:"probability" doc:"π^FA: signal distribution in a round without any attack (false alarms); signals left out have probability 0; if not given, all mass on the first signal (no false alarms)"`
	NonstateRate   float64            `key:"nonstate_rate" label:"non-state rate ν" default:"0" range:"[0,1]" unit:"probability" doc:"ν: probability that a round without a strategic attack holds a non-state intrusion, so π^0 = (1−ν)π^FA + νπ^N"`
	NonstateSignal map[string]float64 `key:"nonstate_signal" range:"[0,1]" unit:"probability" doc:"π^N: signal distribution of a non-state intrusion; signals left out have probability 0; required when nonstate_rate > 0"`

	Detection      *float64 `key:"detection" label:"detection (share of attacks seen)" default:"as the rows say" range:"[0,1]" unit:"probability" doc:"knob: sets every attacker's probability of a signal other than the first to this value, keeping how its detected attacks spread over the detected signals"`
	Identification *float64 `key:"identification" label:"identification (share of seen attacks named)" default:"as the rows say" range:"[0,1]" unit:"probability" doc:"knob: sets every attacker's probability of its own_signal given that it was detected, keeping the relative weights of the other detected signals"`
	FalseAlarm     *float64 `key:"false_alarm" label:"false-alarm rate" default:"as no_attack says" range:"[0,1]" unit:"probability" doc:"knob: sets the no-attack distribution's probability of a signal other than the first, keeping the relative weights of those signals"`

	Defender  string `key:"defender" label:"defender" default:"best_response" enum:"best_response|commitment" doc:"best_response: the defender retaliates iff its posterior exceeds its cost (equilibrium); commitment: it commits in advance to retaliation probabilities that maximise its payoff (Stackelberg)"`
	SimRounds int    `key:"sim_rounds" label:"rounds per replication" default:"1000" range:"[1,)" unit:"rounds" doc:"independent rounds of the game played in one simulated replication"`
}

var paramSchema = schema.MustOf(Params{})

// namePattern is what attacker and signal names may look like, so that the
// metric names built from them are clean identifiers.
var namePattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

func checkName(path, what, name string) error {
	if name == "" {
		return schema.Errorf(path, "%s name is missing", what)
	}
	if !namePattern.MatchString(name) {
		return schema.Errorf(path, "%s name %q is not allowed: use lowercase letters, digits and _, starting with a letter (it becomes part of metric names)", what, name)
	}
	return nil
}

// Validate checks one attacker on its own; Params.Validate checks it against
// the signals.
func (a *Attacker) Validate() error {
	if err := checkName("name", "attacker", a.Name); err != nil {
		return err
	}
	for _, d := range []struct {
		key string
		d   dist.Dist
	}{{"benefit", a.Benefit}, {"retaliation_cost", a.RetaliationCost}} {
		switch k := d.d.Kind(); k {
		case "constant", "discrete":
			// An atom makes the best response jump, and an equilibrium in
			// cutoff strategies may then not exist.
			return schema.Errorf(d.key, "must be a continuous distribution (uniform, normal, truncnormal, beta, lognormal, triangular, loguniform, exponential), got %s", k)
		}
	}
	if a.Signal == nil {
		return schema.Errorf("signal", "required: the probability of each signal when %s attacks, e.g. {none: 0.3, to_%s: 0.7}", a.Name, a.Name)
	}
	return nil
}

// rowSumTol is how far a signal distribution may sum from 1.
const rowSumTol = 1e-9

// Validate checks the constraints between parameters.
func (p *Params) Validate() error {
	if len(p.Signals) < 2 {
		return schema.Errorf("signals", "give at least two signals, the first meaning \"nothing seen\", e.g. [none, detected]; got %d", len(p.Signals))
	}
	seen := map[string]int{}
	for k, s := range p.Signals {
		path := "signals." + strconv.Itoa(k)
		if err := checkName(path, "signal", s); err != nil {
			return err
		}
		if j, dup := seen[s]; dup {
			return schema.Errorf(path, "duplicate signal %q (also signals.%d)", s, j)
		}
		seen[s] = k
	}
	if len(p.Attackers) == 0 {
		return schema.Errorf("attackers", "give at least one attacker (name, opportunity, signal, …)")
	}
	names := map[string]int{}
	total := 0.0
	var parts []string
	for i := range p.Attackers {
		a := &p.Attackers[i]
		path := "attackers." + strconv.Itoa(i)
		if j, dup := names[a.Name]; dup {
			return schema.Errorf(path+".name", "duplicate attacker name %q (also attackers.%d)", a.Name, j)
		}
		names[a.Name] = i
		if err := p.checkRow(path+".signal", "the signal distribution of attacker "+a.Name, a.Signal, true); err != nil {
			return err
		}
		if a.OwnSignal != "" {
			k, ok := seen[a.OwnSignal]
			switch {
			case !ok:
				return schema.Errorf(path+".own_signal", "%s", p.unknownSignal(a.OwnSignal))
			case k == 0:
				return schema.Errorf(path+".own_signal", "%q is the \"nothing seen\" signal; own_signal must be one of %s", a.OwnSignal, strings.Join(p.Signals[1:], ", "))
			}
		}
		total += a.Opportunity
		parts = append(parts, fmt.Sprintf("%s %g", a.Name, a.Opportunity))
	}
	if total > 1+1e-12 {
		return schema.Errorf("attackers", "the opportunities sum to %g (%s); at most one attacker gets the opportunity in a round, so they must sum to at most 1", total, strings.Join(parts, ", "))
	}
	if p.NoAttack != nil {
		if err := p.checkRow("no_attack", "the no-attack signal distribution", p.NoAttack, true); err != nil {
			return err
		}
	}
	if p.NonstateSignal != nil {
		if err := p.checkRow("nonstate_signal", "the non-state signal distribution", p.NonstateSignal, true); err != nil {
			return err
		}
	} else if p.NonstateRate > 0 {
		return schema.Errorf("nonstate_signal", "required when nonstate_rate > 0: the signal distribution of a non-state intrusion, e.g. {%s: 1}", p.Signals[len(p.Signals)-1])
	}
	if p.Identification != nil && len(p.Signals) < 3 {
		return schema.Errorf("identification", "needs at least three signals (nothing seen, the attacker's own signal and another one to move mass from); got %s", strings.Join(p.Signals, ", "))
	}
	return checkMetricNames(p)
}

// checkRow checks that a signal distribution names known signals only and,
// when full, sums to 1.
func (p *Params) checkRow(path, what string, row map[string]float64, full bool) error {
	keys := make([]string, 0, len(row))
	for k := range row {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	sum := 0.0
	for _, k := range keys {
		if !contains(p.Signals, k) {
			return schema.Errorf(path+"."+k, "%s", p.unknownSignal(k))
		}
		sum += row[k]
	}
	if full && math.Abs(sum-1) > rowSumTol {
		return schema.Errorf(path, "%s sums to %.12g; it must sum to 1 (signals left out count as 0)", what, sum)
	}
	return nil
}

func (p *Params) unknownSignal(name string) string {
	msg := fmt.Sprintf("unknown signal %q; known signals: %s", name, strings.Join(p.Signals, ", "))
	if near := schema.Nearest(name, p.Signals); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	return msg
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// checkMetricNames refuses names whose metric names would collide, e.g.
// attacker "a_b" with signal "c" and attacker "a" with signal "b_c".
func checkMetricNames(p *Params) error {
	seen := map[string]string{}
	ms, abouts := metricsAbout(p)
	for k, m := range ms {
		if prev, dup := seen[m.Name]; dup {
			return model.Invalid("attackers", "attacker and signal names give the metric name %s twice (for %s and for %s); rename an attacker or a signal", m.Name, prev, abouts[k])
		}
		seen[m.Name] = abouts[k]
	}
	return nil
}

// rows holds the signal distributions as vectors over the signals, after the
// knobs, as the solver and the simulation use them.
type rows struct {
	pi   [][]float64 // pi[i][s]: attacker i attacked
	fa   []float64   // π^FA: no attack, no intrusion
	ns   []float64   // π^N: non-state intrusion
	pi0  []float64   // π^0 = (1−ν)π^FA + νπ^N
	own  []int       // each attacker's own signal
	base [][]float64 // attacker rows before the knobs, for reports
}

func vector(signals []string, row map[string]float64) []float64 {
	v := make([]float64, len(signals))
	for k, s := range signals {
		v[k] = row[s]
	}
	return v
}

// buildRows turns validated parameters into vectors and applies the knobs.
func buildRows(p *Params) rows {
	m := len(p.Signals)
	var r rows
	for _, a := range p.Attackers {
		v := vector(p.Signals, a.Signal)
		r.base = append(r.base, append([]float64(nil), v...))
		own := 1
		if a.OwnSignal != "" {
			own = indexOf(p.Signals, a.OwnSignal)
		} else {
			for s := 2; s < m; s++ {
				if v[s] > v[own] {
					own = s
				}
			}
		}
		if p.Detection != nil {
			setDetection(v, *p.Detection)
		}
		if p.Identification != nil {
			setIdentification(v, own, *p.Identification)
		}
		r.pi = append(r.pi, v)
		r.own = append(r.own, own)
	}
	if p.NoAttack != nil {
		r.fa = vector(p.Signals, p.NoAttack)
	} else {
		r.fa = make([]float64, m)
		r.fa[0] = 1
	}
	if p.FalseAlarm != nil {
		setDetection(r.fa, *p.FalseAlarm)
	}
	r.ns = make([]float64, m)
	if p.NonstateSignal != nil {
		r.ns = vector(p.Signals, p.NonstateSignal)
	}
	nu := p.NonstateRate
	r.pi0 = make([]float64, m)
	for s := range r.pi0 {
		r.pi0[s] = (1-nu)*r.fa[s] + nu*r.ns[s]
	}
	return r
}

func indexOf(list []string, s string) int {
	for k, x := range list {
		if x == s {
			return k
		}
	}
	return -1
}

// setDetection makes row[0] = 1 − d and scales the other entries so they sum
// to d in the proportions they had; when they had no mass, d is spread evenly
// over them. Used for detection (attack rows) and false_alarm (π^FA).
func setDetection(row []float64, d float64) {
	rest := 0.0
	for _, x := range row[1:] {
		rest += x
	}
	row[0] = 1 - d
	for s := 1; s < len(row); s++ {
		if rest > 0 {
			row[s] *= d / rest
		} else {
			row[s] = d / float64(len(row)-1)
		}
	}
}

// setIdentification keeps the detected mass D = 1 − row[0], gives the own
// signal ι·D and the other detected signals (1−ι)·D in the proportions they
// had (evenly when they had none).
func setIdentification(row []float64, own int, iota float64) {
	detected := 0.0
	other := 0.0
	for s := 1; s < len(row); s++ {
		detected += row[s]
		if s != own {
			other += row[s]
		}
	}
	row[own] = iota * detected
	for s := 1; s < len(row); s++ {
		if s == own {
			continue
		}
		if other > 0 {
			row[s] *= (1 - iota) * detected / other
		} else {
			row[s] = (1 - iota) * detected / float64(len(row)-2)
		}
	}
}
