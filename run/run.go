// Package run executes studies into run directories: it runs the sweep,
// writes its results and manifest atomically, and draws the figures. It also
// runs one shard of a sweep, merges shards, resumes interrupted runs,
// runs sensitivity analyses, re-draws figures from a finished run and
// reproduces experiments.
//
// A run directory holds:
//
//	design.csv            the design: one row per cell, its parameter values
//	results.csv           one row per cell (see package sweep for the columns)
//	results.parquet       the same table, typed, zstd-compressed, with the
//	                      config hash and tool version in its metadata
//	replications.parquet  with sweep.raw: one row per (cell, replication)
//	manifest.json         what ran: tool version and revision, Go version, the
//	                      resolved config and its SHA-256, seed, design,
//	                      replications, workers, parts, start and end, wall time
//	figures/              one file per figure and format
//	parts/                while running, and for sharded runs: the parts
//
// The manifest is written after the results, so its presence means they are
// complete. Figures are drawn after that, and a figure that cannot be drawn
// (a column the results lack, say) is skipped with a [FigureError] recorded
// in the manifest: the run still succeeds and Plot redraws it later. Figures
// are not part of the config hash, so a run whose figures changed resumes
// without recomputing: Sweep with Resume redraws them.
//
// # Parts, journals, resume
//
// Every sweep runs as parts: shard i of n (the whole design is shard 1 of 1)
// appends its rows in cell order to a journal, parts/part-IIII-of-NNNN.csv.partial
// (see sweep.Journal), then renames it to .csv and writes the part's manifest
// .json. Merging checks that every cell is in exactly one part of one config,
// and writes the outputs above from the parts in cell order, so a sharded
// run and a single-machine run give byte-identical results.csv and
// results.parquet. A single-machine sweep merges its one part at once and
// deletes it. --resume continues a journal where it stopped (refusing one made
// with another config), so a run killed by SIGKILL and resumed ends with the
// same bytes as an uninterrupted one.
package run

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/figure"
	"github.com/statecraft/statecraft/internal/version"
	"github.com/statecraft/statecraft/model"
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
	GridCells    int            `json:"grid_cells"`
	Samples      int            `json:"samples"` // sample points per grid cell (1 without sweep.uncertain)
	Sampling     string         `json:"sampling,omitempty"`
	Uncertain    []string       `json:"uncertain,omitempty"`
	Replications int            `json:"replications"`
	Workers      int            `json:"workers"`
	Shards       int            `json:"shards"`
	Parts        []PartSummary  `json:"parts"`
	Invalid      int            `json:"invalid_cells"`
	InvalidNotes []string       `json:"invalid_notes,omitempty"`
	Columns      []string       `json:"columns"`
	Parameters   []figure.Label `json:"parameters,omitempty"` // the swept and sampled parameters' labels and units, for figures
	Metrics      []model.Metric `json:"metrics"`
	Outputs      []string       `json:"outputs"`
	Kept         []string       `json:"kept,omitempty"` // structured outputs kept as JSON columns
	RawRecords   int64          `json:"raw_records,omitempty"`
	Figures      []string       `json:"figures"`
	// FiguresSkipped lists the figures that could not be drawn, and why.
	FiguresSkipped []*FigureError `json:"figures_skipped,omitempty"`
	Start          string         `json:"start"`
	End            string         `json:"end"`
	WallSeconds    float64        `json:"wall_seconds"`
	Config         map[string]any `json:"config"`

	// Skipped is set when --resume found the run already complete.
	Skipped bool `json:"-"`
}

// PartSummary is one part of a run in its manifest.
type PartSummary struct {
	Name        string  `json:"name"`
	FirstCell   int     `json:"first_cell"`
	EndCell     int     `json:"end_cell"`
	Workers     int     `json:"workers"`
	Host        string  `json:"host"`
	ResumedAt   int     `json:"resumed_at_cell,omitempty"`
	Start       string  `json:"start"`
	End         string  `json:"end"`
	WallSeconds float64 `json:"wall_seconds"`
}

// Options tune a run without changing its results.
type Options struct {
	// Workers overrides sweep.workers when > 0.
	Workers int
	// Progress is called after each row (see sweep.Spec.Progress).
	Progress func(done, total int)
	// Resume continues an interrupted run (or part) instead of starting over,
	// and skips one that is complete (redrawing its figures); both refuse a
	// different config.
	Resume bool
	// Formats, when given, replace every figure's formats (png, svg, pdf).
	Formats []string
	// Warn, when set, is told before the cells run about each figure that
	// will have to be skipped.
	Warn func(msg string)
}

// Sweep runs the whole study into dir on this machine: one part holding every
// cell, merged at once into the run directory's outputs.
func Sweep(ctx context.Context, st *config.Study, dir string, opt Options) (*Manifest, error) {
	hash := st.Config.Hash()
	stem := filepath.Join(dir, PartsDir, sweep.Shard{}.Name())
	if opt.Resume && !exists(stem+".start.json") && !exists(stem+".json") {
		// No interrupted run to continue: is there a finished one?
		if m, err := ReadManifest(dir); err == nil {
			if m.ConfigSHA256 != hash {
				return nil, refuse(filepath.Join(dir, "manifest.json"), "the finished run in "+dir, m.ConfigSHA256, hash)
			}
			m.Skipped = true
			if err := finishFigures(dir, st, m, opt.Formats); err != nil {
				return nil, err
			}
			return m, nil
		}
	}
	if !opt.Resume {
		// The old manifest would vouch for results about to be replaced.
		if err := os.Remove(filepath.Join(dir, "manifest.json")); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
	}
	p, err := RunPart(ctx, st, dir, sweep.Shard{}, opt)
	if err != nil {
		return nil, err
	}
	m, err := mergeParts(dir, st, []*Part{p})
	if err != nil {
		return nil, err
	}
	// The part duplicates results.csv: remove it.
	for _, f := range []string{p.CSV, p.Raw, p.Name() + ".json", p.Name() + ".lock"} {
		if f != "" {
			os.Remove(filepath.Join(dir, PartsDir, f))
		}
	}
	os.Remove(filepath.Join(dir, PartsDir)) // only if empty
	if err := finishFigures(dir, st, m, opt.Formats); err != nil {
		return nil, err
	}
	return m, nil
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
