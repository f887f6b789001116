package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// statecraft robust prints the settings' regret and satisficing (or JSON)
// and writes its table and figure; bad input exits with 2.
func TestRobustCommand(t *testing.T) {
	run := t.TempDir()
	mustRun(t, nil, "sweep", writeConfig(t, discoverConfig), "-o", run)
	out := mustRun(t, nil, "robust", run, "--metric", "sustainable", "--threshold", "1", "--json")
	var a struct {
		Direction       string
		Scenarios       int
		Settings        []struct{ Label string }
		MostSatisficing *string `json:"most_satisficing"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if a.Direction != "maximize" || a.Scenarios != 128 || len(a.Settings) != 2 || a.MostSatisficing == nil {
		t.Fatalf("%+v", a)
	}
	for _, f := range []string{"robust.txt", "robust.json", "robust.csv", "figures/robust.svg", "figures/robust.png"} {
		if _, err := os.Stat(filepath.Join(run, "robust", f)); err != nil {
			t.Error(err)
		}
	}
	text := mustRun(t, nil, "robust", run, "--metric", "ic_slack", "--minimize", "-o", t.TempDir())
	if !strings.Contains(text, "minimize ic_slack across 128 scenarios") || !strings.Contains(text, "Smallest maximum regret") || strings.Contains(text, "Largest satisficing") {
		t.Errorf("table:\n%s", text)
	}
	plain := t.TempDir()
	mustRun(t, nil, "sweep", writeConfig(t, "model: espionage\nsweep:\n  grid: [{param: detection, values: [0.6, 0.9]}]\n"), "-o", plain)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"robust", run}, "needs --metric"},
		{[]string{"robust", plain, "--metric", "value"}, "no uncertain parameters"},
		{[]string{"robust", run, "--metric", "value", "--maximize", "--minimize"}, "exclude each other"},
		{[]string{"robust", run, "--metric", "value", "--threshold", "NaN"}, "finite"},
		{[]string{"robust", run, "--metric", "vlue"}, `did you mean "value"`},
		{[]string{"robust", run, "--metric", "value", "--formats", "jpg"}, "unknown figure format"},
	} {
		code, _, stderr := runCLI(t, nil, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q (want 2 and %q)", c.args[1:], code, stderr, c.want)
		}
	}
}
