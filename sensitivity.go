package statecraft

import (
	"context"
	"fmt"

	"github.com/statecraft/statecraft/run"
	"github.com/statecraft/statecraft/sensitivity"
	"github.com/statecraft/statecraft/sweep"
)

// SensitivityOptions set how a sensitivity analysis runs: Method "sobol"
// (the default) or "morris", SecondOrder (Sobol: also S2, at N(2K+2) runs
// instead of N(K+2)), Resamples of the bootstrap (0: 1000), Levels of the
// Morris grid (0: 4), Workers and Progress as in Options.
type SensitivityOptions = run.SensitivityOptions

// Analysis is a sensitivity analysis: the indices, what ran, and the model
// runs behind them.
type Analysis struct {
	run.SensitivityAnalysis
	// Runs are the model runs: the results.csv of statecraft sensitivity.
	Runs *Table
}

// Sensitivity runs a global sensitivity analysis of every numeric metric
// with respect to the uncertain parameters (sweep.uncertain) in memory, as
// statecraft sensitivity does (see run.Sensitivity for the method): the same
// design, random streams and indices.
func (s *Study) Sensitivity(opt SensitivityOptions) (*Analysis, error) {
	return s.SensitivityContext(context.Background(), opt)
}

// SensitivityContext is Sensitivity with a context that stops the run.
func (s *Study) SensitivityContext(ctx context.Context, opt SensitivityOptions) (*Analysis, error) {
	var rows rowSink
	a, err := run.AnalyseSensitivity(ctx, s.st, opt, &rows)
	if err != nil {
		return nil, err
	}
	spec := s.st.Spec
	spec.Design = a.Design
	plan, err := sweep.NewPlan(&spec)
	if err != nil {
		return nil, s.st.Wrap(err)
	}
	return &Analysis{SensitivityAnalysis: *a, Runs: newTable(plan, a.Design, s.Info(), run.Labels(s.st, plan.Metrics), rows.rows, a.Stats)}, nil
}

// SensitivityTo runs the analysis into dir as statecraft sensitivity does:
// results.csv, design.csv, indices.csv, sensitivity.json, sensitivity.txt,
// bar figures and manifest.json.
func (s *Study) SensitivityTo(ctx context.Context, dir string, opt SensitivityOptions) (*run.SensitivityReport, error) {
	return run.Sensitivity(ctx, s.st, dir, opt)
}

// Index returns the Sobol indices of one parameter for one metric. It
// panics if the analysis has none for them.
func (a *Analysis) Index(metric, param string) sensitivity.Index {
	for _, ix := range a.Result.Indices {
		if ix.Metric == metric && ix.Param == param {
			return ix
		}
	}
	panic(a.missing("Sobol", metric, param))
}

// Morris returns the Morris measures of one parameter for one metric. It
// panics if the analysis has none for them.
func (a *Analysis) Morris(metric, param string) sensitivity.MorrisIndex {
	for _, ix := range a.Result.Morris {
		if ix.Metric == metric && ix.Param == param {
			return ix
		}
	}
	panic(a.missing("Morris", metric, param))
}

func (a *Analysis) missing(kind, metric, param string) string {
	return fmt.Sprintf("statecraft: no %s index of metric %q for parameter %q in this %s analysis (metrics: %v; parameters: %v)",
		kind, metric, param, a.Method, a.Analysed, a.Params)
}

// Figures draws the bar figures of statecraft sensitivity, one per metric,
// in one format (png or svg).
func (a *Analysis) Figures(format string) ([]run.SensitivityFigure, error) {
	return run.EncodeSensitivity(a.Result, a.Method, format)
}
