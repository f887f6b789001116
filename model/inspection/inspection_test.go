package inspection

import (
	"math"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/internal/modeltest"
	"github.com/statecraft/statecraft/model"
)

func TestDefaultsAndSchema(t *testing.T) {
	p := Defaults()
	if p.Variant != "basic" || p.InspectorMissLoss != 10 || p.Periods != 2 || p.Inspections != 1 {
		t.Errorf("unexpected defaults %+v", p)
	}
	info := Model{}.Info()
	if info.Name != "inspection" || info.Params == nil {
		t.Fatalf("info %+v", info)
	}
	det, sim := model.Split(info.Metrics)
	if len(det) != numDeterministic || len(sim) != numSimulated {
		t.Errorf("metrics: %d deterministic (want %d), %d simulated (want %d)", len(det), numDeterministic, len(sim), numSimulated)
	}
	for _, want := range []string{"inspect_prob", "violate_prob", "inspector_payoff", "inspectee_payoff", "inspector_payoff_leader", "inspectee_payoff_leader", "alpha_star", "beta_star", "value", "self_enforcing", "m_min",
		"detect_rate_sim", "violation_rate_sim", "inspector_payoff_sim"} {
		found := false
		for _, m := range info.Metrics {
			found = found || m.Name == want
		}
		if !found {
			t.Errorf("metric %s missing", want)
		}
	}
	for _, k := range []string{"variant", "miss_prob", "false_alarm_prob", "inspect_cost", "violation_gain", "penalty", "false_accusation_cost", "inspector_false_alarm_cost",
		"inspector_detect_loss", "inspector_miss_loss", "leadership", "snr", "roc", "periods", "inspections", "cheat_gain", "discount", "deal_value", "savings", "leak_cost"} {
		if _, ok := info.Params.Field(k); !ok {
			t.Errorf("parameter %s missing", k)
		}
	}
}

// Each variant fills exactly the metrics documented for it and leaves the
// others NaN; the metric list itself never changes.
func TestMetricsPerVariant(t *testing.T) {
	defined := map[string][]string{
		"basic":        {"inspect_prob", "violate_prob", "inspector_payoff", "inspectee_payoff", "inspector_payoff_leader", "inspectee_payoff_leader", "regime"},
		"alpha_beta":   {"inspect_prob", "violate_prob", "inspector_payoff", "inspectee_payoff", "inspector_payoff_leader", "inspectee_payoff_leader", "alpha_star", "beta_star", "regime"},
		"dresher":      {"inspect_prob", "violate_prob", "inspector_payoff", "inspectee_payoff", "inspector_payoff_leader", "inspectee_payoff_leader", "value"},
		"transparency": {"self_enforcing", "m_min"},
	}
	var names []string
	for variant, want := range defined {
		g := modeltest.Prepare[*Game](t, Model{}, map[string]any{"variant": variant})
		if names == nil {
			for _, m := range g.Metrics() {
				names = append(names, m.Name)
			}
		}
		for i, m := range g.Metrics() {
			if m.Name != names[i] {
				t.Errorf("%s: metric %d is %s, want %s", variant, i, m.Name, names[i])
			}
		}
		m, _ := modeltest.Solve(t, Model{}, map[string]any{"variant": variant})
		for name, v := range m {
			isDefined := false
			for _, w := range want {
				isDefined = isDefined || w == name
			}
			if isDefined == math.IsNaN(v) {
				t.Errorf("%s: %s = %g (defined here: %v)", variant, name, v, isDefined)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	roc := func(pts ...[2]float64) []any {
		var out []any
		for _, p := range pts {
			out = append(out, map[string]any{"alpha": p[0], "beta": p[1]})
		}
		return out
	}
	modeltest.BadInput(t, Model{}, []modeltest.BadCase{
		{Values: map[string]any{"variant": "alpha_beta", "roc": roc([2]float64{0.05, 0.4}, [2]float64{0.1, 0.5})}, Want: []string{"roc.1.beta", "not decreasing"}},
		{Values: map[string]any{"roc": roc([2]float64{0.1, 0.4}, [2]float64{0.1, 0.3})}, Want: []string{"roc.1.alpha", "increasing"}},
		{Values: map[string]any{"roc": roc([2]float64{1.5, 0.4})}, Want: []string{"roc.0.alpha", "0 ≤ x ≤ 1"}},
		{Values: map[string]any{"roc": []any{map[string]any{"alpha": 0.1}}}, Want: []string{"roc.0.beta", "missing"}},
		{Values: map[string]any{"variant": "dresher", "periods": 2, "inspections": 3}, Want: []string{"inspections", "m ≤ n", "m = 3", "n = 2"}},
		{Values: map[string]any{"periods": 0}, Want: []string{"periods", "1 ≤ x ≤ 100"}},
		{Values: map[string]any{"miss_prob": 1.2}, Want: []string{"miss_prob", "0 ≤ x ≤ 1"}},
		{Values: map[string]any{"false_alarm_prob": -0.1}, Want: []string{"false_alarm_prob", "0 ≤ x ≤ 1"}},
		{Values: map[string]any{"discount": 1}, Want: []string{"discount", "0 < x < 1"}},
		{Values: map[string]any{"violation_gain": 0}, Want: []string{"violation_gain", "x > 0"}},
		{Values: map[string]any{"penalty": -1}, Want: []string{"penalty", "x ≥ 0"}},
		{Values: map[string]any{"snr": 0}, Want: []string{"snr", "0 < x ≤ 8"}},
		{Values: map[string]any{"variant": "dresherr"}, Want: []string{"variant", `did you mean "dresher"`, "alpha_beta"}},
		{Values: map[string]any{"leadership": "yes"}, Want: []string{"leadership", "true or false"}},
		{Values: map[string]any{"miss_prb": 0.1}, Want: []string{"miss_prb", `did you mean "miss_prob"`}},
		{Values: map[string]any{"miss_prob": 0.1, "detect_prob": 0.9}, Want: []string{"detect_prob", "not both"}},
		{Values: map[string]any{"detect_prob": 1.1}, Want: []string{"detect_prob", "0 ≤ x ≤ 1"}},
	})
	// New applies the same checks to a struct built in code.
	p := Defaults()
	p.Variant, p.Periods, p.Inspections = "dresher", 3, 4
	if _, err := New(p); err == nil || !strings.Contains(err.Error(), "inspections") {
		t.Errorf("New with m > n: %v", err)
	}
	if _, err := SolveDresher(3, 4); err == nil || !model.IsBadInput(err) {
		t.Errorf("SolveDresher(3, 4): %v", err)
	}
}

// detect_prob is 1 − miss_prob, for sweeps over detection quality.
func TestDetectProb(t *testing.T) {
	a, _ := modeltest.Solve(t, Model{}, map[string]any{"detect_prob": 0.7})
	b, _ := modeltest.Solve(t, Model{}, map[string]any{"miss_prob": 0.3})
	for k, v := range a {
		if !(v == b[k] || (math.IsNaN(v) && math.IsNaN(b[k]))) && !modeltest.Near(v, b[k], 1e-15) {
			t.Errorf("%s: detect_prob 0.7 gives %g, miss_prob 0.3 gives %g", k, v, b[k])
		}
	}
	if g := modeltest.Prepare[*Game](t, Model{}, map[string]any{"detect_prob": 0.7}); !modeltest.Near(g.P.MissProb, 0.3, 1e-15) {
		t.Errorf("MissProb %g", g.P.MissProb)
	}
}

// A variant ignores the parameters of the others, so one config can sweep
// across variants; m > n only matters to Dresher's game.
func TestOtherVariantsIgnoreDresherBounds(t *testing.T) {
	m, _ := modeltest.Solve(t, Model{}, map[string]any{"variant": "basic", "periods": 2, "inspections": 3})
	if math.IsNaN(m["inspect_prob"]) {
		t.Errorf("basic with m > n: %v", m)
	}
}

func TestTransparencyToy(t *testing.T) {
	cases := []struct {
		g, d, v, s, k float64
		mmin, self    float64
	}{
		// m_min = G(1−δ)/(δV), worked by hand.
		{1, 0.9, 1, 0.5, 1, 1.0 / 9, 1},
		{1, 0.5, 1, 0.5, 1, 1, 0},         // m_min = 1 but κ·1 > S
		{1, 0.5, 1, 1, 1, 1, 1},           // m_min = 1, κ = S: boundary counts
		{3, 0.5, 1, 10, 0, 3, 0},          // m_min > 1: no monitoring deters
		{1, 0.8, 2, 0.01, 0.5, 0.125, 1},  // κ·m² = 0.5·0.015625 = 0.0078125 ≤ S
		{1, 0.8, 2, 0.007, 0.5, 0.125, 0}, // … > S
	}
	for _, c := range cases {
		m, sol := modeltest.Solve(t, Model{}, map[string]any{"variant": "transparency", "cheat_gain": c.g, "discount": c.d, "deal_value": c.v, "savings": c.s, "leak_cost": c.k})
		if !modeltest.Near(m["m_min"], c.mmin, 1e-12) || m["self_enforcing"] != c.self {
			t.Errorf("%+v: m_min %g self_enforcing %g", c, m["m_min"], m["self_enforcing"])
		}
		if !strings.Contains(strings.Join(sol.Certificate.Notes, " "), "TOY") {
			t.Errorf("certificate does not label the toy: %v", sol.Certificate.Notes)
		}
		// At m_min the one-off gain equals the expected loss of the deal.
		if loss := c.mmin * c.d * c.v / (1 - c.d); !modeltest.Near(loss, c.g, 1e-12) {
			t.Errorf("%+v: deterrence does not bind at m_min (loss %g, gain %g)", c, loss, c.g)
		}
	}
	if !strings.Contains(Model{}.Info().Source, "not a reproduction") {
		t.Errorf("Info.Source does not say the toy is not a reproduction")
	}
}
