package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/model"
)

func write(t *testing.T, dir, name, body string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExtendsMergesMapsAndReplacesLists(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "base/base.yaml", `model: espionage
params: {detection: 0.7, false_alarm: 0.1, strategy: punish}
sweep:
  grid: [{param: detection, values: [0.5, 0.9]}]
  replications: 10
  seed: 3
`)
	path := write(t, dir, "exp/child.yaml", `extends: ../base/base.yaml
params: {detection: 0.95}
sweep:
  grid: [{param: discount, values: [0.8]}]
`)
	c, err := Load(path, Overrides{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Params["detection"] != 0.95 || c.Params["false_alarm"] != 0.1 || c.Params["strategy"] != "punish" {
		t.Errorf("params merged wrongly: %v", c.Params)
	}
	if len(c.Sweep.Grid) != 1 || c.Sweep.Grid[0].Param != "discount" {
		t.Errorf("the child's grid should replace the base's: %+v", c.Sweep.Grid)
	}
	if c.Sweep.Replications != 10 || c.Sweep.Seed != 3 {
		t.Errorf("sweep scalars not inherited: %+v", c.Sweep)
	}
	if _, ok := c.Raw["extends"]; ok {
		t.Error("extends left in the resolved config")
	}
}

// A parameter given as a mapping (a distribution) replaces the base's whole.
func TestExtendsReplacesStructuredParams(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "base.yaml", "model: timing\nparams:\n  stakes: {dist: uniform, min: 0, max: 1}\n  discount: 0.9\n")
	path := write(t, dir, "child.yaml", "extends: base.yaml\nparams:\n  stakes: {dist: discrete, values: [0.1, 1], weights: [0.9, 0.1]}\n")
	c, err := Load(path, Overrides{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"dist": "discrete", "values": []any{0.1, 1}, "weights": []any{0.9, 0.1}}
	if !reflect.DeepEqual(c.Params["stakes"], want) || c.Params["discount"] != 0.9 {
		t.Errorf("params %v", c.Params)
	}
}

func TestExtendsCycleAndMissingBase(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "a.yaml", "extends: b.yaml\nmodel: espionage\n")
	write(t, dir, "b.yaml", "extends: a.yaml\n")
	if _, err := Load(a, Overrides{}); err == nil || !strings.Contains(err.Error(), "returns to this file") || !model.IsBadInput(err) {
		t.Errorf("cycle: %v", err)
	}
	c := write(t, dir, "c.yaml", "extends: nothere.yaml\nmodel: espionage\n")
	if _, err := Load(c, Overrides{}); err == nil || !strings.Contains(err.Error(), "nothere.yaml") || !strings.Contains(err.Error(), "extended by") {
		t.Errorf("missing base: %v", err)
	}
}

func TestEnvironmentMapping(t *testing.T) {
	got := envPairs([]string{
		"HOME=/root",
		"STATECRAFT_PARAMS_FALSE_ALARM=0.2",
		"STATECRAFT_SWEEP_REPLICATIONS=7",
		"STATECRAFT_MODEL=espionage",
	})
	var keys []string
	for _, p := range got {
		keys = append(keys, p.key+"="+p.value)
	}
	want := []string{"model=espionage", "params.false_alarm=0.2", "sweep.replications=7"}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("env pairs %v, want %v", keys, want)
	}
	path := write(t, t.TempDir(), "c.yaml", "model: espionage\n")
	if _, err := Load(path, Overrides{Environ: []string{"STATECRAFT_PARAM_DETECTION=0.9"}}); err == nil || !strings.Contains(err.Error(), `did you mean "params"`) {
		t.Errorf("misspelt environment section: %v", err)
	}
}

func TestSetParsesYAMLValues(t *testing.T) {
	path := write(t, t.TempDir(), "c.yaml", "model: espionage\n")
	c, err := Load(path, Overrides{Sets: []string{
		"sweep.grid=[{param: detection, values: [0.5, 0.6]}]",
		"params.strategy=punish",
		"Params.Punish_Length=4",
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Sweep.Grid) != 1 || !reflect.DeepEqual(c.Sweep.Grid[0].Values, []any{0.5, 0.6}) {
		t.Errorf("grid from --set: %+v", c.Sweep.Grid)
	}
	if c.Params["strategy"] != "punish" || c.Params["punish_length"] != 4 {
		t.Errorf("params from --set: %v", c.Params)
	}
	for _, bad := range []string{"nokey", "=3", "parms.x=1", "params.detection=[1"} {
		if _, err := Load(path, Overrides{Sets: []string{bad}}); err == nil || !model.IsBadInput(err) {
			t.Errorf("--set %q accepted: %v", bad, err)
		}
	}
}

// The hash ignores what cannot change results and changes with what can.
func TestHash(t *testing.T) {
	dir := t.TempDir()
	path := write(t, dir, "c.yaml", "model: espionage\nparams: {detection: 0.9}\nsweep: {seed: 1, workers: 1}\noutput: {dir: a}\n")
	hashOf := func(path string, sets ...string) string {
		c, err := Load(path, Overrides{Sets: sets})
		if err != nil {
			t.Fatal(err)
		}
		return c.Hash()
	}
	h := func(sets ...string) string { return hashOf(path, sets...) }
	base := h()
	if h("sweep.workers=8", "output.dir=b") != base {
		t.Error("workers or output dir changed the hash")
	}
	if h("params.detection=0.8") == base || h("sweep.seed=2") == base {
		t.Error("a parameter or the seed did not change the hash")
	}
	// Figures, title and description cannot change results, so a run whose
	// figures changed resumes; a polygon figure keeps a column, which can.
	if h("figures=[{name: a, x: detection, y: value}]", "title=x", "description=y") != base {
		t.Error("figures, title or description changed the hash")
	}
	pg := write(t, dir, "p.yaml", "model: payoffset\n")
	hp := func(sets ...string) string { return hashOf(pg, sets...) }
	if hp() == hp("figures=[{name: p, kind: polygon}]") {
		t.Error("a polygon figure's kept vertices did not change the hash")
	}
	if hp("sweep.keep=[vertices]") != hp("figures=[{name: p, kind: polygon}]") {
		t.Error("keeping vertices by sweep.keep and by a polygon figure hash differently")
	}
}

func TestBindNestedDefaultPath(t *testing.T) {
	// Sweeping into a structured parameter the file leaves at its default is
	// covered by models with distribution parameters; here the error path: a
	// nested path into a scalar parameter is refused with its key.
	path := write(t, t.TempDir(), "c.yaml", "model: espionage\nsweep:\n  grid: [{param: detection.x, values: [1]}]\n")
	c, err := Load(path, Overrides{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Bind(); err == nil || !strings.Contains(err.Error(), "sweep.grid.0.param") {
		t.Errorf("nested path into a number: %v", err)
	}
}

// FuzzLoad: whatever the file holds, Load returns a config or a bad-input
// error, and never panics.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		"model: espionage\nparams: {detection: 0.8}\n",
		"model: espionage\nsweep:\n  grid:\n    - {param: detection, from: 0, to: 1, steps: 3}\n",
		"figures: [{name: a, kind: line, x: p, y: q}]\n",
		"params: [1, 2]\n",
		"model: [x]\n",
		"sweep: {grid: 3}\n",
		": : :\n",
		"model: espionage\nparams: {detection: .nan}\n",
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := Load(path, Overrides{})
		if err != nil {
			if !model.IsBadInput(err) {
				t.Fatalf("error not marked bad input: %v", err)
			}
			return
		}
		if st, err := c.Bind(); err == nil {
			if _, err := st.Prepare(); err != nil && !model.IsBadInput(err) {
				t.Fatalf("prepare error not bad input: %v", err)
			}
		} else if !model.IsBadInput(err) {
			t.Fatalf("bind error not bad input: %v", err)
		}
	})
}

// A sweep inside a structured parameter the file leaves at its default
// starts from the default's value: sender_cost.max sweeps the upper end of
// the default uniform law.
func TestSweepInsideDefaultDistribution(t *testing.T) {
	path := write(t, t.TempDir(), "c.yaml", "model: sanctions\nsweep:\n  grid: [{param: sender_cost.max, values: [1, 4]}]\n")
	c, err := Load(path, Overrides{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Bind()
	if err != nil {
		t.Fatal(err)
	}
	params, err := st.Spec.Design.Params(st.Spec.Base, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"dist": "uniform", "min": 0, "max": 4}
	if got := params["sender_cost"]; !reflect.DeepEqual(got, want) {
		t.Errorf("cell 1 sender_cost = %v, want %v", got, want)
	}
	if _, err := st.Model.Prepare(params); err != nil {
		t.Error(err)
	}
}
