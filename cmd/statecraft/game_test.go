package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const gamesDir = "../../model/game/testdata/games"

// The prisoner's dilemma of Gambit's examples has one equilibrium, (D, D);
// the JSON is the shape scripts rely on.
func TestGameSolveJSON(t *testing.T) {
	code, out, stderr := runCLI(t, nil, "game", "solve", filepath.Join(gamesDir, "contrib__pd.nfg"), "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r struct {
		Game       string `json:"game"`
		Method     string `json:"method"`
		Equilibria []struct {
			Profile [][]float64 `json:"profile"`
			Payoffs []float64   `json:"payoffs"`
			Exact   [][]string  `json:"exact"`
		} `json:"equilibria"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if r.Method != "enum" || len(r.Equilibria) != 1 || len(r.Equilibria[0].Exact) != 2 {
		t.Fatalf("report %+v", r)
	}
	for _, p := range r.Equilibria[0].Profile {
		if p[len(p)-1] != 1 {
			t.Errorf("profile %v is not (defect, defect)", r.Equilibria[0].Profile)
		}
	}
}

// .nfg → YAML → .nfg keeps the game exactly.
func TestGameConvertRoundTrip(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(gamesDir, "contrib__e04.nfg")
	y := filepath.Join(dir, "g.yaml")
	back := filepath.Join(dir, "g.nfg")
	for _, args := range [][]string{{"game", "convert", src, y}, {"game", "convert", y, back}} {
		if code, _, stderr := runCLI(t, nil, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	_, a, _ := runCLI(t, nil, "game", "solve", src, "--json")
	_, b, _ := runCLI(t, nil, "game", "solve", back, "--json")
	// The equilibria (everything but the game's name) are identical.
	cut := func(s string) string { return s[strings.Index(s, `"method"`):] }
	if cut(a) != cut(b) {
		t.Errorf("equilibria differ after the round trip:\n%s\n%s", a, b)
	}
}

func TestGameBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.nfg")
	os.WriteFile(bad, []byte("NFG 1 R \"x\" { \"A\" \"B\" } { 2 2 }\n1 2 3\n"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"game", "solve", bad}, "bad.nfg:"},
		{[]string{"game", "solve", filepath.Join(gamesDir, "contrib__pd.nfg"), "--method", "simplex"}, "pure, enum"},
		{[]string{"game", "solve", filepath.Join(dir, "none.nfg")}, "no such file"},
		{[]string{"game", "convert", filepath.Join(gamesDir, "contrib__pd.nfg"), filepath.Join(dir, "x.txt")}, "unknown output format"},
	} {
		code, _, stderr := runCLI(t, nil, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}

// A 2-player .nfg becomes a payoffset config: Gambit's prisoner's dilemma
// (payoffs 9,9 / 0,10 / 10,0 / 1,1 there) solves, and its set at δ = 0.9 is
// a quadrilateral.
func TestGameConvertToPayoffsetConfig(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pd.yaml")
	if code, _, stderr := runCLI(t, nil, "game", "convert", filepath.Join(gamesDir, "contrib__pd.nfg"), out, "--config", "payoffset"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, nil, "solve", out, "--json")
	if code != 0 {
		t.Fatalf("solve: exit %d: %s", code, stderr)
	}
	var r struct {
		Metrics  map[string]float64 `json:"metrics"`
		Vertices [][2]float64       `json:"vertices"`
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil || len(r.Vertices) < 3 || r.Metrics["area"] <= 0 {
		t.Errorf("payoff set of the converted game: %v %+v", err, r)
	}
	if code, _, stderr := runCLI(t, nil, "game", "convert", filepath.Join(gamesDir, "contrib__2x2x2.nfg"), out, "--config", "payoffset"); code != 2 || !strings.Contains(stderr, "2-player") {
		t.Errorf("3-player game into payoffset: exit %d %s", code, stderr)
	}
}
