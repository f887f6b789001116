package game

import (
	"strings"
	"testing"

	"github.com/statecraft/statecraft/model"
	"go.yaml.in/yaml/v3"
)

// Every reference game goes to YAML text and back unchanged (payoffs exact,
// labels kept; the outcome form is not part of the YAML form).
func TestYAMLRoundTrip(t *testing.T) {
	for _, f := range referenceGames(t) {
		g := mustParseFile(t, f)
		text, err := yaml.Marshal(ToYAMLMap(g))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := yaml.Unmarshal(text, &m); err != nil {
			t.Fatal(err)
		}
		h, err := FromYAMLMap(m)
		if err != nil {
			t.Fatalf("%s: %v\n%s", f, err, text)
		}
		want := g.Clone()
		want.outcomes, want.outcomeOf = nil, nil
		if !want.Equal(h) {
			t.Errorf("%s: YAML round trip changed the game\n%s", f, text)
		}
	}
}

// The documented form reads as the prisoner's dilemma, payoffs.0.1.0 being
// the row player's payoff at (Cooperate, Defect); strings carry exact values
// and floats their shortest decimal.
func TestYAMLForm(t *testing.T) {
	src := `
title: Prisoner's dilemma
players:
  - {name: Row, strategies: [Cooperate, Defect]}
  - {name: Column, strategies: 2}
payoffs:
  - [[3, 3], [0, "1/3"]]
  - [[5, 0.1], [1, 1]]
`
	var m map[string]any
	if err := yaml.Unmarshal([]byte(src), &m); err != nil {
		t.Fatal(err)
	}
	g, err := FromYAMLMap(m)
	if err != nil {
		t.Fatal(err)
	}
	if g.Player(1) != "Column" || g.Strategy(0, 1) != "Defect" || g.Strategy(1, 1) != "2" || g.Title != "Prisoner's dilemma" {
		t.Errorf("labels: %q %q %q %q", g.Player(1), g.Strategy(0, 1), g.Strategy(1, 1), g.Title)
	}
	if v := g.Payoff([]int{0, 1}, 1); v.Cmp(rat("1/3")) != 0 {
		t.Errorf("payoffs.0.1.1 = %v, want 1/3", v)
	}
	if v := g.Payoff([]int{1, 0}, 1); v.Cmp(rat("1/10")) != 0 {
		t.Errorf("payoffs.1.0.1 = %v, want exactly 1/10", v)
	}
	if v := g.Payoff([]int{0, 1}, 0); v.Sign() != 0 {
		t.Errorf("payoffs.0.1.0 = %v, want 0", v)
	}
	// Without players, the shape gives a 3-player 2×1×2 game.
	h, err := PayoffsFromYAML([]any{
		[]any{[]any{[]any{1, 2, 3}, []any{4, 5, 6}}},
		[]any{[]any{[]any{7, 8, 9}, []any{0, 1, 2}}},
	}, "payoffs")
	if err != nil {
		t.Fatal(err)
	}
	if d := h.Dims(); len(d) != 3 || d[0] != 2 || d[1] != 1 || d[2] != 2 {
		t.Fatalf("dims %v", d)
	}
	if v := h.Payoff([]int{1, 0, 1}, 2); v.Cmp(rat("2")) != 0 {
		t.Errorf("payoffs.1.0.1.2 = %v, want 2", v)
	}
}

// Bad YAML games: one error each, naming the key path.
func TestYAMLErrors(t *testing.T) {
	cases := []struct {
		src, path, msg string
	}{
		{"payofs: []", "payofs", `did you mean "payoffs"`},
		{"title: x", "payoffs", "required"},
		{"payoffs: 3", "payoffs", "nested lists"},
		{"payoffs: []", "payoffs", "empty list"},
		{"payoffs: [[[1, 2], [3]], [[5, 6], [7, 8]]]", "payoffs.0.1", "want 2 payoffs"},
		{"payoffs: [[[1, 2], [3, 4]], [[5, 6]]]", "payoffs.1", "want a list of 2"},
		{"payoffs: [[[1, x], [3, 4]], [[5, 6], [7, 8]]]", "payoffs.0.0.1", "not a number"},
		{"payoffs: [[[1, 1/0], [3, 4]], [[5, 6], [7, 8]]]", "payoffs.0.0.1", "division by zero"},
		{"payoffs: [1, 2]", "payoffs", "one list level per player"},
		{"players: [{name: A, strategies: [a, b]}]\npayoffs: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]", "players", "payoffs are for 2"},
		{"players: [{name: A, strategies: [a]}, {name: B, strategies: [c, d]}]\npayoffs: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]", "players.0.strategies", "1 strategies listed"},
		{"players: [{name: A, strat: [a]}]\npayoffs: [[1]]", "players.0.strat", "unknown key"},
		{"players: [{strategies: [a]}]\npayoffs: [[1]]", "players.0.name", "name"},
		{"title: [1]\npayoffs: [[1]]", "title", "want text"},
	}
	for _, c := range cases {
		var m map[string]any
		if err := yaml.Unmarshal([]byte(c.src), &m); err != nil {
			t.Fatal(err)
		}
		_, err := FromYAMLMap(m)
		if err == nil {
			t.Errorf("%s: accepted", c.src)
			continue
		}
		if !model.IsBadInput(err) || !strings.HasPrefix(err.Error(), c.path+": ") || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %q, want path %q and %q", c.src, err, c.path, c.msg)
		}
	}
}
