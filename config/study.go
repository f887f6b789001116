package config

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/model/catalog"
	"github.com/statecraft/statecraft/schema"
	"github.com/statecraft/statecraft/sweep"
)

// Study is a config bound to its model: what solve and sweep run.
type Study struct {
	Config *Config
	Model  model.Model
	Spec   sweep.Spec
}

// Bind looks up the config's model, checks parameter names and grid axes
// against its schema and builds the sweep spec.
func (c *Config) Bind() (*Study, error) {
	m, ok := catalog.Lookup(c.Model)
	if !ok {
		names := catalog.Names()
		msg := fmt.Sprintf("unknown model %q", c.Model)
		if n := schema.Nearest(c.Model, names); n != "" {
			msg += fmt.Sprintf("; did you mean %q?", n)
		}
		return nil, c.err(schema.Errorf("model", "%s (models: %s)", msg, strings.Join(names, ", ")))
	}
	info := m.Info()
	keys := info.Params.Keys()
	for k := range c.Params {
		if _, ok := info.Params.Field(k); !ok {
			msg := "unknown parameter of model " + info.Name
			if n := schema.Nearest(k, keys); n != "" {
				msg += fmt.Sprintf("; did you mean %q?", n)
			}
			return nil, c.err(schema.Errorf("params."+k, "%s (parameters: %s)", msg, strings.Join(keys, ", ")))
		}
	}
	base := c.Params
	if base == nil {
		base = map[string]any{}
	}
	var grid sweep.Grid
	seen := map[string]string{}
	for i, a := range c.Sweep.Grid {
		at := fmt.Sprintf("sweep.grid.%d.param", i)
		ax := a.Resolve()
		var err error
		if base, err = c.checkPath(info, keys, base, at, a.Param, ax.Values[0], seen); err != nil {
			return nil, gridHint(err)
		}
		grid.Axes = append(grid.Axes, ax)
	}
	design := sweep.Design{Grid: grid}
	if len(c.Sweep.Uncertain) > 0 {
		dists := make([]dist.Dist, len(c.Sweep.Uncertain))
		for i, u := range c.Sweep.Uncertain {
			at := fmt.Sprintf("sweep.uncertain.%d.param", i)
			if f, ok := info.Params.Field(u.Param); ok && f.Kind != schema.Float && f.Kind != schema.Int {
				return nil, c.err(schema.Errorf(at, "%s is a %s, and uncertain parameters are drawn from distributions of numbers; make it a grid axis (sweep.grid) instead", u.Param, f.Kind))
			}
			var err error
			if base, err = c.checkPath(info, keys, base, at, u.Param, u.Dist.Quantile(0.5), seen); err != nil {
				return nil, err
			}
			design.Uncertain = append(design.Uncertain, u.Param)
			dists[i] = u.Dist
		}
		pts, err := sweep.Sample(c.Sweep.Sampling, c.Sweep.Samples, dists, uint64(c.Sweep.Seed))
		if err != nil {
			return nil, c.err(schema.Prefix("sweep", err))
		}
		design.Points = pts
	}
	keep, err := c.keep(info)
	if err != nil {
		return nil, err
	}
	st := &Study{Config: c, Model: m, Spec: sweep.Spec{
		Fixed:        fixedParams(info, base, design.Columns(), keep),
		Keep:         keep,
		Model:        m,
		Base:         base,
		Design:       design,
		Replications: c.Sweep.Replications,
		Seed:         uint64(c.Sweep.Seed),
		Workers:      c.Sweep.Workers,
		SkipInvalid:  c.Sweep.Invalid == "skip",
	}}
	return st, nil
}

// fixedParams lists the model's parameters that no grid axis or uncertain
// parameter reaches into, with the value every cell shares: the config's, or
// the documented default; "NaN" for an optional parameter left unset (the
// model derives it or does not use it) or a list with no default. Numbers,
// text and booleans are written as in the design; lists, mappings and
// distributions as JSON. A parameter whose name is taken by a kept output
// is left out.
func fixedParams(info model.Info, base map[string]any, swept, keep []string) []sweep.Fixed {
	var out []sweep.Fixed
	for _, f := range info.Params.Fields {
		if slices.ContainsFunc(swept, func(p string) bool { return overlaps(p, f.Key) }) || slices.Contains(keep, f.Key) {
			continue
		}
		v, given := base[f.Key]
		if !given && !f.Optional && f.Default != "" {
			if f.Kind == schema.String || f.Kind == schema.Enum {
				v = f.Default
			} else if d, err := rawDefault(f); err == nil {
				v = d
			}
		}
		fx := sweep.Fixed{Name: f.Key, Value: "NaN", Kind: sweep.String}
		switch f.Kind {
		case schema.Float:
			fx.Kind = sweep.Float
		case schema.Int:
			fx.Kind = sweep.Int
		case schema.Bool:
			fx.Kind = sweep.Bool
		}
		switch x := v.(type) {
		case nil:
		case float64, int, int64, bool, string:
			if fx.Kind == sweep.Int {
				if fl, ok := x.(float64); ok && fl != float64(int64(fl)) {
					fx.Kind = sweep.Float
				}
			}
			fx.Value = sweep.FormatValue(x)
		default:
			text, err := json.Marshal(x)
			if err != nil {
				continue
			}
			fx.Kind, fx.Value = sweep.String, string(text)
		}
		out = append(out, fx)
	}
	return out
}

// checkPath checks a swept or sampled parameter path (at names its config
// key) against the model's schema and the paths already taken, and returns
// base with the parameter's default filled in when a nested path goes into a
// parameter the file leaves out.
func (c *Config) checkPath(info model.Info, keys []string, base map[string]any, at, path string, sample any, seen map[string]string) (map[string]any, error) {
	top, _, nested := strings.Cut(path, ".")
	f, ok := info.Params.Field(top)
	if !ok {
		msg := fmt.Sprintf("%q is not a parameter of model %s", top, info.Name)
		if n := schema.Nearest(top, keys); n != "" {
			msg += fmt.Sprintf("; did you mean %q?", n)
		}
		return nil, c.err(schema.Errorf(at, "%s (parameters: %s)", msg, strings.Join(keys, ", ")))
	}
	entry := strings.TrimSuffix(at, ".param") // e.g. sweep.grid.0
	section := entry[:strings.LastIndex(entry, ".")]
	if prev, dup := seen[path]; dup {
		if strings.HasPrefix(prev, section+".") {
			return nil, c.err(schema.Errorf(at, "%s is listed twice (also at %s)", path, prev))
		}
		return nil, c.err(schema.Errorf(at, "%s is already given at %s: a parameter is either a lever of the grid or uncertain, not both", path, prev))
	}
	seen[path] = entry
	if nested {
		// A nested path into a parameter the file leaves at its default
		// starts from the default's raw form, so that e.g. sender_cost.max
		// can be swept without writing sender_cost out.
		if _, given := base[top]; !given && f.Default != "" && !f.Optional {
			raw, err := rawDefault(f)
			if err != nil {
				return nil, c.err(schema.Errorf(at, "cannot sweep inside %s: %v", top, err))
			}
			var serr error
			if base, serr = sweep.SetPath(base, top, raw); serr != nil {
				return nil, c.err(schema.Errorf(at, "%v", serr))
			}
		}
	}
	if _, err := sweep.SetPath(base, path, sample); err != nil {
		return nil, c.err(schema.Errorf(at, "%v", err))
	}
	return base, nil
}

func rawDefault(f schema.Field) (any, error) {
	var v any
	if err := yamlUnmarshal(f.Default, &v); err != nil {
		return nil, err
	}
	return normalise(v), nil
}

// Prepare prepares the model at the config's parameters (no sweep), with
// errors naming the file and the parameter.
func (s *Study) Prepare() (model.Instance, error) {
	inst, err := s.Model.Prepare(s.Spec.Base)
	if err != nil {
		return nil, s.Config.err(schema.Prefix("params", err))
	}
	return inst, nil
}

// OutputDir is the run directory: the flag if given, else output.dir, else
// runs/<config file name without extension>.
func (s *Study) OutputDir(flag string) string {
	switch {
	case flag != "":
		return flag
	case s.Config.Output.Dir != "":
		return s.Config.Output.Dir
	}
	base := filepath.Base(s.Config.File)
	return filepath.Join("runs", strings.TrimSuffix(base, filepath.Ext(base)))
}

// Keep returns the structured outputs a sweep of the config keeps, in
// column order: sweep.keep, then the field of each polygon figure that names
// an output of the model (a figure naming anything else is reported when it
// is drawn, and keeps nothing).
func (c *Config) Keep() []string {
	var outputs []string
	if m, ok := catalog.Lookup(c.Model); ok {
		for _, o := range m.Info().Outputs {
			outputs = append(outputs, o.Name)
		}
	}
	var keep []string
	for _, k := range c.Sweep.Keep {
		if !slices.Contains(keep, k) {
			keep = append(keep, k)
		}
	}
	for _, f := range c.Figures {
		if f.Kind == "polygon" && slices.Contains(outputs, f.Field) && !slices.Contains(keep, f.Field) {
			keep = append(keep, f.Field)
		}
	}
	return keep
}

// keep checks sweep.keep against the model's documented outputs and returns
// the outputs to keep (see Keep).
func (c *Config) keep(info model.Info) ([]string, error) {
	var names []string
	for _, o := range info.Outputs {
		names = append(names, o.Name)
	}
	for i, k := range c.Sweep.Keep {
		if slices.Contains(names, k) {
			continue
		}
		msg := fmt.Sprintf("%q is not a structured output of model %s", k, info.Name)
		if n := schema.Nearest(k, names); n != "" {
			msg += fmt.Sprintf("; did you mean %q?", n)
		}
		if len(names) == 0 {
			return nil, c.err(schema.Errorf(fmt.Sprintf("sweep.keep.%d", i), "%s (it has none)", msg))
		}
		return nil, c.err(schema.Errorf(fmt.Sprintf("sweep.keep.%d", i), "%s (outputs: %s)", msg, strings.Join(names, ", ")))
	}
	return c.Keep(), nil
}

// CheckFigures verifies the config's figures against the swept parameters and
// the metrics and kept outputs of the run; it returns the first problem.
func (s *Study) CheckFigures(metrics []model.Metric) error {
	for i := range s.Config.Figures {
		if err := s.CheckFigure(i, metrics, s.Spec.Keep); err != nil {
			return err
		}
	}
	return nil
}

// CheckFigure verifies figure i of the config against the swept parameters,
// the metrics and the kept structured outputs of a run.
func (s *Study) CheckFigure(i int, metrics []model.Metric, kept []string) error {
	params := s.Spec.Design.Columns()
	var names []string
	for _, m := range metrics {
		names = append(names, m.Name)
	}
	names = append(names, kept...)
	if err := s.Config.Figures[i].Check(params, names); err != nil {
		return s.Config.err(schema.Prefix(fmt.Sprintf("figures.%d", i), err))
	}
	return nil
}

// Err wraps err with the config's file name; bad-input errors stay bad input.
func (c *Config) err(err error) error {
	if err == nil {
		return nil
	}
	return &Error{File: c.File, Err: withOrigin(err, c.origins)}
}

// Wrap wraps an error from running the study (e.g. an invalid sweep cell)
// with the config's file name.
func (s *Study) Wrap(err error) error {
	if err == nil || !model.IsBadInput(err) {
		return err
	}
	return s.Config.err(err)
}

// CheckSweptOverrides refuses an override (--set or environment) of a
// parameter that the design sweeps or samples: every cell would replace the
// value, so it would be silently ignored. solve, which ignores the design,
// does not call it.
func (s *Study) CheckSweptOverrides() error {
	keys := make([]string, 0, len(s.Config.origins))
	for k := range s.Config.origins {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		name, ok := strings.CutPrefix(k, "params.")
		if !ok {
			continue
		}
		for i, a := range s.Config.Sweep.Grid {
			if overlaps(name, a.Param) {
				value := "…"
				if _, v, ok := strings.Cut(s.Config.origins[k], "="); ok && strings.HasPrefix(s.Config.origins[k], "--set ") && name == a.Param {
					value = v
				}
				return &Error{File: s.Config.File, Err: schema.Errorf(k, "%s sets a parameter that sweep.grid.%d sweeps (%s), so every cell would replace it; to fix it at one value, set the axis instead, --set sweep.grid.%d='{param: %s, values: [%s]}', or remove the axis", s.Config.origins[k], i, a.Param, i, a.Param, value)}
			}
		}
		for i, u := range s.Config.Sweep.Uncertain {
			if overlaps(name, u.Param) {
				return &Error{File: s.Config.File, Err: schema.Errorf(k, "%s sets a parameter that sweep.uncertain.%d draws (%s), so every cell would replace it; remove it from sweep.uncertain to fix it", s.Config.origins[k], i, u.Param)}
			}
		}
	}
	return nil
}

// overlaps reports whether two parameter paths are the same or one lies
// inside the other (sender_cost and sender_cost.max).
func overlaps(a, b string) bool {
	return a == b || strings.HasPrefix(a, b+".") || strings.HasPrefix(b, a+".")
}
