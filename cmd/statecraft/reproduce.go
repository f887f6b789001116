package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/run"
)

func reproduceCmd(e *env) *cobra.Command {
	var out string
	var workers int
	var resume, all bool
	var formats []string
	c := &cobra.Command{
		Use:   "reproduce EXPERIMENT_DIR | --all [EXPERIMENTS_DIR]",
		Short: "Run every run of an experiment and draw its figures",
		Long: `Reads EXPERIMENT_DIR/experiment.yaml, runs each of its runs into
DIR/<run name> (results.csv, manifest.json, figures/) and prints the figures.
DIR defaults to runs/<experiment name>.

--all reproduces every experiment under EXPERIMENTS_DIR (default experiments/),
each into DIR/<experiment name>/<run name> (DIR defaults to runs/).

--resume continues runs interrupted (Ctrl-C, a killed job) where they stopped
and skips finished ones, redrawing their figures; it refuses a run made with a
different config.`,
		Example: `  statecraft reproduce experiments/espionage-restraint
  statecraft reproduce experiments/espionage-restraint -o /tmp/er --workers 2 --formats pdf
  statecraft reproduce experiments/noisy-restraint-tournament --resume
  statecraft reproduce --all`,
		Args: func(c *cobra.Command, args []string) error {
			if all {
				if len(args) > 1 {
					return usageError{fmt.Errorf("reproduce --all takes at most one directory of experiments (got %d arguments)", len(args))}
				}
				return nil
			}
			return exactArgs(1, "an experiment directory (or --all)")(c, args)
		},
		RunE: func(c *cobra.Command, args []string) error {
			if err := run.CheckFormats(formats); err != nil {
				return err
			}
			dirs := args
			base := out
			if all {
				root := "experiments"
				if len(args) == 1 {
					root = args[0]
				}
				matches, _ := filepath.Glob(filepath.Join(root, "*", "experiment.yaml"))
				if len(matches) == 0 {
					return &config.Error{File: root, Err: fmt.Errorf("no experiments here (no */experiment.yaml)")}
				}
				dirs = nil
				for _, m := range matches {
					dirs = append(dirs, filepath.Dir(m))
				}
				if base == "" {
					base = "runs"
				}
			}
			var exps []*run.Experiment
			for _, d := range dirs {
				exp, err := run.LoadExperiment(d, config.Overrides{Environ: e.environ})
				if err != nil {
					return err
				}
				exps = append(exps, exp)
			}
			for i, exp := range exps {
				name := filepath.Base(filepath.Clean(exp.Dir))
				dir := out
				if all {
					dir = filepath.Join(base, name)
				} else if dir == "" {
					dir = filepath.Join("runs", name)
				}
				fmt.Fprintf(e.stderr, "reproducing %s (%d runs) into %s\n", exp.Title, len(exp.Runs), dir)
				opt := run.Options{Workers: workers, Resume: resume, Formats: formats, Warn: warn(e)}
				label := func(r string) func(done, total int) {
					l := name + "/" + r
					if len(exps) > 1 {
						l = fmt.Sprintf("[%d/%d] %s", i+1, len(exps), l)
					}
					return progress(e, l)
				}
				err := run.Reproduce(c.Context(), exp, dir, opt, label, func(r string, m *run.Manifest) {
					rdir := filepath.Join(dir, r)
					if m.Skipped {
						fmt.Fprintf(e.stderr, "%s: already complete, %d cells\n", r, m.Cells)
					} else {
						fmt.Fprintf(e.stderr, "%s: %d cells × %d replications in %.2f s\n", r, m.Cells, m.Replications, m.WallSeconds)
					}
					for _, s := range m.FiguresSkipped {
						fmt.Fprintf(e.stderr, "  skipped %v; redraw with statecraft plot %s\n", s, rdir)
					}
					for _, f := range sortedFigures(m) {
						fmt.Fprintln(e.stdout, filepath.Join(rdir, f))
					}
				})
				if err != nil {
					return err
				}
			}
			return nil
		},
	}
	c.Flags().StringVarP(&out, "output", "o", "", "output directory (default runs/<experiment name>; with --all, runs/)")
	c.Flags().IntVar(&workers, "workers", 0, "parallel workers (default: all cores; results do not depend on it)")
	c.Flags().BoolVar(&resume, "resume", false, "continue interrupted runs and skip finished ones (refused if a run's config changed)")
	c.Flags().BoolVar(&all, "all", false, "reproduce every experiment under EXPERIMENTS_DIR (default experiments/)")
	formatsFlag(c, &formats)
	return c
}
