package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/run"
)

func sensitivityCmd(e *env) *cobra.Command {
	var sets []string
	var out, method string
	var workers, resamples, levels int
	var asJSON, secondOrder bool
	c := &cobra.Command{
		Use:   "sensitivity CONFIG",
		Short: "Which uncertain parameter drives each metric: Sobol indices or Morris screening",
		Long: `Treats the config's sweep.uncertain parameters (each with its distribution) as
the factors of a global sensitivity analysis of every numeric metric of the
model, at the config's params (the grid must have one cell).

--method sobol (default): Saltelli's design with N = sweep.samples base samples
(N(K+2) model runs for K parameters, N(2K+2) with --second-order), first-order
S1 and total ST indices (Saltelli 2010; Jansen 1999), second-order S2, and
bootstrap percentile intervals (--resamples). --method morris: N random
trajectories on a --levels grid, μ*, μ and σ of the elementary effects
(Morris 1991; Campolongo et al. 2007).

The design points run through the sweep engine in parallel; a simulated metric
is analysed by its mean over sweep.replications. Each design point draws its own
random streams, so Monte Carlo noise looks like interaction (ST above S1 for
every parameter): raise sweep.replications until the indices settle. A metric
undefined (NaN) at some design point, or categorical, is skipped with a note.
Everything is seeded from
sweep.seed, so the output is reproducible. Writes DIR/results.csv (the model
runs), design.csv, indices.csv, sensitivity.json, sensitivity.txt,
figures/sensitivity-<metric>.{png,svg} and manifest.json; DIR defaults to
<output.dir, else runs/<config name>>/sensitivity.

Prints the tables, or with --json one object:
{"indices": [{"metric", "param", "S1", "S1_lo", "S1_hi", "ST", "ST_lo", "ST_hi"}, …],
 "second_order": [{"metric", "param_i", "param_j", "S2", "S2_lo", "S2_hi"}, …],
 "confidence": 0.95, "resamples": 1000}
(Morris: "morris": [{"metric", "param", "mu", "mu_star", "mu_star_lo",
"mu_star_hi", "sigma"}, …]); null for an undefined value.`,
		Example: `  statecraft sensitivity configs/ishigami.yaml
  statecraft sensitivity configs/ishigami.yaml --json --set sweep.samples=4096
  statecraft sensitivity configs/ishigami.yaml --method morris --set sweep.samples=200`,
		Args: exactArgs(1, "a config file"),
		RunE: func(c *cobra.Command, args []string) error {
			switch method {
			case "sobol", "morris":
			default:
				return usageError{model.Invalid("--method", "unknown method %q; allowed: sobol, morris", method)}
			}
			st, err := loadStudy(e, args[0], sets)
			if err != nil {
				return err
			}
			dir := out
			if dir == "" {
				dir = filepath.Join(st.OutputDir(""), "sensitivity")
			}
			rep, err := run.Sensitivity(c.Context(), st, dir, run.SensitivityOptions{
				Method: method, SecondOrder: secondOrder, Resamples: resamples, Levels: levels,
				Workers: workers, Progress: progress(e, "sensitivity"),
			})
			if err != nil {
				return err
			}
			m := rep.Manifest
			fmt.Fprintf(e.stderr, "%s: %d parameters, %d model runs × %d replications in %.2f s → %s\n", m.Method, len(m.Params), m.Evaluations, m.Replications, m.WallSeconds, dir)
			if len(m.Skipped) > 0 {
				fmt.Fprintf(e.stderr, "not analysed: %s\n", strings.Join(m.Skipped, "; "))
			}
			if asJSON {
				return writeJSON(e.stdout, rep.Result)
			}
			return rep.Result.WriteText(e.stdout)
		},
	}
	c.Flags().StringArrayVar(&sets, "set", nil, "override a config key, e.g. --set sweep.samples=4096 (repeatable; the value is YAML)")
	c.Flags().StringVarP(&out, "output", "o", "", "output directory (default <run directory>/sensitivity)")
	c.Flags().StringVar(&method, "method", "sobol", "sobol (variance-based indices) or morris (elementary-effects screening)")
	c.Flags().BoolVar(&asJSON, "json", false, "print the indices as one JSON object")
	c.Flags().BoolVar(&secondOrder, "second-order", true, "Sobol: also estimate second-order indices (N(2K+2) runs instead of N(K+2))")
	c.Flags().IntVar(&resamples, "resamples", 1000, "bootstrap resamples for the confidence intervals")
	c.Flags().IntVar(&levels, "levels", 4, "Morris: levels of the grid (even)")
	c.Flags().IntVar(&workers, "workers", 0, "parallel workers (default sweep.workers, else all cores; results do not depend on it)")
	return c
}
