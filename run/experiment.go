package run

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/schema"
)

// Experiment is an experiment.yaml: a titled list of runs, each a config
// (usually extending a base config from configs/) with a name.
type Experiment struct {
	Title       string
	Description string
	Runs        []ExperimentRun
	Dir         string
}

// ExperimentRun is one named run of an experiment.
type ExperimentRun struct {
	Name  string
	Study *config.Study
}

var runName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// LoadExperiment reads dir/experiment.yaml and binds every run.
func LoadExperiment(dir string, ov config.Overrides) (*Experiment, error) {
	path := filepath.Join(dir, "experiment.yaml")
	raw, err := config.ReadFile(path)
	if err != nil {
		return nil, err
	}
	bad := func(key, format string, args ...any) error {
		return &config.Error{File: path, Err: schema.Errorf(key, format, args...)}
	}
	for k := range raw {
		switch k {
		case "title", "description", "runs":
		default:
			msg := "unknown key"
			if n := schema.Nearest(k, []string{"title", "description", "runs"}); n != "" {
				msg += fmt.Sprintf("; did you mean %q?", n)
			}
			return nil, bad(k, "%s (valid keys: title, description, runs)", msg)
		}
	}
	e := &Experiment{Dir: dir}
	e.Title, _ = raw["title"].(string)
	e.Description, _ = raw["description"].(string)
	runs, ok := raw["runs"].([]any)
	if !ok || len(runs) == 0 {
		return nil, bad("runs", "an experiment needs runs: a list of configs, each with a name")
	}
	seen := map[string]bool{}
	for i, r := range runs {
		m, ok := r.(map[string]any)
		if !ok {
			return nil, bad(fmt.Sprintf("runs.%d", i), "each run is a mapping: name plus config keys")
		}
		name, _ := m["name"].(string)
		if !runName.MatchString(name) {
			return nil, bad(fmt.Sprintf("runs.%d.name", i), "each run needs a name of lower-case letters, digits, - and _ (it names the run's directory); got %q", name)
		}
		if seen[name] {
			return nil, bad(fmt.Sprintf("runs.%d.name", i), "two runs are named %q", name)
		}
		seen[name] = true
		cfg := make(map[string]any, len(m))
		for k, v := range m {
			if k != "name" {
				cfg[k] = v
			}
		}
		label := fmt.Sprintf("%s: runs.%d (%s)", path, i, name)
		c, err := config.LoadMap(cfg, dir, label, ov)
		if err != nil {
			return nil, err
		}
		c.File = label
		st, err := c.Bind()
		if err != nil {
			return nil, err
		}
		e.Runs = append(e.Runs, ExperimentRun{Name: name, Study: st})
	}
	return e, nil
}

// Reproduce runs every run of the experiment into out/<run name>. progress,
// when set, gives each run its own progress callback (labelled by the run).
func Reproduce(ctx context.Context, e *Experiment, out string, opt Options, progress func(run string) func(done, total int), report func(name string, m *Manifest)) error {
	for _, r := range e.Runs {
		o := opt
		if progress != nil {
			o.Progress = progress(r.Name)
		}
		m, err := Sweep(ctx, r.Study, filepath.Join(out, r.Name), o)
		if err != nil {
			return err
		}
		if report != nil {
			report(r.Name, m)
		}
	}
	return nil
}
