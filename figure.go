package statecraft

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/statecraft/statecraft/figure"
	"github.com/statecraft/statecraft/run"
	"github.com/statecraft/statecraft/schema"
)

// Figure is a figure spec, as in a config's figures list.
type Figure struct {
	Spec figure.Spec
}

var figureSchema = schema.MustOf(figure.Spec{})

// ParseFigure reads a figure spec from YAML text with the keys of a config's
// figures entry (statecraft docs lists them), e.g.
//
//	{kind: line, x: false_alarm, y: coop_rate, series: strategy}
//
// Keys left out take their defaults; name defaults to "figure".
func ParseFigure(text string) (Figure, error) {
	var raw map[string]any
	if err := yaml.Unmarshal([]byte(text), &raw); err != nil {
		return Figure{}, fmt.Errorf("figure: not a YAML mapping: %v", err)
	}
	if raw == nil {
		raw = map[string]any{}
	}
	if _, ok := raw["name"]; !ok {
		raw["name"] = "figure"
	}
	var f Figure
	if err := figureSchema.Decode(raw, &f.Spec); err != nil {
		return Figure{}, schema.Prefix("figure", err)
	}
	return f, nil
}

// Figure returns the config's figure of that name.
func (s *Study) Figure(name string) (Figure, error) {
	var names []string
	for _, f := range s.st.Config.Figures {
		if f.Name == name {
			return Figure{Spec: f}, nil
		}
		names = append(names, f.Name)
	}
	if len(names) == 0 {
		return Figure{}, fmt.Errorf("%s: no figure %q: the config declares no figures", s.st.Config.File, name)
	}
	msg := fmt.Sprintf("%s: no figure %q", s.st.Config.File, name)
	if n := schema.Nearest(name, names); n != "" {
		msg += fmt.Sprintf("; did you mean %q?", n)
	}
	return Figure{}, fmt.Errorf("%s (figures: %s)", msg, strings.Join(names, ", "))
}

// Figures returns the config's figures, in order.
func (s *Study) Figures() []Figure {
	out := make([]Figure, len(s.st.Config.Figures))
	for i, f := range s.st.Config.Figures {
		out[i] = Figure{Spec: f}
	}
	return out
}

// Draw renders the figure from the table in one format — png, svg or pdf —
// and returns the bytes statecraft sweep writes to figures/<name>.<format>.
// The figure's x, y, series and where must name columns of the table.
func (f Figure) Draw(t *Table, format string) ([]byte, error) {
	var params, metrics []string
	for _, c := range t.cols {
		switch {
		case c.Param:
			params = append(params, c.Name)
		case c.Metric != "":
			if !slices.Contains(metrics, c.Metric) {
				metrics = append(metrics, c.Metric)
			}
		case c.Name != "cell":
			metrics = append(metrics, c.Name) // a kept structured output
		}
	}
	if err := f.Spec.Check(params, metrics); err != nil {
		return nil, schema.Prefix("figure "+f.Spec.Name, err)
	}
	return figure.Encode(f.Spec, t.figureTable(), format, t.labels)
}

// PlotOptions change what Plot draws: a figures file, --set overrides of
// the figures, formats; see [run.PlotOptions].
type PlotOptions = run.PlotOptions

// FigureError is a figure that could not be drawn, and why.
type FigureError = run.FigureError

// Plot re-draws the figures of a finished run directory from its
// results.csv and recorded config, changed by opt, as statecraft plot does,
// and returns the paths written (relative to dir) and the figures that could
// not be drawn.
func Plot(dir string, opt PlotOptions) (drawn []string, skipped []*FigureError, err error) {
	return run.Plot(dir, opt)
}
