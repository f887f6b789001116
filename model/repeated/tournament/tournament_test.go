package tournament

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/internal/mctest"
	"github.com/statecraft/statecraft/internal/modeltest"
	"github.com/statecraft/statecraft/model"
)

func names(ms []model.Metric) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

// Without noise, ALLC, ALLD and TFT over 200 turns (TFT–ALLD totals
// (199, 204): TFT is suckered once, then both defect): scores per turn ALLC
// (3+0+3)/3, ALLD (5+1+1.02)/3, TFT (3+0.995+3)/3; ALLD wins, exactly and in
// every played tournament.
func TestKnownTournament(t *testing.T) {
	in := modeltest.Prepare[*Instance](t, Model{}, map[string]any{"strategies": []any{"allc", "ALLD", "Tft"}, "noise": 0, "repetitions": 2})
	want := []float64{2, (5 + 1 + 1.02) / 3, (3 + 0.995 + 3) / 3}
	got := names(in.Metrics())
	wantNames := "exact_score_allc exact_score_alld exact_score_tft exact_winner score_allc score_alld score_tft rank_allc rank_alld rank_tft coop_allc coop_alld coop_tft winner"
	if strings.Join(got, " ") != wantNames {
		t.Errorf("metrics %v", got)
	}
	det, sim := model.Split(in.Metrics())
	if lv := det[3].Levels; strings.Join(lv, ",") != "ALLC,ALLD,TFT" {
		t.Errorf("exact_winner levels %v", lv)
	}
	if lv := sim[9].Levels; strings.Join(lv, ",") != "ALLC,ALLD,TFT" {
		t.Errorf("winner levels %v", lv)
	}
	sol, err := in.Solve()
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range want {
		if !modeltest.Near(sol.Values[i], w, 1e-12) {
			t.Errorf("exact score %d = %.12g, want %.12g", i, sol.Values[i], w)
		}
	}
	if sol.Values[3] != 1 {
		t.Errorf("exact winner %g, want 1 (ALLD)", sol.Values[3])
	}
	out := make([]float64, len(sim))
	if err := in.Simulate(rand.New(rand.NewPCG(1, 1)), out); err != nil {
		t.Fatal(err)
	}
	for i, w := range want {
		if !modeltest.Near(out[i], w, 1e-12) {
			t.Errorf("played score %d = %.12g, want %.12g", i, out[i], w)
		}
	}
	if out[3] != 3 || out[4] != 1 || out[5] != 2 {
		t.Errorf("ranks %v, want 3, 1, 2", out[3:6])
	}
	if out[6] != 1 || out[7] != 0 || out[9] != 1 {
		t.Errorf("winner %g, coop %v", out[9], out[6:9])
	}
}

// Played tournaments agree with the exact scores within 4 standard errors
// (over replications), under execution noise and under public monitoring.
func TestSimulationAgreesWithSolve(t *testing.T) {
	cases := []map[string]any{
		{"strategies": []any{"TFT", "WSLS", "GTFT", "CTFT", "ALLD", "GRADUAL", "ZDEXTORT"}, "noise": 0.1, "turns": 30, "repetitions": 3},
		{"strategies": []any{"GRUDGER", "PUNISH", "PTRIGGER", "ALLC", "RANDOM"}, "monitoring": "public", "detection": 0.8, "false_alarm": 0.1, "continuation": 0.9, "repetitions": 2},
	}
	for ci, c := range cases {
		in := modeltest.Prepare[*Instance](t, Model{}, c)
		sol, err := in.Solve()
		if err != nil {
			t.Fatal(err)
		}
		_, sim := model.Split(in.Metrics())
		mean, se := mctest.Moments(t, in.Simulate, 400, rand.New(rand.NewPCG(uint64(ci), 3)), len(sim))
		for i, id := range in.IDs {
			mctest.Within(t, fmt.Sprintf("case %d %s", ci, id), mean[i], se[i], sol.Values[i], 4)
		}
	}
}

// A replication depends only on its generator.
func TestSimulateDeterministic(t *testing.T) {
	in := modeltest.Prepare[*Instance](t, Model{}, nil)
	_, sim := model.Split(in.Metrics())
	a, b := make([]float64, len(sim)), make([]float64, len(sim))
	in.Simulate(rand.New(rand.NewPCG(9, 9)), a)
	in.Simulate(rand.New(rand.NewPCG(9, 9)), b)
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			t.Fatalf("replications differ at %s", sim[i].Name)
		}
	}
}

func TestExactOutOfReach(t *testing.T) {
	in := modeltest.Prepare[*Instance](t, Model{}, map[string]any{"strategies": []any{"GRADUAL", "TFT"}, "max_states": 500})
	sol, err := in.Solve()
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(sol.Values[0]) || !math.IsNaN(sol.Values[2]) || sol.Certificate.Converged {
		t.Errorf("GRADUAL's exact score should be NaN with max_states 500: %v", sol.Values)
	}
	// TFT against itself is still computed, but TFT's mean includes GRADUAL.
	if !math.IsNaN(sol.Values[1]) {
		t.Errorf("TFT's exact score includes the pairing with GRADUAL: %v", sol.Values)
	}
}

func TestBadInput(t *testing.T) {
	modeltest.BadInput(t, Model{}, []modeltest.BadCase{
		{Values: map[string]any{"strategies": []any{"TFT", "GRUDGR"}}, Want: []string{"strategies.1", `did you mean "GRUDGER"`, "ALLC"}},
		{Values: map[string]any{"strategies": []any{"TFT", "tft"}}, Want: []string{"strategies.1", "twice"}},
		{Values: map[string]any{"strategies": []any{}}, Want: []string{"strategies", "at least one"}},
		{Values: map[string]any{"strategies": "TFT"}, Want: []string{"strategies", "want a list"}},
		{Values: map[string]any{"turns": 0}, Want: []string{"turns", "continuation"}},
		{Values: map[string]any{"turns": 10, "continuation": 0.9}, Want: []string{"continuation", "turns 0"}},
		{Values: map[string]any{"repetitions": 0}, Want: []string{"repetitions"}},
		{Values: map[string]any{"noise": -0.1}, Want: []string{"noise", "0 ≤ x ≤ 1"}},
		{Values: map[string]any{"sucker": 4}, Want: []string{"temptation", "T > R > P > S"}},
		{Values: map[string]any{"strategies": []any{"MEMORY1"}}, Want: []string{"memory_one", "required"}},
		{Values: map[string]any{"monitoring": "public", "perception_noise": 0.1}, Want: []string{"perception_noise"}},
		{Values: map[string]any{"repititions": 3}, Want: []string{"repititions", `did you mean "repetitions"`}},
	})
}

func TestDefaults(t *testing.T) {
	p := Defaults()
	if len(p.Strategies) != 12 || p.Strategies[4] != "2TFT" || p.Turns != 200 || p.Repetitions != 10 || p.Noise != 0.05 {
		t.Errorf("defaults %+v", p)
	}
}

// Without noise, ALLD wins a round robin of ALLC, ALLD and TFT: it exploits
// ALLC more than TFT's cooperation with ALLC gains.
func Example() {
	inst, err := Model{}.Prepare(map[string]any{"strategies": []any{"ALLC", "ALLD", "TFT"}, "noise": 0})
	if err != nil {
		panic(err)
	}
	sol, _ := inst.Solve()
	det, _ := model.Split(inst.Metrics())
	for i, m := range det[:3] {
		fmt.Printf("%s %.4f\n", m.Name, sol.Values[i])
	}
	fmt.Println("winner:", det[3].Levels[int(sol.Values[3])])
	// Output:
	// exact_score_allc 2.0000
	// exact_score_alld 2.3400
	// exact_score_tft 2.3317
	// winner: ALLD
}
