package main

import (
	"fmt"
	"math"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/statecraft/statecraft/internal/plotout"
	"github.com/statecraft/statecraft/robust"
)

func robustCmd(e *env) *cobra.Command {
	var opt robust.RunOptions
	var maximize, asJSON bool
	var threshold float64
	var out string
	var formats []string
	c := &cobra.Command{
		Use:   "robust RUN_DIR --metric M [--maximize|--minimize] [--threshold T]",
		Short: "Which setting of the levers holds up best across the scenarios: regret and satisficing",
		Long: `Compares the settings of a finished run's levers (its grid cells) across its
scenarios (the sample points of sweep.uncertain, the same for every setting) by
one metric (a simulated one by its mean over the replications). Per setting:
the mean and the 5%, 50% and 95% quantiles over the scenarios, the satisficing
share (scenarios where the metric is ≥ --threshold, ≤ with --minimize), and the
maximum regret (Savage): the largest shortfall from the best setting in a
scenario, with the scenario where it is reached. Larger is better unless
--minimize. Scenarios where the metric is undefined for some setting are left
out for all.

Prints the table (--json: the same as DIR/robust.json) and writes
DIR/robust.txt, robust.json, robust.csv and figures/robust.<format>. DIR
defaults to RUN_DIR/robust.

JSON: {"run", "config_sha256", "model", "metric", "column", "direction",
"threshold", "scenarios", "left_out_scenarios", "levers", "uncertain",
"settings": [{"label", "values", "mean", "q05", "q50", "q95", "satisficing",
"max_regret", "max_regret_sample", "max_regret_at"}], "minimax_regret",
"most_satisficing"}; satisficing and most_satisficing are null without
--threshold.`,
		Example: `  statecraft robust runs/scenario-discovery/uncertain --metric sustainable --threshold 1
  statecraft robust runs/scenario-discovery/uncertain --metric value --threshold 2 --json
  statecraft robust RUN --metric false_triggers --minimize`,
		Args: exactArgs(1, "a run directory"),
		RunE: func(c *cobra.Command, args []string) error {
			if opt.Metric == "" {
				return usageError{fmt.Errorf("robust needs --metric, the outcome to compare the levers by, e.g. --metric value")}
			}
			if maximize && opt.Minimize {
				return usageError{fmt.Errorf("--maximize and --minimize exclude each other")}
			}
			if c.Flags().Changed("threshold") {
				if math.IsNaN(threshold) || math.IsInf(threshold, 0) {
					return usageError{fmt.Errorf("--threshold must be a finite number, got %v", threshold)}
				}
				opt.Threshold = &threshold
			}
			if err := plotout.CheckFormats(formats); err != nil {
				return usageError{fmt.Errorf("--formats: %v", err)}
			}
			a, err := robust.Analyze(args[0], opt)
			if err != nil {
				return err
			}
			dir := out
			if dir == "" {
				dir = filepath.Join(args[0], "robust")
			}
			paths, err := a.Write(dir, formats)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "%d settings × %d scenarios; wrote %d files in %s\n", len(a.Settings), a.Scenarios, len(paths), dir)
			if asJSON {
				return writeJSON(e.stdout, a)
			}
			return a.WriteText(e.stdout)
		},
	}
	f := c.Flags()
	f.StringVar(&opt.Metric, "metric", "", "the metric to compare the settings by (a simulated one by its mean)")
	f.BoolVar(&maximize, "maximize", false, "larger is better (the default)")
	f.BoolVar(&opt.Minimize, "minimize", false, "smaller is better")
	f.Float64Var(&threshold, "threshold", 0, "satisficing level: a scenario counts when the metric is ≥ it (≤ with --minimize)")
	f.BoolVar(&asJSON, "json", false, "print the analysis as one JSON object")
	f.StringVarP(&out, "output", "o", "", "output directory (default RUN_DIR/robust)")
	f.StringSliceVar(&formats, "formats", []string{"png", "svg"}, "figure formats: png, svg, pdf")
	return c
}
