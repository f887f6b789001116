package statecraft

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
)

// Study is a config bound to its model: what Solve, Sweep and Sensitivity
// run. A Study is not changed by its methods; With returns a new one.
type Study struct {
	st *config.Study
}

// Load reads a config file as statecraft solve and sweep do (YAML, JSON or
// TOML; extends: resolved), applies sets — "key=value" pairs exactly as
// given to --set, the value read as YAML — and binds it to its model.
// Environment variables are not read; see LoadEnv.
func Load(path string, sets ...string) (*Study, error) {
	return LoadEnv(path, nil, sets...)
}

// LoadEnv is Load with the STATECRAFT_<SECTION>_<KEY> variables of environ
// (as from os.Environ) applied between the file and sets, the precedence of
// the command line.
func LoadEnv(path string, environ []string, sets ...string) (*Study, error) {
	c, err := config.Load(path, config.Overrides{Sets: sets, Environ: environ})
	if err != nil {
		return nil, err
	}
	return bind(c)
}

// Parse reads a config from its YAML text, for configs written in code.
// extends: is resolved relative to the working directory; messages name the
// config "(config)".
func Parse(text string) (*Study, error) {
	return parse(text, "(config)")
}

func parse(text, label string) (*Study, error) {
	var raw map[string]any
	if err := yaml.Unmarshal([]byte(text), &raw); err != nil {
		return nil, &config.Error{File: label, Err: fmt.Errorf("not a YAML mapping: %v", err)}
	}
	if raw == nil {
		raw = map[string]any{}
	}
	c, err := config.LoadMap(raw, ".", label, config.Overrides{})
	if err != nil {
		return nil, err
	}
	return bind(c)
}

// New is the study of a model at the given parameters (any left out take
// their defaults), with no sweep: Solve runs it, and With adds a sweep.
// Values are Go numbers, strings, booleans, slices and maps, as YAML would
// give them.
func New(modelName string, params map[string]any) (*Study, error) {
	raw := map[string]any{"model": modelName}
	if params != nil {
		raw["params"] = params
	}
	text, err := yaml.Marshal(raw)
	if err != nil {
		return nil, fmt.Errorf("statecraft.New: %v", err)
	}
	return parse(string(text), modelName+" (in code)")
}

func bind(c *config.Config) (*Study, error) {
	st, err := c.Bind()
	if err != nil {
		return nil, err
	}
	return &Study{st: st}, nil
}

// With returns a copy of the study with the config key (a dotted path such
// as params.detection or sweep.replications) set to value, checked as --set
// is: an unknown key or a value out of range is an error naming it.
func (s *Study) With(key string, value any) (*Study, error) {
	text, err := yaml.Marshal(value)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %v", s.st.Config.File, key, err)
	}
	set := key + "=" + strings.TrimSpace(string(text))
	c, err := config.LoadMap(s.st.Config.Raw, filepath.Dir(s.st.Config.File), s.st.Config.File, config.Overrides{Sets: []string{set}})
	if err != nil {
		return nil, err
	}
	return bind(c)
}

// Info describes the study's model: its parameters and metrics.
func (s *Study) Info() model.Info { return s.st.Model.Info() }

// Config is the study's resolved config.
func (s *Study) Config() *config.Config { return s.st.Config }

// OutputDir is the run directory statecraft sweep would use: dir if not
// empty, else output.dir, else runs/<config file name>.
func (s *Study) OutputDir(dir string) string { return s.st.OutputDir(dir) }

// Solution is the model solved at the study's parameters: what statecraft
// solve prints.
type Solution struct {
	Model string
	// Params are the decoded parameters, defaults filled in.
	Params map[string]any
	// Metrics are the deterministic metrics, in the order of Values.
	Metrics []model.Metric
	// Values holds one value per metric; NaN where undefined, the level's
	// index for a categorical metric.
	Values      []float64
	Certificate model.Certificate
	// Extra holds the model's structured outputs (model.Info.Outputs) and
	// derived quantities.
	Extra map[string]any
}

// Solve solves the model at the config's parameters (its sweep and figures
// are not used), as statecraft solve does.
func (s *Study) Solve() (*Solution, error) {
	inst, err := s.st.Prepare()
	if err != nil {
		return nil, err
	}
	name := s.st.Model.Info().Name
	sol, err := inst.Solve()
	if err != nil {
		return nil, fmt.Errorf("%s: solving %s: %w", s.st.Config.File, name, err)
	}
	det, _ := model.Split(inst.Metrics())
	if len(sol.Values) != len(det) {
		return nil, fmt.Errorf("model %s returned %d values for %d metrics", name, len(sol.Values), len(det))
	}
	return &Solution{Model: name, Params: schema.Encode(inst.Params()), Metrics: det,
		Values: sol.Values, Certificate: sol.Certificate, Extra: sol.Extra}, nil
}

// Value returns the metric's value. It panics if the model has no such
// deterministic metric.
func (s *Solution) Value(metric string) float64 {
	return s.Values[s.metric(metric)]
}

// Level returns the level name of a categorical metric's value ("" where it
// is undefined). It panics if the model has no such categorical metric.
func (s *Solution) Level(metric string) string {
	k := s.metric(metric)
	m := s.Metrics[k]
	if len(m.Levels) == 0 {
		panic(fmt.Sprintf("statecraft: metric %s of model %s is numeric, not categorical: use Value", metric, s.Model))
	}
	v := s.Values[k]
	if l := int(v); v == float64(l) && l >= 0 && l < len(m.Levels) {
		return m.Levels[l]
	}
	return ""
}

func (s *Solution) metric(name string) int {
	names := make([]string, len(s.Metrics))
	for i, m := range s.Metrics {
		names[i] = m.Name
	}
	if k := slices.Index(names, name); k >= 0 {
		return k
	}
	panic(unknown("metric of model "+s.Model, name, names))
}

// unknown is the message of a panic about a name that does not exist.
func unknown(what, name string, names []string) string {
	msg := fmt.Sprintf("statecraft: no %s named %q", what, name)
	if n := schema.Nearest(name, names); n != "" {
		msg += fmt.Sprintf("; did you mean %q?", n)
	}
	return msg + " (" + strings.Join(names, ", ") + ")"
}

// Must returns v, and panics if err is not nil. It keeps notebook cells and
// examples short: t := statecraft.Must(s.Sweep()).
func Must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
