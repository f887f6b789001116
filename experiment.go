package statecraft

import (
	"context"
	"fmt"
	"strings"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/run"
	"github.com/statecraft/statecraft/schema"
)

// Experiment is an experiments/<name>/experiment.yaml: a titled list of
// named runs, each a study.
type Experiment struct {
	Title, Description string
	e                  *run.Experiment
}

// LoadExperiment reads dir/experiment.yaml and binds every run, applying
// sets ("key=value" as --set) to each.
func LoadExperiment(dir string, sets ...string) (*Experiment, error) {
	return LoadExperimentEnv(dir, nil, sets...)
}

// LoadExperimentEnv is LoadExperiment with the STATECRAFT_* variables of
// environ applied to each run, as statecraft reproduce does.
func LoadExperimentEnv(dir string, environ []string, sets ...string) (*Experiment, error) {
	e, err := run.LoadExperiment(dir, config.Overrides{Sets: sets, Environ: environ})
	if err != nil {
		return nil, err
	}
	return &Experiment{Title: e.Title, Description: e.Description, e: e}, nil
}

// Runs lists the names of the experiment's runs, in order.
func (e *Experiment) Runs() []string {
	names := make([]string, len(e.e.Runs))
	for i, r := range e.e.Runs {
		names[i] = r.Name
	}
	return names
}

// Study returns the run of that name.
func (e *Experiment) Study(name string) (*Study, error) {
	for _, r := range e.e.Runs {
		if r.Name == name {
			return &Study{st: r.Study}, nil
		}
	}
	msg := fmt.Sprintf("%s: no run %q", e.e.Dir, name)
	if n := schema.Nearest(name, e.Runs()); n != "" {
		msg += fmt.Sprintf("; did you mean %q?", n)
	}
	return nil, fmt.Errorf("%s (runs: %s)", msg, strings.Join(e.Runs(), ", "))
}

// ReproduceOptions tune a reproduction (runs to redo, progress, reports,
// recording the expected results); see [run.ReproduceOptions].
type ReproduceOptions = run.ReproduceOptions

// Reproduction is what a reproduction found: each run compared with the
// experiment's expected/ record, the findings and the README's block.
type Reproduction = run.Reproduction

// ReproduceTo runs every run into out/<run name> as statecraft reproduce
// does, evaluates the experiment's findings and compares the results with
// its expected/ record.
func (e *Experiment) ReproduceTo(ctx context.Context, out string, opt ReproduceOptions) (*Reproduction, error) {
	return run.Reproduce(ctx, e.e, out, opt)
}
