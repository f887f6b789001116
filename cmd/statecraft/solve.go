package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/schollz/progressbar/v3"

	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/run"
	"github.com/statecraft/statecraft/schema"
)

func solveCmd(e *env) *cobra.Command {
	var sets []string
	var asJSON bool
	c := &cobra.Command{
		Use:   "solve CONFIG",
		Short: "Solve the model at the config's parameters",
		Long: `Solves the model at the parameters of CONFIG (a file with model and params is
enough; sweep and figures are ignored) and prints its deterministic metrics and
the solver's certificate. --json prints one object:
{"model": …, "params": {…}, "metrics": {name: number}, "certificate": {…}}
with null for an undefined (NaN) metric.`,
		Example: `  statecraft solve configs/espionage.yaml
  statecraft solve configs/espionage.yaml --set params.detection=0.9 --set params.strategy=punish --json`,
		Args: exactArgs(1, "a config file"),
		RunE: func(c *cobra.Command, args []string) error {
			st, err := loadStudy(e, args[0], sets)
			if err != nil {
				return err
			}
			inst, err := st.Prepare()
			if err != nil {
				return err
			}
			sol, err := inst.Solve()
			if err != nil {
				return fmt.Errorf("%s: solving %s: %w", args[0], st.Model.Info().Name, err)
			}
			det, _ := model.Split(inst.Metrics())
			if len(sol.Values) != len(det) {
				return fmt.Errorf("model %s returned %d values for %d metrics", st.Model.Info().Name, len(sol.Values), len(det))
			}
			if asJSON {
				metrics := orderedNumbers{}
				for i, m := range det {
					metrics = append(metrics, namedNumber{m.Name, sol.Values[i], m.Levels})
				}
				out := map[string]any{
					"model":       st.Model.Info().Name,
					"params":      schema.Encode(inst.Params()),
					"metrics":     metrics,
					"certificate": sol.Certificate,
				}
				for k, v := range sol.Extra {
					if _, taken := out[k]; !taken {
						out[k] = v
					}
				}
				return writeJSON(e.stdout, out)
			}
			fmt.Fprintf(e.stdout, "%s at %s\n\n", st.Model.Info().Name, args[0])
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			for i, m := range det {
				fmt.Fprintf(tw, "  %s\t%s\t%s\n", m.Name, formatHuman(sol.Values[i], m.Levels), m.Unit)
			}
			tw.Flush()
			cert := sol.Certificate
			fmt.Fprintf(e.stdout, "\ncertificate: %s; converged %v, unique %v, residual %.3g, iterations %d\n",
				cert.Method, cert.Converged, cert.Unique, cert.Residual, cert.Iterations)
			for _, n := range cert.Notes {
				fmt.Fprintf(e.stdout, "  note: %s\n", n)
			}
			return nil
		},
	}
	c.Flags().StringArrayVar(&sets, "set", nil, "override a config key, e.g. --set params.detection=0.9 (repeatable; the value is YAML)")
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return c
}

func formatHuman(v float64, levels []string) string {
	if len(levels) > 0 {
		if k := int(v); v == float64(k) && k >= 0 && k < len(levels) {
			return levels[k]
		}
	}
	if math.IsNaN(v) {
		return "undefined"
	}
	return strconv.FormatFloat(v, 'g', 10, 64)
}

type namedNumber struct {
	name   string
	value  float64
	levels []string
}

// orderedNumbers marshals as a JSON object in metric order, with null for
// NaN and infinities (which JSON cannot hold) and the level name for
// categorical metrics.
type orderedNumbers []namedNumber

func (o orderedNumbers) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, n := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(n.name)
		b.Write(key)
		b.WriteByte(':')
		switch {
		case len(n.levels) > 0 && n.value == math.Trunc(n.value) && n.value >= 0 && int(n.value) < len(n.levels):
			lv, _ := json.Marshal(n.levels[int(n.value)])
			b.Write(lv)
		case math.IsNaN(n.value) || math.IsInf(n.value, 0):
			b.WriteString("null")
		default:
			b.WriteString(strconv.FormatFloat(n.value, 'g', -1, 64))
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func writeJSON(w io.Writer, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

func sweepCmd(e *env) *cobra.Command {
	var sets []string
	var out string
	var workers int
	c := &cobra.Command{
		Use:   "sweep CONFIG",
		Short: "Run the config's sweep: results.csv, manifest.json and figures in a run directory",
		Long: `Runs the model over the cells of the config's sweep.grid with
sweep.replications replications per cell for simulated metrics, writes
DIR/results.csv and DIR/manifest.json (each atomically) and draws the config's
figures into DIR/figures. DIR defaults to output.dir, else runs/<config name>.
Results are byte-identical for any --workers.`,
		Example: `  statecraft sweep configs/espionage.yaml
  statecraft sweep configs/espionage.yaml -o /tmp/run --workers 2 --set sweep.replications=1000`,
		Args: exactArgs(1, "a config file"),
		RunE: func(c *cobra.Command, args []string) error {
			st, err := loadStudy(e, args[0], sets)
			if err != nil {
				return err
			}
			dir := st.OutputDir(out)
			m, err := run.Sweep(c.Context(), st, dir, run.Options{Workers: workers, Progress: progress(e, "sweep")})
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "%d cells × %d replications on %d workers in %.2f s → %s\n", m.Cells, m.Replications, m.Workers, m.WallSeconds, dir)
			if m.Invalid > 0 {
				fmt.Fprintf(e.stderr, "%d cells had invalid parameters and hold NaN (first: %s)\n", m.Invalid, m.InvalidNotes[0])
			}
			fmt.Fprintln(e.stdout, filepath.Join(dir, "results.csv"))
			figs := append([]string(nil), m.Figures...)
			sort.Strings(figs)
			for _, f := range figs {
				fmt.Fprintln(e.stdout, filepath.Join(dir, f))
			}
			return nil
		},
	}
	c.Flags().StringArrayVar(&sets, "set", nil, "override a config key, e.g. --set params.detection=0.9 (repeatable; the value is YAML)")
	c.Flags().StringVarP(&out, "output", "o", "", "run directory (default output.dir, else runs/<config name>)")
	c.Flags().IntVar(&workers, "workers", 0, "parallel workers (default sweep.workers, else all cores; results do not depend on it)")
	return c
}

// progress reports sweep progress on stderr: a bar with rate and ETA on a
// terminal, a plain line every 10 seconds otherwise (logs, CI).
func progress(e *env, label string) func(done, total int) {
	f, isFile := e.stderr.(*os.File)
	if isFile && term.IsTerminal(int(f.Fd())) {
		var bar *progressbar.ProgressBar
		return func(done, total int) {
			if bar == nil || done == 1 {
				bar = progressbar.NewOptions(total,
					progressbar.OptionSetWriter(f),
					progressbar.OptionSetDescription(label),
					progressbar.OptionShowCount(),
					progressbar.OptionShowIts(),
					progressbar.OptionSetItsString("cells"),
					progressbar.OptionThrottle(100*time.Millisecond),
					progressbar.OptionClearOnFinish(),
					progressbar.OptionSetPredictTime(true))
			}
			bar.Set(done)
		}
	}
	var start, last time.Time
	return func(done, total int) {
		now := time.Now()
		if done == 1 || start.IsZero() {
			start, last = now, now
		}
		if now.Sub(last) < 10*time.Second || done == total {
			return
		}
		last = now
		rate := float64(done) / now.Sub(start).Seconds()
		eta := time.Duration(float64(total-done) / rate * float64(time.Second)).Round(time.Second)
		fmt.Fprintf(e.stderr, "%s: %d/%d cells (%.0f%%), %.0f cells/s, ETA %s\n", label, done, total, 100*float64(done)/float64(total), rate, eta)
	}
}
