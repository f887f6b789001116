package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/internal/version"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/model/catalog"
	"github.com/statecraft/statecraft/run"
	"github.com/statecraft/statecraft/schema"
)

// env carries what commands need from the process, so tests can run them in
// process with their own streams and environment.
type env struct {
	stdout, stderr io.Writer
	environ        []string
}

// execute runs the command line and returns the exit code.
func execute(ctx context.Context, args []string, stdout, stderr io.Writer, environ []string) int {
	e := &env{stdout: stdout, stderr: stderr, environ: environ}
	root := newRoot(e)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err != nil {
		reportError(stderr, err)
	}
	return exitCode(err)
}

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "statecraft",
		Short: "Game-theoretic policy models: solve, sweep, plot, reproduce",
		Long: `Statecraft solves game-theoretic models of state behaviour (espionage restraint,
deterrence with imperfect attribution, sanctions, inspection), sweeps them over
policy levers and uncertain parameters with reproducible Monte Carlo, and draws
publication figures.

Start with a base config from configs/:
  statecraft describe espionage
  statecraft solve configs/espionage.yaml --set params.detection=0.9
  statecraft sweep configs/espionage.yaml`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version.Version,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%v (see %s --help)", err, c.CommandPath())}
	})
	root.AddCommand(modelsCmd(e), describeCmd(e), solveCmd(e), sweepCmd(e), mergeCmd(e), sensitivityCmd(e), discoverCmd(e), robustCmd(e), plotCmd(e), reproduceCmd(e), strategiesCmd(e), gameCmd(e), docsCmd(e), versionCmd(e))
	return root
}

// exactArgs is cobra.ExactArgs with a message naming what is expected, as a
// bad-input error.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError{fmt.Errorf("%s needs %s (got %d arguments; see --help)", c.CommandPath(), what, len(args))}
		}
		return nil
	}
}

func modelsCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "models",
		Short:   "List the models",
		Example: "  statecraft models",
		Args:    exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, args []string) error {
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			for _, m := range catalog.All() {
				info := m.Info()
				fmt.Fprintf(tw, "%s\t%s\n", info.Name, info.Title)
			}
			return tw.Flush()
		},
	}
}

func lookupModel(name string) (model.Model, error) {
	m, ok := catalog.Lookup(name)
	if ok {
		return m, nil
	}
	msg := fmt.Sprintf("unknown model %q", name)
	if n := schema.Nearest(name, catalog.Names()); n != "" {
		msg += fmt.Sprintf("; did you mean %q?", n)
	}
	return nil, usageError{fmt.Errorf("%s (models: %s)", msg, strings.Join(catalog.Names(), ", "))}
}

func describeCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:     "describe MODEL",
		Short:   "Show a model's parameters (defaults, bounds, units, docs) and metrics",
		Example: "  statecraft describe espionage\n  statecraft describe espionage --json",
		Args:    exactArgs(1, "a model name"),
		RunE: func(c *cobra.Command, args []string) error {
			m, err := lookupModel(args[0])
			if err != nil {
				return err
			}
			info := m.Info()
			if asJSON {
				return writeJSON(e.stdout, map[string]any{
					"name": info.Name, "title": info.Title, "doc": info.Doc, "source": info.Source,
					"params": info.Params.Fields, "metrics": info.Metrics, "outputs": info.Outputs,
				})
			}
			fmt.Fprintf(e.stdout, "%s — %s\n\n%s\n\nSource: %s\n\nParameters:\n", info.Name, info.Title, wrap(info.Doc, 80), info.Source)
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "  name\ttype\tdefault\tallowed\tunit\tmeaning")
			writeFields(tw, info.Params, "")
			tw.Flush()
			fmt.Fprintln(e.stdout, "\nMetrics:")
			tw = tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			for _, mt := range info.Metrics {
				kind := "solve"
				if mt.Simulated {
					kind = "simulated"
				}
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", mt.Name, kind, mt.Unit, mt.Doc)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			if len(info.Outputs) > 0 {
				fmt.Fprintln(e.stdout, "\nStructured outputs (solve --json; keep in a sweep with sweep.keep):")
				for _, o := range info.Outputs {
					fmt.Fprintf(e.stdout, "  %s  %s\n", o.Name, o.Doc)
				}
			}
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}

func writeFields(w io.Writer, s *schema.Schema, prefix string) {
	for _, f := range s.Fields {
		allowed := f.Bounds
		if len(f.Enum) > 0 {
			allowed = strings.Join(f.Enum, " | ")
		}
		def := f.Default
		if f.Optional && def == "" {
			def = "(optional)"
		}
		fmt.Fprintf(w, "  %s%s\t%s\t%s\t%s\t%s\t%s\n", prefix, f.Key, kindName(f), def, allowed, f.Unit, f.Doc)
		if f.Elem != nil && (f.Kind == schema.Object || f.Kind == schema.List || f.Kind == schema.Map) {
			sub := prefix + f.Key + "."
			if f.Kind == schema.List {
				sub = prefix + f.Key + "[]."
			}
			writeFields(w, f.Elem, sub)
		}
	}
}

func wrap(s string, width int) string {
	var b strings.Builder
	line := 0
	for _, w := range strings.Fields(s) {
		if line > 0 && line+1+len(w) > width {
			b.WriteString("\n")
			line = 0
		} else if line > 0 {
			b.WriteString(" ")
			line++
		}
		b.WriteString(w)
		line += len(w)
	}
	return b.String()
}

func versionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, VCS revision and Go version",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, args []string) error {
			v := version.Get(".")
			mod := ""
			if v.Modified {
				mod = " (modified)"
			}
			fmt.Fprintf(e.stdout, "statecraft %s revision %s%s %s\n", v.Version, v.Revision, mod, v.GoVersion)
			return nil
		},
	}
}

// loadStudy loads and binds a config with the command's overrides.
func loadStudy(e *env, path string, sets []string) (*config.Study, error) {
	c, err := config.Load(path, config.Overrides{Sets: sets, Environ: e.environ})
	if err != nil {
		return nil, err
	}
	return c.Bind()
}

func plotCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "plot RUN_DIR",
		Short:   "Re-draw the figures of a finished run from its results and recorded config",
		Example: "  statecraft plot runs/espionage",
		Args:    exactArgs(1, "a run directory"),
		RunE: func(c *cobra.Command, args []string) error {
			paths, err := run.Plot(args[0])
			if err != nil {
				return err
			}
			for _, p := range paths {
				fmt.Fprintln(e.stdout, filepath.Join(args[0], p))
			}
			return nil
		},
	}
}

func reproduceCmd(e *env) *cobra.Command {
	var out string
	var workers int
	c := &cobra.Command{
		Use:   "reproduce EXPERIMENT_DIR",
		Short: "Run every run of an experiment and draw its figures",
		Long: `Reads EXPERIMENT_DIR/experiment.yaml, runs each of its runs into
DIR/<run name> (results.csv, manifest.json, figures/) and prints the figures.
DIR defaults to runs/<experiment name>.`,
		Example: "  statecraft reproduce experiments/espionage-restraint\n  statecraft reproduce experiments/espionage-restraint -o /tmp/er --workers 2",
		Args:    exactArgs(1, "an experiment directory"),
		RunE: func(c *cobra.Command, args []string) error {
			exp, err := run.LoadExperiment(args[0], config.Overrides{Environ: e.environ})
			if err != nil {
				return err
			}
			if out == "" {
				out = filepath.Join("runs", filepath.Base(filepath.Clean(args[0])))
			}
			fmt.Fprintf(e.stderr, "reproducing %s (%d runs) into %s\n", exp.Title, len(exp.Runs), out)
			return run.Reproduce(c.Context(), exp, out, run.Options{Workers: workers, Progress: progress(e, "")}, func(name string, m *run.Manifest) {
				fmt.Fprintf(e.stderr, "%s: %d cells × %d replications in %.2f s\n", name, m.Cells, m.Replications, m.WallSeconds)
				figs := append([]string(nil), m.Figures...)
				sort.Strings(figs)
				for _, f := range figs {
					fmt.Fprintln(e.stdout, filepath.Join(out, name, f))
				}
			})
		},
	}
	c.Flags().StringVarP(&out, "output", "o", "", "output directory (default runs/<experiment name>)")
	c.Flags().IntVar(&workers, "workers", 0, "parallel workers (default: all cores; results do not depend on it)")
	return c
}

// kindName is a field's type as shown to users.
func kindName(f schema.Field) string {
	if f.Form != "" {
		return f.Form
	}
	return string(f.Kind)
}
