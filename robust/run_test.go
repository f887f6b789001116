package robust

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/internal/runtest"
	"github.com/statecraft/statecraft/model"
)

const study = `model: espionage
params: {horizon: 20}
sweep:
  grid:
    - {param: strategy, values: [grim, punish, probabilistic]}
    - {param: punish_length, values: [1, 3]}
  uncertain:
    - {param: detection, dist: uniform, min: 0.5, max: 1}
    - {param: false_alarm, dist: uniform, min: 0, max: 0.3}
    - {param: discount, dist: uniform, min: 0.5, max: 0.99}
  sampling: sobol
  samples: 64
  replications: 4
  seed: 8
`

// The analysis of a real run agrees with a plain recomputation from
// results.csv, and is the same for one worker, two workers and a sharded,
// merged run.
func TestAnalyzeRun(t *testing.T) {
	one := runtest.Sweep(t, study, 1)
	two := runtest.Sweep(t, study, 2)
	sharded := runtest.Sharded(t, study, 4)
	two5 := 2.5
	for _, opt := range []RunOptions{
		{Metric: "value", Options: Options{Threshold: &two5}},
		{Metric: "coop_rate"},
		{Metric: "false_triggers", Options: Options{Minimize: true}},
	} {
		a, err := Analyze(one, opt)
		if err != nil {
			t.Fatal(err)
		}
		want := runtest.JSON(t, a)
		for _, dir := range []string{two, sharded} {
			b, err := Analyze(dir, opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := runtest.JSON(t, b); got != want {
				t.Errorf("%s: %s differs from the one-worker run", opt.Metric, dir)
			}
		}
		recompute(t, one, opt, a)
	}
}

// recompute derives regret and satisficing from results.csv row by row.
func recompute(t *testing.T, dir string, opt RunOptions, a *Analysis) {
	t.Helper()
	rows, col := runtest.ResultsCSV(t, dir)
	byLabel := map[string][]float64{}
	var order []string
	var samples [][]string
	for _, r := range rows {
		label := "strategy=" + r[col["strategy"]] + ", punish_length=" + r[col["punish_length"]]
		if _, ok := byLabel[label]; !ok {
			order = append(order, label)
		}
		v, _ := strconv.ParseFloat(r[col[a.Column]], 64)
		byLabel[label] = append(byLabel[label], v)
		if len(order) == 1 {
			samples = append(samples, []string{r[col["detection"]], r[col["false_alarm"]], r[col["discount"]]})
		}
	}
	if len(a.Settings) != len(order) || a.Scenarios != len(samples) {
		t.Fatalf("%d settings, %d scenarios", len(a.Settings), a.Scenarios)
	}
	sign := 1.0
	if opt.Minimize {
		sign = -1
	}
	for g, label := range order {
		s := a.Settings[g]
		worst, at, sum, meets := -1.0, 0, 0.0, 0
		for k, v := range byLabel[label] {
			best := math.Inf(-1)
			for _, other := range order {
				best = math.Max(best, sign*byLabel[other][k])
			}
			if r := best - sign*v; r > worst {
				worst, at = r, k
			}
			sum += v
			if opt.Threshold != nil && v >= *opt.Threshold {
				meets++
			}
		}
		if s.Label != label || s.MaxRegret != worst || s.MaxRegretSample != at || math.Abs(s.Mean-sum/float64(len(samples))) > 1e-12 {
			t.Errorf("%s %s: %+v; recomputed max regret %v at %d, mean %v", opt.Metric, label, s, worst, at, sum/float64(len(samples)))
		}
		for k, x := range s.MaxRegretAt {
			if strconv.FormatFloat(x, 'g', -1, 64) != samples[at][k] {
				t.Errorf("%s: scenario %v, CSV %v", label, s.MaxRegretAt, samples[at])
			}
		}
		if opt.Threshold != nil && *s.Satisficing != float64(meets)/float64(len(samples)) {
			t.Errorf("%s: satisficing %v, recomputed %d/%d", label, *s.Satisficing, meets, len(samples))
		}
	}
}

func TestAnalyzeBadInput(t *testing.T) {
	dir := runtest.Sweep(t, study, 2)
	oneSetting := runtest.Sweep(t, "model: espionage\nsweep:\n  uncertain: [{param: detection, dist: uniform, min: 0.5, max: 1}]\n  samples: 8\n", 1)
	noScenarios := runtest.Sweep(t, "model: espionage\nsweep:\n  grid: [{param: strategy, values: [grim, punish]}]\n", 1)
	sanctions := runtest.Sweep(t, "model: sanctions\nsweep:\n  grid: [{param: compliance_value, values: [1, 2]}]\n  uncertain: [{param: audience_cost, dist: uniform, min: 0.1, max: 2}]\n  samples: 8\n", 1)
	for _, c := range []struct {
		dir    string
		metric string
		want   []string
	}{
		{dir, "valeu", []string{"--metric", `did you mean "value"`}},
		{oneSetting, "value", []string{"one setting of the levers", "sweep.grid"}},
		{noScenarios, "value", []string{"no uncertain parameters"}},
		{sanctions, "case", []string{"case is categorical"}},
	} {
		_, err := Analyze(c.dir, RunOptions{Metric: c.metric})
		if err == nil || !model.IsBadInput(err) {
			t.Errorf("%s %s: %v is not bad input", c.dir, c.metric, err)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q does not say %q", err, w)
			}
		}
	}
}

// A scenario where one setting's cell is invalid (false_alarm ≥ detection)
// is left out for every setting.
func TestScenariosLeftOut(t *testing.T) {
	dir := runtest.Sweep(t, `model: espionage
sweep:
  grid: [{param: false_alarm, values: [0.1, 0.7]}]
  uncertain: [{param: detection, dist: uniform, min: 0.5, max: 1}]
  samples: 100
  seed: 4
  invalid: skip
`, 1)
	rows, col := runtest.ResultsCSV(t, dir)
	left := 0
	for _, r := range rows[100:] {
		if r[col["value"]] == "NaN" {
			left++
		}
	}
	a, err := Analyze(dir, RunOptions{Metric: "value"})
	if err != nil {
		t.Fatal(err)
	}
	if left == 0 || a.LeftOut != left || a.Scenarios != 100-left {
		t.Errorf("%d scenarios with an invalid cell; the analysis left out %d and kept %d", left, a.LeftOut, a.Scenarios)
	}
	for _, s := range a.Settings {
		if math.IsNaN(s.Mean) || math.IsNaN(s.MaxRegret) {
			t.Errorf("%+v", s)
		}
	}
}
