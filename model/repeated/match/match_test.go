package match

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/internal/mctest"
	"github.com/statecraft/statecraft/internal/modeltest"
)

// solve returns the deterministic metrics by name.
func solve(t *testing.T, values map[string]any) map[string]float64 {
	t.Helper()
	m, _ := modeltest.Solve(t, Model{}, values)
	return m
}

// Known answers through the registry model: TFT against ALLD without noise
// (by hand), with execution noise 0.05 (the exact values of
// model/repeated's TestNoisyReferenceScores), TFT against TFT in the long run
// (9/4, see model/repeated's TestTFTvsTFTLongRun) and the espionage model's
// grim value; PUNISH(2) against ALTERNATOR through the joint chain.
func TestKnownAnswers(t *testing.T) {
	m := solve(t, map[string]any{"turns": 3})
	if !modeltest.Near(3*m["row_score"], 2, 1e-12) || !modeltest.Near(3*m["col_score"], 7, 1e-12) {
		t.Errorf("TFT vs ALLD, 3 turns: totals (%g, %g), want (2, 7)", 3*m["row_score"], 3*m["col_score"])
	}
	m = solve(t, nil) // defaults: TFT vs ALLD, 200 turns
	if !modeltest.Near(200*m["row_score"], 199, 1e-10) || !modeltest.Near(200*m["col_score"], 204, 1e-10) {
		t.Errorf("TFT vs ALLD, 200 turns: totals (%g, %g), want (199, 204)", 200*m["row_score"], 200*m["col_score"])
	}
	m = solve(t, map[string]any{"noise": 0.05})
	if !modeltest.Near(m["row_score"], 1.09576125, 1e-12) || !modeltest.Near(m["col_score"], 1.34213625, 1e-12) {
		t.Errorf("noisy reference: (%.10f, %.10f), want (1.09576125, 1.34213625)", m["row_score"], m["col_score"])
	}
	for _, eps := range []float64{0.01, 0.2, 0.7} {
		m = solve(t, map[string]any{"row": "tft", "col": "TFT", "turns": 0, "noise": eps})
		if !modeltest.Near(m["row_score"], 2.25, 1e-9) || !modeltest.Near(m["col_score"], 2.25, 1e-9) {
			t.Errorf("TFT–TFT long run at ε=%g: (%g, %g), want 2.25", eps, m["row_score"], m["col_score"])
		}
	}
	// Long run of a pair that is not memory-one goes through the joint chain.
	m = solve(t, map[string]any{"row": "PUNISH", "col": "ALTERNATOR", "punish_length": 2, "turns": 0})
	if !modeltest.Near(m["row_score"], 2.25, 1e-12) {
		t.Errorf("PUNISH(2) vs ALTERNATOR long run %g, want 2.25", m["row_score"])
	}
	// The espionage model's grim value at p=0.8, q=0.1, δ=0.9:
	// V = P + (1−δ)(R−P)/(1−δ+δq) = 1 + 0.2/0.19.
	m = solve(t, map[string]any{"row": "GRUDGER", "col": "GRUDGER", "monitoring": "public", "detection": 0.8, "false_alarm": 0.1, "continuation": 0.9})
	if !modeltest.Near(m["row_score"], 2.052632, 5e-7) {
		t.Errorf("grim pair under public monitoring: %g, want 2.052632", m["row_score"])
	}
}

func TestUnavailableExact(t *testing.T) {
	in := modeltest.Prepare[*Instance](t, Model{}, map[string]any{"row": "GRADUAL", "col": "TFT", "turns": 0})
	sol, err := in.Solve()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range sol.Values {
		if !math.IsNaN(v) {
			t.Errorf("long run of GRADUAL: %v, want NaN", sol.Values)
		}
	}
	if len(sol.Certificate.Notes) == 0 || !strings.Contains(sol.Certificate.Notes[0], "unbounded") {
		t.Errorf("certificate should explain: %+v", sol.Certificate)
	}
}

// moments runs n replications of Simulate with PCG(seed, 1).
func moments(t *testing.T, in *Instance, n int, seed uint64) (mean, se []float64) {
	t.Helper()
	return mctest.Moments(t, in.Simulate, n, rand.New(rand.NewPCG(seed, 1)), numSimulated)
}

// Simulated metrics agree with the exact ones within 4 standard errors.
func TestSimulationAgreesWithSolve(t *testing.T) {
	cases := []map[string]any{
		{"noise": 0.05},
		{"row": "CTFT", "col": "WSLS", "noise": 0.1, "turns": 50},
		{"row": "GTFT", "col": "ZDEXTORT", "noise": 0.02, "perception_noise": 0.05, "turns": 40},
		{"row": "PTRIGGER", "col": "GRADUAL", "monitoring": "public", "detection": 0.9, "false_alarm": 0.1, "turns": 30},
		{"row": "MEMORY1", "col": "RANDOM", "memory_one": []any{0.9, 0.1, 0.8, 0.3}, "coop_prob": 0.7, "continuation": 0.95, "noise": 0.01},
		{"row": "GRUDGER", "col": "GRUDGER", "monitoring": "public", "detection": 0.8, "false_alarm": 0.1, "continuation": 0.9},
	}
	for i, c := range cases {
		in := modeltest.Prepare[*Instance](t, Model{}, c)
		sol, err := in.Solve()
		if err != nil {
			t.Fatal(err)
		}
		mean, se := moments(t, in, 4000, uint64(10+i))
		for k := 0; k < numSimulated; k++ {
			mctest.Within(t, fmt.Sprintf("%v: %s", c, metrics[4+k].Name), mean[k], se[k], sol.Values[k], 4)
		}
	}
}

// In the long run the simulation averages matches of sim_turns turns; its
// expectation is the exact expectation over sim_turns turns, which tends to
// the long run: within 4 SE of the former, and close to the latter.
func TestLongRunSimulation(t *testing.T) {
	in := modeltest.Prepare[*Instance](t, Model{}, map[string]any{"row": "WSLS", "col": "GTFT", "turns": 0, "noise": 0.05, "sim_turns": 500})
	sol, _ := in.Solve()
	fixed, _ := Model{}.Prepare(map[string]any{"row": "WSLS", "col": "GTFT", "turns": 500, "noise": 0.05})
	fsol, _ := fixed.Solve()
	mean, se := moments(t, in, 2000, 77)
	for k := 0; k < 2; k++ {
		mctest.Within(t, metrics[4+k].Name+" against the exact value over 500 turns", mean[k], se[k], fsol.Values[k], 4)
		if !modeltest.Near(fsol.Values[k], sol.Values[k], 0.01) {
			t.Errorf("%s: 500 turns %.5f far from the long run %.5f", metrics[k].Name, fsol.Values[k], sol.Values[k])
		}
	}
}

func TestSimulateAllocatesNothing(t *testing.T) {
	in := modeltest.Prepare[*Instance](t, Model{}, map[string]any{"row": "GRADUAL", "col": "GTFT", "noise": 0.05, "perception_noise": 0.05})
	out := make([]float64, numSimulated)
	rng := rand.New(rand.NewPCG(1, 1))
	if n := testing.AllocsPerRun(50, func() { in.Simulate(rng, out) }); n != 0 {
		t.Errorf("%g allocations per replication", n)
	}
}

func TestBadInput(t *testing.T) {
	modeltest.BadInput(t, Model{}, []modeltest.BadCase{
		{Values: map[string]any{"row": "TFTT"}, Want: []string{"row", `did you mean "TFT"`, "WSLS", "GRUDGER"}},
		{Values: map[string]any{"col": "wsl"}, Want: []string{"col", `did you mean "WSLS"`}},
		{Values: map[string]any{"col": 3}, Want: []string{"col", "want text"}},
		{Values: map[string]any{"noise": 1.5}, Want: []string{"noise", "0 ≤ x ≤ 1"}},
		{Values: map[string]any{"nosie": 0.1}, Want: []string{"nosie", `did you mean "noise"`}},
		{Values: map[string]any{"turns": -1}, Want: []string{"turns", "x ≥ 0"}},
		{Values: map[string]any{"turns": 2.5}, Want: []string{"turns", "whole number"}},
		{Values: map[string]any{"continuation": 1}, Want: []string{"continuation", "0 < x < 1"}},
		{Values: map[string]any{"continuation": 0.9, "turns": 10}, Want: []string{"continuation", "turns 0"}},
		{Values: map[string]any{"temptation": 2}, Want: []string{"temptation", "T > R > P > S"}},
		{Values: map[string]any{"monitoring": "pubic"}, Want: []string{"monitoring", `did you mean "public"`}},
		{Values: map[string]any{"monitoring": "public", "perception_noise": 0.1}, Want: []string{"perception_noise", "private"}},
		{Values: map[string]any{"row": "MEMORY1"}, Want: []string{"memory_one", "required"}},
		{Values: map[string]any{"row": "MEMORY1", "memory_one": []any{1, 0, 1}}, Want: []string{"memory_one", "4 probabilities"}},
		{Values: map[string]any{"row": "MEMORY1", "memory_one": []any{1, 0, 1, 1.2}}, Want: []string{"memory_one.3", "0 ≤ x ≤ 1"}},
		{Values: map[string]any{"row": "ZDEXTORT", "chi": 0.5}, Want: []string{"chi", "x ≥ 1"}},
		{Values: map[string]any{"punish_length": 0}, Want: []string{"punish_length"}},
		{Values: map[string]any{"generosity": 2}, Want: []string{"generosity", "0 ≤ x ≤ 1"}},
	})
}

func TestSchemaDefaults(t *testing.T) {
	p := Defaults()
	if p.Row != "TFT" || p.Col != "ALLD" || p.Turns != 200 || p.Temptation != 5 || p.MaxStates != 1<<18 {
		t.Errorf("defaults %+v", p)
	}
}

// TFT against ALLD over 3 turns: TFT is suckered once, then both defect.
func Example() {
	inst, err := Model{}.Prepare(map[string]any{"row": "TFT", "col": "ALLD", "turns": 3})
	if err != nil {
		panic(err)
	}
	sol, _ := inst.Solve()
	fmt.Printf("totals over 3 turns: TFT %.6g, ALLD %.6g\n", 3*sol.Values[0], 3*sol.Values[1])
	// Output: totals over 3 turns: TFT 2, ALLD 7
}
