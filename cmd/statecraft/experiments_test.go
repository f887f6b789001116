package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/findings"
	"github.com/statecraft/statecraft/run"
	"github.com/statecraft/statecraft/sweep"
)

// Every experiment and base config in the repository loads and binds to its
// model, and every figure refers to swept parameters and metrics of its run. Running
// every experiment takes about a minute, so only espionage-restraint is
// reproduced here.
func TestExperimentsAndConfigsLoad(t *testing.T) {
	dirs, _ := filepath.Glob("../../experiments/*")
	if len(dirs) < 7 {
		t.Fatalf("found %d experiments", len(dirs))
	}
	for _, d := range dirs {
		e, err := run.LoadExperiment(d, config.Overrides{})
		if err != nil {
			t.Errorf("%s: %v", d, err)
			continue
		}
		for _, r := range e.Runs {
			plan, err := sweep.NewPlan(&r.Study.Spec)
			if err == nil {
				err = r.Study.CheckFigures(plan.Metrics)
			}
			if err != nil {
				t.Errorf("%s run %s: %v", d, r.Name, err)
			}
		}
		if _, err := os.Stat(filepath.Join(d, "README.md")); err != nil {
			t.Errorf("%s has no README.md", d)
		}
	}
	configs, _ := filepath.Glob("../../configs/*.yaml")
	for _, c := range configs {
		cfg, err := config.Load(c, config.Overrides{})
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		st, err := cfg.Bind()
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if _, err := st.Prepare(); err != nil {
			t.Errorf("%s: solve at its params: %v", c, err)
		}
		plan, err := sweep.NewPlan(&st.Spec)
		if err == nil {
			err = st.CheckFigures(plan.Metrics)
		}
		if err != nil {
			t.Errorf("%s: %v", c, err)
		}
	}
}

// -experiments.full reproduces the slow runs too.
var fullExperiments = flag.Bool("experiments.full", false, "reproduce every run of every experiment, the slow ones too")

// slowRuns are left out of the default test run (measured on 2 cores:
// misattribution takes 13–30 s of the tournament's 17–40 s); their findings
// are still checked against the record by TestExperimentReadmes.
var slowRuns = map[string][]string{"noisy-restraint-tournament": {"misattribution"}}

// Every experiment reproduces its record: each run's results.csv byte for
// byte (or within 1e-9, on another CPU), each finding, and the README's
// findings block — what statecraft reproduce checks.
func TestExperimentsReproduce(t *testing.T) {
	dirs, _ := filepath.Glob("../../experiments/*")
	for _, d := range dirs {
		name := filepath.Base(d)
		t.Run(name, func(t *testing.T) {
			out := t.TempDir()
			args := []string{"reproduce", d, "-o", out}
			if slow := slowRuns[name]; len(slow) > 0 && !*fullExperiments {
				e, err := run.LoadExperiment(d, config.Overrides{})
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range e.RunNames() {
					if !slices.Contains(slow, r) {
						args = append(args, "--run", r)
					}
				}
			}
			code, stdout, stderr := runCLI(t, nil, args...)
			if code != 0 {
				t.Fatalf("exit %d:\n%s", code, stderr)
			}
			last := stderr[strings.LastIndex(strings.TrimSuffix(stderr, "\n"), "\n")+1:]
			if !strings.HasPrefix(last, "reproduced: identical") && !strings.HasPrefix(last, "reproduced: equal within") {
				t.Errorf("not reproduced:\n%s", stderr)
			}
			for _, bad := range []string{"no record", "without a record", "NOT reproduced", "skipped figure", "README findings block: differs", "README findings block: missing"} {
				if strings.Contains(stderr, bad) {
					t.Errorf("%s:\n%s", bad, stderr)
				}
			}
			if name == "espionage-restraint" {
				for _, f := range []string{
					"regime-p-delta/figures/regime-p-delta.png", "regime-p-delta/figures/regime-p-delta.svg",
					"coop-vs-false-alarm/figures/coop-vs-false-alarm.png", "delta-star/figures/delta-star.svg",
					"coop-vs-false-alarm/results.csv", "coop-vs-false-alarm/manifest.json", "findings.md", "findings.json",
				} {
					if _, err := os.Stat(filepath.Join(out, f)); err != nil {
						t.Errorf("missing %s", f)
					}
					if strings.HasSuffix(f, ".png") && !strings.Contains(stdout, f) {
						t.Errorf("reproduce did not print %s", f)
					}
				}
			}
		})
	}
}

// Each experiment's README holds the findings block its record gives, so
// every number it states comes from the runs; an edit by hand, or a record
// updated without the README, fails here.
func TestExperimentReadmes(t *testing.T) {
	dirs, _ := filepath.Glob("../../experiments/*")
	for _, d := range dirs {
		e, err := run.LoadExperiment(d, config.Overrides{})
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Findings) == 0 {
			t.Errorf("%s declares no findings", d)
			continue
		}
		rec, err := run.RecordedFindings(e)
		if err != nil {
			t.Errorf("%s: %v", d, err)
			continue
		}
		if len(rec) != len(e.Findings) {
			t.Errorf("%s: %d findings declared, %d recorded (run statecraft reproduce %s --update-expected)", d, len(e.Findings), len(rec), d)
		}
		readme, _ := os.ReadFile(filepath.Join(d, "README.md"))
		block, err := findings.ReadBlock(readme)
		if err != nil || block != findings.Block(rec) {
			t.Errorf("%s/README.md: the findings block is not the recorded one (%v); run statecraft reproduce %s --update-expected", d, err, d)
		}
	}
}

// statecraft reproduce records an experiment with --update-expected, then
// tells a faithful reproduction ("identical") from last-digit differences
// ("equal within"), a changed value (named by cell and column, exit 1), a
// changed config, and a README whose findings block was edited by hand.
func TestReproduceDetectsChanges(t *testing.T) {
	exp := t.TempDir()
	os.WriteFile(filepath.Join(exp, "experiment.yaml"), []byte(`title: A test experiment
runs:
  - name: a
    model: espionage
    params: {horizon: 20}
    sweep: {grid: {false_alarm: [0, 0.1, 0.2]}, replications: 8}
findings:
  - {name: v, run: a, where: {false_alarm: 0.1}, value: value, text: 'grim is worth {value:.4f} at q = {at.false_alarm}'}
`), 0o644)
	os.WriteFile(filepath.Join(exp, "README.md"), []byte("# A test experiment\n"), 0o644)
	out := t.TempDir()
	reproduce := func(env []string, args ...string) (int, string) {
		code, _, stderr := runCLI(t, env, append([]string{"reproduce", exp, "-o", out}, args...)...)
		return code, stderr
	}
	if code, stderr := reproduce(nil, "--update-expected"); code != 0 || !strings.Contains(stderr, "recorded "+filepath.Join(exp, "expected", "a.json")) {
		t.Fatalf("--update-expected: exit %d\n%s", code, stderr)
	}
	readme, _ := os.ReadFile(filepath.Join(exp, "README.md"))
	if !strings.Contains(string(readme), "- grim is worth 2.0526 at q = 0.1\n") {
		t.Errorf("README:\n%s", readme)
	}
	if code, stderr := reproduce(nil); code != 0 || !strings.Contains(stderr, "a: reproduced: identical") || !strings.HasSuffix(stderr, "reproduced: identical\n") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}

	recPath := filepath.Join(exp, "expected", "a.json")
	original, _ := os.ReadFile(recPath)
	tamper := func(value string) {
		var rec map[string]any
		json.Unmarshal(original, &rec)
		rec["results_sha256"] = "0000"
		rec["values"].([]any)[1].(map[string]any)["values"].(map[string]any)["value"] = value
		data, _ := json.Marshal(rec)
		os.WriteFile(recPath, data, 0o644)
	}
	tamper("2.05263157894737") // the last digits of 39/19
	if code, stderr := reproduce(nil); code != 0 || !strings.Contains(stderr, "a: reproduced: equal within 1e-09") {
		t.Errorf("last digits: exit %d\n%s", code, stderr)
	}
	tamper("2.5")
	code, stderr := reproduce(nil)
	if code != 1 || !strings.Contains(stderr, "a: NOT reproduced:") || !strings.Contains(stderr, "cell 1 (false_alarm=0.1): value = 2.052631578947368, recorded 2.5") ||
		!strings.Contains(stderr, "--update-expected") {
		t.Errorf("a changed value: exit %d\n%s", code, stderr)
	}
	os.WriteFile(recPath, original, 0o644)

	// Another config (here from the environment) gives other results.
	code, stderr = reproduce([]string{"STATECRAFT_PARAMS_DISCOUNT=0.95"})
	if code != 1 || !strings.Contains(stderr, "config changed since it was recorded") || !strings.Contains(stderr, `finding v: "grim is worth 1.6897 at q = 0.1", recorded "grim is worth 2.0526 at q = 0.1"`) {
		t.Errorf("another config: exit %d\n%s", code, stderr)
	}

	os.WriteFile(filepath.Join(exp, "README.md"), []byte(strings.Replace(string(readme), "2.0526", "2.06", 1)), 0o644)
	if code, stderr := reproduce(nil); code != 1 || !strings.Contains(stderr, "README findings block: differs") {
		t.Errorf("README edited: exit %d\n%s", code, stderr)
	}
}

// An interrupted reproduction says how to continue, and --resume does,
// skipping the runs already finished; --all reproduces every experiment of a
// directory, each into its own.
func TestReproduceResumeAndAll(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"one", "two"} {
		dir := filepath.Join(root, name)
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "experiment.yaml"), []byte(`title: Experiment `+name+`
runs:
  - {name: a, model: espionage, sweep: {grid: {false_alarm: [0, 0.1]}, replications: 4}}
  - {name: b, model: espionage, sweep: {grid: {detection: [0.5, 0.9]}, replications: 4}}
`), 0o644)
	}
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // as if Ctrl-C came before the first cell
	var stderr bytes.Buffer
	code := execute(ctx, []string{"reproduce", filepath.Join(root, "one"), "-o", out}, io.Discard, &stderr, nil)
	if code != 1 || !strings.Contains(stderr.String(), "interrupted") || !strings.Contains(stderr.String(), "--resume") {
		t.Fatalf("interrupted: exit %d %s", code, stderr.String())
	}
	code, _, msg := runCLI(t, nil, "reproduce", filepath.Join(root, "one"), "-o", out, "--resume")
	if code != 0 || !strings.Contains(msg, "a: 2 cells") {
		t.Fatalf("--resume: exit %d\n%s", code, msg)
	}
	code, _, msg = runCLI(t, nil, "reproduce", filepath.Join(root, "one"), "-o", out, "--resume")
	if code != 0 || !strings.Contains(msg, "a: already complete") || !strings.Contains(msg, "b: already complete") {
		t.Errorf("--resume of a finished reproduction: exit %d\n%s", code, msg)
	}

	all := t.TempDir()
	code, _, msg = runCLI(t, nil, "reproduce", "--all", root, "-o", all)
	if code != 0 || !strings.Contains(msg, "Experiment one") || !strings.Contains(msg, "Experiment two") {
		t.Fatalf("--all: exit %d\n%s", code, msg)
	}
	for _, f := range []string{"one/a/results.csv", "one/b/manifest.json", "two/a/results.csv", "two/b/manifest.json"} {
		if _, err := os.Stat(filepath.Join(all, f)); err != nil {
			t.Errorf("--all: missing %s", f)
		}
	}
	if code, _, msg := runCLI(t, nil, "reproduce", "--all", t.TempDir()); code != 2 || !strings.Contains(msg, "no experiments") {
		t.Errorf("--all of an empty directory: exit %d %s", code, msg)
	}
	if code, _, msg := runCLI(t, nil, "reproduce", filepath.Join(root, "one"), "-o", out, "--run", "c"); code != 2 || !strings.Contains(msg, "--run c: no such run") {
		t.Errorf("--run of an unknown run: exit %d %s", code, msg)
	}
}
