package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/config"
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

func TestReproduceEspionageRestraint(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, nil, "reproduce", "../../experiments/espionage-restraint", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{
		"regime-p-delta/figures/regime-p-delta.png", "regime-p-delta/figures/regime-p-delta.svg",
		"coop-vs-false-alarm/figures/coop-vs-false-alarm.png", "delta-star/figures/delta-star.svg",
		"coop-vs-false-alarm/results.csv", "coop-vs-false-alarm/manifest.json",
	} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
		if strings.HasSuffix(f, ".png") && !strings.Contains(stdout, f) {
			t.Errorf("reproduce did not print %s", f)
		}
	}
}
