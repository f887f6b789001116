package robust

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/results"
)

// RunOptions say what to compare in a run.
type RunOptions struct {
	Metric string
	Options
}

// Analysis is the robustness of a run's levers.
type Analysis struct {
	results.Subject
	Direction string      `json:"direction"` // maximize or minimize
	Threshold *float64    `json:"threshold"`
	Scenarios int         `json:"scenarios"`          // sample points kept
	LeftOut   int         `json:"left_out_scenarios"` // where some lever's metric is undefined
	Levers    []string    `json:"levers"`
	Uncertain []string    `json:"uncertain"`
	Settings  []LeverInfo `json:"settings"`
	// MinimaxRegret is the label of the setting with the smallest maximum
	// regret, MostSatisficing that of the largest satisficing share (null
	// without a threshold); the first on a tie.
	MinimaxRegret   string  `json:"minimax_regret"`
	MostSatisficing *string `json:"most_satisficing"`
}

// LeverInfo is one setting of the levers (one grid cell) and its
// robustness.
type LeverInfo struct {
	Label       string   `json:"label"`  // lever=value, …
	Values      []string `json:"values"` // one per lever, as results.csv writes them
	Mean        float64  `json:"mean"`
	Q05         float64  `json:"q05"`
	Q50         float64  `json:"q50"`
	Q95         float64  `json:"q95"`
	Satisficing *float64 `json:"satisficing"`
	MaxRegret   float64  `json:"max_regret"`
	// MaxRegretSample is the sample point where the maximum regret is
	// reached first, MaxRegretAt its uncertain values.
	MaxRegretSample int       `json:"max_regret_sample"`
	MaxRegretAt     []float64 `json:"max_regret_at"`
}

// Analyze compares the levers of the finished run in dir across its
// scenarios: the grid cells are the settings, the sample points of the
// uncertain parameters the scenarios (the same for every setting, see
// sweep.Design). It streams the metric's column twice; memory is one value
// per scenario. Bad options and runs without several settings or without
// scenarios are bad input.
func Analyze(dir string, opt RunOptions) (*Analysis, error) {
	t, err := results.Open(dir)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	manifest := filepath.Join(dir, "manifest.json")
	if len(t.Uncertain) == 0 {
		return nil, &config.Error{File: manifest, Err: fmt.Errorf(
			"the run has no uncertain parameters: robustness compares the levers across the scenarios drawn for sweep.uncertain (e.g. {param: detection, dist: uniform, min: 0.5, max: 1}); rerun the sweep with some")}
	}
	if t.GridCells < 2 {
		return nil, &config.Error{File: manifest, Err: fmt.Errorf(
			"the run has one setting of the levers: robustness compares several; give sweep.grid an axis, e.g. {param: strategy, values: [grim, punish]}")}
	}
	m, err := t.Metric(opt.Metric)
	if err != nil {
		return nil, err
	}
	if len(m.Levels) > 0 {
		return nil, model.Invalid("--metric", "%s is categorical (levels %s); robustness needs a number to compare", m.Name, strings.Join(m.Levels, ", "))
	}
	S := t.Samples
	r := New(S, opt.Options)
	block := make([]float64, 0, S)
	// each calls f with every setting's values, in grid order.
	each := func(f func(g int, vals []float64) error) error {
		block = block[:0]
		return t.Floats(m.Column, func(row int, vals []float64) error {
			for _, v := range vals {
				block = append(block, v)
				if len(block) == S {
					if err := f(row/S, block); err != nil {
						return err
					}
					block = block[:0]
				}
				row++
			}
			return nil
		})
	}
	if err := each(func(_ int, vals []float64) error { return r.Best(vals) }); err != nil {
		return nil, err
	}
	a := &Analysis{Subject: t.Subject(m), Direction: "maximize", Threshold: opt.Threshold, Scenarios: r.Kept(), LeftOut: S - r.Kept(), Levers: t.Levers, Uncertain: t.Uncertain}
	if opt.Minimize {
		a.Direction = "minimize"
	}
	if a.Scenarios == 0 {
		return nil, model.Invalid("--metric", "%s is undefined (NaN) for some setting in every one of the %d scenarios", m.Name, S)
	}
	levers := make([]Lever, 0, t.GridCells)
	err = each(func(_ int, vals []float64) error {
		l, err := r.Lever(vals)
		levers = append(levers, l)
		return err
	})
	if err != nil {
		return nil, err
	}
	// Labels and the scenarios where the maximum regrets are reached.
	a.Settings = make([]LeverInfo, len(levers))
	for _, lv := range t.Levers {
		err := t.Strings(lv, func(row int, vals []string) error {
			for i, v := range vals {
				if (row+i)%S == 0 {
					s := &a.Settings[(row+i)/S]
					s.Values = append(s.Values, v)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	at := map[int][]int{} // sample point → the settings whose maximum regret is there
	for g, l := range levers {
		at[l.MaxRegretAt] = append(at[l.MaxRegretAt], g)
	}
	for _, u := range t.Uncertain {
		err := t.Floats(u, func(row int, vals []float64) error {
			for i, x := range vals {
				for _, g := range at[row+i] { // rows below S: grid cell 0 holds every sample point
					a.Settings[g].MaxRegretAt = append(a.Settings[g].MaxRegretAt, x)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for g, l := range levers {
		s := &a.Settings[g]
		parts := make([]string, len(t.Levers))
		for k, lv := range t.Levers {
			parts[k] = lv + "=" + s.Values[k]
		}
		s.Label = strings.Join(parts, ", ")
		s.Mean, s.Q05, s.Q50, s.Q95 = l.Mean, l.Q[0], l.Q[1], l.Q[2]
		if opt.Threshold != nil {
			v := l.Satisficing
			s.Satisficing = &v
		}
		s.MaxRegret, s.MaxRegretSample = l.MaxRegret, l.MaxRegretAt
	}
	a.MinimaxRegret = a.Settings[MinimaxRegret(levers)].Label
	if k := MostSatisficing(levers); k >= 0 {
		a.MostSatisficing = &a.Settings[k].Label
	}
	return a, nil
}
