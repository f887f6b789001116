package discover

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/internal/runtest"
	"github.com/statecraft/statecraft/model"
)

// The worked example's design, small: espionage restraint over uncertain
// detection, false alarms, discount and rogue units, for three strategies.
const espionageRun = `model: espionage
params: {horizon: 20}
sweep:
  grid:
    - {param: strategy, values: [grim, punish, probabilistic]}
  uncertain:
    - {param: detection, dist: uniform, min: 0.5, max: 1}
    - {param: false_alarm, dist: uniform, min: 0, max: 0.3}
    - {param: discount, dist: uniform, min: 0.5, max: 0.99}
    - {param: rogue, dist: uniform, min: 0, max: 0.1}
  sampling: lhs
  samples: 150
  replications: 4
  seed: 2015
`

// Discovery over a real run gives the same boxes for one worker, two
// workers and a sharded, merged run, and each box's counts are those of
// the rows of results.csv inside its limits.
func TestAnalyzeRun(t *testing.T) {
	one := runtest.Sweep(t, espionageRun, 1)
	two := runtest.Sweep(t, espionageRun, 2)
	sharded := runtest.Sharded(t, espionageRun, 3)
	for _, opt := range []Options{
		{Metric: "sustainable", Where: "sustainable == 0", At: []string{"strategy=grim"}},
		{Metric: "coop_rate", Where: "coop_rate < 0.5", Dims: []string{"detection", "false_alarm", "discount", "rogue", "strategy"}, Params: Params{Boxes: 2}},
	} {
		a, err := Analyze(one, opt)
		if err != nil {
			t.Fatalf("%+v: %v", opt, err)
		}
		want := runtest.JSON(t, a)
		for _, dir := range []string{two, sharded} {
			b, err := Analyze(dir, opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := runtest.JSON(t, b); got != want {
				t.Errorf("%s differs from the one-worker run:\n%s\n%s", dir, got, want)
			}
		}
		recount(t, one, opt, a)
	}
}

// recount checks every box against the rows of results.csv.
func recount(t *testing.T, dir string, opt Options, a *Analysis) {
	t.Helper()
	rows, col := runtest.ResultsCSV(t, dir)
	cond, _ := ParseCondition(opt.Where)
	var cases []map[string]string
	coi := 0
	for _, r := range rows {
		ok := true
		for _, at := range opt.At {
			k, v, _ := strings.Cut(at, "=")
			ok = ok && r[col[k]] == v
		}
		v, _ := strconv.ParseFloat(r[col[a.Column]], 64)
		if !ok || v != v {
			continue
		}
		rec := map[string]string{}
		for c, i := range col {
			rec[c] = r[i]
		}
		if cond.Holds(v) {
			rec["?"] = "1"
			coi++
		}
		cases = append(cases, rec)
	}
	if len(cases) != a.Cases || coi != a.Interest {
		t.Fatalf("%d cases, %d of interest; the analysis has %d and %d", len(cases), coi, a.Cases, a.Interest)
	}
	taken := make([]bool, len(cases))
	for _, b := range a.Boxes {
		n, k := 0, 0
		for i, rec := range cases {
			if taken[i] {
				continue
			}
			in := true
			for _, l := range b.Limits {
				if l.Levels != nil {
					in = in && slices.Contains(l.Levels, rec[l.Dim])
					continue
				}
				x, _ := strconv.ParseFloat(rec[l.Dim], 64)
				in = in && x >= l.Lower && x <= l.Upper
			}
			if in {
				taken[i] = true
				n++
				if rec["?"] == "1" {
					k++
				}
			}
		}
		if n != b.Cases || k != b.Interest {
			t.Errorf("%s box %d: limits %+v hold %d rows, %d of interest; the box says %d and %d", opt.Where, b.Box, b.Limits, n, k, b.Cases, b.Interest)
		}
		if len(b.Limits) == 0 {
			t.Errorf("%s box %d has no restriction", opt.Where, b.Box)
		}
	}
}

// Bad input: an unknown metric, a condition selecting no case or every
// case, a run without uncertain parameters, unknown dimensions and levers.
func TestAnalyzeBadInput(t *testing.T) {
	dir := runtest.Sweep(t, espionageRun, 2)
	plain := runtest.Sweep(t, `model: espionage
sweep:
  grid: [{param: detection, values: [0.6, 0.8, 0.9]}]
`, 1)
	sanctions := runtest.Sweep(t, `model: sanctions
sweep:
  uncertain: [{param: audience_cost, dist: uniform, min: 0, max: 2}]
  samples: 20
`, 1)
	cases := []struct {
		dir  string
		opt  Options
		want []string
	}{
		{dir, Options{Metric: "coop", Where: "coop < 0.5"}, []string{"--metric", `unknown metric "coop"`, "coop_rate", "sustainable"}},
		{dir, Options{Metric: "value", Where: "value < -100"}, []string{"--where", "selects no case", "value ranges from"}},
		{dir, Options{Metric: "value", Where: "value < 100"}, []string{"--where", "selects every one of the 450 cases"}},
		{dir, Options{Metric: "value", Where: "value <"}, []string{"--where", "nothing to compare", "e.g. --where 'value < 0.5'"}},
		{dir, Options{Metric: "value"}, []string{"--where", "say which cases"}},
		{dir, Options{Metric: "value", Where: "coop_rate < 0.5"}, []string{"--where", "the condition is on coop_rate but --metric is value"}},
		{dir, Options{Metric: "value", Where: "value == high"}, []string{"value is a number"}},
		{dir, Options{Metric: "value", Where: "value < 2", Dims: []string{"detecton"}}, []string{"--dims", "detecton is not a parameter", "uncertain: detection, false_alarm, discount, rogue", "levers: strategy"}},
		{dir, Options{Metric: "value", Where: "value < 2", At: []string{"strategy=grimm"}}, []string{"--at", "no case has strategy=grimm", "grim, punish, probabilistic"}},
		{dir, Options{Metric: "value", Where: "value < 2", At: []string{"detection=0.5"}}, []string{"--at", "detection is not a lever", "levers: strategy"}},
		{dir, Options{Metric: "value", Where: "value < 2", At: []string{"strategy"}}, []string{"--at", "lever=value"}},
		{dir, Options{Metric: "value", Where: "value < 2", Params: Params{PeelAlpha: 2}}, []string{"--alpha", "(0, 1)"}},
		{dir, Options{Metric: "value", Where: "value < 2", Params: Params{Choose: []int{500}}}, []string{"--box", "not 500"}},
		{plain, Options{Metric: "value", Where: "value < 2"}, []string{"manifest.json", "no uncertain parameters"}},
		{sanctions, Options{Metric: "case", Where: "case < 1"}, []string{"case is categorical", "no_coercion", "e.g. --where 'case == no_coercion'"}},
		{sanctions, Options{Metric: "case", Where: "case == bluff"}, []string{`no level "bluff"`}},
		{t.TempDir(), Options{Metric: "value", Where: "value < 2"}, []string{"not a finished run"}},
	}
	for _, c := range cases {
		_, err := Analyze(c.dir, c.opt)
		if err == nil || !model.IsBadInput(err) {
			t.Errorf("%+v: %v is not bad input", c.opt, err)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%+v: %q does not say %q", c.opt, err, w)
			}
		}
	}
}

// Cells skipped as invalid (false_alarm ≥ detection) have no metric: they
// are left out and counted.
func TestUndefinedCasesLeftOut(t *testing.T) {
	dir := runtest.Sweep(t, `model: espionage
sweep:
  grid: [{param: false_alarm, values: [0.1, 0.7]}]
  uncertain:
    - {param: detection, dist: uniform, min: 0.5, max: 1}
    - {param: discount, dist: uniform, min: 0.5, max: 0.99}
  samples: 200
  seed: 4
  invalid: skip
`, 2)
	rows, col := runtest.ResultsCSV(t, dir)
	undefined := 0
	for _, r := range rows {
		if r[col["value"]] == "NaN" {
			undefined++
		}
	}
	a, err := Analyze(dir, Options{Metric: "value", Where: "value < 2"})
	if err != nil {
		t.Fatal(err)
	}
	if undefined == 0 || a.Undefined != undefined || a.Cases != len(rows)-undefined {
		t.Errorf("%d undefined rows; the analysis left out %d and kept %d of %d", undefined, a.Undefined, a.Cases, len(rows))
	}
	recount(t, dir, Options{Metric: "value", Where: "value < 2"}, a)
}
