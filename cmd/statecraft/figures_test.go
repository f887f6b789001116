package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const figureConfig = `model: espionage
params: {horizon: 20}
sweep:
  grid:
    - {param: strategy, values: [grim, punish]}
    - {param: false_alarm, values: [0, 0.1, 0.2]}
  replications: 8
figures:
  - {name: coop, kind: line, x: detection, y: coop_rate, series: strategy, formats: [svg]}
  - {name: value, kind: line, x: false_alarm, y: value, series: strategy, where: {strategy: tft}, formats: [svg]}
  - {name: good, kind: line, x: false_alarm, y: value, series: strategy, formats: [svg]}
`

// A figure that cannot be drawn — a column the results do not have (the
// grid no longer sweeps detection), or no rows to draw — costs the run
// nothing: results, Parquet, design and manifest are written, the other
// figures drawn, the exit code is 0, and the message names the figure and
// the column. statecraft plot then redraws it once fixed.
func TestFigureFailureKeepsTheRun(t *testing.T) {
	cfg := writeConfig(t, figureConfig)
	dir := t.TempDir()
	code, _, stderr := runCLI(t, nil, "sweep", cfg, "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"results.csv", "results.parquet", "design.csv", "manifest.json", "figures/good.svg"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	for _, w := range []string{"figure coop", `"detection" is not a swept parameter`, "figure value", "no rows match", "2 skipped", "statecraft plot " + dir} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr does not say %q:\n%s", w, stderr)
		}
	}
	var m struct {
		Figures []string `json:"figures"`
		Skipped []struct {
			Figure string `json:"figure"`
			Error  string `json:"error"`
		} `json:"figures_skipped"`
	}
	data, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Figures) != 1 || len(m.Skipped) != 2 || m.Skipped[0].Figure != "coop" || !strings.Contains(m.Skipped[0].Error, "detection") {
		t.Errorf("manifest figures %v, skipped %+v", m.Figures, m.Skipped)
	}

	// plot as recorded: the same two figures fail, as bad input.
	code, _, stderr = runCLI(t, nil, "plot", dir)
	if code != 2 || !strings.Contains(stderr, "figure coop") || !strings.Contains(stderr, "2 of 3 figures") {
		t.Errorf("plot of the broken figures: exit %d %s", code, stderr)
	}
	// plot --set fixes them without a rerun.
	code, out, stderr := runCLI(t, nil, "plot", dir, "--set", "figures.0.x=false_alarm", "--set", "figures.1.where={strategy: grim}")
	if code != 0 || !strings.Contains(out, filepath.Join(dir, "figures", "coop.svg")) || !strings.Contains(out, "value.svg") {
		t.Errorf("plot --set: exit %d\n%s\n%s", code, out, stderr)
	}
	// Only figures can be changed by plot.
	if code, _, stderr := runCLI(t, nil, "plot", dir, "--set", "params.detection=0.5"); code != 2 || !strings.Contains(stderr, "only figures") {
		t.Errorf("plot --set params: exit %d %s", code, stderr)
	}
	// A figure file replaces the run's figures; --formats replaces formats.
	figs := filepath.Join(t.TempDir(), "figs.yaml")
	os.WriteFile(figs, []byte("figures:\n  - {name: slack, x: false_alarm, y: ic_slack, series: strategy}\n"), 0o644)
	code, out, stderr = runCLI(t, nil, "plot", dir, "--figures", figs, "--formats", "pdf,svg")
	if code != 0 || strings.TrimSpace(out) != filepath.Join(dir, "figures", "slack.pdf")+"\n"+filepath.Join(dir, "figures", "slack.svg") {
		t.Errorf("plot --figures --formats: exit %d\n%s\n%s", code, out, stderr)
	}
	pdf, _ := os.ReadFile(filepath.Join(dir, "figures", "slack.pdf"))
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Error("slack.pdf is not a PDF")
	}
	os.WriteFile(figs, []byte("figurs: []\n"), 0o644)
	if code, _, stderr := runCLI(t, nil, "plot", dir, "--figures", figs); code != 2 || !strings.Contains(stderr, `did you mean "figures"`) {
		t.Errorf("plot --figures with a misspelt key: exit %d %s", code, stderr)
	}
}

// Changing only figures: does not recompute: --resume finds the run
// complete (figures are not in the config hash), redraws the new figures and
// records them, leaving results.csv untouched; shards of one config with
// different figures merge.
func TestFigureOnlyChangeResumes(t *testing.T) {
	cfg := writeConfig(t, figureConfig)
	dir := t.TempDir()
	mustRun(t, nil, "sweep", cfg, "-o", dir)
	results := filepath.Join(dir, "results.csv")
	before, _ := os.Stat(results)
	code, out, stderr := runCLI(t, nil, "sweep", cfg, "-o", dir, "--resume", "--formats", "png",
		"--set", "figures=[{name: slack, x: false_alarm, y: ic_slack, series: strategy}]")
	if code != 0 || !strings.Contains(stderr, "nothing was recomputed") || !strings.Contains(out, "slack.png") {
		t.Fatalf("resume after a figure change: exit %d\n%s\n%s", code, out, stderr)
	}
	after, _ := os.Stat(results)
	if !after.ModTime().Equal(before.ModTime()) {
		t.Error("results.csv was rewritten")
	}
	if _, err := os.Stat(filepath.Join(dir, "figures", "slack.svg")); err == nil {
		t.Error("--formats png drew an SVG")
	}
	// statecraft plot now draws the figures the resumed run recorded.
	if out := mustRun(t, nil, "plot", dir); !strings.Contains(out, "slack.png") || strings.Contains(out, "good") {
		t.Errorf("plot after the resume drew %s", out)
	}

	sharded := t.TempDir()
	mustRun(t, nil, "sweep", cfg, "-o", sharded, "--shard", "1/2")
	mustRun(t, nil, "sweep", cfg, "-o", sharded, "--shard", "2/2", "--set", "figures=[]")
	mustRun(t, nil, "merge", sharded)
	sameFiles(t, dir, sharded, "results.csv")
}

func TestFormatsFlag(t *testing.T) {
	cfg := writeConfig(t, figureConfig)
	dir := t.TempDir()
	code, out, stderr := runCLI(t, nil, "sweep", cfg, "-o", dir, "--formats", "pdf")
	if code != 0 || !strings.Contains(out, "good.pdf") || strings.Contains(out, ".svg") {
		t.Errorf("sweep --formats pdf: exit %d\n%s", code, out)
	}
	// The closing summary: cells, where the results and figures are.
	summary := strings.Join(strings.Fields(stderr), " ")
	for _, w := range []string{"Done: 6 cells × 8 replications", "Results: results.csv, results.parquet, design.csv in " + dir, "Figures: 1 drawn (pdf) in " + filepath.Join(dir, "figures"), "2 skipped"} {
		if !strings.Contains(summary, w) {
			t.Errorf("the summary does not say %q:\n%s", w, stderr)
		}
	}
	if code, _, stderr := runCLI(t, nil, "sweep", cfg, "-o", t.TempDir(), "--formats", "png,jpg"); code != 2 || !strings.Contains(stderr, `"jpg"`) {
		t.Errorf("--formats jpg: exit %d %s", code, stderr)
	}
}
