package figure

import (
	"fmt"
	"strings"

	"github.com/statecraft/statecraft/schema"
)

// Spec declares one figure in a config's figures list.
type Spec struct {
	Name         string         `key:"name" doc:"file name of the figure, without extension"`
	Kind         string         `key:"kind" enum:"line|heatmap|regime|polygon" default:"line" doc:"line: a metric's mean against a parameter with a 95% band; heatmap: a metric over two parameters with a colour bar; regime: a categorical or 0/1 metric over two parameters with a legend; polygon: each cell's set of points (e.g. an equilibrium payoff set), one outline per series value"`
	X            string         `key:"x" doc:"swept parameter on the horizontal axis"`
	Y            Names          `key:"y" doc:"line: the metric on the vertical axis, or a list of metrics drawn as series; heatmap and regime: the second swept parameter"`
	Z            string         `key:"z" default:"" doc:"heatmap and regime: the metric shown by colour"`
	Series       string         `key:"series" default:"" doc:"line and polygon: swept parameter whose values are drawn as separate series"`
	Overlay      Names          `key:"overlay" doc:"line: metrics drawn as lines over y, one per y metric (e.g. a closed form over its simulation); y is then drawn as points with its band"`
	Step         string         `key:"step" enum:"auto|none|mid|pre|post" default:"auto" doc:"line: how neighbouring points are joined. auto: steps (mid) for a categorical metric or one whose values are all 0 or 1, straight lines otherwise; none: straight lines; mid: steps half-way between points; pre: the jump at the earlier point; post: the jump at the later point (each value holds until the next point)"`
	Names        []string       `key:"names" doc:"line and polygon: legend entries of the series, in legend order (default: the series parameter's values, or the metrics' labels); regime: legend entries of the levels, in the order of levels"`
	Field        string         `key:"field" default:"vertices" doc:"polygon: the kept structured output (a JSON column of results.csv) holding each cell's vertices as [[x, y], …]"`
	Where        map[string]any `key:"where" doc:"keep only rows where these swept parameters have these values"`
	Band         bool           `key:"band" default:"true" doc:"line: draw the 95% interval of simulated metrics as a band"`
	Contour      []float64      `key:"contour" doc:"heatmap and regime: draw contour lines where contour_of takes these values (e.g. [1] for δ* = 1), with a legend entry"`
	ContourOf    string         `key:"contour_of" default:"" doc:"heatmap and regime: the numeric metric whose contour lines are drawn (default: z)"`
	ContourLabel string         `key:"contour_label" default:"" doc:"legend entry of the contour lines (default: the metric's label = the level)"`
	Title        string         `key:"title" default:"" doc:"title above the plot"`
	XLabel       string         `key:"xlabel" default:"" doc:"horizontal axis label (default: the parameter's label and unit from the model's schema)"`
	YLabel       string         `key:"ylabel" default:"" doc:"vertical axis label (default: the metric's or parameter's label and unit; for several metrics, their common unit)"`
	ZLabel       string         `key:"zlabel" default:"" doc:"colour bar or legend title (default: the metric's label and unit)"`
	LogX         bool           `key:"log_x" default:"false" doc:"logarithmic horizontal axis (all x values must be positive)"`
	LogY         bool           `key:"log_y" default:"false" doc:"logarithmic vertical axis (all y values must be positive)"`
	LogZ         bool           `key:"log_z" default:"false" doc:"heatmap: logarithmic colour scale (all z values must be positive)"`
	ZMin         *float64       `key:"z_min" doc:"heatmap: lower end of the colour scale, smaller values take its colour (default: the smallest value)"`
	ZMax         *float64       `key:"z_max" doc:"heatmap: upper end of the colour scale, larger values take its colour (default: the largest value)"`
	Levels       []string       `key:"levels" doc:"regime: names for the values 0, 1, … of a numeric metric (e.g. [not sustainable, sustainable]), or the order of a categorical metric's values"`
	Width        float64        `key:"width" default:"12" range:"(0,100]" unit:"cm" doc:"figure width"`
	Height       float64        `key:"height" default:"9" range:"(0,100]" unit:"cm" doc:"figure height"`
	Formats      []string       `key:"formats" default:"[png, svg]" enum:"png|svg|pdf" doc:"output formats; pdf embeds its font (Greek letters and symbols are text)"`
}

// Validate checks the fields each kind needs.
func (s *Spec) Validate() error {
	if s.Name == "" {
		return schema.Errorf("name", "every figure needs a name (its file name)")
	}
	if strings.ContainsAny(s.Name, `/\`) {
		return schema.Errorf("name", "%q must be a file name, not a path", s.Name)
	}
	if s.X == "" && s.Kind != "polygon" {
		return schema.Errorf("x", "figure %q needs x: the swept parameter on the horizontal axis", s.Name)
	}
	switch s.Kind {
	case "line":
		if len(s.Y) == 0 {
			return schema.Errorf("y", "line figure %q needs y: the metric to plot (or a list of metrics)", s.Name)
		}
		if len(s.Y) > 1 && s.Series != "" {
			return schema.Errorf("series", "line figure %q lists several y metrics, which are its series; remove series or give one metric", s.Name)
		}
		if len(s.Overlay) > 0 && len(s.Overlay) != len(s.Y) {
			return schema.Errorf("overlay", "line figure %q has %d y metrics and %d overlay metrics; give one overlay metric per y metric", s.Name, len(s.Y), len(s.Overlay))
		}
	case "heatmap", "regime":
		if len(s.Y) != 1 || s.Z == "" {
			return schema.Errorf("z", "%s figure %q needs y (one swept parameter) and z (the metric)", s.Kind, s.Name)
		}
	}
	if len(s.Contour) > 0 && s.Kind != "heatmap" && s.Kind != "regime" {
		return schema.Errorf("contour", "%s figure %q cannot draw contours; heatmap and regime figures can", s.Kind, s.Name)
	}
	if s.Kind != "heatmap" {
		switch {
		case s.LogZ:
			return schema.Errorf("log_z", "%s figure %q has no colour scale; heatmap figures have", s.Kind, s.Name)
		case s.ZMin != nil || s.ZMax != nil:
			return schema.Errorf("z_min", "%s figure %q has no colour scale to limit; heatmap figures have", s.Kind, s.Name)
		}
	}
	if s.ZMin != nil && s.ZMax != nil && !(*s.ZMin < *s.ZMax) {
		return schema.Errorf("z_max", "figure %q: z_max (%g) must exceed z_min (%g)", s.Name, *s.ZMax, *s.ZMin)
	}
	if s.Kind != "line" {
		switch {
		case len(s.Overlay) > 0:
			return schema.Errorf("overlay", "%s figure %q cannot overlay metrics; line figures can", s.Kind, s.Name)
		case s.Step != "" && s.Step != "auto":
			return schema.Errorf("step", "%s figure %q has no lines to step; line figures have", s.Kind, s.Name)
		}
	}
	if len(s.Formats) == 0 {
		return schema.Errorf("formats", "figure %q has no output format; allowed: png, svg, pdf", s.Name)
	}
	return nil
}

// Check verifies that the figure refers to swept parameters and existing
// metrics. params are the swept parameter paths, metrics the metric names.
func (s *Spec) Check(params, metrics []string) error {
	isParam := func(p string) bool { return contains(params, p) }
	needParam := func(key, p string) error {
		if isParam(p) {
			return nil
		}
		msg := fmt.Sprintf("%q is not a swept parameter", p)
		if n := schema.Nearest(p, params); n != "" {
			msg += fmt.Sprintf("; did you mean %q?", n)
		}
		return schema.Errorf(key, "%s (swept: %s)", msg, strings.Join(params, ", "))
	}
	needMetric := func(key, m string) error {
		if contains(metrics, m) {
			return nil
		}
		msg := fmt.Sprintf("%q is not a metric of this model", m)
		if n := schema.Nearest(m, metrics); n != "" {
			msg += fmt.Sprintf("; did you mean %q?", n)
		}
		return schema.Errorf(key, "%s (metrics: %s)", msg, strings.Join(metrics, ", "))
	}
	if s.Kind == "polygon" {
		if err := needMetric("field", s.Field); err != nil {
			return err
		}
		if s.Series != "" {
			if err := needParam("series", s.Series); err != nil {
				return err
			}
		}
		for k := range s.Where {
			if err := needParam("where."+k, k); err != nil {
				return err
			}
		}
		return nil
	}
	if err := needParam("x", s.X); err != nil {
		return err
	}
	switch s.Kind {
	case "line":
		for _, list := range []struct {
			key   string
			names Names
		}{{"y", s.Y}, {"overlay", s.Overlay}} {
			for i, y := range list.names {
				key := list.key
				if len(list.names) > 1 {
					key = fmt.Sprintf("%s.%d", list.key, i)
				}
				if err := needMetric(key, y); err != nil {
					return err
				}
			}
		}
		if s.Series != "" {
			if err := needParam("series", s.Series); err != nil {
				return err
			}
		}
	default:
		if err := needParam("y", s.Y.One()); err != nil {
			return err
		}
		if err := needMetric("z", s.Z); err != nil {
			return err
		}
		if s.ContourOf != "" {
			if err := needMetric("contour_of", s.ContourOf); err != nil {
				return err
			}
		}
	}
	for k := range s.Where {
		if err := needParam("where."+k, k); err != nil {
			return err
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Names is one name or a list of names; in a config, y: coop_rate and
// y: [score_tft, score_wsls] are both accepted.
type Names []string

// One returns the single name ("" when there is not exactly one).
func (n Names) One() string {
	if len(n) != 1 {
		return ""
	}
	return n[0]
}

// SchemaKind names the form in docs.
func (n *Names) SchemaKind() string { return "name or list of names" }

// DecodeValue implements schema.Decoder.
func (n *Names) DecodeValue(v any) error {
	switch x := v.(type) {
	case string:
		*n = Names{x}
		return nil
	case []any:
		out := make(Names, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return schema.Errorf(fmt.Sprint(i), "want a name, got %v", e)
			}
			out[i] = s
		}
		*n = out
		return nil
	}
	return schema.Errorf("", "want a name or a list of names, got %v", v)
}
