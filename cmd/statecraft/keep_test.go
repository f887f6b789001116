package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A payoff-set sweep keeps each cell's vertices as a JSON column, records a
// cell without any pure-strategy equilibrium as NaN (and goes on), and draws
// the polygons. The game's best responses cycle, so it has no equilibrium at
// δ = 0.3; at δ = 0.5 its set is the hull of (1,2), (2,2), (3,3), (1,11/3)
// (worked out by hand in the payoffset tests).
func TestKeptOutputsAndUndefinedCells(t *testing.T) {
	path := writeConfig(t, `model: payoffset
params:
  payoffs: [[[3, 3], [0, 4]], [[0, 2], [1, 1]]]
sweep:
  grid: [{param: discount, values: [0.3, 0.5]}]
figures:
  - {name: sets, kind: polygon, series: discount, formats: [svg]}
`)
	dir := t.TempDir()
	code, _, stderr := runCLI(t, nil, "sweep", path, "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "no solution") {
		t.Errorf("the cell without equilibrium is not reported: %s", stderr)
	}
	f, _ := os.Open(filepath.Join(dir, "results.csv"))
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	if recs[1][col["vertices"]] != "NaN" || recs[1][col["area"]] != "NaN" {
		t.Errorf("δ = 0.3 row: %v", recs[1])
	}
	var vs [][2]float64
	if err := json.Unmarshal([]byte(recs[2][col["vertices"]]), &vs); err != nil || len(vs) != 4 {
		t.Fatalf("δ = 0.5 vertices %q: %v", recs[2][col["vertices"]], err)
	}
	want := [][2]float64{{1, 2}, {2, 2}, {3, 3}, {1, 11.0 / 3}}
	for i := range want {
		if d := abs(vs[i][0]-want[i][0]) + abs(vs[i][1]-want[i][1]); d > 1e-7 {
			t.Errorf("vertex %d = %v, want %v", i, vs[i], want[i])
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "figures", "sets.svg")); err != nil {
		t.Error(err)
	}
	var m struct {
		Invalid int `json:"invalid_cells"`
	}
	data, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if json.Unmarshal(data, &m); m.Invalid != 1 {
		t.Errorf("manifest counts %d cells without results, want 1", m.Invalid)
	}
	// An output the model does not have is refused by name.
	bad := writeConfig(t, "model: payoffset\nsweep: {keep: [vertex]}\n")
	if code, _, stderr := runCLI(t, nil, "sweep", bad, "-o", t.TempDir()); code != 2 || !strings.Contains(stderr, `did you mean "vertices"`) {
		t.Errorf("unknown kept output: exit %d %s", code, stderr)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
