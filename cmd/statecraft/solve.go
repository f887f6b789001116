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
	"github.com/statecraft/statecraft/sweep"
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
with null for an undefined (NaN) metric. The certificate holds the method, the
solution concept ("concept", e.g. "perfect Bayesian equilibrium"; "none: …"
when no equilibrium is computed), converged, unique (true only where a proof
applies), residual, iterations and notes.`,
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
			fmt.Fprintf(e.stdout, "\ncertificate: %s; concept: %s; converged %v, unique %v, residual %.3g, iterations %d\n",
				cert.Method, cert.Concept, cert.Converged, cert.Unique, cert.Residual, cert.Iterations)
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
	var out, shardFlag string
	var workers int
	var resume bool
	var formats []string
	c := &cobra.Command{
		Use:   "sweep CONFIG",
		Short: "Run the config's sweep: results, manifest and figures in a run directory",
		Long: `Runs the model over the cells of the config's design — every cell of
sweep.grid crossed with sweep.samples draws of sweep.uncertain (grid cell major,
sample minor) — with sweep.replications replications per cell for simulated
metrics, and writes DIR/design.csv, DIR/results.csv, DIR/results.parquet
(DIR/replications.parquet with sweep.raw: true) and DIR/manifest.json, each
atomically, then draws the config's figures into DIR/figures (--formats
png,svg,pdf replaces every figure's formats). DIR defaults to output.dir, else
runs/<config name>. Results are byte-identical for any --workers, any
sharding, and after --resume. A figure that cannot be drawn is skipped with a
warning: the results stay, the exit code is 0, and statecraft plot DIR redraws
it once fixed.

--shard i/n runs only shard i of n (1-based; contiguous blocks of cells) into
DIR/parts/part-000i-of-000n.csv with its manifest .json; statecraft merge DIR
then writes the outputs. Inside a Slurm job array the shard comes from the
environment when --shard is not given: i = (SLURM_ARRAY_TASK_ID −
SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP + 1, n = SLURM_ARRAY_TASK_COUNT.

Rows are journalled as they finish, so a killed run loses only the cells in
flight: --resume continues it (and skips a finished run or part), refusing
when the config changed since. Figures are not part of that check: after
changing only figures:, --resume redraws them without recomputing.`,
		Example: `  statecraft sweep configs/espionage.yaml
  statecraft sweep configs/espionage.yaml -o /tmp/run --workers 2 --set sweep.replications=1000
  statecraft sweep configs/espionage.yaml -o /tmp/run --resume
  statecraft sweep configs/espionage.yaml -o /scratch/run --shard 3/8 && statecraft merge /scratch/run`,
		Args: exactArgs(1, "a config file"),
		RunE: func(c *cobra.Command, args []string) error {
			var sh sweep.Shard
			if shardFlag != "" {
				var err error
				if sh, err = sweep.ParseShard(shardFlag); err != nil {
					return usageError{err}
				}
			} else if s, ok, err := sweep.ShardFromEnv(e.environ); err != nil {
				return usageError{err}
			} else if ok {
				sh = s
				fmt.Fprintf(e.stderr, "shard %s from the Slurm job array environment\n", sh)
			}
			st, err := loadStudy(e, args[0], sets)
			if err != nil {
				return err
			}
			dir := st.OutputDir(out)
			if err := run.CheckFormats(formats); err != nil {
				return err
			}
			opt := run.Options{Workers: workers, Progress: progress(e, "sweep"), Resume: resume, Formats: formats, Warn: warn(e)}
			if !sh.Whole() {
				p, err := run.RunPart(c.Context(), st, dir, sh, opt)
				if err != nil {
					return err
				}
				if p.Skipped {
					fmt.Fprintf(e.stderr, "shard %s was already complete → %s\n", sh, p.Path)
				} else {
					fmt.Fprintf(e.stderr, "shard %s: cells %d–%d of %d × %d replications on %d workers in %.2f s → %s\n",
						sh, p.First, p.End-1, p.DesignCells, p.Replications, p.Workers, p.WallSeconds, p.Path)
				}
				fmt.Fprintln(e.stdout, filepath.Join(dir, run.PartsDir, p.CSV))
				return nil
			}
			m, err := run.Sweep(c.Context(), st, dir, opt)
			if err != nil {
				return err
			}
			printOutputs(e, dir, m)
			printSummary(e, dir, m)
			return nil
		},
	}
	c.Flags().StringArrayVar(&sets, "set", nil, "override a config key, e.g. --set params.detection=0.9 (repeatable; the value is YAML)")
	c.Flags().StringVarP(&out, "output", "o", "", "run directory (default output.dir, else runs/<config name>)")
	c.Flags().IntVar(&workers, "workers", 0, "parallel workers (default sweep.workers, else all cores; results do not depend on it)")
	c.Flags().StringVar(&shardFlag, "shard", "", "run only shard i of n (e.g. 3/8; default from SLURM_ARRAY_TASK_ID in a job array), then statecraft merge DIR")
	c.Flags().BoolVar(&resume, "resume", false, "continue an interrupted run in DIR (refused if the config changed); a finished run or part is skipped, and its figures redrawn")
	formatsFlag(c, &formats)
	return c
}

// printOutputs lists a finished run's files on stdout, results first.
func printOutputs(e *env, dir string, m *run.Manifest) {
	for _, o := range []string{"results.csv", "results.parquet", "replications.parquet", "design.csv"} {
		for _, have := range m.Outputs {
			if have == o {
				fmt.Fprintln(e.stdout, filepath.Join(dir, o))
			}
		}
	}
	for _, f := range sortedFigures(m) {
		fmt.Fprintln(e.stdout, filepath.Join(dir, f))
	}
}

// sortedFigures is the manifest's figure files in name order.
func sortedFigures(m *run.Manifest) []string {
	figs := append([]string(nil), m.Figures...)
	sort.Strings(figs)
	return figs
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
