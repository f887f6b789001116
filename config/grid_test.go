package config

import (
	"reflect"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/sweep"
)

// axes loads a config and returns its design's axes, or the error.
func axes(t *testing.T, path string, sets ...string) ([]sweep.Axis, error) {
	t.Helper()
	c, err := Load(path, Overrides{Sets: sets})
	if err != nil {
		return nil, err
	}
	st, err := c.Bind()
	if err != nil {
		return nil, err
	}
	return st.Spec.Design.Grid.Axes, nil
}

// A grid written as a mapping is the list form with the axes in the file's
// order — whatever viper does to keys and order — in YAML, JSON, an
// experiment's runs (through LoadMap) and --set; step gives the same values
// as steps.
func TestGridMappingForm(t *testing.T) {
	dir := t.TempDir()
	list := write(t, dir, "list.yaml", `model: sanctions
sweep:
  grid:
    - {param: target_cost, values: [1.5, 3]}
    - {param: sender_cost.max, from: 0.5, to: 2, steps: 4}
    - {param: audience_cost, values: [0.5, 1]}
`)
	want, err := axes(t, list)
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{
		"map.yaml": "model: sanctions\nsweep:\n  grid:\n    target_cost: [1.5, 3]\n    sender_cost.max: {from: 0.5, to: 2, step: 0.5}\n    audience_cost: [0.5, 1]\n",
		"map.json": `{"model": "sanctions", "sweep": {"grid": {"target_cost": [1.5, 3], "sender_cost.max": {"from": 0.5, "to": 2, "steps": 4}, "audience_cost": [0.5, 1]}}}`,
	} {
		got, err := axes(t, write(t, dir, name, body))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: axes %v, want %v", name, got, want)
		}
	}
	got, err := axes(t, list, "sweep.grid={target_cost: [1.5, 3], sender_cost.max: {from: 0.5, to: 2, steps: 4}, audience_cost: [0.5, 1]}")
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("--set sweep.grid as a mapping: %v, %v", got, err)
	}
	got, err = axes(t, list, "sweep={grid: {target_cost: [1.5, 3], sender_cost.max: {from: 0.5, to: 2, steps: 4}, audience_cost: [0.5, 1]}}")
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("--set sweep with a mapping grid: %v, %v", got, err)
	}
	// Inside a list of runs (an experiment file), read by ReadFile.
	raw, err := ReadFile(write(t, dir, "exp.yaml", "runs:\n  - name: a\n    sweep:\n      grid: {b: [1], a: [2], c: [3]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	g := raw["runs"].([]any)[0].(map[string]any)["sweep"].(map[string]any)["grid"].([]any)
	var order []string
	for _, a := range g {
		order = append(order, a.(map[string]any)["param"].(string))
	}
	if strings.Join(order, " ") != "b a c" {
		t.Errorf("experiment run grid order %v", order)
	}
}

// Every grid error names the key and shows a correct grid in one line.
func TestGridErrorsTeach(t *testing.T) {
	dir := t.TempDir()
	for body, want := range map[string]string{
		"grid: [detection]":      "sweep.grid.0",
		"grid: 3":                "sweep.grid",
		"grid: {detection: 0.5}": "sweep.grid.detection",
		"grid: {detection: {param: detection, values: [1]}}":       "the key names the parameter",
		"grid: [{param: detection, from: 0, to: 1, steps: 0.1}]":   "for their spacing write step: 0.1",
		"grid: [{param: detection, from: 0, to: 1, step: 0.3}]":    "does not divide",
		"grid: [{param: detection, from: 0, to: 1, step: -0.1}]":   "does not lead from 0 to 1",
		"grid: {detection: {from: 0, to: 1, steps: 3, step: 0.5}}": "not both",
		"grid: {detecton: [0.5]}":                                  `did you mean "detection"`,
		"grid: [{param: detection, from: 0.1}]":                    "sweep.grid.0.steps",
	} {
		path := write(t, dir, "c.yaml", "model: espionage\nsweep:\n  "+body+"\n")
		_, err := axes(t, path)
		if err == nil {
			t.Errorf("%s: accepted", body)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, want) || !strings.Contains(msg, "e.g. grid: {detection: [0.5, 0.9]") || strings.Contains(msg, "\n") {
			t.Errorf("%s: %v", body, err)
		}
	}
	got, err := axes(t, write(t, dir, "s.yaml", "model: espionage\nsweep:\n  grid: {false_alarm: {from: 0, to: 0.3, step: 0.025}}\n"))
	if err != nil || len(got[0].Values) != 13 || got[0].Values[1] != 0.025 || got[0].Values[12] != 0.3 {
		t.Errorf("step 0.025 over 0 … 0.3: %v %v", got, err)
	}
}

// A --set or environment override of a swept or sampled parameter is
// refused: every cell would replace it.
func TestSweptOverrideRefused(t *testing.T) {
	path := write(t, t.TempDir(), "c.yaml", `model: sanctions
sweep:
  grid: {sender_cost.max: [1, 2]}
  uncertain: [{param: audience_cost, dist: uniform, min: 0, max: 1}]
  samples: 2
`)
	for _, ov := range []Overrides{
		{Sets: []string{"params.sender_cost={dist: uniform, min: 0, max: 3}"}},
		{Sets: []string{"params.audience_cost=0.5"}},
		{Environ: []string{"STATECRAFT_PARAMS_AUDIENCE_COST=0.5"}},
	} {
		c, err := Load(path, ov)
		if err != nil {
			t.Fatal(err)
		}
		st, err := c.Bind()
		if err != nil {
			t.Fatal(err)
		}
		if err := st.CheckSweptOverrides(); err == nil || !model.IsBadInput(err) || !strings.Contains(err.Error(), "would replace it") {
			t.Errorf("%v: %v", ov, err)
		}
	}
	c, _ := Load(path, Overrides{Sets: []string{"params.target_cost=3"}})
	st, _ := c.Bind()
	if err := st.CheckSweptOverrides(); err != nil {
		t.Errorf("an unswept parameter refused: %v", err)
	}
}
