package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const discoverConfig = `model: espionage
sweep:
  grid:
    - {param: strategy, values: [grim, punish]}
  uncertain:
    - {param: detection, dist: uniform, min: 0.5, max: 1}
    - {param: false_alarm, dist: uniform, min: 0, max: 0.3}
    - {param: discount, dist: uniform, min: 0.5, max: 0.99}
  sampling: sobol
  samples: 128
  replications: 0
  seed: 3
`

// statecraft discover prints the boxes (or JSON) and writes its tables,
// JSON and figures; bad input exits with 2 and one message.
func TestDiscoverCommand(t *testing.T) {
	run := t.TempDir()
	mustRun(t, nil, "sweep", writeConfig(t, discoverConfig), "-o", run)
	out := mustRun(t, nil, "discover", run, "--metric", "sustainable", "--where", "sustainable == 0", "--at", "strategy=grim", "--json")
	var a struct {
		Cases, Interest int
		Boxes           []struct {
			Coverage, Density float64
			Limits            []struct{ Dim string }
			Trajectory        []json.RawMessage
		}
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if a.Cases != 128 || a.Interest == 0 || len(a.Boxes) != 1 || len(a.Boxes[0].Limits) == 0 || len(a.Boxes[0].Trajectory) < 3 {
		t.Fatalf("%+v", a)
	}
	for _, f := range []string{"discover.txt", "discover.json", "boxes.csv", "trajectory.csv", "figures/tradeoff-box1.svg", "figures/limits-box1.png", "figures/pairs-box1.svg"} {
		if _, err := os.Stat(filepath.Join(run, "discover", f)); err != nil {
			t.Error(err)
		}
	}
	other := t.TempDir()
	text := mustRun(t, nil, "discover", run, "--metric", "value", "--where", "value < 2", "--boxes", "2", "--box", "3", "-o", other, "--formats", "svg")
	if !strings.Contains(text, "Box 1: step 3 of") || !strings.Contains(text, "chosen with --box") || !strings.Contains(text, "Trajectory of box 1") {
		t.Errorf("table:\n%s", text)
	}
	if _, err := os.Stat(filepath.Join(other, "figures", "tradeoff-box1.png")); !os.IsNotExist(err) {
		t.Error("--formats svg wrote a PNG")
	}

	plain := t.TempDir()
	mustRun(t, nil, "sweep", writeConfig(t, "model: espionage\nsweep:\n  grid: [{param: detection, values: [0.6, 0.9]}]\n"), "-o", plain)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"discover", run, "--where", "value < 2"}, "needs --metric"},
		{[]string{"discover", run, "--metric", "valu", "--where", "valu < 2"}, `did you mean "value"`},
		{[]string{"discover", run, "--metric", "value", "--where", "value < -5"}, "selects no case"},
		{[]string{"discover", run, "--metric", "value", "--where", "value > -5"}, "selects every one"},
		{[]string{"discover", run, "--metric", "value", "--where", "value ~ 1"}, "--where"},
		{[]string{"discover", plain, "--metric", "value", "--where", "value < 2"}, "no uncertain parameters"},
		{[]string{"discover", run, "--metric", "value", "--where", "value < 2", "--formats", "gif"}, "unknown figure format"},
		{[]string{"discover", run, "--metric", "value", "--where", "value < 2", "--objective", "greedy"}, "--objective"},
		{[]string{"discover", run, "--metric", "value", "--where", "value < 2", "--alpha", "0"}, "--alpha"},
		{[]string{"discover"}, "needs a run directory"},
	} {
		code, _, stderr := runCLI(t, nil, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("%v: exit %d, %q (want 2 and %q)", c.args[1:], code, stderr, c.want)
		}
	}
}
