package match

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/internal/mctest"
	"github.com/statecraft/statecraft/internal/modeltest"
	"github.com/statecraft/statecraft/model/repeated"
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

// In the long run the simulation averages sim_turns = 1000 turns after a
// burn-in of sim_burn_in = 1000 (the defaults). Its mean over 1000
// replications agrees within 4 SE with the exact expectation over that
// window (repeated.Exact with the burn-in) and with the exact long-run limit
// the deterministic metrics report. Without the burn-in the exact window
// expectation itself sits many SE from the limit: the start-up bias the
// burn-in removes (TFT against WSLS at ε = 0.01: the first 1000 turns
// average 2.2774 against the limit 2.25, z ≈ 7.6 in 1000 replications; the
// bias grows as noise becomes rarer and the chain mixes more slowly).
func TestLongRunSimulation(t *testing.T) {
	cases := []map[string]any{
		{"row": "TFT", "col": "WSLS", "noise": 0.01},
		{"row": "TFT", "col": "ALLD", "noise": 0.02},
		{"row": "WSLS", "col": "GTFT", "noise": 0.05},
		{"row": "GRUDGER", "col": "CTFT", "noise": 0.05, "perception_noise": 0.02},
	}
	const reps = 1000
	for i, c := range cases {
		c["turns"] = 0
		in := modeltest.Prepare[*Instance](t, Model{}, c)
		if in.sim.Turns != 1000 || in.sim.BurnIn != 1000 {
			t.Fatalf("simulated match: %d turns after %d", in.sim.Turns, in.sim.BurnIn)
		}
		sol, err := in.Solve()
		if err != nil {
			t.Fatal(err)
		}
		window, err := repeated.Exact(&in.sim, 0)
		if err != nil {
			t.Fatal(err)
		}
		exactWindow := []float64{window.RowScore, window.ColScore, (window.RowCoop + window.ColCoop) / 2, window.Mutual}
		mean, se := moments(t, in, reps, uint64(100+i))
		for k := 0; k < numSimulated; k++ {
			name := fmt.Sprintf("%v: %s", c, metrics[4+k].Name)
			mctest.Within(t, name+" against the exact window", mean[k], se[k], exactWindow[k], 4)
			mctest.Within(t, name+" against the long-run limit", mean[k], se[k], sol.Values[k], 4)
		}
		if i > 0 {
			continue
		}
		// The same simulation without the burn-in estimates the first 1000
		// turns, whose exact expectation is far from the limit.
		c["sim_burn_in"] = 0
		cold := modeltest.Prepare[*Instance](t, Model{}, c)
		start, err := repeated.Exact(&cold.sim, 0)
		if err != nil {
			t.Fatal(err)
		}
		if z := (start.RowScore - sol.Values[0]) / se[0]; z < 5 {
			t.Errorf("%v: without burn-in the start-up bias is only %.1f SE; the test no longer shows what the burn-in is for", c, z)
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
