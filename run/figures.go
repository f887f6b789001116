package run

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/figure"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
)

// FigureError is a figure that could not be drawn. It never costs a run its
// results: they are written before any figure is drawn, the run succeeds
// with the figure skipped (listed in the manifest's figures_skipped), and
// statecraft plot redraws it once the figure is fixed.
type FigureError struct {
	Figure  string `json:"figure"`
	Message string `json:"error"`
	Err     error  `json:"-"`
}

func (e *FigureError) Error() string { return "figure " + e.Figure + ": " + e.Message }
func (e *FigureError) Unwrap() error { return e.Err }

// BadInput reports whether the figure failed because of what its spec asks
// of the results (a column they do not have, no rows to draw), not because a
// file could not be read or written.
func (e *FigureError) BadInput() bool {
	var pe *fs.PathError
	return model.IsBadInput(e.Err) || !errors.As(e.Err, &pe)
}

func figureError(name string, err error) *FigureError {
	msg := err.Error()
	var ce *config.Error
	if errors.As(err, &ce) {
		msg = ce.Err.Error() // the file is the run's, not news
	}
	msg = strings.TrimPrefix(msg, "figure "+name+": ")
	return &FigureError{Figure: name, Message: msg, Err: err}
}

// FormatNames are the figure formats --formats accepts.
var FormatNames = []string{"png", "svg", "pdf"}

// CheckFormats checks a list of figure formats (e.g. from --formats).
func CheckFormats(formats []string) error {
	for _, f := range formats {
		if !slices.Contains(FormatNames, f) {
			msg := fmt.Sprintf("unknown figure format %q", f)
			if n := schema.Nearest(f, FormatNames); n != "" {
				msg += fmt.Sprintf("; did you mean %q?", n)
			}
			return &config.Error{Err: fmt.Errorf("--formats: %s (allowed: %s, e.g. --formats png,pdf)", msg, strings.Join(FormatNames, ", "))}
		}
	}
	return nil
}

// FigureProblems checks the study's figures against a run of it (its
// metrics, and the structured outputs among its columns) and returns, for
// each figure that could not be drawn from it, the reason; nil for the others.
func FigureProblems(st *config.Study, metrics []model.Metric, columns []string) []*FigureError {
	var kept []string
	for _, k := range st.Spec.Keep {
		if slices.Contains(columns, k) {
			kept = append(kept, k)
		}
	}
	out := make([]*FigureError, len(st.Config.Figures))
	for i, f := range st.Config.Figures {
		if err := st.CheckFigure(i, metrics, kept); err != nil {
			out[i] = figureError(f.Name, err)
		}
	}
	return out
}

// drawFigures draws the study's figures from dir/results.csv into
// dir/figures (formats, when given, replace each figure's own). A figure
// that cannot be drawn is skipped and reported; the others are drawn.
func drawFigures(dir string, st *config.Study, m *Manifest, formats []string) (drawn []string, skipped []*FigureError) {
	specs := st.Config.Figures
	if len(specs) == 0 {
		return nil, nil
	}
	problems := FigureProblems(st, m.Metrics, m.Columns)
	labels := figureLabels(m.Parameters, m.Metrics)
	path := filepath.Join(dir, "results.csv")
	var t *figure.Table
	f, err := os.Open(path)
	if err == nil {
		t, err = figure.ReadCSV(f)
		f.Close()
	}
	for i, s := range specs {
		if problems[i] != nil {
			skipped = append(skipped, problems[i])
			continue
		}
		if err != nil {
			skipped = append(skipped, figureError(s.Name, fmt.Errorf("%s: %w", path, err)))
			continue
		}
		paths, rerr := figure.Render(s, t, filepath.Join(dir, "figures"), figure.Options{Formats: formats, Labels: labels})
		for _, p := range paths {
			rel, _ := filepath.Rel(dir, p)
			drawn = append(drawn, rel)
		}
		if rerr != nil {
			skipped = append(skipped, figureError(s.Name, rerr))
		}
	}
	return drawn, skipped
}

// finishFigures draws the figures of a run whose results and manifest are
// written, and records them in its manifest: the figures drawn, those
// skipped, and the figures section of the config they came from (so that
// statecraft plot redraws the same ones).
func finishFigures(dir string, st *config.Study, m *Manifest, formats []string) error {
	m.Figures, m.FiguresSkipped = drawFigures(dir, st, m, formats)
	if figs, ok := config.Canonical(st.Config.Raw)["figures"]; ok {
		m.Config["figures"] = figs
	} else {
		delete(m.Config, "figures")
	}
	return writeJSON(filepath.Join(dir, "manifest.json"), m)
}

// PlotOptions change what statecraft plot draws from a finished run.
type PlotOptions struct {
	// FiguresFile names a YAML (or JSON, TOML) file whose figures list
	// replaces the run's; its other keys, if any, must be config keys and
	// are not used, so a config file serves too.
	FiguresFile string
	// Sets are --set key=value overrides of the figures section
	// (figures.0.formats=[pdf]); keys outside figures are refused.
	Sets []string
	// Formats, when given, replace every figure's formats.
	Formats []string
}

// Plot redraws the figures of a finished run from its results and the
// figures section of its recorded config, changed by opt. It returns the
// files drawn and the figures that could not be drawn.
func Plot(dir string, opt PlotOptions) (drawn []string, skipped []*FigureError, err error) {
	if err := CheckFormats(opt.Formats); err != nil {
		return nil, nil, err
	}
	for _, s := range opt.Sets {
		key, _, _ := strings.Cut(s, "=")
		if top, _, _ := strings.Cut(strings.TrimSpace(key), "."); !strings.EqualFold(top, "figures") {
			return nil, nil, &config.Error{Err: fmt.Errorf("--set %s: statecraft plot redraws the figures from the run's results, so only figures can be changed (e.g. --set figures.0.formats=[pdf]); to change %s, run statecraft sweep again", s, key)}
		}
	}
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, nil, err
	}
	manifest := filepath.Join(dir, "manifest.json")
	raw := jsonToConfigMap(m.Config)
	if opt.FiguresFile != "" {
		figs, err := readFigures(opt.FiguresFile)
		if err != nil {
			return nil, nil, err
		}
		raw["figures"] = figs
	}
	c, err := config.LoadMap(raw, dir, manifest, config.Overrides{Sets: opt.Sets})
	if err != nil {
		return nil, nil, err
	}
	if len(c.Figures) == 0 {
		return nil, nil, &config.Error{File: manifest, Err: fmt.Errorf("the run's config declares no figures; give some with --figures FILE")}
	}
	st, err := c.Bind()
	if err != nil {
		return nil, nil, err
	}
	drawn, skipped = drawFigures(dir, st, m, opt.Formats)
	return drawn, skipped, nil
}

// readFigures reads the figures list of a figure spec file.
func readFigures(path string) ([]any, error) {
	raw, err := config.ReadFile(path)
	if err != nil {
		return nil, err
	}
	keys := config.Schema().Keys()
	for k := range raw {
		if !slices.Contains(keys, k) {
			msg := fmt.Sprintf("unknown key %q", k)
			if n := schema.Nearest(k, keys); n != "" {
				msg += fmt.Sprintf("; did you mean %q?", n)
			}
			return nil, &config.Error{File: path, Err: fmt.Errorf("%s (a figure file holds figures: [...]; a config file serves too)", msg)}
		}
	}
	figs, ok := raw["figures"].([]any)
	if !ok {
		return nil, &config.Error{File: path, Err: schema.Errorf("figures", "want a list of figures, e.g. figures: [{name: coop, kind: line, x: false_alarm, y: coop_rate}]")}
	}
	return figs, nil
}
