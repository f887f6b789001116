package main

import (
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
	recs, col := readTable(t, filepath.Join(dir, "results.csv"))
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

// Every parameter the grid does not sweep is a constant column of
// results.csv (and results.parquet): the config's value, else the default,
// NaN for an optional parameter left unset, JSON for structured ones.
func TestFixedParamsAreColumns(t *testing.T) {
	cfg := writeConfig(t, "model: sanctions\nparams: {audience_cost: 0.75}\nsweep:\n  grid: {sender_cost.max: [1, 2]}\n  replications: 4\n")
	dir := t.TempDir()
	mustRun(t, nil, "sweep", cfg, "-o", dir)
	recs, col := readTable(t, filepath.Join(dir, "results.csv"))
	if _, ok := col["sender_cost"]; ok {
		t.Error("sender_cost, swept inside, has a constant column")
	}
	if col["sender_cost.max"] != 1 || col["compliance_value"] != 2 || col["audience_cost"] != 3 {
		t.Errorf("columns %v: want the swept parameter, then the fixed ones", recs[0])
	}
	for _, r := range recs[1:] {
		if r[col["audience_cost"]] != "0.75" || r[col["target_cost"]] != "2" {
			t.Errorf("fixed values %v", r)
		}
	}
	cfg = writeConfig(t, "model: espionage\nsweep:\n  grid: {detection: [0.5]}\n  replications: 0\n")
	dir = t.TempDir()
	mustRun(t, nil, "sweep", cfg, "-o", dir)
	data, _ := os.ReadFile(filepath.Join(dir, "results.csv"))
	lines := strings.Split(string(data), "\n")
	if !strings.HasPrefix(lines[0], "cell,detection,temptation,reward,punishment,sucker,false_alarm,discount,review_period,") ||
		!strings.HasPrefix(lines[1], "0,0.5,5,3,1,0,0.1,0.9,NaN,") {
		t.Errorf("espionage at its defaults:\n%s\n%s", lines[0], lines[1])
	}
}
