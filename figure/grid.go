package figure

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

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
func (f *fig) buildGrid(value func(r int) float64) (*grid, error) {
	t, y := f.t, f.Y.One()
	xsS, nx := distinct(t, f.rows, f.X)
	ysS, ny := distinct(t, f.rows, y)
	if !nx || !ny {
		return nil, fmt.Errorf("x (%s) and y (%s) must be numeric parameters", f.X, y)
	}
	g := &grid{}
	xi, yi := map[string]int{}, map[string]int{}
	for i, v := range xsS {
		x, _ := strconv.ParseFloat(v, 64)
		g.xs = append(g.xs, x)
		xi[v] = i
	}
	for i, v := range ysS {
		x, _ := strconv.ParseFloat(v, 64)
		g.ys = append(g.ys, x)
		yi[v] = i
	}
	if len(g.xs) < 2 || len(g.ys) < 2 {
		return nil, fmt.Errorf("a %s needs at least two values of %s and of %s", f.Kind, f.X, y)
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
	for _, r := range f.rows {
		c, rr := xi[t.Str(r, f.X)], yi[t.Str(r, y)]
		if prev := filled[c][rr]; prev >= 0 {
			return nil, fmt.Errorf("rows %s and %s both have %s=%s, %s=%s: fix the other swept parameters with where",
				t.Str(prev, "cell"), t.Str(r, "cell"), f.X, t.Str(r, f.X), y, t.Str(r, y))
		}
		filled[c][rr] = r
		g.z[c][rr] = value(r)
	}
	return g, nil
}

// gridPlot is the main plot of a heat or regime map: the cells as an image
// and the contour lines asked for.
//
// It also returns points where the contours cross between cells, to keep a
// legend off them.
func (f *fig) gridPlot(g *grid, colour func(z float64) color.Color) (*plot.Plot, plotter.XYs, error) {
	p := newPlot(f.Spec)
	p.X.Label.Text = f.text(f.XLabel, f.X)
	p.Y.Label.Text = f.text(f.YLabel, f.Y.One())
	p.Add(&rasterGrid{g: g, logX: f.LogX, logY: f.LogY, colour: colour})
	if len(f.Contour) == 0 {
		return p, nil, nil
	}
	metric := f.ContourOf
	if metric == "" {
		metric = f.Z
	}
	col, _, _, err := metricColumns(f.t, metric)
	if err != nil {
		return nil, nil, err
	}
	cg, err := f.buildGrid(func(r int) float64 { return f.t.Num(r, col) })
	if err != nil {
		return nil, nil, err
	}
	// A black line on a white halo shows on every colour of the map.
	for _, st := range contourStyles {
		c := plotter.NewContour(cg, f.Contour, nil)
		c.LineStyles = []draw.LineStyle{st}
		p.Add(c)
	}
	var cross plotter.XYs
	for i := range cg.xs {
		for j := range cg.ys {
			for _, v := range f.Contour {
				z := cg.z[i][j] - v
				if i+1 < len(cg.xs) && z*(cg.z[i+1][j]-v) <= 0 {
					cross = append(cross, plotter.XY{X: (cg.xs[i] + cg.xs[i+1]) / 2, Y: cg.ys[j]})
				}
				if j+1 < len(cg.ys) && z*(cg.z[i][j+1]-v) <= 0 {
					cross = append(cross, plotter.XY{X: cg.xs[i], Y: (cg.ys[j] + cg.ys[j+1]) / 2})
				}
			}
		}
	}
	return p, cross, nil
}

var contourStyles = []draw.LineStyle{
	{Color: color.White, Width: vg.Points(3.2)},
	{Color: color.Black, Width: vg.Points(1.3)},
}

// contourThumb draws the contour line's style in a legend.
type contourThumb struct{}

func (contourThumb) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	for _, st := range contourStyles {
		c.StrokeLine2(st, c.Min.X, y, c.Max.X, y)
	}
}

// contourEntry is the legend text of the contour lines.
func (f *fig) contourEntry() string {
	if f.ContourLabel != "" {
		return f.ContourLabel
	}
	metric := f.ContourOf
	if metric == "" {
		metric = f.Z
	}
	name := f.labels.Name(metric)
	lv := make([]string, len(f.Contour))
	for i, v := range f.Contour {
		lv[i] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	return name + " = " + strings.Join(lv, ", ")
}

func (f *fig) heatmapPanels() ([]panel, error) {
	zcol, _, _, err := metricColumns(f.t, f.Z)
	if err != nil {
		return nil, err
	}
	g, err := f.buildGrid(func(r int) float64 { return f.t.Num(r, zcol) })
	if err != nil {
		return nil, err
	}
	lo, hi := g.zRange()
	if math.IsInf(lo, 0) {
		return nil, fmt.Errorf("metric %s is NaN in every cell", f.Z)
	}
	if f.LogZ && !(lo > 0) {
		return nil, fmt.Errorf("a logarithmic colour scale needs positive values, but %s reaches %g", f.Z, lo)
	}
	if f.ZMin != nil {
		lo = *f.ZMin
	}
	if f.ZMax != nil {
		hi = *f.ZMax
	}
	if lo >= hi {
		lo, hi = lo-0.5, hi+0.5
		if f.LogZ {
			lo, hi = hi/10, hi*10
		}
	}
	// Colours are spread evenly over z, or over log z.
	scale := func(z float64) float64 { return z }
	if f.LogZ {
		scale = math.Log
	}
	cm, err := moreland.NewLuminance(viridis)
	if err != nil {
		return nil, err
	}
	cm.SetMin(scale(lo))
	cm.SetMax(scale(hi))
	colour := func(z float64) color.Color {
		if math.IsNaN(z) {
			return nanColor
		}
		c, err := cm.At(scale(math.Max(lo, math.Min(hi, z))))
		if err != nil {
			return nanColor
		}
		return c
	}
	p, cross, err := f.gridPlot(g, colour)
	if err != nil {
		return nil, err
	}
	main, area := alignedMain(p)
	if len(f.Contour) > 0 {
		// The contours' legend entry goes inside the map, where it hides
		// least of them.
		leg := newLegend("")
		leg.add(f.contourEntry(), contourThumb{})
		pts := make([]plotter.XYs, len(cross))
		for i, q := range cross {
			pts[i] = plotter.XYs{q}
		}
		inPlot := leg.inPlot(p, pts)
		main = func(c draw.Canvas) {
			inPlot(c)
			*area = p.DataCanvas(c)
		}
	}

	// The colour bar: a column of 256 cells from lo to hi, drawn like the map.
	const steps = 256
	bg := &grid{xs: []float64{0.5}, ys: make([]float64, steps), z: [][]float64{make([]float64, steps)}}
	for j := range bg.ys {
		u := (float64(j) + 0.5) / steps
		y := lo + u*(hi-lo)
		if f.LogZ {
			y = lo * math.Pow(hi/lo, u)
		}
		bg.ys[j], bg.z[0][j] = y, y
	}
	bar := plot.New()
	bar.Add(&rasterGrid{g: bg, logY: f.LogZ, colour: colour})
	if f.LogZ {
		bar.Y.Scale, bar.Y.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	}
	bar.HideX()
	bar.Y.Padding = 0
	bar.Y.Label.Text = f.text(f.ZLabel, f.Z)
	bar.Y.Label.TextStyle.Font.Size = vg.Points(9)
	bar.Y.Tick.Label.Font.Size = vg.Points(8)
	return []panel{{draw: main, width: 0.8}, {draw: func(c draw.Canvas) {
		// The bar spans the heat map's data area exactly: start from it and
		// undo the padding the bar's own axes take.
		c.Min.Y, c.Max.Y = area.Min.Y, area.Max.Y
		dc := bar.DataCanvas(c)
		c.Min.Y -= dc.Min.Y - area.Min.Y
		c.Max.Y += area.Max.Y - dc.Max.Y
		bar.Draw(c)
		// The contour levels marked across the bar, when they are levels of
		// the bar's metric.
		if f.ContourOf != "" && f.ContourOf != f.Z {
			return
		}
		dc = bar.DataCanvas(c)
		_, trY := bar.Transforms(&dc)
		for _, v := range f.Contour {
			if v < lo || v > hi {
				continue
			}
			for _, st := range contourStyles {
				c.StrokeLine2(st, dc.Min.X, trY(v), dc.Max.X, trY(v))
			}
		}
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

func (f *fig) regimePanels() ([]panel, error) {
	zcol, _, _, err := metricColumns(f.t, f.Z)
	if err != nil {
		return nil, err
	}
	vals, numeric := distinct(f.t, f.rows, zcol)
	var levels []string // display names, in palette order
	index := map[string]int{}
	order := f.Levels
	if len(order) == 0 && !numeric {
		order = f.labels[f.Z].Levels
	}
	switch {
	case numeric:
		// The value k is levels[k], so that it has the same colour in
		// every map; values without a name follow.
		levels = append(levels, f.Levels...)
		for _, v := range vals {
			if v == "NaN" {
				continue
			}
			x, _ := strconv.ParseFloat(v, 64)
			if k := int(x); x == float64(k) && k >= 0 && k < len(f.Levels) {
				index[v] = k
				continue
			}
			index[v] = len(levels)
			levels = append(levels, v)
		}
	case len(order) > 0:
		for _, v := range vals {
			if v != "NaN" && !contains(order, v) {
				return nil, fmt.Errorf("%s has the value %q, which levels does not list (%s)", f.Z, v, strings.Join(order, ", "))
			}
		}
		// Every level keeps its colour, whether or not this map shows it.
		for i, l := range order {
			index[l] = i
			levels = append(levels, humanize(l))
		}
	default:
		for _, v := range vals {
			if v == "NaN" {
				continue
			}
			index[v] = len(levels)
			levels = append(levels, humanize(v))
		}
	}
	if len(levels) == 0 {
		return nil, fmt.Errorf("metric %s is NaN in every cell", f.Z)
	}
	if len(f.Names) > 0 {
		if len(f.Names) != len(levels) {
			return nil, fmt.Errorf("names lists %d legend entries for %d levels (%s)", len(f.Names), len(levels), strings.Join(levels, ", "))
		}
		levels = append([]string(nil), f.Names...)
	}
	if len(levels) > len(okabeIto) {
		// Too many levels for a colour each: colour those that occur.
		used := map[int]bool{}
		for _, r := range f.rows {
			if k, ok := index[f.t.Str(r, zcol)]; ok {
				used[k] = true
			}
		}
		renum := map[int]int{}
		var kept []string
		for k, name := range levels {
			if used[k] {
				renum[k] = len(kept)
				kept = append(kept, name)
			}
		}
		if len(kept) > len(okabeIto) {
			return nil, fmt.Errorf("%s takes %d values; a regime map shows at most %d (use a heatmap)", f.Z, len(kept), len(okabeIto))
		}
		for v, k := range index {
			if n, ok := renum[k]; ok {
				index[v] = n
			} else {
				delete(index, v)
			}
		}
		levels = kept
	}
	g, err := f.buildGrid(func(r int) float64 {
		if k, ok := index[f.t.Str(r, zcol)]; ok {
			return float64(k)
		}
		return math.NaN()
	})
	if err != nil {
		return nil, err
	}
	// Which levels occur: the legend lists only those.
	present := make([]bool, len(levels))
	for _, col := range g.z {
		for _, v := range col {
			if !math.IsNaN(v) {
				present[int(v)] = true
			}
		}
	}
	cols := okabeIto[:len(levels)]
	p, _, err := f.gridPlot(g, func(z float64) color.Color {
		if math.IsNaN(z) {
			return nanColor
		}
		return cols[int(z)]
	})
	if err != nil {
		return nil, err
	}
	leg := newLegend(f.text(f.ZLabel, f.Z))
	leg.ThumbnailWidth = vg.Points(10)
	for k, name := range levels {
		if present[k] {
			leg.add(name, swatch(cols[k]))
		}
	}
	if len(f.Contour) > 0 {
		leg.add(f.contourEntry(), contourThumb{})
	}
	main, area := alignedMain(p)
	return sidePanel(main, f.Width, leg, func(c draw.Canvas) { leg.draw(c, c.Min.X+vg.Points(6), area.Max.Y) }), nil
}
