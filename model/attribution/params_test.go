package attribution

import (
	"math"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/internal/modeltest"
)

func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = clone(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for k, e := range x {
			out[k] = clone(e)
		}
		return out
	}
	return v
}

// with returns a deep copy of base with the given changes applied; a value of
// nil deletes the key. Keys are paths as in a sweep: "attackers.0.harm".
func with(base map[string]any, changes map[string]any) map[string]any {
	out := clone(base).(map[string]any)
	for path, v := range changes {
		parts := strings.Split(path, ".")
		var cur any = out
		for _, p := range parts[:len(parts)-1] {
			switch c := cur.(type) {
			case map[string]any:
				cur = c[p]
			case []any:
				var i int
				for _, ch := range p {
					i = 10*i + int(ch-'0')
				}
				cur = c[i]
			}
		}
		last := parts[len(parts)-1]
		m := cur.(map[string]any)
		if v == nil {
			delete(m, last)
		} else {
			m[last] = v
		}
	}
	return out
}

// issueExample is the configuration of the issue (completed with a second
// attacker), the shape students start from.
func issueExample() map[string]any {
	return map[string]any{
		"signals": []any{"none", "to_china", "to_other", "unattributed"},
		"attackers": []any{
			map[string]any{"name": "china", "opportunity": 0.5,
				"benefit":          map[string]any{"dist": "uniform", "min": -0.2, "max": 1},
				"retaliation_cost": map[string]any{"dist": "uniform", "min": 0, "max": 1},
				"harm":             1,
				"signal":           map[string]any{"none": 0.2, "to_china": 0.6, "to_other": 0.05, "unattributed": 0.15}},
			map[string]any{"name": "other", "opportunity": 0.3,
				"benefit":          map[string]any{"dist": "beta", "alpha": 2, "beta": 2, "min": -0.5, "max": 1},
				"retaliation_cost": map[string]any{"dist": "truncnormal", "mean": 0.4, "sd": 0.3, "min": 0, "max": 2},
				"harm":             0.8,
				"signal":           map[string]any{"none": 0.4, "to_china": 0.1, "to_other": 0.4, "unattributed": 0.1}},
		},
		"no_attack":       map[string]any{"none": 0.97, "to_china": 0.01, "to_other": 0.01, "unattributed": 0.01},
		"nonstate_rate":   0.15,
		"nonstate_signal": map[string]any{"to_china": 0.6, "unattributed": 0.4},
	}
}

func TestIssueExampleDecodes(t *testing.T) {
	g := modeltest.Prepare[*Game](t, Model{}, issueExample())
	pi, fa, pi0 := g.Rows()
	want := [][]float64{{0.2, 0.6, 0.05, 0.15}, {0.4, 0.1, 0.4, 0.1}}
	for i := range want {
		for k := range want[i] {
			if pi[i][k] != want[i][k] {
				t.Errorf("row %d = %v, want %v", i, pi[i], want[i])
			}
		}
	}
	// π⁰ = (1−ν)π^FA + νπ^N with ν = 0.15, π^N = (0, 0.6, 0, 0.4).
	wantPi0 := []float64{0.85 * 0.97, 0.85*0.01 + 0.15*0.6, 0.85 * 0.01, 0.85*0.01 + 0.15*0.4}
	for k := range wantPi0 {
		if math.Abs(pi0[k]-wantPi0[k]) > 1e-15 || fa[k] != []float64{0.97, 0.01, 0.01, 0.01}[k] {
			t.Errorf("π⁰ = %v, want %v; π^FA = %v", pi0, wantPi0, fa)
		}
	}
	if g.P.Attackers[0].Damage != 1 || g.P.Defender != "best_response" || g.P.SimRounds != 1000 {
		t.Errorf("defaults: damage %g, defender %q, sim_rounds %d", g.P.Attackers[0].Damage, g.P.Defender, g.P.SimRounds)
	}
	names := []string{}
	for _, m := range g.Metrics() {
		names = append(names, m.Name)
	}
	got := strings.Join(names, " ")
	for _, w := range []string{"alpha_china", "cutoff_other", "p_attack", "p_wrongful_retaliation", "defender_payoff",
		"posterior_china_to_other", "retaliation_other_unattributed", "alpha_other_sim", "p_attack_sim", "posterior_china_none_sim"} {
		if !strings.Contains(" "+got+" ", " "+w+" ") {
			t.Errorf("metric %s missing from %s", w, got)
		}
	}
	// Deterministic metrics come first, then simulated ones.
	seenSim := false
	for _, m := range g.Metrics() {
		if m.Simulated {
			seenSim = true
		} else if seenSim {
			t.Errorf("deterministic metric %s after a simulated one", m.Name)
		}
	}
	if len(g.Metrics()) != 2*2+3+2*2*4+2+3+2*4 {
		t.Errorf("%d metrics", len(g.Metrics()))
	}
	// The metrics do not depend on numeric values.
	h := modeltest.Prepare[*Game](t, Model{}, with(issueExample(), map[string]any{"nonstate_rate": 0.5, "attackers.0.harm": 3}))
	if len(h.Metrics()) != len(g.Metrics()) {
		t.Errorf("metric list changed with numeric values")
	}
}

func rowSum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// Each knob moves mass as the package documentation says.
func TestKnobs(t *testing.T) {
	base := modeltest.Prepare[*Game](t, Model{}, issueExample())
	basePi, baseFA, _ := base.Rows()

	for _, d := range []float64{0, 0.3, 0.8, 1} {
		g := modeltest.Prepare[*Game](t, Model{}, with(issueExample(), map[string]any{"detection": d}))
		pi, _, _ := g.Rows()
		for i, row := range pi {
			if math.Abs(row[0]-(1-d)) > 1e-15 || math.Abs(rowSum(row)-1) > 1e-15 {
				t.Errorf("detection %g: row %d = %v", d, i, row)
			}
			// Detected mass keeps its proportions.
			for k := 1; k < len(row); k++ {
				want := d * basePi[i][k] / (1 - basePi[i][0])
				if math.Abs(row[k]-want) > 1e-15 {
					t.Errorf("detection %g: row %d entry %d = %g, want %g", d, i, k, row[k], want)
				}
			}
		}
	}

	// own signals: china → to_china (its largest detected entry), other →
	// to_other (its largest); own_signal overrides.
	for _, iota := range []float64{0, 0.5, 0.9, 1} {
		g := modeltest.Prepare[*Game](t, Model{}, with(issueExample(), map[string]any{"identification": iota}))
		pi, _, _ := g.Rows()
		own := []int{1, 2}
		for i, row := range pi {
			det := 1 - basePi[i][0]
			if row[0] != basePi[i][0] || math.Abs(rowSum(row)-1) > 1e-15 {
				t.Errorf("identification %g: row %d = %v changed its detected mass", iota, i, row)
			}
			if math.Abs(row[own[i]]-iota*det) > 1e-15 {
				t.Errorf("identification %g: row %d own entry %g, want %g", iota, i, row[own[i]], iota*det)
			}
			other := det - basePi[i][own[i]]
			for k := 1; k < len(row); k++ {
				if k == own[i] {
					continue
				}
				want := (1 - iota) * det * basePi[i][k] / other
				if math.Abs(row[k]-want) > 1e-15 {
					t.Errorf("identification %g: row %d entry %d = %g, want %g", iota, i, k, row[k], want)
				}
			}
		}
	}
	g := modeltest.Prepare[*Game](t, Model{}, with(issueExample(), map[string]any{"identification": 1.0, "attackers.1.own_signal": "unattributed"}))
	if pi, _, _ := g.Rows(); pi[1][3] != 0.6 || pi[1][2] != 0 {
		t.Errorf("own_signal unattributed, identification 1: row %v", pi[1])
	}
	// Detection and identification together: detected mass d, own share ι.
	g = modeltest.Prepare[*Game](t, Model{}, with(issueExample(), map[string]any{"detection": 0.5, "identification": 0.7}))
	if pi, _, _ := g.Rows(); math.Abs(pi[0][1]-0.35) > 1e-15 || math.Abs(pi[0][0]-0.5) > 1e-15 {
		t.Errorf("detection 0.5, identification 0.7: row %v", pi[0])
	}

	for _, phi := range []float64{0, 0.01, 0.1, 0.6} {
		g := modeltest.Prepare[*Game](t, Model{}, with(issueExample(), map[string]any{"false_alarm": phi}))
		_, fa, pi0 := g.Rows()
		if math.Abs(fa[0]-(1-phi)) > 1e-15 || math.Abs(rowSum(fa)-1) > 1e-15 || math.Abs(rowSum(pi0)-1) > 1e-15 {
			t.Errorf("false_alarm %g: π^FA = %v, π⁰ = %v", phi, fa, pi0)
		}
		for k := 1; k < len(fa); k++ {
			if want := phi * baseFA[k] / (1 - baseFA[0]); math.Abs(fa[k]-want) > 1e-15 {
				t.Errorf("false_alarm %g: π^FA = %v", phi, fa)
			}
			// π^N is untouched: π⁰ − (1−ν)π^FA = νπ^N.
			if got, want := pi0[k]-0.85*fa[k], 0.15*[]float64{0, 0.6, 0, 0.4}[k]; math.Abs(got-want) > 1e-15 {
				t.Errorf("false_alarm %g moved π^N: %g, want %g", phi, got, want)
			}
		}
	}
	// Rows without detected mass: the knobs spread evenly.
	v := with(issueExample(), map[string]any{"no_attack": nil, "false_alarm": 0.3})
	g = modeltest.Prepare[*Game](t, Model{}, v)
	if _, fa, _ := g.Rows(); fa[0] != 0.7 || math.Abs(fa[1]-0.1) > 1e-15 || math.Abs(fa[3]-0.1) > 1e-15 {
		t.Errorf("false_alarm on an all-quiet π^FA: %v", fa)
	}
	g = modeltest.Prepare[*Game](t, Model{}, with(issueExample(), map[string]any{"attackers.0.signal": map[string]any{"none": 1}, "detection": 0.6}))
	if pi, _, _ := g.Rows(); math.Abs(pi[0][1]-0.2) > 1e-15 || math.Abs(pi[0][2]-0.2) > 1e-15 {
		t.Errorf("detection on a never-detected attacker: %v", pi[0])
	}
}

// Better attribution through the knobs: more detection, better
// identification and fewer false alarms each lower attacks here (the signs
// are computed, not assumed; see TestComparativeStatics for the paper's).
func TestKnobsMoveAttacks(t *testing.T) {
	prev := math.Inf(1)
	for _, d := range []float64{0.5, 0.7, 0.9} {
		m, _ := solve(t, with(issueExample(), map[string]any{"detection": d}))
		if !(m["p_attack"] < prev) {
			t.Errorf("detection %g: p_attack %g did not fall (before %g)", d, m["p_attack"], prev)
		}
		prev = m["p_attack"]
	}
	prev = math.Inf(1)
	for _, iota := range []float64{0.3, 0.6, 0.9} {
		m, _ := solve(t, with(issueExample(), map[string]any{"identification": iota}))
		if !(m["p_attack"] < prev) {
			t.Errorf("identification %g: p_attack %g did not fall (before %g)", iota, m["p_attack"], prev)
		}
		prev = m["p_attack"]
	}
}

func TestBadInput(t *testing.T) {
	ex := issueExample()
	modeltest.BadInput(t, Model{}, []modeltest.BadCase{
		{Name: "misspelt key", Values: with(ex, map[string]any{"nonstate_rat": 0.1}), Want: []string{"nonstate_rat", `did you mean "nonstate_rate"`}},
		{Name: "misspelt attacker key", Values: with(ex, map[string]any{"attackers.0.harms": 1}), Want: []string{"attackers.0.harms", `did you mean "harm"`}},
		{Name: "row does not sum to 1", Values: with(ex, map[string]any{"attackers.1.signal.none": 0.3}), Want: []string{"attackers.1.signal", "attacker other", "sums to 0.9", "must sum to 1"}},
		{Name: "no_attack does not sum to 1", Values: with(ex, map[string]any{"no_attack.none": 0.9}), Want: []string{"no_attack", "sums to 0.93"}},
		{Name: "nonstate_signal does not sum to 1", Values: with(ex, map[string]any{"nonstate_signal.to_china": 0.7}), Want: []string{"nonstate_signal", "sums to 1.1"}},
		{Name: "unknown signal", Values: with(ex, map[string]any{"attackers.0.signal.to_chna": 0.0}), Want: []string{"attackers.0.signal.to_chna", "unknown signal", "known signals: none, to_china, to_other, unattributed", `did you mean "to_china"`}},
		{Name: "unknown signal in no_attack", Values: with(ex, map[string]any{"no_attack.quiet": 0.0}), Want: []string{"no_attack.quiet", "known signals: none, to_china"}},
		{Name: "probability out of range", Values: with(ex, map[string]any{"attackers.0.signal.none": 1.2}), Want: []string{"attackers.0.signal.none", "0 ≤ x ≤ 1"}},
		{Name: "opportunities sum above 1", Values: with(ex, map[string]any{"attackers.1.opportunity": 0.6}), Want: []string{"attackers", "sum to 1.1", "china 0.5", "other 0.6", "at most 1"}},
		{Name: "opportunity missing", Values: with(ex, map[string]any{"attackers.0.opportunity": nil}), Want: []string{"attackers.0.opportunity", "required"}},
		{Name: "duplicate attacker", Values: with(ex, map[string]any{"attackers.1.name": "china"}), Want: []string{"attackers.1.name", `duplicate attacker name "china"`, "attackers.0"}},
		{Name: "duplicate signal", Values: with(ex, map[string]any{"signals": []any{"none", "to_china", "to_china", "unattributed", "to_other"}}), Want: []string{"signals.2", `duplicate signal "to_china"`}},
		{Name: "bad attacker name", Values: with(ex, map[string]any{"attackers.0.name": "China"}), Want: []string{"attackers.0.name", `"China"`, "lowercase letters, digits and _"}},
		{Name: "bad signal name", Values: with(ex, map[string]any{"signals": []any{"none", "to-china"}}), Want: []string{"signals.1", `"to-china"`, "lowercase"}},
		{Name: "missing name", Values: with(ex, map[string]any{"attackers.0.name": nil}), Want: []string{"attackers.0.name", "missing"}},
		{Name: "missing signal row", Values: with(ex, map[string]any{"attackers.0.signal": nil}), Want: []string{"attackers.0.signal", "required"}},
		{Name: "one signal", Values: with(ex, map[string]any{"signals": []any{"none"}}), Want: []string{"signals", "at least two"}},
		{Name: "no attackers", Values: with(ex, map[string]any{"attackers": []any{}}), Want: []string{"attackers", "at least one attacker"}},
		{Name: "nonstate_signal missing", Values: with(ex, map[string]any{"nonstate_signal": nil}), Want: []string{"nonstate_signal", "required when nonstate_rate > 0"}},
		{Name: "point-mass benefit", Values: with(ex, map[string]any{"attackers.0.benefit": 0.5}), Want: []string{"attackers.0.benefit", "continuous", "constant"}},
		{Name: "discrete cost", Values: with(ex, map[string]any{"attackers.0.retaliation_cost": map[string]any{"dist": "discrete", "values": []any{0, 1}, "weights": []any{1, 1}}}), Want: []string{"attackers.0.retaliation_cost", "continuous", "discrete"}},
		{Name: "bad distribution", Values: with(ex, map[string]any{"attackers.0.benefit": map[string]any{"dist": "unifrom", "min": 0, "max": 1}}), Want: []string{"attackers.0.benefit.dist", `did you mean "uniform"`}},
		{Name: "knob out of range", Values: with(ex, map[string]any{"detection": 1.5}), Want: []string{"detection", "0 ≤ x ≤ 1"}},
		{Name: "identification with two signals", Values: with(oneAttacker(), map[string]any{"identification": 0.5}), Want: []string{"identification", "at least three signals"}},
		{Name: "unknown own_signal", Values: with(ex, map[string]any{"attackers.0.own_signal": "to_chin"}), Want: []string{"attackers.0.own_signal", "unknown signal", `did you mean "to_china"`}},
		{Name: "own_signal is nothing seen", Values: with(ex, map[string]any{"attackers.0.own_signal": "none"}), Want: []string{"attackers.0.own_signal", "nothing seen", "to_china, to_other, unattributed"}},
		{Name: "defender", Values: with(ex, map[string]any{"defender": "stackelberg"}), Want: []string{"defender", "best_response, commitment"}},
		{Name: "harm negative", Values: with(ex, map[string]any{"attackers.0.harm": -1}), Want: []string{"attackers.0.harm", "x ≥ 0"}},
		{Name: "sim_rounds", Values: with(ex, map[string]any{"sim_rounds": 0}), Want: []string{"sim_rounds", "x ≥ 1"}},
		{Name: "metric names collide", Values: map[string]any{
			"signals": []any{"none", "b_c", "c"},
			"attackers": []any{
				attacker("a", 0.2, map[string]any{"none": 1}),
				attacker("a_b", 0.2, map[string]any{"none": 1}),
			},
		}, Want: []string{"attackers", "posterior_a_b_c twice", "rename"}},
	})
	// Rows within 1e-9 of 1 are accepted.
	if _, err := (Model{}).Prepare(with(ex, map[string]any{"attackers.0.signal.none": 0.2 + 5e-10})); err != nil {
		t.Errorf("row off by 5e-10 refused: %v", err)
	}
}

// New validates parameters built in Go the same way.
func TestNew(t *testing.T) {
	p := Params{
		Signals: []string{"none", "seen"},
		Attackers: []Attacker{{Name: "a", Opportunity: 0.5, Harm: 1,
			Benefit: dist.Uniform(0, 1), RetaliationCost: dist.Uniform(0, 1),
			Signal: map[string]float64{"none": 0.2, "seen": 0.8}}},
		NoAttack:  map[string]float64{"none": 0.9, "seen": 0.1},
		Defender:  "best_response",
		SimRounds: 10,
	}
	g, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	sol, err := g.Solve()
	if err != nil || math.Abs(sol.Values[0]-0.531751) > 5e-7 {
		t.Errorf("New + Solve: %v, %v", sol.Values, err)
	}
	p.Attackers[0].Name = "A"
	if _, err := New(p); err == nil || !strings.Contains(err.Error(), "attackers.0.name") {
		t.Errorf("New with a bad name: %v", err)
	}
}
