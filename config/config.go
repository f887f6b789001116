// Package config loads Statecraft config files: YAML (or JSON/TOML, by file
// extension) read with viper, merged with a base file named by extends:, then
// overridden by STATECRAFT_* environment variables and --set key=value, and
// decoded strictly.
//
// A config has the top-level keys model, title, description, extends, params,
// sweep, figures and output. Precedence, lowest first: the base file, the
// file, the environment, --set. Every error names the file and the key path
// and, for a misspelt key, the nearest valid key; all of them are bad input
// (exit code 2).
package config

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/figure"
	"github.com/statecraft/statecraft/schema"
	"github.com/statecraft/statecraft/sweep"
)

// Config is a decoded config file.
type Config struct {
	Model       string         `key:"model" default:"" doc:"registry name of the model (statecraft models lists them)"`
	Title       string         `key:"title" default:"" doc:"one-line title of the study"`
	Description string         `key:"description" default:"" doc:"what the study asks"`
	Extends     string         `key:"extends" default:"" doc:"base config file, relative to this one; this file's params, sweep and output keys replace the base's one by one, other keys whole"`
	Params      map[string]any `key:"params" doc:"model parameters; any parameter not given takes its default"`
	Sweep       Sweep          `key:"sweep" doc:"the design and its replications"`
	Figures     []figure.Spec  `key:"figures" doc:"figures drawn from the results"`
	Output      Output         `key:"output" doc:"where results go"`

	// File is the config's path as given; Raw is the merged map after
	// extends and overrides, before defaults.
	File string         `json:"-"`
	Raw  map[string]any `json:"-"`
	// origins maps overridden key paths to where the override came from,
	// so that messages about them say so.
	origins map[string]string
}

// Sweep is the sweep section.
type Sweep struct {
	Grid         []Axis `key:"grid" doc:"swept parameters: a mapping from each parameter to its values or range, {detection: [0.5, 0.9], false_alarm: {from: 0, to: 0.3, steps: 7}}, or a list of axes as below; cells are their Cartesian product, the last axis varying fastest"`
	Replications int    `key:"replications" default:"100" range:"[0,)" doc:"replications per cell for simulated metrics"`
	Seed         int    `key:"seed" default:"1" range:"[0,)" doc:"seed of every random stream of the run"`
	Workers      int    `key:"workers" default:"0" range:"[0,)" doc:"parallel workers; 0 uses every core (results do not depend on it)"`
	Invalid      string `key:"invalid" default:"error" enum:"error|skip" doc:"what a cell with invalid parameters does: stop the run, or get NaN metrics"`
	// Uncertain parameters are drawn, not chosen: each grid cell is run at
	// every sample point.
	Uncertain []Uncertain `key:"uncertain" doc:"uncertain parameters, each {param: <path>, dist: <law>, <law's parameters>}; sampled sweep.samples times and crossed with the grid (grid cell major, sample minor)"`
	Sampling  string      `key:"sampling" default:"lhs" enum:"random|lhs|sobol" doc:"how the uncertain parameters are sampled: independent draws, Latin hypercube, or scrambled Sobol points"`
	Samples   int         `key:"samples" default:"128" range:"[1,)" doc:"sample points of the uncertain parameters (per grid cell); for statecraft sensitivity, the base samples N (Sobol) or trajectories (Morris)"`
	Raw       bool        `key:"raw" default:"false" doc:"also write every replication's simulated values, one row each, to replications.parquet"`
	Keep      []string    `key:"keep" doc:"structured outputs of the model to keep as JSON columns of results.csv (e.g. [vertices] for payoffset; statecraft describe lists them); polygon figures add theirs"`
}

// Uncertain is one uncertain parameter: a path and its distribution, written
// flat as {param: detection, dist: uniform, min: 0.6, max: 0.9} (the keys of
// the law beside param, as in package dist).
type Uncertain struct {
	Param string
	Dist  dist.Dist
}

// DecodeValue implements schema.Decoder.
func (u *Uncertain) DecodeValue(v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return schema.Errorf("", "want {param: <parameter>, dist: <law>, ...}, e.g. {param: detection, dist: uniform, min: 0.6, max: 0.9}; got %v", v)
	}
	p, _ := m["param"].(string)
	if p == "" {
		return schema.Errorf("param", "each uncertain parameter needs param: the parameter to draw, e.g. {param: detection, dist: uniform, min: 0.6, max: 0.9}")
	}
	rest := make(map[string]any, len(m))
	for k, x := range m {
		if k != "param" {
			rest[k] = x
		}
	}
	switch d := rest["dist"].(type) {
	case nil:
		return schema.Errorf("dist", "uncertain parameter %s needs dist: one of %s, with its parameters beside it, e.g. {param: %s, dist: uniform, min: 0, max: 1}", p, strings.Join(dist.Kinds, ", "), p)
	case map[string]any:
		return schema.Errorf("dist", "write the law's keys beside param, not nested: {param: %s, dist: %v, ...}", p, d["dist"])
	}
	var d dist.Dist
	if err := d.DecodeValue(rest); err != nil {
		return err
	}
	u.Param, u.Dist = p, d
	return nil
}

// SchemaKind names the form in docs.
func (u *Uncertain) SchemaKind() string { return "{param, dist, ...}" }

// Output is the output section.
type Output struct {
	Dir string `key:"dir" default:"" doc:"run directory, relative to the working directory (default runs/<config name>)"`
}

var configSchema = schema.MustOf(Config{})

// Schema returns the schema of config files, for docs.
func Schema() *schema.Schema { return configSchema }

// Error is a config error: the file and what is wrong in it.
type Error struct {
	File string
	Err  error
}

func (e *Error) Error() string {
	if e.File == "" {
		return e.Err.Error()
	}
	return e.File + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// BadInput marks config errors as the user's to fix.
func (e *Error) BadInput() bool { return true }

// Overrides are the values applied over the file.
type Overrides struct {
	// Sets are "key=value" pairs from --set; the value is parsed as YAML.
	Sets []string
	// Environ is the environment (os.Environ()); STATECRAFT_<SECTION>_<KEY>
	// variables override <section>.<key>.
	Environ []string
}

// Load reads, merges, overrides and decodes a config file.
func Load(path string, ov Overrides) (*Config, error) {
	raw, err := loadRaw(path, nil)
	if err != nil {
		return nil, err
	}
	return finish(raw, path, ov)
}

// LoadMap decodes a config given as a map (for example one run of an
// experiment file), resolving extends: relative to dir. label names the map in
// messages (e.g. "experiments/x/experiment.yaml: runs.0").
func LoadMap(raw map[string]any, dir, label string, ov Overrides) (*Config, error) {
	merged, err := mergeExtends(normalise(raw).(map[string]any), dir, label, nil)
	if err != nil {
		return nil, err
	}
	return finish(merged, label, ov)
}

func finish(raw map[string]any, path string, ov Overrides) (*Config, error) {
	var err error
	origins := map[string]string{}
	for _, kv := range envPairs(ov.Environ) {
		if raw, err = applyOverride(raw, kv.key, kv.value, kv.origin); err != nil {
			return nil, &Error{File: path, Err: err}
		}
		origins[kv.key] = kv.origin
	}
	for _, s := range ov.Sets {
		key, value, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(key) == "" {
			return nil, &Error{File: path, Err: fmt.Errorf("--set %q: want key=value, e.g. --set params.detection=0.9", s)}
		}
		key = strings.ToLower(strings.TrimSpace(key))
		origin := "--set " + s
		if raw, err = applyOverride(raw, key, value, origin); err != nil {
			return nil, &Error{File: path, Err: err}
		}
		origins[key] = origin
	}
	c, err := Decode(raw)
	if err != nil {
		return nil, &Error{File: path, Err: withOrigin(gridHint(err), origins)}
	}
	c.File = path
	c.origins = origins
	return c, nil
}

// Decode decodes an already merged config map strictly.
func Decode(raw map[string]any) (*Config, error) {
	var c Config
	if err := unorderedGrid(raw); err != nil {
		return nil, err
	}
	if err := configSchema.Decode(raw, &c); err != nil {
		return nil, err
	}
	if c.Model == "" {
		return nil, schema.Errorf("model", "missing: name the model to run (statecraft models lists them)")
	}
	c.Raw = raw
	return &c, nil
}

// ReadFile reads a YAML, JSON or TOML file into a map with viper (keys
// lower-cased), with a clear error for a missing or malformed file.
func ReadFile(path string) (map[string]any, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &Error{File: path, Err: errors.New("no such file")}
		}
		return nil, &Error{File: path, Err: err}
	}
	v := viper.New()
	v.SetConfigFile(path)
	if ext := strings.TrimPrefix(filepath.Ext(path), "."); ext == "yml" || ext == "" {
		v.SetConfigType("yaml")
	}
	if err := v.ReadInConfig(); err != nil {
		return nil, &Error{File: path, Err: fmt.Errorf("cannot read: %v", err)}
	}
	raw := v.AllSettings()
	// viper keeps no order: grids written as mappings take theirs from the
	// file itself (YAML, and JSON, which YAML reads too).
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml", ".json", "":
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, &Error{File: path, Err: err}
		}
		var root yaml.Node
		if err := yaml.Unmarshal(data, &root); err != nil {
			return nil, &Error{File: path, Err: fmt.Errorf("cannot read: %v", err)}
		}
		if err := orderGrids(&root, raw); err != nil {
			return nil, &Error{File: path, Err: err}
		}
	}
	return raw, nil
}

// loadRaw reads one file and merges it over its extends chain.
func loadRaw(path string, seen []string) (map[string]any, error) {
	abs, _ := filepath.Abs(path)
	for _, s := range seen {
		if s == abs {
			return nil, &Error{File: path, Err: fmt.Errorf("extends: the chain %s returns to this file", strings.Join(append(seen, abs), " → "))}
		}
	}
	child, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	return mergeExtends(child, filepath.Dir(path), path, append(seen, abs))
}

// mergeExtends merges child over the file its extends key names (relative to
// dir), recursively; maps merge key by key, lists and values replace.
func mergeExtends(child map[string]any, dir, label string, seen []string) (map[string]any, error) {
	base, _ := child["extends"].(string)
	if base == "" {
		return child, nil
	}
	if !filepath.IsAbs(base) {
		base = filepath.Join(dir, base)
	}
	parent, err := loadRaw(base, seen)
	if err != nil {
		var ce *Error
		if errors.As(err, &ce) && ce.File == base {
			ce.Err = fmt.Errorf("%v (extended by %s)", ce.Err, label)
		}
		return nil, err
	}
	return mergeSections(parent, child), nil
}

// mergeSections lays child over parent: in the sections params, sweep and
// output the child's keys replace the parent's one by one; everything else
// (and every value inside those sections, even a mapping such as a
// distribution or a list such as sweep.grid) is replaced whole. So a run that
// gives stakes: {dist: discrete, …} replaces the base's uniform law instead of
// mixing their keys.
func mergeSections(parent, child map[string]any) map[string]any {
	out := make(map[string]any, len(parent)+len(child))
	for k, v := range parent {
		out[k] = v
	}
	for k, v := range child {
		pm, pok := parent[k].(map[string]any)
		cm, cok := v.(map[string]any)
		if pok && cok && (k == "params" || k == "sweep" || k == "output") {
			m := make(map[string]any, len(pm)+len(cm))
			for kk, vv := range pm {
				m[kk] = vv
			}
			for kk, vv := range cm {
				m[kk] = vv
			}
			out[k] = m
			continue
		}
		out[k] = v
	}
	delete(out, "extends")
	return out
}

func yamlUnmarshal(s string, v any) error { return yaml.Unmarshal([]byte(s), v) }

type envPair struct{ key, value, origin string }

var sections = []string{"model", "title", "description", "params", "sweep", "output"}

// envPairs maps STATECRAFT_<SECTION>_<KEY>=value to section.key, in sorted
// order so that the result does not depend on the environment's order.
// Within a section the rest of the name is one key (parameter names contain
// underscores).
func envPairs(environ []string) []envPair {
	var out []envPair
	for _, kv := range environ {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, "STATECRAFT_") {
			continue
		}
		rest := strings.ToLower(strings.TrimPrefix(name, "STATECRAFT_"))
		key := rest
		for _, s := range sections {
			if rest == s {
				break
			}
			if strings.HasPrefix(rest, s+"_") {
				key = s + "." + strings.TrimPrefix(rest, s+"_")
				break
			}
		}
		out = append(out, envPair{key: key, value: value, origin: "environment variable " + name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

func applyOverride(raw map[string]any, key, value, origin string) (map[string]any, error) {
	top, _, _ := strings.Cut(key, ".")
	if !contains(configSchema.Keys(), top) {
		msg := fmt.Sprintf("%s: unknown key %q", origin, key)
		n := schema.Nearest(top, configSchema.Keys())
		if first, _, ok := strings.Cut(top, "_"); n == "" && ok {
			n = schema.Nearest(first, configSchema.Keys()) // STATECRAFT_PARAM_X: "param" is the misspelt part
		}
		if n != "" {
			msg += fmt.Sprintf("; did you mean %q?", n)
		}
		return nil, fmt.Errorf("%s (top-level keys: %s)", msg, strings.Join(configSchema.Keys(), ", "))
	}
	var node yaml.Node
	var v any
	if err := yaml.Unmarshal([]byte(value), &node); err != nil {
		return nil, fmt.Errorf("%s: the value is not valid YAML: %v", origin, err)
	}
	if node.Kind != 0 {
		if err := node.Decode(&v); err != nil {
			return nil, fmt.Errorf("%s: the value is not valid YAML: %v", origin, err)
		}
	}
	v = normalise(v)
	// A grid given as a mapping keeps the order written: wrap the value in
	// the sections of its key, order its grids, unwrap.
	if key == "sweep" || key == "sweep.grid" {
		wrapped, inner := &node, v
		if node.Kind == yaml.DocumentNode && len(node.Content) == 1 {
			wrapped = node.Content[0]
		}
		parts := strings.Split(key, ".")
		for i := len(parts) - 1; i >= 0; i-- {
			wrapped = &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: parts[i]}, wrapped}}
			inner = map[string]any{parts[i]: inner}
		}
		if err := orderGrids(wrapped, inner.(map[string]any)); err != nil {
			return nil, fmt.Errorf("%s: %v", origin, err)
		}
		for _, p := range parts {
			inner = inner.(map[string]any)[p]
		}
		v = inner
	}
	out, err := sweep.SetPath(raw, key, v)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", origin, err)
	}
	return out, nil
}

// normalise turns YAML's map[string]any trees into the forms viper produces.
func normalise(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[strings.ToLower(k)] = normalise(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalise(e)
		}
		return out
	}
	return v
}

func withOrigin(err error, origins map[string]string) error {
	var se *schema.Error
	if !errors.As(err, &se) {
		return err
	}
	keys := make([]string, 0, len(origins))
	for k := range origins {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		if se.Path == key || strings.HasPrefix(se.Path, key+".") || strings.HasPrefix(key, se.Path+".") {
			return &annotated{err: err, note: " (from " + origins[key] + ")"}
		}
	}
	return err
}

// annotated adds a note to an error's message and keeps it unwrappable.
type annotated struct {
	err  error
	note string
}

func (a *annotated) Error() string { return a.err.Error() + a.note }
func (a *annotated) Unwrap() error { return a.err }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Hash returns the SHA-256 of the config's canonical JSON form, leaving out
// what cannot change results: sweep.workers, output, title, description and
// figures (only the structured outputs polygon figures keep count, as
// sweep.keep). Two runs with the same hash and seed produce the same results,
// so a run whose figures changed can be resumed and redrawn, not recomputed.
func (c *Config) Hash() string {
	sum := sha256.Sum256(c.HashedJSON())
	return hex.EncodeToString(sum[:])
}

// HashedJSON is the canonical JSON form that Hash digests: the resolved
// config without sweep.workers, output, title, description and figures, with
// sweep.keep the kept outputs (see Keep), keys sorted.
func (c *Config) HashedJSON() []byte {
	m := Canonical(c.Raw)
	sw, _ := m["sweep"].(map[string]any)
	if sw != nil {
		delete(sw, "workers")
		delete(sw, "keep")
	}
	if keep := c.Keep(); len(keep) > 0 {
		if sw == nil {
			sw = map[string]any{}
			m["sweep"] = sw
		}
		list := make([]any, len(keep))
		for i, k := range keep {
			list[i] = k
		}
		sw["keep"] = list
	}
	for _, k := range []string{"output", "title", "description", "figures"} {
		delete(m, k)
	}
	b, _ := json.Marshal(m)
	return b
}

// Canonical returns a deep copy of a raw config map; encoding/json writes its
// keys sorted, which makes the JSON form canonical.
func Canonical(m map[string]any) map[string]any {
	out, _ := deepCopy(m).(map[string]any)
	if out == nil {
		out = map[string]any{}
	}
	return out
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}
