package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/run"
)

func reproduceCmd(e *env) *cobra.Command {
	var out string
	var only, formats []string
	var opt run.ReproduceOptions
	var all bool
	c := &cobra.Command{
		Use:   "reproduce EXPERIMENT_DIR | --all [EXPERIMENTS_DIR]",
		Short: "Run an experiment, draw its figures and check them against its record",
		Long: `Reads EXPERIMENT_DIR/experiment.yaml, runs each of its runs into
DIR/<run name> (results.csv, manifest.json, figures/), evaluates its findings
into DIR/findings.md and DIR/findings.json, and compares the results with the
experiment's record in EXPERIMENT_DIR/expected/ (a digest of each run's
results.csv and the values of a few cells) and its README's findings block.
It prints "reproduced: identical" when every results.csv matches byte for
byte, "reproduced: equal within 1e-9" when only last digits differ (another
CPU's floating point), and otherwise the cells and values that differ, with
exit code 1. DIR defaults to runs/<experiment name>.

--update-expected records the reproduction instead: it rewrites expected/ and
the block of the README between <!-- findings:begin --> and
<!-- findings:end -->. Do it after an intended change, and commit the result.

--run NAME reproduces only that run (repeatable); findings of other runs are
answered from their finished run directories in DIR, or left unchecked.

--all reproduces every experiment under EXPERIMENTS_DIR (default experiments/),
each into DIR/<experiment name>/<run name> (DIR defaults to runs/).

--resume continues runs interrupted (Ctrl-C, a killed job) where they stopped
and skips finished ones, redrawing their figures; it refuses a run made with a
different config.`,
		Example: `  statecraft reproduce experiments/espionage-restraint
  statecraft reproduce experiments/espionage-restraint -o /tmp/er --workers 2 --formats pdf
  statecraft reproduce experiments/noisy-restraint-tournament --resume
  statecraft reproduce experiments/verification-limits --update-expected
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
				if len(only) > 0 {
					return usageError{errors.New("--run names runs of one experiment; leave it out with --all")}
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
			var failed []string
			for i, exp := range exps {
				name := filepath.Base(filepath.Clean(exp.Dir))
				dir := out
				switch {
				case all && dir == "":
					dir = filepath.Join("runs", name)
				case all:
					dir = filepath.Join(out, name)
				case dir == "":
					dir = filepath.Join("runs", name)
				}
				fmt.Fprintf(e.stderr, "reproducing %s (%d runs) into %s\n", exp.Title, len(exp.Runs), dir)
				o := opt
				o.Options.Formats, o.Options.Warn, o.Only = formats, warn(e), only
				o.RunProgress = func(r string) func(done, total int) {
					l := name + "/" + r
					if len(exps) > 1 {
						l = fmt.Sprintf("[%d/%d] %s", i+1, len(exps), l)
					}
					return progress(e, l)
				}
				o.Report = func(r string, m *run.Manifest) {
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
				}
				rep, err := run.Reproduce(c.Context(), exp, dir, o)
				var nr *run.NotReproduced
				if err != nil && !errors.As(err, &nr) {
					return err
				}
				printReproduction(e, exp, rep, opt.UpdateExpected)
				if nr != nil {
					if len(exps) == 1 {
						return nr
					}
					failed = append(failed, exp.Dir)
				}
			}
			if len(failed) > 0 {
				return fmt.Errorf("not reproduced: %s (see above)", strings.Join(failed, ", "))
			}
			return nil
		},
	}
	c.Flags().StringVarP(&out, "output", "o", "", "output directory (default runs/<experiment name>; with --all, runs/)")
	c.Flags().IntVar(&opt.Workers, "workers", 0, "parallel workers (default: all cores; results do not depend on it)")
	c.Flags().BoolVar(&opt.Resume, "resume", false, "continue interrupted runs and skip finished ones (refused if a run's config changed)")
	c.Flags().BoolVar(&opt.UpdateExpected, "update-expected", false, "record this reproduction in EXPERIMENT_DIR/expected/ and rewrite the README's findings block, instead of checking them")
	c.Flags().StringArrayVar(&only, "run", nil, "reproduce only this run of the experiment (repeatable)")
	c.Flags().BoolVar(&all, "all", false, "reproduce every experiment under EXPERIMENTS_DIR (default experiments/)")
	formatsFlag(c, &formats)
	return c
}

// printReproduction reports on stderr how each run and the findings compare
// with the experiment's record.
func printReproduction(e *env, exp *run.Experiment, rep *run.Reproduction, updated bool) {
	w := e.stderr
	if updated {
		for _, f := range rep.Written {
			fmt.Fprintf(w, "recorded %s\n", f)
		}
		return
	}
	for _, rc := range rep.Runs {
		switch rc.Status {
		case "identical":
			fmt.Fprintf(w, "%s: reproduced: identical\n", rc.Run)
		case "equal":
			fmt.Fprintf(w, "%s: reproduced: equal within %g (%s)\n", rc.Run, run.Tolerance, strings.Join(rc.Differences, "; "))
		case "unrecorded":
			fmt.Fprintf(w, "%s: no record to compare with in %s\n", rc.Run, filepath.Join(exp.Dir, "expected"))
		default:
			fmt.Fprintf(w, "%s: NOT reproduced:\n", rc.Run)
			for _, d := range rc.Differences {
				fmt.Fprintf(w, "  %s\n", d)
			}
		}
	}
	if len(exp.Findings) > 0 {
		fmt.Fprintf(w, "findings: %d evaluated → %s", len(rep.Findings), filepath.Join(rep.Dir, "findings.md"))
		if n := len(rep.Unchecked); n > 0 {
			fmt.Fprintf(w, "; %d not checked (their runs were not reproduced: %s)", n, strings.Join(rep.Unchecked, ", "))
		}
		fmt.Fprintln(w)
		if rep.FindingsUnrecorded != "" {
			fmt.Fprintf(w, "  %s\n", rep.FindingsUnrecorded)
		}
		for _, d := range rep.FindingDiffs {
			fmt.Fprintf(w, "  %s\n", d)
		}
		switch rep.README {
		case "missing":
			fmt.Fprintf(w, "README findings block: missing (statecraft reproduce %s --update-expected writes it)\n", exp.Dir)
		default:
			fmt.Fprintf(w, "README findings block: %s\n", rep.README)
		}
	}
	switch {
	case rep.Identical():
		fmt.Fprintln(w, "reproduced: identical")
	case rep.OK() && rep.Complete():
		fmt.Fprintf(w, "reproduced: equal within %g\n", run.Tolerance)
	case rep.OK():
		word := "identical"
		var parts, unrecorded []string
		for _, rc := range rep.Runs {
			switch rc.Status {
			case "equal":
				word = fmt.Sprintf("equal within %g", run.Tolerance)
			case "unrecorded":
				unrecorded = append(unrecorded, rc.Run)
			}
		}
		if len(unrecorded) > 0 {
			parts = append(parts, "runs without a record: "+strings.Join(unrecorded, ", "))
		}
		if rep.FindingsUnrecorded != "" {
			parts = append(parts, "findings without a record")
		}
		if rep.README == "missing" {
			parts = append(parts, "no findings block in the README")
		}
		if len(parts) > 0 {
			parts[len(parts)-1] += fmt.Sprintf(" (statecraft reproduce %s --update-expected records them)", exp.Dir)
		}
		if n := len(rep.Unchecked); n > 0 {
			parts = append(parts, fmt.Sprintf("%d findings of runs not reproduced left unchecked", n))
		}
		fmt.Fprintf(w, "reproduced: %s, in part: %s\n", word, strings.Join(parts, "; "))
	}
}
