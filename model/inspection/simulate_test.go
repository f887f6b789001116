package inspection

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/statecraft/statecraft/internal/mctest"
	"github.com/statecraft/statecraft/internal/modeltest"
)

// moments runs n replications with PCG(seed, 0x1a5bec7).
func moments(t *testing.T, g *Game, n int, seed uint64) (mean, se []float64) {
	t.Helper()
	return mctest.Moments(t, g.Simulate, n, rand.New(rand.NewPCG(seed, 0x1a5bec7)), numSimulated)
}

// Play at the reported mix against its exact rates: an inspection w.p. p, a
// violation w.p. q, a violation detected w.p. p(1−β), a compliant play alarmed
// w.p. pα, and the equilibrium payoffs from an independent payoff table.
func TestSimulationMatchesEquilibrium(t *testing.T) {
	cases := []map[string]any{
		{},
		{"leadership": true},
		{"miss_prob": 0.4, "false_alarm_prob": 0.2, "penalty": 3, "inspect_cost": 2},
		{"miss_prob": 0.6, "penalty": 0.2, "false_alarm_prob": 0}, // pure (1, 1)
		{"variant": "alpha_beta"},
		{"variant": "alpha_beta", "snr": 1, "penalty": 2, "inspector_false_alarm_cost": 3},
		{"variant": "alpha_beta", "roc": []any{map[string]any{"alpha": 0.05, "beta": 0.5}, map[string]any{"alpha": 0.2, "beta": 0.2}}},
	}
	for i, c := range cases {
		g := modeltest.Prepare[*Game](t, Model{}, c)
		m, _ := modeltest.Solve(t, Model{}, c)
		mean, se := moments(t, g, 3000, uint64(10+i))
		p, q := m["inspect_prob"], m["violate_prob"]
		al, be := g.P.FalseAlarmProb, g.P.MissProb
		if g.P.Variant == "alpha_beta" {
			al, be = m["alpha_star"], m["beta_star"]
		}
		ref := newRefGame(al, be, g.P.InspectCost, g.P.ViolationGain, g.P.Penalty, g.P.FalseAccusationCost,
			g.P.InspectorFalseAlarmCost, g.P.InspectorDetectLoss, g.P.InspectorMissLoss)
		wantI, wantE := ref.pay(p, q)
		key := "inspector_payoff"
		if g.P.Leadership {
			key = "inspector_payoff_leader"
		}
		if !modeltest.Near(wantI, m[key], 1e-9) {
			t.Errorf("%v: %s %g, table %g", c, key, m[key], wantI)
		}
		name := describe(c)
		mctest.Within(t, "inspect_rate "+name, mean[simInspectRate], se[simInspectRate], p, 4)
		mctest.Within(t, "violation_rate "+name, mean[simViolationRate], se[simViolationRate], q, 4)
		if q > 0 {
			mctest.Within(t, "detect_rate "+name, mean[simDetectRate], se[simDetectRate], p*(1-be), 4)
		} else if !math.IsNaN(mean[simDetectRate]) {
			t.Errorf("%s: detect rate %g without violations", name, mean[simDetectRate])
		}
		if q < 1 {
			mctest.Within(t, "false_alarm_rate "+name, mean[simFalseAlarmRate], se[simFalseAlarmRate], p*al, 4)
		}
		mctest.Within(t, "inspector_payoff "+name, mean[simInspectorPayoff], se[simInspectorPayoff], wantI, 4)
		mctest.Within(t, "inspectee_payoff "+name, mean[simInspecteePayoff], se[simInspecteePayoff], wantE, 4)
	}
}

func TestSimulationDresher(t *testing.T) {
	for i, c := range [][2]int{{2, 1}, {5, 2}, {12, 4}} {
		vals := map[string]any{"variant": "dresher", "periods": c[0], "inspections": c[1], "rounds": 50}
		g := modeltest.Prepare[*Game](t, Model{}, vals)
		s, _ := SolveDresher(c[0], c[1])
		f := func(r *big.Rat) float64 { x, _ := r.Float64(); return x }
		pv, pc := f(sumRat(s.ViolateAt)), f(sumRat(s.CaughtAt))
		mean, se := moments(t, g, 4000, uint64(40+i))
		name := describe(vals)
		mctest.Within(t, "inspect_rate "+name, mean[simInspectRate], se[simInspectRate], f(sumRat(s.InspectAt))/float64(c[0]), 4)
		mctest.Within(t, "violation_rate "+name, mean[simViolationRate], se[simViolationRate], pv, 4)
		mctest.Within(t, "detect_rate "+name, mean[simDetectRate], se[simDetectRate], pc/pv, 4)
		mctest.Within(t, "inspectee_payoff "+name, mean[simInspecteePayoff], se[simInspecteePayoff], f(s.Value[c[0]][c[1]]), 4)
		mctest.Within(t, "inspector_payoff "+name, mean[simInspectorPayoff], se[simInspectorPayoff], -f(s.Value[c[0]][c[1]]), 4)
		if !math.IsNaN(mean[simFalseAlarmRate]) {
			t.Errorf("%s: false-alarm rate %g, want NaN", name, mean[simFalseAlarmRate])
		}
	}
}

func TestSimulationTransparencyAndErrors(t *testing.T) {
	g := modeltest.Prepare[*Game](t, Model{}, map[string]any{"variant": "transparency"})
	out := make([]float64, numSimulated)
	rng := rand.New(rand.NewPCG(1, 2))
	if err := g.Simulate(rng, out); err != nil {
		t.Fatal(err)
	}
	for i, v := range out {
		if !math.IsNaN(v) {
			t.Errorf("transparency simulated metric %d = %g, want NaN", i, v)
		}
	}
	if err := g.Simulate(rng, make([]float64, 2)); err == nil {
		t.Error("Simulate accepted a short output slice")
	}
}

func TestSimulateAllocatesNothing(t *testing.T) {
	for _, v := range []map[string]any{{}, {"variant": "alpha_beta"}, {"variant": "dresher", "periods": 10, "inspections": 3}} {
		g := modeltest.Prepare[*Game](t, Model{}, v)
		out := make([]float64, numSimulated)
		rng := rand.New(rand.NewPCG(3, 4))
		if n := testing.AllocsPerRun(20, func() { _ = g.Simulate(rng, out) }); n != 0 {
			t.Errorf("%v: Simulate allocates %g times per call", v, n)
		}
	}
}

func describe(c map[string]any) string {
	s := "{"
	for _, k := range []string{"variant", "leadership", "miss_prob", "false_alarm_prob", "penalty", "snr", "periods", "inspections"} {
		if v, ok := c[k]; ok {
			s += fmt.Sprintf(" %s=%v", k, v)
		}
	}
	if _, ok := c["roc"]; ok {
		s += " roc=table"
	}
	return s + " }"
}
