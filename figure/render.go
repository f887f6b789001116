package figure

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/statecraft/statecraft/internal/atomicfile"
)

// Okabe & Ito's colour-blind-safe qualitative palette ("Color Universal
// Design", 2008), ordered for contrast between neighbours.
var okabeIto = []color.Color{
	color.RGBA{0x00, 0x72, 0xB2, 0xFF}, // blue
	color.RGBA{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	color.RGBA{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	color.RGBA{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	color.RGBA{0xE6, 0x9F, 0x00, 0xFF}, // orange
	color.RGBA{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	color.RGBA{0x00, 0x00, 0x00, 0xFF}, // black
	color.RGBA{0xF0, 0xE4, 0x42, 0xFF}, // yellow, last: faint as a line on white
}

// viridis anchors (van der Walt & Smith's matplotlib colormap): luminance
// rises monotonically, so the map reads in grey and for colour-blind readers.
var viridis = []color.Color{
	color.RGBA{0x44, 0x01, 0x54, 0xFF},
	color.RGBA{0x3b, 0x52, 0x8b, 0xFF},
	color.RGBA{0x21, 0x91, 0x8c, 0xFF},
	color.RGBA{0x5e, 0xc9, 0x62, 0xFF},
	color.RGBA{0xfd, 0xe7, 0x25, 0xFF},
}

var nanColor = color.RGBA{0xDD, 0xDD, 0xDD, 0xFF}

// Options are what a caller sets when drawing, outside the figure's spec.
type Options struct {
	// Formats, when not empty, replaces the spec's formats (png, svg, pdf).
	Formats []string
	// Labels describe the table's columns; axis labels, legends and
	// colour-bar titles come from them unless the spec gives its own.
	Labels Labels
}

// Render draws the figure from the table and writes one file per format
// into dir, each atomically, and returns the paths written. A figure that
// the table cannot give (a missing column, rows that do not fit) is an
// *Error naming the figure and, if one is missing, the column.
func Render(s Spec, t *Table, dir string, opt Options) ([]string, error) {
	panels, err := draw1(s, t, opt.Labels)
	if err != nil {
		return nil, figureError(s.Name, err)
	}
	formats := s.Formats
	if len(opt.Formats) > 0 {
		formats = opt.Formats
	}
	var paths []string
	for _, format := range formats {
		data, err := encode(panels, s.Width, s.Height, format)
		if err != nil {
			return paths, figureError(s.Name, err)
		}
		path := filepath.Join(dir, s.Name+"."+format)
		if err := atomicfile.WriteFile(path, data); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// draw1 lays out the figure's panels.
func draw1(s Spec, t *Table, labels Labels) ([]panel, error) {
	if err := needColumns(s, t); err != nil {
		return nil, err
	}
	rows := filterRows(t, s.Where)
	if len(rows) == 0 {
		return nil, fmt.Errorf("no rows match where %v", s.Where)
	}
	if err := checkLog(s, t, rows); err != nil {
		return nil, err
	}
	f := &fig{Spec: s, t: t, rows: rows, labels: labels}
	switch s.Kind {
	case "line":
		return f.linePanels()
	case "heatmap":
		return f.heatmapPanels()
	case "regime":
		return f.regimePanels()
	case "polygon":
		return f.polygonPanels()
	}
	return nil, fmt.Errorf("unknown figure kind %q", s.Kind)
}

// fig is a figure being drawn: its spec, the table, the rows it selects and
// the columns' labels.
type fig struct {
	Spec
	t      *Table
	rows   []int
	labels Labels
}

// text returns the given label, or else the column's.
func (f *fig) text(given, col string) string {
	if given != "" {
		return given
	}
	return f.labels.Text(col)
}

// needColumns checks that the table has the parameter columns the figure
// names (metrics are checked where their columns are looked up).
func needColumns(s Spec, t *Table) error {
	cols := []string{s.X, s.Series}
	if s.Kind == "heatmap" || s.Kind == "regime" {
		cols = append(cols, s.Y.One())
	}
	for k := range s.Where {
		cols = append(cols, k)
	}
	for _, c := range cols {
		if c != "" && !t.Has(c) {
			return missing(c, "column")
		}
	}
	return nil
}

// panel is one part of a figure: a drawing and the share of the width it takes.
type panel struct {
	draw  func(c draw.Canvas)
	width float64 // share of the figure's width
}

// EncodePlot draws a gonum plot of the given size in one format (png, svg
// or pdf) with the canvases figures use: PDF text in a Unicode font, SVG
// text as outlines, PNG at 300 dpi.
func EncodePlot(p *plot.Plot, widthCM, heightCM float64, format string) ([]byte, error) {
	return encode([]panel{{draw: fitTitle(p), width: 1}}, widthCM, heightCM, format)
}

func encode(panels []panel, widthCM, heightCM float64, format string) ([]byte, error) {
	w, h := vg.Length(widthCM)*vg.Centimeter, vg.Length(heightCM)*vg.Centimeter
	var cw vg.CanvasWriterTo
	switch format {
	case "png":
		cw = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(300), vgimg.UseBackgroundColor(color.White))}
	case "svg":
		cw = newSVG(w, h)
	case "pdf":
		cw = newPDF(w, h)
	default:
		return nil, fmt.Errorf("unknown format %q (allowed: png, svg, pdf)", format)
	}
	dc := draw.New(cw)
	// Margins on the right and at the top, where half of the last tick
	// label would otherwise be cut off.
	dc.Max.X -= vg.Points(6)
	dc.Max.Y -= vg.Points(4)
	w = dc.Max.X - dc.Min.X
	left := dc.Min.X
	for _, p := range panels {
		right := left + vg.Length(p.width)*w
		c := dc
		c.Min.X, c.Max.X = left, right
		p.draw(c)
		left = right
	}
	var buf bytes.Buffer
	if _, err := cw.WriteTo(&buf); err != nil {
		return nil, err
	}
	if format == "svg" {
		return fixSVG(buf.Bytes()), nil
	}
	return buf.Bytes(), nil
}

func filterRows(t *Table, where map[string]any) []int {
	keys := make([]string, 0, len(where))
	for k := range where {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var rows []int
	for r := range t.Rows {
		ok := true
		for _, k := range keys {
			if !t.Has(k) || !sameValue(t.Str(r, k), where[k]) {
				ok = false
				break
			}
		}
		if ok {
			rows = append(rows, r)
		}
	}
	return rows
}

func newPlot(s Spec) *plot.Plot {
	p := plot.New()
	if s.LogX {
		p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, logTicks{}
	}
	if s.LogY {
		p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, logTicks{}
	}
	p.Title.Text = s.Title
	p.Title.TextStyle.Font.Size = vg.Points(11)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = vg.Points(10)
		a.Tick.Label.Font.Size = vg.Points(8)
	}
	return p
}

// logTicks marks a logarithmic axis at powers of ten and, when those are
// fewer than three labelled ticks, also at 2 and 5 times them, so that an
// axis over less than two decades (8 … 64) still reads.
type logTicks struct{}

func (logTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.LogTicks{Prec: -1}.Ticks(min, max)
	labelled := 0
	for _, t := range ticks {
		if t.Label != "" && t.Value >= min && t.Value <= max {
			labelled++
		}
	}
	if labelled >= 3 {
		return ticks
	}
	var out []plot.Tick
	for e := math.Floor(math.Log10(min)); e <= math.Ceil(math.Log10(max)); e++ {
		for _, m := range []float64{1, 2, 5} {
			v := m * math.Pow(10, e)
			if v >= min*(1-1e-9) && v <= max*(1+1e-9) {
				out = append(out, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', -1, 64)})
			}
		}
	}
	if len(out) < 2 {
		return ticks
	}
	return out
}

// distinct returns the distinct values of col over rows: sorted numerically
// when every value is a number, else in order of first appearance.
func distinct(t *Table, rows []int, col string) (vals []string, numeric bool) {
	seen := map[string]bool{}
	numeric = true
	for _, r := range rows {
		v := t.Str(r, col)
		if seen[v] {
			continue
		}
		seen[v] = true
		vals = append(vals, v)
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			numeric = false
		}
	}
	if numeric {
		sort.Slice(vals, func(i, j int) bool {
			a, _ := strconv.ParseFloat(vals[i], 64)
			b, _ := strconv.ParseFloat(vals[j], 64)
			return a < b
		})
	}
	return vals, numeric
}

// metricColumns returns the column holding a metric's value and, for a
// simulated metric, the columns of its 95% interval.
func metricColumns(t *Table, metric string) (value, lo, hi string, err error) {
	switch {
	case t.Has(metric + "_mean"):
		return metric + "_mean", metric + "_lo", metric + "_hi", nil
	case t.Has(metric + "_mode"):
		return metric + "_mode", "", "", nil
	case t.Has(metric):
		return metric, "", "", nil
	}
	return "", "", "", missing(metric, "metric")
}

// checkLog refuses a logarithmic axis over values that are not positive.
func checkLog(s Spec, t *Table, rows []int) error {
	check := func(on bool, col string) error {
		if !on || !t.Has(col) {
			return nil
		}
		for _, r := range rows {
			if v := t.Num(r, col); !(v > 0) && !math.IsNaN(v) {
				return fmt.Errorf("a logarithmic axis needs positive values, but %s = %s in cell %s", col, t.Str(r, col), t.Str(r, "cell"))
			}
		}
		return nil
	}
	if err := check(s.LogX, s.X); err != nil {
		return err
	}
	if s.Kind != "line" {
		return check(s.LogY, s.Y.One())
	}
	for _, y := range s.Y {
		ycol, _, _, _ := metricColumns(t, y)
		if err := check(s.LogY, ycol); err != nil {
			return err
		}
	}
	return nil
}

// fitTitle draws the plot with its title and axis labels shrunk, if need
// be, to the room they have, so that a long label is never cut off.
func fitTitle(p *plot.Plot) func(draw.Canvas) {
	return func(c draw.Canvas) {
		fit := func(ts *text.Style, s string, room vg.Length) {
			for ts.Font.Size > vg.Points(6) && ts.Width(s) > room {
				ts.Font.Size *= 0.92
			}
		}
		width, height := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
		fit(&p.Title.TextStyle, p.Title.Text, width)
		// Axis labels likewise, to the length of their axis (about 85% of
		// the panel once the other axis and the title take their room).
		fit(&p.X.Label.TextStyle, p.X.Label.Text, 0.85*width)
		fit(&p.Y.Label.TextStyle, p.Y.Label.Text, 0.85*height)
		p.Draw(c)
	}
}
