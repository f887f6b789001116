package run

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/internal/atomicfile"
	"github.com/statecraft/statecraft/internal/version"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
	"github.com/statecraft/statecraft/sensitivity"
	"github.com/statecraft/statecraft/sweep"
	"github.com/statecraft/statecraft/sweep/sample"
)

// SensitivityOptions set how a sensitivity analysis runs.
type SensitivityOptions struct {
	Method      string // "sobol" (Saltelli design, Sobol indices) or "morris"
	SecondOrder bool   // Sobol: also second-order indices (N(2K+2) runs instead of N(K+2))
	Resamples   int    // bootstrap resamples (0: sensitivity.DefaultResamples)
	Levels      int    // Morris grid levels (0: 4)
	Workers     int
	Progress    func(done, total int)
}

// SensitivityManifest records a sensitivity analysis.
type SensitivityManifest struct {
	Tool         string         `json:"tool"`
	Build        version.Info   `json:"build"`
	ConfigFile   string         `json:"config_file"`
	ConfigSHA256 string         `json:"config_sha256"`
	Model        string         `json:"model"`
	Method       string         `json:"method"`
	Params       []string       `json:"params"`
	Samples      int            `json:"samples"` // N base samples (Sobol) or trajectories (Morris)
	SecondOrder  bool           `json:"second_order,omitempty"`
	Levels       int            `json:"levels,omitempty"`
	Evaluations  int            `json:"evaluations"`
	Replications int            `json:"replications"`
	Seed         uint64         `json:"seed"`
	Resamples    int            `json:"resamples"`
	Metrics      []string       `json:"metrics"` // analysed
	Skipped      []string       `json:"skipped,omitempty"`
	Outputs      []string       `json:"outputs"`
	Workers      int            `json:"workers"`
	Start        string         `json:"start"`
	End          string         `json:"end"`
	WallSeconds  float64        `json:"wall_seconds"`
	Config       map[string]any `json:"config"`
}

// SensitivityReport is the outcome of Sensitivity.
type SensitivityReport struct {
	Result   sensitivity.Result
	Manifest *SensitivityManifest
}

// valueSink keeps, per analysed column, the metric's value at every design
// point (a simulated metric's mean over the replications).
type valueSink struct {
	cols   []int
	values [][]float64
}

func (v *valueSink) WriteHeader([]string) error { return nil }
func (v *valueSink) WriteRow(fields []string) error {
	for k, c := range v.cols {
		x, err := strconv.ParseFloat(fields[c], 64)
		if err != nil {
			return fmt.Errorf("column %d: %v", c, err)
		}
		v.values[k] = append(v.values[k], x)
	}
	return nil
}

// SensitivityAnalysis is a sensitivity analysis done in memory: the indices
// and what ran to get them. [Sensitivity] writes one into a run directory.
type SensitivityAnalysis struct {
	Result      sensitivity.Result
	Method      string   // "sobol" or "morris"
	Params      []string // the uncertain parameters, in design order
	Samples     int      // N base samples (Sobol) or trajectories (Morris)
	SecondOrder bool
	Levels      int          // Morris grid levels
	Design      sweep.Design // the model runs (design.csv)
	Stats       sweep.Stats  // the sweep of the model runs
	Analysed    []string     // the metrics analysed
	Skipped     []string     // the metrics left out, each with why
}

// sensitivityRun is an analysis whose design is drawn and whose columns are
// known, ready to run.
type sensitivityRun struct {
	st      *config.Study
	spec    sweep.Spec
	a       SensitivityAnalysis
	analyze func(metric string, y []float64, boot sensitivity.Bootstrap) (sensitivity.Result, error)
	names   []string
	cols    []int
	opt     SensitivityOptions
}

// prepareSensitivity checks the study and draws the design; its errors are
// the config's.
func prepareSensitivity(st *config.Study, opt SensitivityOptions) (*sensitivityRun, error) {
	c := st.Config
	if len(c.Sweep.Uncertain) == 0 {
		return nil, st.Wrap(schema.Errorf("sweep.uncertain", "a sensitivity analysis needs uncertain parameters: list them as {param: <name>, dist: <law>, ...}, e.g. {param: detection, dist: uniform, min: 0.6, max: 0.9}"))
	}
	if g := st.Spec.Design.Grid.Len(); g > 1 {
		return nil, st.Wrap(schema.Errorf("sweep.grid", "a sensitivity analysis runs at one setting of the levers, but the grid has %d cells; fix them in params (or --set sweep.grid=[])", g))
	}
	if err := st.CheckSweptOverrides(); err != nil {
		return nil, err
	}
	var params []string
	var dists []dist.Dist
	for _, u := range c.Sweep.Uncertain {
		params = append(params, u.Param)
		dists = append(dists, u.Dist)
	}
	seed := uint64(c.Sweep.Seed)
	n := c.Sweep.Samples
	rng := sweep.DesignRand(seed, sweep.KeySensitivity)
	var points [][]float64
	var analyze func(metric string, y []float64, boot sensitivity.Bootstrap) (sensitivity.Result, error)
	levels := opt.Levels
	switch opt.Method {
	case "", "sobol":
		opt.Method = "sobol"
		d, err := sensitivity.NewSobolDesign(params, n, opt.SecondOrder, rng)
		if err != nil {
			return nil, st.Wrap(schema.Prefix("sweep", err))
		}
		points, analyze = d.Points, d.Analyze
	case "morris":
		if levels == 0 {
			levels = 4
		}
		d, err := sensitivity.NewMorrisDesign(params, n, levels, rng)
		if err != nil {
			return nil, st.Wrap(schema.Prefix("sweep", err))
		}
		points, analyze = d.Points, d.Analyze
	default:
		return nil, model.Invalid("--method", "unknown method %q; allowed: sobol, morris", opt.Method)
	}
	values, err := sample.Transform(points, dists)
	if err != nil {
		return nil, st.Wrap(schema.Prefix("sweep.uncertain", err))
	}
	spec := st.Spec
	spec.Design = sweep.Design{Grid: st.Spec.Design.Grid, Uncertain: params, Points: values}
	if opt.Workers > 0 {
		spec.Workers = opt.Workers
	}
	spec.Progress = opt.Progress
	plan, err := sweep.NewPlan(&spec)
	if err != nil {
		return nil, st.Wrap(err)
	}

	// Which columns to analyse.
	col := map[string]int{}
	for i, name := range plan.Columns {
		col[name] = i
	}
	r := &sensitivityRun{st: st, spec: spec, analyze: analyze, opt: opt, a: SensitivityAnalysis{
		Method: opt.Method, Params: params, Samples: n, SecondOrder: opt.Method == "sobol" && opt.SecondOrder,
		Levels: levels, Design: spec.Design,
	}}
	for _, m := range plan.Deterministic {
		if len(m.Levels) > 0 {
			r.a.Skipped = append(r.a.Skipped, m.Name+" (categorical)")
			continue
		}
		r.names = append(r.names, m.Name)
		r.cols = append(r.cols, col[m.Name])
	}
	if plan.Replications > 0 {
		for _, m := range plan.Simulated {
			if len(m.Levels) > 0 {
				r.a.Skipped = append(r.a.Skipped, m.Name+" (categorical)")
				continue
			}
			r.names = append(r.names, m.Name)
			r.cols = append(r.cols, col[m.Name+"_mean"])
		}
	}
	return r, nil
}

// run runs the model over the design, sending its rows also to rows (when
// not nil), and computes the indices.
func (r *sensitivityRun) run(ctx context.Context, rows sweep.Sink) (*SensitivityAnalysis, error) {
	vs := &valueSink{cols: r.cols, values: make([][]float64, len(r.names))}
	var sink sweep.Sink = vs
	if rows != nil {
		sink = teeSink{rows, vs}
	}
	stats, err := sweep.Run(ctx, r.spec, sink)
	if err != nil {
		return nil, r.st.Wrap(err)
	}
	a := r.a
	a.Stats = stats
	a.Skipped = append([]string(nil), a.Skipped...)
	boot := sensitivity.Bootstrap{Resamples: r.opt.Resamples, Rng: sweep.DesignRand(r.spec.Seed, sweep.KeyBootstrap)}
	for k, name := range r.names {
		res, err := r.analyze(name, vs.values[k], boot)
		if err != nil {
			a.Skipped = append(a.Skipped, fmt.Sprintf("%s (%v)", name, err))
			continue
		}
		a.Result.Add(res)
		a.Result.Confidence, a.Result.Resamples = res.Confidence, res.Resamples
		a.Analysed = append(a.Analysed, name)
	}
	if len(a.Analysed) == 0 {
		return nil, fmt.Errorf("no metric could be analysed: %v", a.Skipped)
	}
	return &a, nil
}

// AnalyseSensitivity is [Sensitivity] without files: it runs the analysis in
// memory and sends the model runs' rows (the results.csv of Sensitivity) to
// rows, unless rows is nil.
func AnalyseSensitivity(ctx context.Context, st *config.Study, opt SensitivityOptions, rows sweep.Sink) (*SensitivityAnalysis, error) {
	r, err := prepareSensitivity(st, opt)
	if err != nil {
		return nil, err
	}
	return r.run(ctx, rows)
}

// Sensitivity runs a global sensitivity analysis of the study's metrics with
// respect to its uncertain parameters (sweep.uncertain, each with its
// distribution) into dir.
//
// The design — Saltelli's for Sobol indices with N = sweep.samples base
// samples, or N Morris trajectories — is drawn in the unit cube from the
// stream sweep.DesignRand(seed, sweep.KeySensitivity), mapped through each
// parameter's quantile function, and run through the sweep engine (in
// parallel, deterministic). Every numeric metric is analysed: a deterministic
// one by its value, a simulated one by its mean over sweep.replications; the
// bootstrap draws from sweep.DesignRand(seed, sweep.KeyBootstrap). A metric
// undefined (NaN) at some design point, or categorical, is skipped with a
// note. Design points draw independent replication streams, so the Monte
// Carlo noise of a simulated metric's mean enters its variance as if it were
// an interaction of every parameter (raising ST above S1). sweep.sampling does not apply (each method has its own design), and
// the grid must have a single cell: the analysis is at one setting of the
// levers.
//
// dir receives design.csv and results.csv (the model runs), indices.csv (one
// row per metric, parameter and index), sensitivity.json (as --json prints),
// sensitivity.txt (the tables), figures/sensitivity-<metric>.{png,svg} and
// manifest.json, last.
func Sensitivity(ctx context.Context, st *config.Study, dir string, opt SensitivityOptions) (*SensitivityReport, error) {
	c := st.Config
	r, err := prepareSensitivity(st, opt)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	os.Remove(filepath.Join(dir, "manifest.json"))
	start := time.Now()
	rf, err := atomicfile.Create(filepath.Join(dir, "results.csv"))
	if err != nil {
		return nil, err
	}
	defer rf.Abort()
	csvSink := sweep.NewCSVSink(rf)
	a, err := r.run(ctx, csvSink)
	if err != nil {
		return nil, err
	}
	if err := csvSink.Flush(); err != nil {
		return nil, err
	}
	res := a.Result

	outputs := []string{"design.csv", "results.csv", "indices.csv", "sensitivity.json", "sensitivity.txt"}
	var design bytes.Buffer
	if err := a.Design.WriteCSV(&design); err != nil {
		return nil, err
	}
	var bars, text bytes.Buffer
	if err := res.WriteBarsCSV(&bars); err != nil {
		return nil, err
	}
	if err := res.WriteText(&text); err != nil {
		return nil, err
	}
	js, err := jsonIndent(res)
	if err != nil {
		return nil, err
	}
	for name, data := range map[string][]byte{"design.csv": design.Bytes(), "indices.csv": bars.Bytes(), "sensitivity.txt": text.Bytes(), "sensitivity.json": js} {
		if err := atomicfile.WriteFile(filepath.Join(dir, name), data); err != nil {
			return nil, err
		}
	}
	if err := rf.Commit(); err != nil {
		return nil, err
	}
	figs, err := drawSensitivity(res, a.Method, filepath.Join(dir, "figures"), []string{"png", "svg"})
	if err != nil {
		return nil, err
	}
	for _, f := range figs {
		rel, _ := filepath.Rel(dir, f)
		outputs = append(outputs, rel)
	}
	end := time.Now()
	m := &SensitivityManifest{
		Tool:         "statecraft",
		Build:        version.Get("."),
		ConfigFile:   c.File,
		ConfigSHA256: c.Hash(),
		Model:        st.Model.Info().Name,
		Method:       a.Method,
		Params:       a.Params,
		Samples:      a.Samples,
		SecondOrder:  a.SecondOrder,
		Levels:       a.Levels,
		Evaluations:  a.Design.Len(),
		Replications: a.Stats.Replications,
		Seed:         r.spec.Seed,
		Resamples:    res.Resamples,
		Metrics:      a.Analysed,
		Skipped:      a.Skipped,
		Outputs:      outputs,
		Workers:      a.Stats.Workers,
		Start:        start.UTC().Format(time.RFC3339Nano),
		End:          end.UTC().Format(time.RFC3339Nano),
		WallSeconds:  end.Sub(start).Seconds(),
		Config:       config.Canonical(c.Raw),
	}
	if err := writeJSON(filepath.Join(dir, "manifest.json"), m); err != nil {
		return nil, err
	}
	return &SensitivityReport{Result: res, Manifest: m}, nil
}

func jsonIndent(v any) ([]byte, error) {
	var buf bytes.Buffer
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	buf.Write(data)
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
