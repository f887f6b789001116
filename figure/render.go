package figure

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

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
	color.RGBA{0xF0, 0xE4, 0x42, 0xFF}, // yellow
	color.RGBA{0x00, 0x00, 0x00, 0xFF}, // black
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

// Render draws the figure from the table and writes one file per format
// into dir, each atomically. It returns the paths written.
func Render(s Spec, t *Table, dir string) ([]string, error) {
	var paths []string
	for _, format := range s.Formats {
		data, err := Encode(s, t, format)
		if err != nil {
			return paths, err
		}
		path := filepath.Join(dir, s.Name+"."+format)
		if err := atomicfile.WriteFile(path, data); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// layout draws the figure's panels from the table.
func layout(s Spec, t *Table) ([]panel, error) {
	rows := filterRows(t, s.Where)
	if len(rows) == 0 {
		return nil, fmt.Errorf("figure %s: no rows match where %v", s.Name, s.Where)
	}
	if err := checkLog(s, t, rows); err != nil {
		return nil, fmt.Errorf("figure %s: %w", s.Name, err)
	}
	var panels []panel
	var err error
	switch s.Kind {
	case "line":
		panels, err = linePanels(s, t, rows)
	case "heatmap":
		panels, err = heatmapPanels(s, t, rows)
	case "regime":
		panels, err = regimePanels(s, t, rows)
	case "polygon":
		panels, err = polygonPanels(s, t, rows)
	default:
		err = fmt.Errorf("unknown figure kind %q", s.Kind)
	}
	if err != nil {
		return nil, fmt.Errorf("figure %s: %w", s.Name, err)
	}
	return panels, nil
}

// panel is one part of a figure: a drawing and the share of the width it takes.
type panel struct {
	draw  func(c draw.Canvas)
	width float64 // share of the figure's width
}

func encode(panels []panel, widthCM, heightCM float64, format string) ([]byte, error) {
	w, h := vg.Length(widthCM)*vg.Centimeter, vg.Length(heightCM)*vg.Centimeter
	var cw vg.CanvasWriterTo
	switch format {
	case "png":
		cw = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(300), vgimg.UseBackgroundColor(color.White))}
	case "svg":
		cw = vgsvg.New(w, h)
	case "pdf":
		cw = vgpdf.New(w, h)
	default:
		return nil, fmt.Errorf("unknown format %q (allowed: png, svg, pdf)", format)
	}
	dc := draw.New(cw)
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

func label(given, fallback string) string {
	if given != "" {
		return given
	}
	return fallback
}

func newPlot(s Spec) *plot.Plot {
	p := plot.New()
	if s.LogX {
		p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	}
	if s.LogY {
		p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	}
	p.Title.Text = s.Title
	p.Title.TextStyle.Font.Size = vg.Points(11)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = vg.Points(10)
		a.Tick.Label.Font.Size = vg.Points(8)
	}
	return p
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
	return "", "", "", fmt.Errorf("the results have no metric %q", metric)
}

// lineSeries is one line of a line figure: rows with a series value (or all
// rows), and the columns of the metric it draws.
type lineSeries struct {
	label, value       string
	ycol, locol, hicol string
	filtered           bool
}

func linePanels(s Spec, t *Table, rows []int) ([]panel, error) {
	var series []lineSeries
	switch {
	case len(s.Y) > 1:
		for _, y := range s.Y {
			ycol, locol, hicol, err := metricColumns(t, y)
			if err != nil {
				return nil, err
			}
			series = append(series, lineSeries{label: y, ycol: ycol, locol: locol, hicol: hicol})
		}
	default:
		ycol, locol, hicol, err := metricColumns(t, s.Y.One())
		if err != nil {
			return nil, err
		}
		if s.Series == "" {
			series = []lineSeries{{ycol: ycol, locol: locol, hicol: hicol}}
			break
		}
		vals, _ := distinct(t, rows, s.Series)
		for _, v := range vals {
			series = append(series, lineSeries{label: s.Series + " = " + v, value: v, filtered: true, ycol: ycol, locol: locol, hicol: hicol})
		}
	}
	xs, numericX := distinct(t, rows, s.X)
	xpos := map[string]float64{}
	for i, v := range xs {
		if numericX {
			xpos[v], _ = strconv.ParseFloat(v, 64)
		} else {
			xpos[v] = float64(i)
		}
	}
	p := newPlot(s)
	p.X.Label.Text = label(s.XLabel, s.X)
	p.Y.Label.Text = label(s.YLabel, commonName(s.Y))
	p.Add(plotter.NewGrid())
	// Up to four series share the plot with their legend; more would hide
	// data, so their legend gets a panel of its own.
	leg := &p.Legend
	side := len(series) > 4
	if side {
		l := plot.NewLegend()
		leg = &l
		leg.Left = true
	}
	leg.Top = true
	leg.TextStyle.Font.Size = vg.Points(8)
	var drawn plotter.XYs // every point and band edge, to place an in-plot legend
	for k, ls := range series {
		type pt struct{ x, y, lo, hi float64 }
		var pts []pt
		seen := map[string]int{}
		for _, r := range rows {
			if ls.filtered && t.Str(r, s.Series) != ls.value {
				continue
			}
			xv := t.Str(r, s.X)
			if prev, dup := seen[xv]; dup {
				return nil, fmt.Errorf("rows %s and %s both have %s=%s%s: fix the other swept parameters with where, or draw them as series",
					t.Str(prev, "cell"), t.Str(r, "cell"), s.X, xv, seriesNote(ls.label))
			}
			seen[xv] = r
			q := pt{x: xpos[xv], y: t.Num(r, ls.ycol), lo: math.NaN(), hi: math.NaN()}
			if ls.locol != "" {
				q.lo, q.hi = t.Num(r, ls.locol), t.Num(r, ls.hicol)
			}
			pts = append(pts, q)
		}
		sort.Slice(pts, func(i, j int) bool { return pts[i].x < pts[j].x })
		col := okabeIto[k%len(okabeIto)]
		var line, lower, upper plotter.XYs
		for _, q := range pts {
			if math.IsNaN(q.y) {
				continue
			}
			line = append(line, plotter.XY{X: q.x, Y: q.y})
			if !math.IsNaN(q.lo) && !math.IsNaN(q.hi) {
				lower = append(lower, plotter.XY{X: q.x, Y: q.lo})
				upper = append(upper, plotter.XY{X: q.x, Y: q.hi})
			}
		}
		if len(line) == 0 {
			continue
		}
		drawn = append(drawn, line...)
		drawn = append(drawn, lower...)
		drawn = append(drawn, upper...)
		if s.Band && len(lower) > 1 {
			ring := append(plotter.XYs(nil), lower...)
			for i := len(upper) - 1; i >= 0; i-- {
				ring = append(ring, upper[i])
			}
			band, err := plotter.NewPolygon(ring)
			if err != nil {
				return nil, err
			}
			r, g, b, _ := col.RGBA()
			band.Color = color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0x40}
			band.LineStyle.Width = 0
			p.Add(band)
		}
		l, err := plotter.NewLine(line)
		if err != nil {
			return nil, err
		}
		l.Color = col
		l.Width = vg.Points(1.5)
		l.Dashes = dashes(k)
		p.Add(l)
		if len(line) < 12 {
			sc, err := plotter.NewScatter(line)
			if err != nil {
				return nil, err
			}
			sc.Color = col
			sc.Shape = glyphs[(k+k/len(okabeIto))%len(glyphs)]
			sc.Radius = vg.Points(2.5)
			p.Add(sc)
			if ls.label != "" {
				leg.Add(ls.label, l, sc)
			}
		} else if ls.label != "" {
			leg.Add(ls.label, l)
		}
	}
	if !numericX {
		p.NominalX(xs...)
	}
	if side {
		main, area := alignedMain(p)
		return []panel{{draw: main, width: 0.75}, {draw: func(c draw.Canvas) {
			c.Min.X += vg.Points(6)
			c.Max.Y = area.Max.Y
			leg.Draw(c)
		}, width: 0.25}}, nil
	}
	p.Legend.Top, p.Legend.Left = emptiestCorner(drawn)
	return []panel{{draw: fitTitle(p), width: 1}}, nil
}

// Series differ by marker and dash as well as colour, so they survive
// printing in grey.
var glyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.CrossGlyph{}, draw.PlusGlyph{}, draw.RingGlyph{}, draw.PyramidGlyph{}, draw.BoxGlyph{}}

func dashes(k int) []vg.Length {
	switch k % 3 {
	case 1:
		return []vg.Length{vg.Points(5), vg.Points(2)}
	case 2:
		return []vg.Length{vg.Points(1.5), vg.Points(1.5)}
	}
	return nil
}

func seriesNote(label string) string {
	if label == "" {
		return ""
	}
	return " in series " + label
}

// grid is a GridXYZ over the distinct x and y values of the rows.
type grid struct {
	xs, ys []float64
	z      [][]float64 // z[col][row]
}

func (g *grid) Dims() (c, r int)   { return len(g.xs), len(g.ys) }
func (g *grid) Z(c, r int) float64 { return g.z[c][r] }
func (g *grid) X(c int) float64    { return g.xs[c] }
func (g *grid) Y(r int) float64    { return g.ys[r] }
func (g *grid) zRange() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, col := range g.z {
		for _, v := range col {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	return lo, hi
}

// buildGrid lays the rows out over (x, y); value maps a row to its z.
func buildGrid(s Spec, t *Table, rows []int, value func(r int) float64) (*grid, error) {
	xsS, nx := distinct(t, rows, s.X)
	ysS, ny := distinct(t, rows, s.Y.One())
	if !nx || !ny {
		return nil, fmt.Errorf("x (%s) and y (%s) must be numeric parameters", s.X, s.Y.One())
	}
	g := &grid{}
	xi, yi := map[string]int{}, map[string]int{}
	for i, v := range xsS {
		f, _ := strconv.ParseFloat(v, 64)
		g.xs = append(g.xs, f)
		xi[v] = i
	}
	for i, v := range ysS {
		f, _ := strconv.ParseFloat(v, 64)
		g.ys = append(g.ys, f)
		yi[v] = i
	}
	if len(g.xs) < 2 || len(g.ys) < 2 {
		return nil, fmt.Errorf("a %s needs at least two values of %s and of %s", s.Kind, s.X, s.Y.One())
	}
	g.z = make([][]float64, len(g.xs))
	filled := make([][]int, len(g.xs))
	for c := range g.z {
		g.z[c] = make([]float64, len(g.ys))
		filled[c] = make([]int, len(g.ys))
		for r := range g.z[c] {
			g.z[c][r] = math.NaN()
			filled[c][r] = -1
		}
	}
	for _, r := range rows {
		c, rr := xi[t.Str(r, s.X)], yi[t.Str(r, s.Y.One())]
		if prev := filled[c][rr]; prev >= 0 {
			return nil, fmt.Errorf("rows %s and %s both have %s=%s, %s=%s: fix the other swept parameters with where",
				t.Str(prev, "cell"), t.Str(r, "cell"), s.X, t.Str(r, s.X), s.Y.One(), t.Str(r, s.Y.One()))
		}
		filled[c][rr] = r
		g.z[c][rr] = value(r)
	}
	return g, nil
}

func heatmapPanels(s Spec, t *Table, rows []int) ([]panel, error) {
	zcol, _, _, err := metricColumns(t, s.Z)
	if err != nil {
		return nil, err
	}
	g, err := buildGrid(s, t, rows, func(r int) float64 { return t.Num(r, zcol) })
	if err != nil {
		return nil, err
	}
	lo, hi := g.zRange()
	if math.IsInf(lo, 0) {
		return nil, fmt.Errorf("metric %s is NaN in every cell", s.Z)
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	cm, err := moreland.NewLuminance(viridis)
	if err != nil {
		return nil, err
	}
	cm.SetMin(lo)
	cm.SetMax(hi)
	hm := plotter.NewHeatMap(g, cm.Palette(256))
	hm.Min, hm.Max = lo, hi
	hm.NaN = nanColor
	p := newPlot(s)
	p.X.Label.Text = label(s.XLabel, s.X)
	p.Y.Label.Text = label(s.YLabel, s.Y.One())
	p.Add(hm)

	bar := plot.New()
	cb := &plotter.ColorBar{ColorMap: cm, Vertical: true, Colors: 256}
	bar.Add(cb)
	bar.HideX()
	bar.Y.Padding = 0
	bar.Y.Label.Text = label(s.ZLabel, s.Z)
	bar.Y.Label.TextStyle.Font.Size = vg.Points(9)
	bar.Y.Tick.Label.Font.Size = vg.Points(8)
	main, area := alignedMain(p)
	return []panel{{draw: main, width: 0.8}, {draw: func(c draw.Canvas) {
		// The bar spans the heat map's data area exactly: start from it and
		// undo the padding the bar's own axes take.
		c.Min.Y, c.Max.Y = area.Min.Y, area.Max.Y
		dc := bar.DataCanvas(c)
		c.Min.Y -= dc.Min.Y - area.Min.Y
		c.Max.Y += area.Max.Y - dc.Max.Y
		bar.Draw(c)
	}, width: 0.2}}, nil
}

// alignedMain returns the drawing of the main plot (title fitted) and the
// data area it drew into, filled in when the main panel is drawn, so that a
// side panel drawn after it can line up with the data.
func alignedMain(p *plot.Plot) (func(draw.Canvas), *draw.Canvas) {
	area := &draw.Canvas{}
	return func(c draw.Canvas) {
		fitTitle(p)(c)
		*area = p.DataCanvas(c)
	}, area
}

func regimePanels(s Spec, t *Table, rows []int) ([]panel, error) {
	zcol, _, _, err := metricColumns(t, s.Z)
	if err != nil {
		return nil, err
	}
	vals, numeric := distinct(t, rows, zcol)
	var levels []string // display names, in palette order
	index := map[string]int{}
	switch {
	case numeric:
		for _, v := range vals {
			if v == "NaN" {
				continue
			}
			f, _ := strconv.ParseFloat(v, 64)
			name := v
			if k := int(f); f == float64(k) && k >= 0 && k < len(s.Levels) {
				name = s.Levels[k]
			}
			index[v] = len(levels)
			levels = append(levels, name)
		}
	case len(s.Levels) > 0:
		for i, l := range s.Levels {
			index[l] = i
		}
		levels = s.Levels
		for _, v := range vals {
			if _, ok := index[v]; !ok && v != "NaN" {
				return nil, fmt.Errorf("%s has the value %q, which levels does not list (%s)", s.Z, v, strings.Join(s.Levels, ", "))
			}
		}
	default:
		for _, v := range vals {
			if v == "NaN" {
				continue
			}
			index[v] = len(levels)
			levels = append(levels, v)
		}
	}
	if len(levels) == 0 {
		return nil, fmt.Errorf("metric %s is NaN in every cell", s.Z)
	}
	if len(levels) > len(okabeIto) {
		return nil, fmt.Errorf("%s has %d categories; a regime map shows at most %d (use a heatmap)", s.Z, len(levels), len(okabeIto))
	}
	g, err := buildGrid(s, t, rows, func(r int) float64 {
		if k, ok := index[t.Str(r, zcol)]; ok {
			return float64(k)
		}
		return math.NaN()
	})
	if err != nil {
		return nil, err
	}
	cols := append([]color.Color(nil), okabeIto[:len(levels)]...)
	if len(cols) == 1 {
		cols = append(cols, cols[0])
	}
	hm := plotter.NewHeatMap(g, fixedPalette(cols))
	hm.Min, hm.Max = 0, float64(len(cols)-1)
	hm.NaN = nanColor
	p := newPlot(s)
	p.X.Label.Text = label(s.XLabel, s.X)
	p.Y.Label.Text = label(s.YLabel, s.Y.One())
	p.Add(hm)

	leg := plot.NewLegend()
	leg.Top, leg.Left = true, true
	leg.TextStyle.Font.Size = vg.Points(8)
	leg.ThumbnailWidth = vg.Points(10)
	for k, name := range levels {
		box, err := plotter.NewPolygon(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 1, Y: 1}})
		if err != nil {
			return nil, err
		}
		box.Color = cols[k]
		box.LineStyle.Width = 0
		leg.Add(name, box)
	}
	title := label(s.ZLabel, s.Z)
	main, area := alignedMain(p)
	return []panel{
		{draw: main, width: 0.72},
		{draw: func(c draw.Canvas) {
			c.Min.X += vg.Points(6)
			ts := leg.TextStyle
			top := area.Max.Y - vg.Points(12) // the legend's title level with the data's top
			c.FillText(ts, vg.Point{X: c.Min.X, Y: top + vg.Points(4)}, title)
			c.Max.Y = top
			leg.Draw(c)
		}, width: 0.28},
	}, nil
}

type fixedPalette []color.Color

func (f fixedPalette) Colors() []color.Color { return f }

var _ palette.Palette = fixedPalette(nil)

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

// fitTitle draws the plot with its title shrunk, if need be, to the width of
// the panel, so that a long title is never cut off.
func fitTitle(p *plot.Plot) func(draw.Canvas) {
	return func(c draw.Canvas) {
		width := c.Max.X - c.Min.X
		for p.Title.TextStyle.Font.Size > vg.Points(6) && p.Title.TextStyle.Width(p.Title.Text) > width {
			p.Title.TextStyle.Font.Size *= 0.92
		}
		p.Draw(c)
	}
}

// commonName labels an axis that shows several metrics: their common prefix
// up to an underscore (score_tft, score_wsls → score), else "value".
func commonName(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	prefix := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	if i := strings.LastIndex(prefix, "_"); i > 0 {
		return prefix[:i]
	}
	return "value"
}

// emptiestCorner picks the corner of the data range for an in-plot legend:
// the one whose quarter-width, third-height box holds the fewest drawn
// points, preferring the top right, then top left, bottom right, bottom left.
func emptiestCorner(pts plotter.XYs) (top, left bool) {
	if len(pts) == 0 {
		return true, false
	}
	xmin, xmax, ymin, ymax := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, q := range pts {
		xmin, xmax = math.Min(xmin, q.X), math.Max(xmax, q.X)
		ymin, ymax = math.Min(ymin, q.Y), math.Max(ymax, q.Y)
	}
	w, h := 0.35*(xmax-xmin), 0.35*(ymax-ymin)
	best, bestN := 0, math.MaxInt
	corners := [][2]bool{{true, false}, {true, true}, {false, false}, {false, true}}
	for i, c := range corners {
		n := 0
		for _, q := range pts {
			inX := q.X >= xmax-w
			if c[1] {
				inX = q.X <= xmin+w
			}
			inY := q.Y >= ymax-h
			if !c[0] {
				inY = q.Y <= ymin+h
			}
			if inX && inY {
				n++
			}
		}
		if n < bestN {
			best, bestN = i, n
		}
	}
	return corners[best][0], corners[best][1]
}
