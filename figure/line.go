package figure

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// lineSeries is one series of a line figure: its rows (all of them, or
// those with one value of the series parameter) and the columns it draws.
type lineSeries struct {
	name               string // legend entry; "" for a lone series
	value              string // the series parameter's value, when filtered
	filtered           bool
	metric             string
	ycol, locol, hicol string
	ocol               string // the overlay metric's column, if any
}

// linePoint is one x of a series.
type linePoint struct{ x, y, lo, hi, o float64 }

// Series differ by marker and dash as well as colour, so that they survive
// printing in grey: series k has colour k mod 8, marker (k + k/8) mod 8 and
// dash k mod 3, a combination no other of the first 24 series shares.
var glyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.CrossGlyph{}, draw.PlusGlyph{}, draw.RingGlyph{}, draw.PyramidGlyph{}, draw.BoxGlyph{}}

func seriesColour(k int) color.Color     { return okabeIto[k%len(okabeIto)] }
func seriesGlyph(k int) draw.GlyphDrawer { return glyphs[(k+k/len(okabeIto))%len(glyphs)] }

func dashes(k int) []vg.Length {
	switch k % 3 {
	case 1:
		return []vg.Length{vg.Points(5), vg.Points(2)}
	case 2:
		return []vg.Length{vg.Points(1.5), vg.Points(1.5)}
	}
	return nil
}

func (f *fig) series() ([]lineSeries, error) {
	var out []lineSeries
	add := func(ls lineSeries, i int) error {
		var err error
		if ls.ycol, ls.locol, ls.hicol, err = metricColumns(f.t, ls.metric); err != nil {
			return err
		}
		if len(f.Overlay) > 0 {
			if ls.ocol, _, _, err = metricColumns(f.t, f.Overlay[i]); err != nil {
				return err
			}
		}
		out = append(out, ls)
		return nil
	}
	switch {
	case len(f.Y) > 1:
		names := make([]string, len(f.Y))
		for i, y := range f.Y {
			names[i] = f.labels.Name(y)
		}
		names = dropCommonWords(names)
		for i, y := range f.Y {
			if err := add(lineSeries{name: names[i], metric: y}, i); err != nil {
				return nil, err
			}
		}
	case f.Series == "":
		if err := add(lineSeries{metric: f.Y.One()}, 0); err != nil {
			return nil, err
		}
	default:
		vals, _ := distinct(f.t, f.rows, f.Series)
		for _, v := range vals {
			if err := add(lineSeries{name: v, value: v, filtered: true, metric: f.Y.One()}, 0); err != nil {
				return nil, err
			}
		}
	}
	if len(f.Names) > 0 {
		if len(f.Names) != len(out) {
			return nil, fmt.Errorf("names lists %d legend entries for %d series", len(f.Names), len(out))
		}
		for i := range out {
			out[i].name = f.Names[i]
		}
	}
	return out, nil
}

// dropCommonWords removes the words all names begin with ("score of TFT",
// "score of ALLD" → "TFT", "ALLD"), keeping at least one word of each.
func dropCommonWords(names []string) []string {
	if len(names) < 2 {
		return names
	}
	words := make([][]string, len(names))
	for i, n := range names {
		words[i] = strings.Fields(n)
	}
	common := 0
	for {
		for _, w := range words {
			if common >= len(w)-1 || w[common] != words[0][common] {
				goto done
			}
		}
		common++
	}
done:
	out := make([]string, len(names))
	for i, w := range words {
		out[i] = strings.Join(w[common:], " ")
	}
	return out
}

// categories returns the level of each value of a categorical metric (one
// whose values are names) and the levels' names, or nil if it is numeric.
func (f *fig) categories(series []lineSeries) (map[string]int, []string) {
	seen := map[string]bool{}
	var vals []string
	numeric := true
	for _, ls := range series {
		vs, num := distinct(f.t, f.rows, ls.ycol)
		numeric = numeric && num
		for _, v := range vs {
			if v != "NaN" && v != "" && !seen[v] {
				seen[v] = true
				vals = append(vals, v)
			}
		}
	}
	if numeric {
		return nil, nil
	}
	order := f.Levels
	if len(order) == 0 {
		order = f.labels[series[0].metric].Levels
	}
	index := map[string]int{}
	var names []string
	for _, v := range append(append([]string(nil), order...), vals...) {
		if _, ok := index[v]; !ok && (seen[v] || len(order) > 0) {
			index[v] = len(names)
			names = append(names, humanize(v))
		}
	}
	return index, names
}

func (f *fig) points(ls lineSeries, xpos map[string]float64, levels map[string]int) ([]linePoint, error) {
	var pts []linePoint
	seen := map[string]int{}
	for _, r := range f.rows {
		if ls.filtered && f.t.Str(r, f.Series) != ls.value {
			continue
		}
		xv := f.t.Str(r, f.X)
		if prev, dup := seen[xv]; dup {
			note := ""
			if ls.name != "" {
				note = " in series " + ls.name
			}
			return nil, fmt.Errorf("rows %s and %s both have %s=%s%s: fix the other swept parameters with where, or draw them as series",
				f.t.Str(prev, "cell"), f.t.Str(r, "cell"), f.X, xv, note)
		}
		seen[xv] = r
		q := linePoint{x: xpos[xv], y: f.t.Num(r, ls.ycol), lo: math.NaN(), hi: math.NaN(), o: math.NaN()}
		if levels != nil {
			q.y = math.NaN()
			if k, ok := levels[f.t.Str(r, ls.ycol)]; ok {
				q.y = float64(k)
			}
		}
		if ls.locol != "" {
			q.lo, q.hi = f.t.Num(r, ls.locol), f.t.Num(r, ls.hicol)
		}
		if ls.ocol != "" {
			q.o = f.t.Num(r, ls.ocol)
		}
		pts = append(pts, q)
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].x < pts[j].x })
	return pts, nil
}

// stepKind is how the lines join their points.
func (f *fig) stepKind(pts [][]linePoint, categorical bool) plotter.StepKind {
	switch f.Step {
	case "mid":
		return plotter.MidStep
	case "pre":
		return plotter.PreStep
	case "post":
		return plotter.PostStep
	case "none":
		return plotter.NoStep
	}
	if categorical {
		return plotter.MidStep
	}
	binary := false
	for _, ps := range pts {
		for _, q := range ps {
			for _, v := range []float64{q.y, q.o} {
				switch {
				case math.IsNaN(v):
				case v == 0 || v == 1:
					binary = true
				default:
					return plotter.NoStep
				}
			}
		}
	}
	if binary {
		return plotter.MidStep
	}
	return plotter.NoStep
}

// sidePanel lays out a main plot and, on its right, a legend panel as wide
// as the legend (between a fifth and two fifths of the figure).
func sidePanel(main func(draw.Canvas), widthCM float64, leg *legend, side func(draw.Canvas)) []panel {
	w, _ := leg.size()
	share := float64(w+vg.Points(12)) / float64(vg.Length(widthCM)*vg.Centimeter)
	share = math.Max(0.2, math.Min(0.4, share))
	return []panel{{draw: main, width: 1 - share}, {draw: side, width: share}}
}

// markerRows picks the points of series k (of n) that get a marker: all of
// a series of at most all points; of a longer one, about eight evenly spaced, shifted from
// series to series so that markers of coinciding lines do not hide each
// other.
func markerRows(npts, k, n, all int) func(i int) bool {
	if npts <= all {
		return func(int) bool { return true }
	}
	stride := (npts + 7) / 8
	offset := (k * stride / max(n, 1)) % stride
	return func(i int) bool { return i%stride == offset }
}

func (f *fig) yLabel() string {
	switch {
	case f.YLabel != "":
		return f.YLabel
	case len(f.Y) == 1 && len(f.Overlay) == 1:
		return f.labels.Text(f.Overlay[0])
	case len(f.Y) == 1:
		return f.labels.Text(f.Y[0])
	}
	unit := f.labels[f.Y[0]].Unit
	for _, y := range f.Y[1:] {
		if f.labels[y].Unit != unit {
			unit = ""
		}
	}
	if unit != "" {
		return unit
	}
	return "value"
}

func (f *fig) linePanels() ([]panel, error) {
	series, err := f.series()
	if err != nil {
		return nil, err
	}
	xs, numericX := distinct(f.t, f.rows, f.X)
	xpos := map[string]float64{}
	for i, v := range xs {
		if numericX {
			xpos[v], _ = strconv.ParseFloat(v, 64)
		} else {
			xpos[v] = float64(i)
		}
	}
	levels, levelNames := f.categories(series)
	all := make([][]linePoint, len(series))
	for k, ls := range series {
		if all[k], err = f.points(ls, xpos, levels); err != nil {
			return nil, err
		}
	}
	step := f.stepKind(all, levels != nil)
	overlay := len(f.Overlay) > 0

	p := newPlot(f.Spec)
	p.X.Label.Text = f.text(f.XLabel, f.X)
	p.Y.Label.Text = f.yLabel()
	p.Add(plotter.NewGrid())
	title := ""
	if f.Series != "" {
		title = f.labels.Text(f.Series)
	}
	leg := newLegend(title)
	var drawn []plotter.XYs // every line and band edge, to place an in-plot legend
	banded := false
	for k, ls := range series {
		col, glyph, dash := seriesColour(k), seriesGlyph(k), dashes(k)
		var line, lower, upper, over plotter.XYs
		for _, q := range all[k] {
			if !math.IsNaN(q.y) {
				line = append(line, plotter.XY{X: q.x, Y: q.y})
				if !math.IsNaN(q.lo) && !math.IsNaN(q.hi) {
					lower = append(lower, plotter.XY{X: q.x, Y: q.lo})
					upper = append(upper, plotter.XY{X: q.x, Y: q.hi})
				}
			}
			if !math.IsNaN(q.o) {
				over = append(over, plotter.XY{X: q.x, Y: q.o})
			}
		}
		if len(line) == 0 && len(over) == 0 {
			continue
		}
		drawn = append(drawn, line, lower, upper, over)
		if f.Band && len(lower) > 1 {
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
			banded = true
		}
		// The line: the overlay metric's if there is one (y is then
		// points), else y's.
		lineData := line
		if overlay {
			lineData = over
		}
		var thumbs []plot.Thumbnailer
		if len(lineData) > 0 {
			l, err := plotter.NewLine(lineData)
			if err != nil {
				return nil, err
			}
			l.Color, l.Width, l.Dashes, l.StepStyle = col, vg.Points(1.5), dash, step
			p.Add(l)
			thumbs = append(thumbs, l)
		}
		// Simulated points under an overlay are the data: all of them but
		// in a crowd.
		marked := markerRows(len(line), k, len(series), 12)
		if overlay {
			marked = markerRows(len(line), k, len(series), 40)
		}
		var marks plotter.XYs
		for i, q := range line {
			if marked(i) {
				marks = append(marks, q)
			}
		}
		if len(marks) > 0 {
			sc, err := plotter.NewScatter(marks)
			if err != nil {
				return nil, err
			}
			sc.Color, sc.Shape, sc.Radius = col, glyph, vg.Points(2.5)
			if overlay {
				sc.Radius = vg.Points(2)
			}
			p.Add(sc)
			thumbs = append(thumbs, sc)
		}
		if ls.name != "" {
			leg.add(ls.name, thumbs...)
		}
	}
	if overlay {
		// What lines and points mean.
		grey := color.Gray{Y: 0x60}
		l, _ := plotter.NewLine(plotter.XYs{{}, {X: 1}})
		l.Color, l.Width = grey, vg.Points(1.5)
		leg.add(kindName(f.t, f.Overlay[0], "lines"), l)
		sc, _ := plotter.NewScatter(plotter.XYs{{}})
		sc.Color, sc.Shape, sc.Radius = grey, draw.CircleGlyph{}, vg.Points(2)
		what := kindName(f.t, f.Y[0], "points")
		if banded {
			what += " (95% band)"
		}
		leg.add(what, sc)
	}
	switch {
	case !numericX:
		p.NominalX(xs...)
	case f.LogX && len(xs) <= 8:
		// A few values on a log axis (8, 16, 32, 64): tick each.
		var ticks []plot.Tick
		for _, v := range xs {
			ticks = append(ticks, plot.Tick{Value: xpos[v], Label: v})
		}
		p.X.Tick.Marker = plot.ConstantTicks(ticks)
	}
	if levels != nil {
		p.NominalY(levelNames...)
	}
	// Up to five rows share the plot with their legend; more would hide
	// data, so their legend gets a panel of its own.
	if leg.rows() > 5 {
		main, area := alignedMain(p)
		return sidePanel(main, f.Width, leg, func(c draw.Canvas) {
			leg.draw(c, c.Min.X+vg.Points(6), area.Max.Y)
		}), nil
	}
	return []panel{{draw: leg.inPlot(p, drawn), width: 1}}, nil
}

// kindName says what a metric's values are in the table: "solved" for a
// deterministic metric, "simulated" for one aggregated over replications.
func kindName(t *Table, metric, fallback string) string {
	switch {
	case t.Has(metric + "_mean"):
		return "simulated"
	case t.Has(metric):
		return "solved"
	}
	return fallback
}
