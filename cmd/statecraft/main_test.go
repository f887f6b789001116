package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// runCLI runs the command in process and returns exit code, stdout, stderr.
func runCLI(t *testing.T, environ []string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := execute(context.Background(), args, &out, &errb, environ)
	return code, out.String(), errb.String()
}

// readTable reads a CSV file: its records, and each column's index by name.
func readTable(t *testing.T, path string) ([][]string, map[string]int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("%s: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	return recs, col
}

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "study.yaml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Every class of bad input exits with code 2 and one message naming the file,
// the key and what is allowed.
func TestBadInputExitCode2(t *testing.T) {
	cases := []struct {
		name   string
		config string // empty: use args only
		args   []string
		env    []string
		want   []string
	}{
		{name: "misspelt parameter", config: "model: espionage\nparams:\n  detectoin: 0.9\n",
			want: []string{"study.yaml", "params.detectoin", `did you mean "detection"`}},
		{name: "misspelt top-level key", config: "model: espionage\nparms:\n  detection: 0.9\n",
			want: []string{"study.yaml", "parms", `did you mean "params"`}},
		{name: "misspelt sweep key", config: "model: espionage\nsweep:\n  replicatons: 10\n",
			want: []string{"sweep.replicatons", `did you mean "replications"`}},
		{name: "wrong type", config: "model: espionage\nparams:\n  detection: high\n",
			want: []string{"params.detection", "want a number", `"high"`}},
		{name: "out of range", config: "model: espionage\nparams:\n  detection: 1.5\n",
			want: []string{"params.detection", "1.5 is out of range", "0 ≤ x ≤ 1"}},
		{name: "q not below p", config: "model: espionage\nparams:\n  detection: 0.3\n  false_alarm: 0.4\n",
			want: []string{"params.false_alarm", "must be below detection"}},
		{name: "both parameter forms", config: "model: espionage\nparams:\n  discount: 0.9\n  review_period: 0.5\n  detection_rate: 3\n  false_alarm_rate: 0.2\n  interest_rate: 0.1\n",
			want: []string{"params.discount", "not both"}},
		{name: "unknown model", config: "model: espionge\n",
			want: []string{"model", `did you mean "espionage"`}},
		{name: "bad enum", config: "model: espionage\nparams:\n  strategy: grimm\n",
			want: []string{"params.strategy", "grim, punish, probabilistic"}},
		{name: "malformed yaml", config: "model: espionage\nparams: [1, 2\n",
			want: []string{"study.yaml", "cannot read"}},
		{name: "missing file", args: []string{"solve", "/nonexistent/study.yaml"},
			want: []string{"/nonexistent/study.yaml", "no such file"}},
		{name: "unknown --set key", config: "model: espionage\n", args: []string{"--set", "params.detecton=0.9"},
			want: []string{"params.detecton", `did you mean "detection"`, "--set"}},
		{name: "--set out of range", config: "model: espionage\n", args: []string{"--set", "params.discount=1"},
			want: []string{"params.discount", "0 < x < 1", "--set params.discount=1"}},
		{name: "environment override", config: "model: espionage\n", env: []string{"STATECRAFT_PARAMS_DETECTION=2"},
			want: []string{"params.detection", "environment variable STATECRAFT_PARAMS_DETECTION"}},
		{name: "unknown flag", args: []string{"solve", "--frobnicate", "x.yaml"}, want: []string{"frobnicate"}},
		{name: "missing argument", args: []string{"solve"}, want: []string{"needs a config file"}},
		{name: "unknown command", args: []string{"swep", "configs/espionage.yaml"}, want: []string{`unknown command "swep"`, `did you mean "sweep"`}},
		{name: "unknown subcommand", args: []string{"game", "solvee", "x.nfg"}, want: []string{`"statecraft game"`, `did you mean "solve"`}},
		{name: "grid of unknown parameter", config: "model: espionage\nsweep:\n  grid:\n    - {param: detecton, values: [0.5]}\n",
			args: []string{"sweep"}, want: []string{"sweep.grid.0.param", `did you mean "detection"`}},
		{name: "grid axis half-given", config: "model: espionage\nsweep:\n  grid:\n    - {param: detection, from: 0.5}\n",
			args: []string{"sweep"}, want: []string{"sweep.grid.0.steps", "from, to and steps"}},
		{name: "distribution with impossible bounds", config: "model: sanctions\nparams:\n  sender_cost: {dist: uniform, min: 2, max: 1}\n",
			want: []string{"params.sender_cost.max", "min < max"}},
		{name: "ROC table not decreasing", config: "model: inspection\nparams:\n  variant: alpha_beta\n  roc: [{alpha: 0.1, beta: 0.5}, {alpha: 0.2, beta: 0.6}]\n",
			want: []string{"params.roc.1.beta"}},
		{name: "more inspections than periods", config: "model: inspection\nparams:\n  variant: dresher\n  periods: 2\n  inspections: 3\n",
			want: []string{"params.inspections", "periods"}},
		{name: "--set of a swept parameter", config: "model: espionage\nsweep:\n  grid: {detection: [0.5, 0.9]}\n",
			args: []string{"sweep", "--set", "params.detection=0.7"}, want: []string{"params.detection", "sweep.grid.0 sweeps", "--set sweep.grid.0='{param: detection, values: [0.7]}'"}},
		{name: "grid value not a list", config: "model: espionage\nsweep:\n  grid: {detection: 0.5}\n",
			args: []string{"sweep"}, want: []string{"sweep.grid.detection", "e.g. grid: {detection: [0.5, 0.9]"}},
		{name: "invalid cell in sweep", config: "model: espionage\nparams: {detection: 0.3}\nsweep:\n  grid:\n    - {param: false_alarm, values: [0.1, 0.5]}\n",
			args: []string{"sweep"}, want: []string{"study.yaml", "cell 1", "false_alarm=0.5", "must be below detection"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := c.args
			if c.config != "" {
				path := writeConfig(t, c.config)
				cmd := "solve"
				rest := args
				if len(args) > 0 && (args[0] == "sweep" || args[0] == "solve") {
					cmd, rest = args[0], args[1:]
				}
				args = append([]string{cmd, path}, rest...)
				if cmd == "sweep" {
					args = append(args, "-o", t.TempDir())
				}
			}
			code, _, stderr := runCLI(t, c.env, args...)
			if code != 2 {
				t.Errorf("exit code %d, want 2; stderr: %s", code, stderr)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("want one line, got:\n%s", stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q does not mention %q", stderr, w)
				}
			}
		})
	}
}

// A failed sweep leaves no results file under the final name.
func TestFailedSweepWritesNothing(t *testing.T) {
	path := writeConfig(t, "model: espionage\nparams: {detection: 0.3}\nsweep:\n  grid:\n    - {param: false_alarm, values: [0.1, 0.5]}\n")
	dir := t.TempDir()
	if code, _, _ := runCLI(t, nil, "sweep", path, "-o", dir); code != 2 {
		t.Fatalf("exit %d", code)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("run directory holds %v after a failed run", entries)
	}
}

func TestSolveJSON(t *testing.T) {
	path := writeConfig(t, "model: espionage\nparams:\n  detection: 0.8\n  false_alarm: 0.1\n  discount: 0.9\n")
	code, out, stderr := runCLI(t, nil, "solve", path, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Model       string              `json:"model"`
		Params      map[string]any      `json:"params"`
		Metrics     map[string]*float64 `json:"metrics"`
		Certificate map[string]any      `json:"certificate"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// Known answer of the espionage model (see model/espionage): grim V = 2.052632 at p=0.8, q=0.1, δ=0.9; δ* = 0.625.
	if v := got.Metrics["value"]; v == nil || math.Abs(*v-2.052632) > 5e-7 {
		t.Errorf("value %v", v)
	}
	if v := got.Metrics["delta_star"]; v == nil || math.Abs(*v-0.625) > 1e-12 {
		t.Errorf("delta_star %v", v)
	}
	if got.Model != "espionage" || got.Params["strategy"] != "grim" || got.Certificate["converged"] != true {
		t.Errorf("json %+v", got)
	}
	// An undefined metric is null: τ* below δ*.
	code, out, _ = runCLI(t, nil, "solve", path, "--json", "--set", "params.discount=0.5")
	if code != 0 || !strings.Contains(out, `"tau_star": null`) {
		t.Errorf("tau_star below δ* should be null:\n%s", out)
	}
}

// Precedence: file < environment < --set.
func TestOverridePrecedence(t *testing.T) {
	path := writeConfig(t, "model: espionage\nparams:\n  detection: 0.6\n")
	value := func(env []string, args ...string) float64 {
		code, out, stderr := runCLI(t, env, append([]string{"solve", path, "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var got struct{ Params map[string]any }
		json.Unmarshal([]byte(out), &got)
		return got.Params["detection"].(float64)
	}
	if v := value(nil); v != 0.6 {
		t.Errorf("file: %g", v)
	}
	env := []string{"STATECRAFT_PARAMS_DETECTION=0.7"}
	if v := value(env); v != 0.7 {
		t.Errorf("environment: %g", v)
	}
	if v := value(env, "--set", "params.detection=0.9"); v != 0.9 {
		t.Errorf("--set: %g", v)
	}
}

// results.csv is byte-identical for 1, 2 and 8 workers.
func TestSweepBytesIndependentOfWorkers(t *testing.T) {
	path := writeConfig(t, `model: espionage
params: {horizon: 40}
sweep:
  grid:
    - {param: strategy, values: [grim, punish]}
    - {param: false_alarm, from: 0, to: 0.3, steps: 4}
    - {param: detection, values: [0.6, 0.9]}
  replications: 64
  seed: 11
`)
	var first []byte
	for _, w := range []string{"1", "2", "8"} {
		dir := t.TempDir()
		if code, _, stderr := runCLI(t, nil, "sweep", path, "-o", dir, "--workers", w); code != 0 {
			t.Fatalf("workers %s: exit %d: %s", w, code, stderr)
		}
		got, err := os.ReadFile(filepath.Join(dir, "results.csv"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		data, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"build", "config_sha256", "seed", "cells", "replications", "workers", "start", "end", "wall_seconds", "config"} {
			if _, ok := m[k]; !ok {
				t.Errorf("manifest lacks %s", k)
			}
		}
		if first == nil {
			first = got
			continue
		}
		if !bytes.Equal(got, first) {
			t.Errorf("workers=%s: results.csv differs from workers=1", w)
		}
	}
}

// A grid written as a mapping, axes in the file's order, gives the bytes of
// the list form.
func TestGridMappingFormSameResults(t *testing.T) {
	list := writeConfig(t, "model: espionage\nparams: {horizon: 20}\nsweep:\n  grid:\n    - {param: strategy, values: [grim, punish]}\n    - {param: false_alarm, from: 0, to: 0.3, steps: 4}\n    - {param: detection, values: [0.6, 0.9]}\n  replications: 16\n")
	mapping := writeConfig(t, "model: espionage\nparams: {horizon: 20}\nsweep:\n  grid: {strategy: [grim, punish], false_alarm: {from: 0, to: 0.3, steps: 4}, detection: [0.6, 0.9]}\n  replications: 16\n")
	a, b := t.TempDir(), t.TempDir()
	mustRun(t, nil, "sweep", list, "-o", a)
	mustRun(t, nil, "sweep", mapping, "-o", b)
	sameFiles(t, a, b, "results.csv", "design.csv", "results.parquet")
}

// statecraft plot re-draws the figures of a finished run from its manifest.
func TestPlotRedraws(t *testing.T) {
	path := writeConfig(t, `model: espionage
sweep:
  grid:
    - {param: false_alarm, values: [0, 0.1, 0.2]}
    - {param: detection, values: [0.6, 0.9]}
  replications: 8
figures:
  - {name: v, kind: heatmap, x: detection, y: false_alarm, z: value, formats: [svg]}
`)
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, nil, "sweep", path, "-o", dir); code != 0 {
		t.Fatalf("sweep: %s", stderr)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "figures", "v.svg"))
	os.Remove(filepath.Join(dir, "figures", "v.svg"))
	if code, _, stderr := runCLI(t, nil, "plot", dir); code != 0 {
		t.Fatalf("plot: %s", stderr)
	}
	after, err := os.ReadFile(filepath.Join(dir, "figures", "v.svg"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("plot did not redraw the same figure (%v)", err)
	}
	if code, _, stderr := runCLI(t, nil, "plot", t.TempDir()); code != 2 || !strings.Contains(stderr, "manifest.json") {
		t.Errorf("plot of a non-run: exit %d %s", code, stderr)
	}
}

func TestDescribeAndModels(t *testing.T) {
	code, out, _ := runCLI(t, nil, "models")
	if code != 0 || !strings.Contains(out, "espionage") {
		t.Errorf("models: %d %s", code, out)
	}
	code, out, _ = runCLI(t, nil, "describe", "espionage")
	for _, w := range []string{"detection", "0 ≤ x ≤ 1", "delta_star", "coop_rate"} {
		if code != 0 || !strings.Contains(out, w) {
			t.Errorf("describe lacks %q", w)
		}
	}
	// describe fits the terminal: $COLUMNS here (a terminal's own width when
	// stdout is one); a wide one gets a table.
	for _, cols := range []int{50, 72, 100} {
		_, out, _ := runCLI(t, []string{fmt.Sprintf("COLUMNS=%d", cols)}, "describe", "tournament")
		for _, line := range strings.Split(out, "\n") {
			if n := utf8.RuneCountInString(line); n > cols && strings.Contains(strings.TrimSpace(line), " ") {
				t.Errorf("COLUMNS=%d: a line of %d characters: %s", cols, n, line)
			}
		}
	}
	if _, out, _ := runCLI(t, []string{"COLUMNS=250"}, "describe", "espionage"); !strings.Contains(out, "  name  ") || !strings.Contains(out, "detection         number") {
		t.Errorf("no table at 250 columns:\n%s", out)
	}
	code, _, stderr := runCLI(t, nil, "describe", "espionag")
	if code != 2 || !strings.Contains(stderr, `did you mean "espionage"`) {
		t.Errorf("describe unknown: %d %s", code, stderr)
	}
}
