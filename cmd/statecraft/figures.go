package main

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/statecraft/statecraft/run"
)

// formatsFlag adds --formats to a command that draws figures.
func formatsFlag(c *cobra.Command, formats *[]string) {
	c.Flags().StringSliceVar(formats, "formats", nil, "figure formats for every figure, replacing each figure's own: any of png, svg, pdf (e.g. --formats pdf or --formats png,svg,pdf)")
}

func plotCmd(e *env) *cobra.Command {
	var opt run.PlotOptions
	c := &cobra.Command{
		Use:   "plot RUN_DIR",
		Short: "Redraw the figures of a finished run from its results, without rerunning",
		Long: `Redraws the figures of a finished run from RUN_DIR/results.csv and the figures
section of the config recorded in RUN_DIR/manifest.json. Nothing is recomputed.

--figures FILE replaces the run's figures by the figures: list of FILE (a file
holding only figures:, or any config file); --set changes them key by key
(--set figures.0.formats=[pdf], --set figures.1.where='{strategy: grim}');
--formats replaces every figure's formats. Neither changes the manifest: the
run's own figures stay what its config says.

Prints the files drawn. A figure that cannot be drawn is reported on stderr
and the others are still drawn; the exit code is then 2 when the figure asks
for something the results do not have, 1 when a file could not be read or
written.`,
		Example: `  statecraft plot runs/espionage
  statecraft plot runs/espionage --formats pdf
  statecraft plot runs/espionage --set figures.0.y=value --set figures.0.title='Value of grim trigger'
  statecraft plot runs/espionage --figures my-figures.yaml`,
		Args: exactArgs(1, "a run directory"),
		RunE: func(c *cobra.Command, args []string) error {
			drawn, skipped, err := run.Plot(args[0], opt)
			if err != nil {
				return err
			}
			for _, p := range drawn {
				fmt.Fprintln(e.stdout, filepath.Join(args[0], p))
			}
			if len(skipped) == 0 {
				return nil
			}
			bad := true
			var msgs []string
			for _, s := range skipped {
				msgs = append(msgs, s.Error())
				bad = bad && s.BadInput()
			}
			err = fmt.Errorf("%d of %d figures not drawn: %s", len(skipped), len(skipped)+figureCount(drawn), strings.Join(msgs, "; "))
			if bad {
				return usageError{err}
			}
			return err
		},
	}
	c.Flags().StringVar(&opt.FiguresFile, "figures", "", "YAML file whose figures: list replaces the run's (a config file serves too)")
	c.Flags().StringArrayVar(&opt.Sets, "set", nil, "change a figure key, e.g. --set figures.0.formats=[pdf] (repeatable; the value is YAML)")
	formatsFlag(c, &opt.Formats)
	return c
}

// figureCount counts the figures among drawn files (one per format).
func figureCount(files []string) int {
	seen := map[string]bool{}
	for _, f := range files {
		seen[strings.TrimSuffix(f, filepath.Ext(f))] = true
	}
	return len(seen)
}

// printSummary tells on stderr, in one paragraph, what a finished run did and
// where everything is, and lists each skipped figure with how to redraw it.
func printSummary(e *env, dir string, m *run.Manifest) {
	var b strings.Builder
	if m.Skipped {
		fmt.Fprintf(&b, "The run in %s was already complete (%d cells); nothing was recomputed.", dir, m.Cells)
	} else {
		reps := ""
		if m.Replications > 0 {
			reps = fmt.Sprintf(" × %d replications", m.Replications)
		}
		fmt.Fprintf(&b, "Done: %d cells%s on %d workers in %s.", m.Cells, reps, m.Workers, seconds(m.WallSeconds))
	}
	if m.Invalid > 0 {
		fmt.Fprintf(&b, " %d cells had invalid parameters and hold NaN (first: %s).", m.Invalid, m.InvalidNotes[0])
	}
	var outs []string
	for _, o := range []string{"results.csv", "results.parquet", "replications.parquet", "design.csv"} {
		for _, have := range m.Outputs {
			if have == o {
				outs = append(outs, o)
			}
		}
	}
	fmt.Fprintf(&b, " Results: %s in %s, with manifest.json (what ran).", strings.Join(outs, ", "), dir)
	drawn := figureCount(m.Figures)
	switch {
	case drawn == 0 && len(m.FiguresSkipped) == 0:
		b.WriteString(" No figures declared.")
	default:
		fmt.Fprintf(&b, " Figures: %d drawn", drawn)
		if drawn > 0 {
			exts := map[string]bool{}
			for _, f := range m.Figures {
				exts[strings.TrimPrefix(filepath.Ext(f), ".")] = true
			}
			var list []string
			for x := range exts {
				list = append(list, x)
			}
			sort.Strings(list)
			fmt.Fprintf(&b, " (%s) in %s", strings.Join(list, ", "), filepath.Join(dir, "figures"))
		}
		if n := len(m.FiguresSkipped); n > 0 {
			fmt.Fprintf(&b, ", %d skipped; fix them and redraw with statecraft plot %s (no recomputation)", n, dir)
		}
		b.WriteString(".")
	}
	fmt.Fprintln(e.stderr, wrap(b.String(), termWidth(e.stderr, e.environ)))
	for _, s := range m.FiguresSkipped {
		fmt.Fprintf(e.stderr, "  skipped %v\n", s)
	}
}

func seconds(s float64) string {
	if s < 60 {
		return fmt.Sprintf("%.2f s", s)
	}
	return fmt.Sprintf("%d min %d s", int(s)/60, int(s)%60)
}

// warn prints a warning line on stderr.
func warn(e *env) func(string) {
	return func(msg string) { fmt.Fprintf(e.stderr, "warning: %s\n", msg) }
}
