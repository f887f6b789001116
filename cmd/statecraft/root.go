package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/internal/version"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/model/catalog"
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
	groupOnly(root)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%v (see %s --help)", err, c.CommandPath())}
	})
	root.AddCommand(modelsCmd(e), describeCmd(e), solveCmd(e), sweepCmd(e), mergeCmd(e), sensitivityCmd(e), discoverCmd(e), robustCmd(e), plotCmd(e), reproduceCmd(e), strategiesCmd(e), gameCmd(e), docsCmd(e), versionCmd(e))
	return root
}

// groupOnly makes a command that only groups subcommands print its help when
// called alone and refuse an unknown subcommand as bad input (exit code 2),
// naming the nearest one: "statecraft swep" → did you mean "sweep"?
func groupOnly(c *cobra.Command) {
	c.Args = func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		var names []string
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				names = append(names, sub.Name())
			}
		}
		msg := fmt.Sprintf("unknown command %q for %q", args[0], c.CommandPath())
		if n := schema.Nearest(args[0], names); n != "" {
			msg += fmt.Sprintf("; did you mean %q?", n)
		} else if s := c.SuggestionsFor(args[0]); len(s) > 0 {
			msg += fmt.Sprintf("; did you mean %q?", s[0])
		}
		return usageError{fmt.Errorf("%s (commands: %s)", msg, strings.Join(names, ", "))}
	}
	c.RunE = func(c *cobra.Command, args []string) error { return c.Help() }
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
			width := termWidth(e.stdout, e.environ)
			fmt.Fprintf(e.stdout, "%s\n\n%s\n\n%s\n\nParameters:\n", wrap(info.Name+" — "+info.Title, width), wrap(info.Doc, width), wrap("Source: "+info.Source, width))
			writeTable(e.stdout, []string{"  name", "type", "default", "allowed", "unit", "meaning"}, fieldRows(nil, info.Params, ""), width)
			fmt.Fprintln(e.stdout, "\nMetrics:")
			var rows [][]string
			for _, mt := range info.Metrics {
				by := "solve"
				if mt.Simulated {
					by = "simulation"
				}
				rows = append(rows, []string{"  " + mt.Name, by, mt.Unit, mt.Doc})
			}
			writeTable(e.stdout, []string{"  name", "by", "unit", "meaning"}, rows, width)
			if len(info.Outputs) > 0 {
				fmt.Fprintln(e.stdout, "\nStructured outputs (solve --json; keep in a sweep with sweep.keep):")
				rows = nil
				for _, o := range info.Outputs {
					rows = append(rows, []string{"  " + o.Name, o.Doc})
				}
				writeTable(e.stdout, []string{"  name", "meaning"}, rows, width)
			}
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}

// fieldRows appends a row per field (and per field of nested structs) to rows.
func fieldRows(rows [][]string, s *schema.Schema, prefix string) [][]string {
	for _, f := range s.Fields {
		allowed := f.Bounds
		if len(f.Enum) > 0 {
			allowed = strings.Join(f.Enum, " | ")
		}
		def := f.Default
		if f.Optional && def == "" {
			def = "(optional)"
		}
		rows = append(rows, []string{"  " + prefix + f.Key, kindName(f), def, allowed, f.Unit, f.Doc})
		if f.Elem != nil && (f.Kind == schema.Object || f.Kind == schema.List || f.Kind == schema.Map) {
			sub := prefix + f.Key + "."
			if f.Kind == schema.List {
				sub = prefix + f.Key + "[]."
			}
			rows = fieldRows(rows, f.Elem, sub)
		}
	}
	return rows
}

// writeTable writes a header and rows as aligned columns two spaces apart,
// wrapping the last column to fit width. When that would leave the last
// column fewer than 40 characters (a narrow terminal), each row is written
// as a line of its labelled short cells followed by its last cell, wrapped
// and indented, instead.
func writeTable(w io.Writer, header []string, rows [][]string, width int) {
	all := append([][]string{header}, rows...)
	widths := make([]int, len(header)-1)
	for _, r := range all {
		for i, c := range r[:len(r)-1] {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	indent := 0
	for _, n := range widths {
		indent += n + 2
	}
	if width-indent < 40 {
		for _, r := range rows {
			var cells []string
			for i, c := range r[1 : len(r)-1] {
				if c != "" {
					cells = append(cells, strings.TrimSpace(header[i+1])+" "+c)
				}
			}
			head := wrap(strings.TrimSpace(r[0])+" ("+strings.Join(cells, "; ")+")", max(width-4, 30))
			fmt.Fprintf(w, "  %s\n", strings.ReplaceAll(head, "\n", "\n    "))
			fmt.Fprintf(w, "      %s\n", strings.ReplaceAll(wrap(r[len(r)-1], max(width-6, 30)), "\n", "\n      "))
		}
		return
	}
	for _, r := range all {
		var b strings.Builder
		for i, c := range r[:len(r)-1] {
			b.WriteString(c)
			b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)+2))
		}
		text := wrap(r[len(r)-1], width-indent)
		b.WriteString(strings.ReplaceAll(text, "\n", "\n"+strings.Repeat(" ", indent)))
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// wrap breaks s into lines of at most width characters, between words.
func wrap(s string, width int) string {
	var b strings.Builder
	line := 0
	for _, w := range strings.Fields(s) {
		n := utf8.RuneCountInString(w)
		if line > 0 && line+1+n > width {
			b.WriteString("\n")
			line = 0
		} else if line > 0 {
			b.WriteString(" ")
			line++
		}
		b.WriteString(w)
		line += n
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

// kindName is a field's type as shown to users.
func kindName(f schema.Field) string {
	if f.Form != "" {
		return f.Form
	}
	return string(f.Kind)
}
