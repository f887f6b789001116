package game

import (
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/internal/modeltest"
	"github.com/statecraft/statecraft/model"
	"go.yaml.in/yaml/v3"
)

// solveModel returns the metrics by name (all deterministic).
func solveModel(t *testing.T, values map[string]any) map[string]float64 {
	t.Helper()
	m, _ := modeltest.Solve(t, Model{}, values)
	return m
}

// inspection is a 2×2 game with one mixed equilibrium: the row player gets
// a on (1,1) and 1 on (2,2), the column player wants to mismatch. Making
// each player indifferent gives, by hand, x₁ = 1/2 for the row player and
// y₁ = 1/(1+a) for the column player, and the row player's payoff a/(1+a).
func inspection(a any) []any {
	return []any{
		[]any{[]any{a, 0}, []any{0, 1}},
		[]any{[]any{0, 1}, []any{1, 0}},
	}
}

// A sweep of payoffs.0.0.0 moves the selected equilibrium as the closed
// form says.
func TestModelSweepMatchesClosedForm(t *testing.T) {
	for _, a := range []float64{0.25, 0.5, 1, 2, 3, 10} {
		m := solveModel(t, map[string]any{"payoffs": inspection(a)})
		if m["n_equilibria"] != 1 || m["n_pure"] != 0 || m["kind"] != 2 {
			t.Errorf("a=%g: %v equilibria, %v pure, kind %v", a, m["n_equilibria"], m["n_pure"], m["kind"])
		}
		want := map[string]float64{
			"prob_1_1": 0.5, "prob_1_2": 0.5,
			"prob_2_1": 1 / (1 + a), "prob_2_2": a / (1 + a),
			"payoff_1": a / (1 + a), "payoff_2": 0.5,
		}
		for k, v := range want {
			if math.Abs(m[k]-v) > 1e-15 {
				t.Errorf("a=%g: %s = %g, want %g", a, k, m[k], v)
			}
		}
	}
	// At a = 0 the row player is indifferent in column 1: the game turns
	// degenerate, with a continuum of equilibria whose extreme points enum
	// lists; a is then no longer in the closed form's domain.
	m := solveModel(t, map[string]any{"payoffs": inspection(0)})
	if m["n_equilibria"] < 2 {
		t.Errorf("a=0: %v extreme equilibria", m["n_equilibria"])
	}
}

// The metrics depend on the shape of the game, never on its payoffs.
func TestModelMetricsStructure(t *testing.T) {
	names := func(values map[string]any) string {
		inst := modeltest.Prepare[model.Instance](t, Model{}, values)
		var ns []string
		for _, m := range inst.Metrics() {
			ns = append(ns, m.Name)
		}
		return strings.Join(ns, ",")
	}
	a := names(map[string]any{"payoffs": inspection(1)})
	b := names(map[string]any{"payoffs": inspection(7), "method": "lh"})
	if a != b || a != "n_equilibria,n_pure,kind,prob_1_1,prob_1_2,prob_2_1,prob_2_2,payoff_1,payoff_2" {
		t.Errorf("metrics %s / %s", a, b)
	}
}

// Three players from the YAML form: the pure equilibria Gambit lists for
// McKelvey and McLennan's 2×2×2 game (4), with the first selected.
func TestModelThreePlayers(t *testing.T) {
	g := mustParseFile(t, "testdata/games/contrib__2x2x2.nfg")
	y := ToYAMLMap(g)
	m := solveModel(t, map[string]any{"payoffs": y["payoffs"], "players": y["players"]})
	if m["n_equilibria"] != 4 || m["n_pure"] != 4 || m["kind"] != 1 {
		t.Errorf("2x2x2: %v", m)
	}
	// The first in canonical order is player 1 on strategy 1, player 2 on
	// 1, player 3 on 1: outcome (9, 8, 12), an equilibrium by inspection of
	// the file (each deviation leads to an outcome with 0 for the deviator).
	if m["prob_1_1"] != 1 || m["prob_2_1"] != 1 || m["prob_3_1"] != 1 || m["payoff_3"] != 12 {
		t.Errorf("selected: %v", m)
	}
}

// The selection rules pick by welfare and by support.
func TestModelSelect(t *testing.T) {
	bos := []any{
		[]any{[]any{2, 1}, []any{0, 0}},
		[]any{[]any{0, 0}, []any{1, 2}},
	}
	first := solveModel(t, map[string]any{"payoffs": bos})
	if first["prob_1_1"] != 1 || first["payoff_1"] != 2 {
		t.Errorf("first: %v", first)
	}
	sup := solveModel(t, map[string]any{"payoffs": bos, "select": "support"})
	if math.Abs(sup["prob_1_1"]-2.0/3) > 1e-15 || sup["kind"] != 2 {
		t.Errorf("support: %v", sup)
	}
	// Make (2,2) the best for welfare: payoffs 1+2 = 3 = 2+1; raise it.
	bos[1].([]any)[1] = []any{2, 2}
	w := solveModel(t, map[string]any{"payoffs": bos, "select": "welfare"})
	if w["prob_1_2"] != 1 || w["payoff_2"] != 2 {
		t.Errorf("welfare: %v", w)
	}
}

// Bad input, one error per class, each naming the key.
func TestModelBadInput(t *testing.T) {
	three := ToYAMLMap(mustParseFile(t, "testdata/games/contrib__2x2x2.nfg"))["payoffs"]
	modeltest.BadInput(t, Model{}, []modeltest.BadCase{
		{Values: map[string]any{}, Key: "payoffs", Want: []string{"required"}},
		{Values: map[string]any{"payofs": inspection(1)}, Key: "payofs", Want: []string{`did you mean "payoffs"`}},
		{Values: map[string]any{"payoffs": 3}, Key: "payoffs", Want: []string{"nested lists"}},
		{Values: map[string]any{"payoffs": []any{[]any{[]any{1, 2}, []any{3}}, []any{[]any{5, 6}, []any{7, 8}}}}, Key: "payoffs.0.1", Want: []string{"want 2 payoffs"}},
		{Values: map[string]any{"payoffs": inspection("one")}, Key: "payoffs.0.0.0", Want: []string{"not a number"}},
		{Values: map[string]any{"payoffs": inspection(1), "method": "simplex"}, Key: "method", Want: []string{"allowed values"}},
		{Values: map[string]any{"payoffs": inspection(2), "method": "lp"}, Key: "method", Want: []string{"zero-sum"}},
		{Values: map[string]any{"payoffs": three, "method": "enum"}, Key: "method", Want: []string{"2-player games"}},
		{Values: map[string]any{"payoffs": inspection(1), "select": "best"}, Key: "select", Want: []string{"allowed values"}},
		{Values: map[string]any{"payoffs": inspection(1), "players": []any{map[string]any{"name": "A", "strategies": []any{"a", "b"}}}}, Key: "players", Want: []string{"1 players listed"}},
		{Values: map[string]any{"payoffs": inspection(1), "players": []any{
			map[string]any{"name": "A", "strategies": []any{"a", "b"}},
			map[string]any{"name": "B", "strategies": []any{"c"}},
		}}, Key: "players.1.strategies", Want: []string{"1 strategies listed"}},
	})
}

func TestModelInfo(t *testing.T) {
	info := Model{}.Info()
	if info.Name != "game" || info.Params == nil {
		t.Fatalf("info %+v", info)
	}
	for _, k := range []string{"payoffs", "players", "method", "select", "title"} {
		if _, ok := info.Params.Field(k); !ok {
			t.Errorf("no parameter %s", k)
		}
	}
}

// setPath sets a nested value by a dotted path with list indices, as the
// sweep engine does for payoffs.0.0.0.
func setPath(t *testing.T, v any, path []string, x any) {
	t.Helper()
	for k, key := range path {
		last := k == len(path)-1
		switch c := v.(type) {
		case map[string]any:
			if last {
				c[key] = x
				return
			}
			v = c[key]
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i >= len(c) {
				t.Fatalf("bad index %q", key)
			}
			if last {
				c[i] = x
				return
			}
			v = c[i]
		default:
			t.Fatalf("cannot descend into %T at %q", v, key)
		}
	}
}

// The example config in testdata reads, and its sweep over payoffs.0.0.0
// moves the inspector's mix as the closed form 1/(1+a) says.
func TestExampleConfigSweep(t *testing.T) {
	src, err := os.ReadFile("testdata/inspection.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Model  string         `yaml:"model"`
		Params map[string]any `yaml:"params"`
		Sweep  struct {
			Grid []struct {
				Param  string    `yaml:"param"`
				Values []float64 `yaml:"values"`
			} `yaml:"grid"`
		} `yaml:"sweep"`
	}
	if err := yaml.Unmarshal(src, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Model != Model.Info(Model{}).Name {
		t.Fatalf("model %q", cfg.Model)
	}
	axis := cfg.Sweep.Grid[0]
	for _, a := range axis.Values {
		setPath(t, cfg.Params, strings.Split(axis.Param, "."), a)
		m := solveModel(t, cfg.Params)
		if math.Abs(m["prob_2_1"]-1/(1+a)) > 1e-15 || m["prob_1_1"] != 0.5 {
			t.Errorf("a=%g: inspector trusts with %g, want %g", a, m["prob_2_1"], 1/(1+a))
		}
	}
}
