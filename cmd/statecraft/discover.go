package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/statecraft/statecraft/discover"
	"github.com/statecraft/statecraft/internal/plotout"
)

func discoverCmd(e *env) *cobra.Command {
	var opt discover.Options
	var out string
	var formats []string
	var asJSON bool
	c := &cobra.Command{
		Use:   "discover RUN_DIR --metric M --where CONDITION",
		Short: "Scenario discovery (PRIM): which combinations of uncertain parameters give the cases of interest",
		Long: `Runs PRIM (Friedman & Fisher 1999; Bryant & Lempert 2010) over a finished run
(merged shards included): the cases are the run's cells, their coordinates the
sampled uncertain parameters (--dims to choose them, levers included), and a
case is of interest when --where holds for --metric: a comparison with a number
('coop_rate < 0.5', 'sustainable == 0'), or a level of a categorical metric
('regime == comply'). A simulated metric means its mean over the replications;
an aggregate column such as coop_rate_lo may be named too. Cases where the
metric is undefined are left out. --at lever=value keeps one setting of a
lever.

PRIM peels --alpha of the box's cases from one end of one dimension at a time
(a categorical dimension loses a level), taking the peel that leaves the densest
box (--objective lenient: the largest gain in density per case removed), until
the box would hold less than --mass-min of all cases; it then pastes cases back
while that raises the density. Every box on the way is a step of the
trajectory: coverage (share of the cases of interest inside), density (share of
the box's cases that are of interest), mass, restricted dimensions. The box
chosen is the densest covering at least --min-coverage of the cases of
interest, or step --box K; its restrictions have quasi-p-values (one-sided
binomial test against the box without that restriction). --boxes N covers: the
chosen box's cases are removed and PRIM runs again on the rest.

Prints the boxes and trajectories (--json: the same as DIR/discover.json) and
writes DIR/discover.txt, discover.json, boxes.csv, trajectory.csv and
figures/{tradeoff,limits,pairs}-box<k>.<format>. DIR defaults to
RUN_DIR/discover.

JSON: {"run", "config_sha256", "model", "metric", "column", "where", "at",
"undefined_cases", "peel_alpha", "paste_alpha", "mass_min", "min_coverage", "objective",
"cases", "interest", "dims": [{"dim", "min", "max", "levels"}],
"boxes": [{"box", "chosen_step", "remaining_cases", "remaining_interest",
"phase", "cases", "interest", "coverage", "density", "mass", "restricted",
"limits": [{"dim", "lower", "upper", "lower_restricted", "upper_restricted",
"quasi_p"} or {"dim", "levels", "quasi_p"}], "trajectory": [{"step", "phase",
"cases", "interest", "coverage", "density", "mass", "restricted", "limits"}]}]}`,
		Example: `  statecraft discover runs/scenario-discovery/uncertain --metric sustainable --where 'sustainable == 0' --at strategy=grim
  statecraft discover runs/scenario-discovery/uncertain --metric coop_rate --where 'coop_rate < 0.5' --boxes 2 --json
  statecraft discover RUN --metric value --where 'value < 2' --dims detection,discount,strategy --objective lenient --box 12`,
		Args: exactArgs(1, "a run directory"),
		RunE: func(c *cobra.Command, args []string) error {
			if opt.Metric == "" {
				return usageError{fmt.Errorf("discover needs --metric, the outcome, and --where, the condition that marks a case of interest, e.g. --metric coop_rate --where 'coop_rate < 0.5'")}
			}
			// Zero means "default" to the library; on the command line it is a value.
			for _, v := range []struct {
				flag string
				x    float64
			}{{"--alpha", opt.Params.PeelAlpha}, {"--paste-alpha", opt.Params.PasteAlpha}, {"--mass-min", opt.Params.MassMin}, {"--min-coverage", opt.Params.MinCoverage}, {"--boxes", float64(opt.Params.Boxes)}} {
				if v.x <= 0 {
					return usageError{fmt.Errorf("%s must be positive, got %g", v.flag, v.x)}
				}
			}
			if opt.Params.Objective == "" {
				return usageError{fmt.Errorf("--objective is empty; allowed: %s, %s", discover.Original, discover.Lenient)}
			}
			if err := plotout.CheckFormats(formats); err != nil {
				return usageError{fmt.Errorf("--formats: %v", err)}
			}
			a, err := discover.Analyze(args[0], opt)
			if err != nil {
				return err
			}
			dir := out
			if dir == "" {
				dir = filepath.Join(args[0], "discover")
			}
			paths, err := a.Write(dir, formats)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "%d boxes; wrote %d files in %s\n", len(a.Boxes), len(paths), dir)
			if asJSON {
				return writeJSON(e.stdout, a)
			}
			return a.WriteText(e.stdout)
		},
	}
	f := c.Flags()
	f.StringVar(&opt.Metric, "metric", "", "the outcome: a metric of the run (a simulated one means its mean)")
	f.StringVar(&opt.Where, "where", "", "the condition marking a case of interest, e.g. 'coop_rate < 0.5' or 'regime == comply'")
	f.StringSliceVar(&opt.Dims, "dims", nil, "dimensions to search: uncertain parameters and levers (default: every uncertain parameter)")
	f.StringArrayVar(&opt.At, "at", nil, "keep only the cases with this lever value, e.g. --at strategy=grim (repeatable)")
	f.Float64Var(&opt.Params.PeelAlpha, "alpha", discover.DefaultAlpha, "share of the box's cases one peel removes")
	f.Float64Var(&opt.Params.PasteAlpha, "paste-alpha", discover.DefaultAlpha, "share of the box's cases one paste adds")
	f.Float64Var(&opt.Params.MassMin, "mass-min", discover.DefaultMassMin, "smallest share of all cases a box may hold")
	f.Float64Var(&opt.Params.MinCoverage, "min-coverage", discover.DefaultMinCoverage, "default choice: the densest box covering at least this share of the cases of interest left")
	f.IntVar(&opt.Params.Boxes, "boxes", 1, "boxes to find by covering")
	f.IntSliceVar(&opt.Params.Choose, "box", nil, "choose step K of the trajectory (one K per box, e.g. --box 12,7; -1 keeps the default rule)")
	f.StringVar(&opt.Params.Objective, "objective", discover.Original, "original (densest box) or lenient (gain in density per case removed)")
	f.BoolVar(&asJSON, "json", false, "print the analysis as one JSON object")
	f.StringVarP(&out, "output", "o", "", "output directory (default RUN_DIR/discover)")
	f.StringSliceVar(&formats, "formats", []string{"png", "svg"}, "figure formats: png, svg, pdf")
	return c
}
