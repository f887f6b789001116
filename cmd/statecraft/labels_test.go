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

// Every axis, legend title and colour bar of every figure of the
// experiments and base configs is labelled from the model's schema (a
// parameter's label tag, a metric's label) or by the figure itself — never
// by a raw column name such as sender_cost.max.
func TestFiguresAreLabelledFromTheSchema(t *testing.T) {
	type study struct {
		name string
		st   *config.Study
	}
	var studies []study
	dirs, _ := filepath.Glob("../../experiments/*")
	for _, d := range dirs {
		e, err := run.LoadExperiment(d, config.Overrides{})
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		for _, r := range e.Runs {
			studies = append(studies, study{filepath.Base(d) + "/" + r.Name, r.Study})
		}
	}
	configs, _ := filepath.Glob("../../configs/*.yaml")
	for _, c := range configs {
		cfg, err := config.Load(c, config.Overrides{})
		if err != nil {
			t.Fatal(err)
		}
		st, err := cfg.Bind()
		if err != nil {
			t.Fatal(err)
		}
		studies = append(studies, study{filepath.Base(c), st})
	}
	figures := 0
	for _, s := range studies {
		plan, err := sweep.NewPlan(&s.st.Spec)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		labels := run.Labels(s.st, plan.Metrics)
		for _, f := range s.st.Config.Figures {
			figures++
			need := func(what, given, col string) {
				if given == "" && col != "" && labels[col].Label == "" {
					t.Errorf("%s, figure %s: the %s (%s) has no label in the schema and none in the figure", s.name, f.Name, what, col)
				}
			}
			switch f.Kind {
			case "line":
				need("x axis", f.XLabel, f.X)
				if len(f.Y) == 1 {
					y := f.Y[0]
					if len(f.Overlay) == 1 {
						y = f.Overlay[0]
					}
					need("y axis", f.YLabel, y)
				}
				need("legend title", "", f.Series)
				if len(f.Y) > 1 && len(f.Names) == 0 {
					for _, y := range f.Y {
						need("legend entry", "", y)
					}
				}
			case "heatmap", "regime":
				need("x axis", f.XLabel, f.X)
				need("y axis", f.YLabel, f.Y.One())
				need("colour scale", f.ZLabel, f.Z)
			case "polygon":
				need("legend title", "", f.Series)
			}
		}
	}
	if figures < 60 {
		t.Errorf("checked %d figures; the experiments and configs have more", figures)
	}
}

// The labels travel with the run: the manifest records the parameters'
// labels, and `statecraft plot` draws from them as the sweep did.
func TestPlotLabelsFromTheManifest(t *testing.T) {
	path := writeConfig(t, "model: espionage\nsweep: {grid: [{param: strategy, values: [grim, punish]}, {param: false_alarm, values: [0, 0.2]}], replications: 8}\n"+
		"figures: [{name: v, kind: line, x: false_alarm, y: coop_rate, series: strategy, formats: [svg]}]\n")
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, nil, "sweep", path, "-o", dir); code != 0 {
		t.Fatalf("sweep: %s", stderr)
	}
	m, err := run.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Parameters) != 2 || m.Parameters[1].Label != "false-alarm rate q" || m.Parameters[1].Unit != "probability" {
		t.Errorf("manifest parameters %+v, want strategy and false_alarm with labels and units", m.Parameters)
	}
	svg := filepath.Join(dir, "figures", "v.svg")
	for _, redraw := range []bool{false, true} {
		if redraw {
			os.Remove(svg)
			if code, _, stderr := runCLI(t, nil, "plot", dir); code != 0 {
				t.Fatalf("plot: %s", stderr)
			}
		}
		b, err := os.ReadFile(svg)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{">false-alarm rate q</text>", ">share of periods with mutual restraint</text>", ">punishment strategy</text>"} {
			if !strings.Contains(string(b), want) {
				t.Errorf("redraw %v: the figure lacks %s", redraw, want)
			}
		}
	}
}
