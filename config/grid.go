package config

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/statecraft/statecraft/schema"
	"github.com/statecraft/statecraft/sweep"
)

// gridExample is shown with every grid error: both forms, in one line.
const gridExample = "e.g. grid: {detection: [0.5, 0.9], false_alarm: {from: 0, to: 0.3, steps: 7}}, or as a list, grid: [{param: detection, values: [0.5, 0.9]}, {param: false_alarm, from: 0, to: 0.3, step: 0.05}]"

// Axis is one swept parameter: a list of values, or an evenly spaced range
// given by from, to and either steps (how many values) or step (their
// spacing). In a config a grid is a list of axes, or a mapping from parameter
// to its values or range, whose axes are in the file's order.
type Axis struct {
	Param  string   `key:"param" default:"" doc:"parameter name, or a dotted path into a structured parameter (attackers.0.harm)"`
	Values []any    `key:"values" doc:"the values, in order"`
	From   *float64 `key:"from" default:"not used" doc:"first value of an evenly spaced range"`
	To     *float64 `key:"to" default:"not used" doc:"last value of the range"`
	Steps  *int     `key:"steps" default:"not used" range:"[1,)" doc:"number of values in the range (from: 0, to: 1, steps: 11 gives 0, 0.1, …, 1)"`
	Step   *float64 `key:"step" default:"not used" doc:"spacing of the range, instead of steps (from: 0, to: 1, step: 0.1 gives the same 11 values); must divide to − from"`
	Log    bool     `key:"log" default:"false" doc:"space the range evenly in log (from and to must be positive; give steps)"`
}

// Validate checks that an axis has exactly one form.
func (a *Axis) Validate() error {
	if a.Param == "" {
		return schema.Errorf("param", "each grid axis needs param: the parameter to sweep")
	}
	ranged := a.From != nil || a.To != nil || a.Steps != nil || a.Step != nil
	switch {
	case len(a.Values) > 0 && ranged:
		return schema.Errorf("values", "give either values or from/to/steps for %s, not both", a.Param)
	case len(a.Values) == 0 && !ranged:
		return schema.Errorf("values", "axis %s needs values: [...] or from, to and steps", a.Param)
	case ranged && a.Steps != nil && a.Step != nil:
		return schema.Errorf("step", "axis %s: give steps (how many values) or step (their spacing), not both", a.Param)
	case ranged && (a.From == nil || a.To == nil || (a.Steps == nil && a.Step == nil)):
		return schema.Errorf("steps", "axis %s needs all of from, to and steps (or step)", a.Param)
	case ranged && a.Log && a.Step != nil:
		return schema.Errorf("step", "a log-spaced axis takes steps (how many values), not step")
	case ranged && a.Log && (*a.From <= 0 || *a.To <= 0):
		return schema.Errorf("from", "a log-spaced axis needs positive from and to; got %g and %g", *a.From, *a.To)
	case !ranged && a.Log:
		return schema.Errorf("log", "log applies to from/to/steps ranges only")
	}
	if a.Step != nil {
		if _, err := a.count(); err != nil {
			return err
		}
	}
	for i, v := range a.Values {
		switch v.(type) {
		case float64, int, int64, string, bool:
		default:
			return schema.Errorf(fmt.Sprintf("values.%d", i), "axis values must be numbers, text or true/false, got %v", v)
		}
	}
	return nil
}

// count is the number of values of a range.
func (a *Axis) count() (int, error) {
	if a.Step == nil {
		return *a.Steps, nil
	}
	span, step := *a.To-*a.From, *a.Step
	if span == 0 {
		return 1, nil
	}
	if step == 0 || math.Signbit(step) != math.Signbit(span) || math.IsNaN(step) || math.IsInf(step, 0) {
		return 0, schema.Errorf("step", "axis %s: step %g does not lead from %g to %g", a.Param, step, *a.From, *a.To)
	}
	k := span / step
	n := math.Round(k)
	if math.Abs(k-n) > 1e-9*math.Max(1, n) || n > 1e7 {
		return 0, schema.Errorf("step", "axis %s: step %g does not divide %g … %g evenly (%.4g steps); use a step that does, or steps: N, the number of values", a.Param, step, *a.From, *a.To, k)
	}
	return int(n) + 1, nil
}

// Resolve returns the axis as a sweep axis.
func (a Axis) Resolve() sweep.Axis {
	if len(a.Values) > 0 {
		return sweep.Axis{Param: a.Param, Values: a.Values}
	}
	n, _ := a.count() // checked by Validate
	var xs []float64
	if a.Log {
		xs = sweep.Logspace(*a.From, *a.To, n)
	} else {
		xs = sweep.Linspace(*a.From, *a.To, n)
	}
	vals := make([]any, len(xs))
	for i, x := range xs {
		vals[i] = x
	}
	return sweep.Axis{Param: a.Param, Values: vals}
}

// gridHint adds the one-line example of a grid to errors about sweep.grid,
// and says what steps means when it was given a fraction.
func gridHint(err error) error {
	var se *schema.Error
	if !errors.As(err, &se) || (se.Path != "sweep.grid" && !strings.HasPrefix(se.Path, "sweep.grid.")) {
		return err
	}
	note := " (" + gridExample + ")"
	if strings.HasSuffix(se.Path, ".steps") && strings.Contains(se.Error(), "whole number") {
		note = " (steps is the number of values; for their spacing write step: 0.1 — " + gridExample + ")"
	}
	return &annotated{err: err, note: note}
}

// orderGrids replaces every sweep.grid written as a mapping in a YAML or
// JSON document by the list form, with the axes in the document's order:
// raw is the document as viper read it (keys lower-cased, mappings unordered,
// dotted keys split), root the same document parsed by yaml.v3, which keeps
// order and keys as written. It follows mappings and lists (an experiment's
// runs) wherever raw and root agree.
func orderGrids(root *yaml.Node, raw map[string]any) error {
	for root != nil && root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	return walkGrids(root, raw, "")
}

func walkGrids(n *yaml.Node, m map[string]any, at string) error {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, v := strings.ToLower(n.Content[i].Value), resolve(n.Content[i+1])
		if key == "grid" && (at == "sweep" || strings.HasSuffix(at, ".sweep")) && v.Kind == yaml.MappingNode {
			list, err := gridFromMapping(v, at+".grid")
			if err != nil {
				return err
			}
			m[key] = list
			continue
		}
		path := key
		if at != "" {
			path = at + "." + key
		}
		switch child := m[key].(type) {
		case map[string]any:
			if err := walkGrids(v, child, path); err != nil {
				return err
			}
		case []any:
			if v.Kind != yaml.SequenceNode || len(v.Content) != len(child) {
				continue
			}
			for j, item := range v.Content {
				if cm, ok := child[j].(map[string]any); ok {
					if err := walkGrids(item, cm, fmt.Sprintf("%s.%d", path, j)); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// gridFromMapping turns {detection: [0.5, 0.9], false_alarm: {from: 0, to:
// 0.3, steps: 7}} into the list form, in order.
func gridFromMapping(n *yaml.Node, at string) ([]any, error) {
	at = strings.TrimPrefix(at, ".")
	var list []any
	for i := 0; i+1 < len(n.Content); i += 2 {
		param := n.Content[i].Value
		var v any
		if err := n.Content[i+1].Decode(&v); err != nil {
			return nil, schema.Errorf(at+"."+param, "%v (%s)", err, gridExample)
		}
		switch x := normalise(v).(type) {
		case []any:
			list = append(list, map[string]any{"param": param, "values": x})
		case map[string]any:
			if _, ok := x["param"]; ok {
				return nil, schema.Errorf(at+"."+param+".param", "in the mapping form the key names the parameter: write %s: {from: …, to: …, steps: …} (%s)", param, gridExample)
			}
			axis := map[string]any{"param": param}
			for k, e := range x {
				axis[k] = e
			}
			list = append(list, axis)
		default:
			return nil, schema.Errorf(at+"."+param, "want the values of %s as a list, [%v, …], or a range {from: …, to: …, steps: …}; got %v (%s)", param, v, v, gridExample)
		}
	}
	return list, nil
}

// unorderedGrid handles a grid that reaches decoding as a mapping (a TOML
// file, whose reader keeps no order): one axis is unambiguous; several are
// refused.
func unorderedGrid(raw map[string]any) error {
	sw, _ := raw["sweep"].(map[string]any)
	g, ok := sw["grid"].(map[string]any)
	if !ok {
		return nil
	}
	if len(g) > 1 {
		return schema.Errorf("sweep.grid", "the order of a grid's axes written as a mapping is lost in this file format; write the list form (%s)", gridExample)
	}
	for k, v := range g {
		node := &yaml.Node{}
		if err := node.Encode(map[string]any{k: v}); err != nil {
			return err
		}
		list, err := gridFromMapping(node, "sweep.grid")
		if err != nil {
			return err
		}
		sw["grid"] = list
	}
	return nil
}
