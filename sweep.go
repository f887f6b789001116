package statecraft

import (
	"context"

	"github.com/statecraft/statecraft/run"
	"github.com/statecraft/statecraft/sweep"
)

// Options tune a run without changing its results: Workers (0: sweep.workers,
// else every core), Progress (called after each row with rows done and to
// do), and Resume (SweepTo and SweepShard only: continue an interrupted run).
type Options = run.Options

// Sweep runs the config's sweep in memory and returns its results: every
// cell of sweep.grid crossed with the sweep.samples draws of
// sweep.uncertain, sweep.replications replications per cell for simulated
// metrics, on every core. The table holds the rows of the results.csv that
// statecraft sweep writes for the same config, whatever the worker count.
func (s *Study) Sweep() (*Table, error) {
	return s.SweepContext(context.Background(), Options{})
}

// SweepContext is Sweep with a context that stops the run, and options.
func (s *Study) SweepContext(ctx context.Context, opt Options) (*Table, error) {
	spec := s.st.Spec
	if opt.Workers > 0 {
		spec.Workers = opt.Workers
	}
	spec.Progress = opt.Progress
	plan, err := sweep.NewPlan(&spec)
	if err != nil {
		return nil, s.st.Wrap(err)
	}
	if err := s.st.CheckFigures(plan.Metrics); err != nil {
		return nil, err
	}
	var rows rowSink
	stats, err := sweep.Run(ctx, spec, &rows)
	if err != nil {
		return nil, s.st.Wrap(err)
	}
	return newTable(plan, spec.Design, s.Info(), run.Labels(s.st, plan.Metrics), rows.rows, stats), nil
}

// SweepTo runs the sweep into the run directory dir as statecraft sweep
// does — design.csv, results.csv, results.parquet, replications.parquet
// with sweep.raw, manifest.json and the config's figures, each written
// atomically — and returns the manifest. With opt.Resume it continues an
// interrupted run (see package run).
func (s *Study) SweepTo(ctx context.Context, dir string, opt Options) (*run.Manifest, error) {
	return run.Sweep(ctx, s.st, dir, opt)
}

// SweepShard runs shard sh of the sweep into dir/parts, as statecraft sweep
// --shard does; statecraft merge (run.Merge) combines the parts.
func (s *Study) SweepShard(ctx context.Context, dir string, sh sweep.Shard, opt Options) (*run.Part, error) {
	return run.RunPart(ctx, s.st, dir, sh, opt)
}
