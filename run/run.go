// Package run executes studies into run directories: it runs the sweep,
// writes results.csv and manifest.json atomically, and draws the figures. It
// also re-draws figures from a finished run and reproduces experiments.
//
// A run directory holds:
//
//	results.csv     one row per cell (see package sweep for the columns)
//	manifest.json   what ran: tool version and revision, Go version, the
//	                resolved config and its SHA-256, seed, cells,
//	                replications, workers, start and end time, wall seconds
//	figures/        one file per figure and format
//
// The manifest is written last, so its presence means the run completed.
package run

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/figure"
	"github.com/statecraft/statecraft/internal/atomicfile"
	"github.com/statecraft/statecraft/internal/version"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
	"github.com/statecraft/statecraft/sweep"
)

// Manifest records what a run did, for reproduction.
type Manifest struct {
	Tool         string         `json:"tool"`
	Build        version.Info   `json:"build"`
	ConfigFile   string         `json:"config_file"`
	ConfigSHA256 string         `json:"config_sha256"`
	Model        string         `json:"model"`
	Seed         uint64         `json:"seed"`
	Cells        int            `json:"cells"`
	Replications int            `json:"replications"`
	Workers      int            `json:"workers"`
	Invalid      int            `json:"invalid_cells"`
	InvalidNotes []string       `json:"invalid_notes,omitempty"`
	Columns      []string       `json:"columns"`
	Metrics      []model.Metric `json:"metrics"`
	Figures      []string       `json:"figures"`
	Start        string         `json:"start"`
	End          string         `json:"end"`
	WallSeconds  float64        `json:"wall_seconds"`
	Config       map[string]any `json:"config"`
}

// Options tune a run without changing its results.
type Options struct {
	// Workers overrides sweep.workers when > 0.
	Workers int
	// Progress is called after each row (see sweep.Spec.Progress).
	Progress func(done, total int)
}

// Sweep runs the study into dir.
func Sweep(ctx context.Context, st *config.Study, dir string, opt Options) (*Manifest, error) {
	spec := st.Spec
	if opt.Workers > 0 {
		spec.Workers = opt.Workers
	}
	spec.Progress = opt.Progress
	plan, err := sweep.NewPlan(&spec)
	if err != nil {
		return nil, st.Wrap(err)
	}
	if err := st.CheckFigures(plan.Metrics); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	start := time.Now()
	f, err := atomicfile.Create(filepath.Join(dir, "results.csv"))
	if err != nil {
		return nil, err
	}
	defer f.Abort()
	sink := sweep.NewCSVSink(f)
	stats, err := sweep.Run(ctx, spec, sink)
	if err != nil {
		return nil, st.Wrap(err)
	}
	if err := sink.Flush(); err != nil {
		return nil, err
	}
	if err := f.Commit(); err != nil {
		return nil, err
	}
	figs, err := drawFigures(st.Config.Figures, dir)
	if err != nil {
		return nil, err
	}
	end := time.Now()
	m := &Manifest{
		Tool:         "statecraft",
		Build:        version.Get("."),
		ConfigFile:   st.Config.File,
		ConfigSHA256: st.Config.Hash(),
		Model:        st.Model.Info().Name,
		Seed:         spec.Seed,
		Cells:        stats.Cells,
		Replications: stats.Replications,
		Workers:      stats.Workers,
		Invalid:      stats.Invalid,
		InvalidNotes: stats.InvalidNotes,
		Columns:      stats.Columns,
		Metrics:      stats.Metrics,
		Figures:      figs,
		Start:        start.UTC().Format(time.RFC3339Nano),
		End:          end.UTC().Format(time.RFC3339Nano),
		WallSeconds:  end.Sub(start).Seconds(),
		Config:       config.Canonical(st.Config.Raw),
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := atomicfile.WriteFile(filepath.Join(dir, "manifest.json"), append(data, '\n')); err != nil {
		return nil, err
	}
	return m, nil
}

func drawFigures(specs []figure.Spec, dir string) ([]string, error) {
	if len(specs) == 0 {
		return nil, nil
	}
	f, err := os.Open(filepath.Join(dir, "results.csv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t, err := figure.ReadCSV(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "results.csv"), err)
	}
	var out []string
	for _, s := range specs {
		paths, err := figure.Render(s, t, filepath.Join(dir, "figures"))
		if err != nil {
			return out, err
		}
		for _, p := range paths {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
	}
	return out, nil
}

// ReadManifest reads a run directory's manifest.
func ReadManifest(dir string) (*Manifest, error) {
	path := filepath.Join(dir, "manifest.json")
	data, err := os.ReadFile(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, &config.Error{File: path, Err: fmt.Errorf("not a finished run directory (no manifest.json)")}
		}
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, &config.Error{File: path, Err: fmt.Errorf("malformed manifest: %v", err)}
	}
	return &m, nil
}

// Plot re-draws the figures of a finished run from its results and the
// figures section of its recorded config.
func Plot(dir string) ([]string, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	c, err := config.Decode(jsonToConfigMap(m.Config))
	if err != nil {
		return nil, &config.Error{File: filepath.Join(dir, "manifest.json"), Err: schema.Prefix("config", err)}
	}
	if len(c.Figures) == 0 {
		return nil, &config.Error{File: filepath.Join(dir, "manifest.json"), Err: fmt.Errorf("the run's config declares no figures")}
	}
	return drawFigures(c.Figures, dir)
}

// jsonToConfigMap turns numbers decoded from JSON back into the int/float
// forms a YAML config would have had, so the strict decoder accepts them.
func jsonToConfigMap(m map[string]any) map[string]any {
	var conv func(v any) any
	conv = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			out := make(map[string]any, len(x))
			for k, e := range x {
				out[k] = conv(e)
			}
			return out
		case []any:
			out := make([]any, len(x))
			for i, e := range x {
				out[i] = conv(e)
			}
			return out
		case float64:
			if x == float64(int(x)) && x < 1<<53 && x > -(1<<53) {
				return int(x)
			}
		}
		return v
	}
	return conv(m).(map[string]any)
}
