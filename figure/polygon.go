package figure

import (
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// polygonPanels draws each selected cell's point set (the JSON column
// Spec.Field, [[x, y], …] in order around the set) as a filled outline,
// a segment or a point, one per series value, larger sets first so smaller
// ones stay visible on top. Both axes share one scale, since the two
// coordinates are in the same unit.
func (f *fig) polygonPanels() ([]panel, error) {
	s, t := f.Spec, f.t
	if !t.Has(s.Field) {
		return nil, &columnError{col: s.Field, msg: fmt.Sprintf("the results have no column %q (keep it with sweep.keep: [%s])", s.Field, s.Field)}
	}
	type shape struct {
		label string
		pts   plotter.XYs
		area  float64
	}
	var shapes []shape
	for _, r := range f.rows {
		cell := t.Str(r, "cell")
		text := t.Str(r, s.Field)
		if text == "NaN" {
			continue // a cell without a solution (e.g. no equilibrium)
		}
		var raw any
		if err := json.Unmarshal([]byte(text), &raw); err != nil {
			return nil, fmt.Errorf("cell %s: %s is not JSON: %v", cell, s.Field, err)
		}
		pts, err := toXYs(raw)
		if err != nil {
			return nil, fmt.Errorf("cell %s: %s: %v", cell, s.Field, err)
		}
		label := "cell " + cell
		if s.Series != "" {
			label = t.Str(r, s.Series)
		}
		shapes = append(shapes, shape{label: label, pts: pts, area: area(pts)})
	}
	if len(shapes) == 0 {
		return nil, fmt.Errorf("no selected cell has %s", s.Field)
	}
	order := make([]int, len(shapes))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return shapes[order[a]].area > shapes[order[b]].area })

	if len(s.Names) > 0 {
		if len(s.Names) != len(shapes) {
			return nil, fmt.Errorf("names lists %d legend entries for %d sets", len(s.Names), len(shapes))
		}
		for i := range shapes {
			shapes[i].label = s.Names[i]
		}
	}
	p := newPlot(s)
	p.X.Label.Text = f.text(s.XLabel, "row player's payoff")
	p.Y.Label.Text = f.text(s.YLabel, "column player's payoff")
	p.Add(plotter.NewGrid())
	title := ""
	if s.Series != "" {
		title = f.labels.Text(s.Series)
	}
	leg := newLegend(title)
	lo, hi := math.Inf(1), math.Inf(-1)
	thumbs := make([][]plot.Thumbnailer, len(shapes)) // legend entries in series order
	for _, i := range order {
		sh := shapes[i]
		col := okabeIto[i%len(okabeIto)]
		for _, q := range sh.pts {
			lo, hi = math.Min(lo, math.Min(q.X, q.Y)), math.Max(hi, math.Max(q.X, q.Y))
		}
		switch {
		case len(sh.pts) >= 3:
			poly, err := plotter.NewPolygon(sh.pts)
			if err != nil {
				return nil, err
			}
			r, g, b, _ := col.RGBA()
			poly.Color = color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0x30}
			poly.LineStyle.Color = col
			poly.LineStyle.Width = vg.Points(1.5)
			poly.LineStyle.Dashes = dashes(i)
			p.Add(poly)
			thumbs[i] = []plot.Thumbnailer{poly}
		default:
			l, sc, err := plotter.NewLinePoints(sh.pts)
			if err != nil {
				return nil, err
			}
			l.Color, l.Width = col, vg.Points(2)
			sc.Color, sc.Shape, sc.Radius = col, seriesGlyph(i), vg.Points(3)
			p.Add(l, sc)
			thumbs[i] = []plot.Thumbnailer{l, sc}
		}
	}
	var outlines []plotter.XYs
	for i, sh := range shapes {
		leg.add(sh.label, thumbs[i]...)
		outlines = append(outlines, append(append(plotter.XYs(nil), sh.pts...), sh.pts[0]))
	}
	pad := 0.05 * math.Max(hi-lo, 1e-9)
	p.X.Min, p.X.Max = lo-pad, hi+pad
	p.Y.Min, p.Y.Max = lo-pad, hi+pad
	return []panel{{draw: square(leg.inPlot(p, outlines)), width: 1}}, nil
}

// square draws into the largest square, centred, so that one payoff unit has
// the same length on both axes.
func square(drawFn func(draw.Canvas)) func(draw.Canvas) {
	return func(c draw.Canvas) {
		w, h := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
		if w > h {
			c.Min.X += (w - h) / 2
			c.Max.X = c.Min.X + h
		}
		drawFn(c)
	}
}

func toXYs(raw any) (plotter.XYs, error) {
	list, ok := raw.([]any)
	if !ok {
		return nil, fmt.Errorf("want a list of [x, y] pairs")
	}
	pts := make(plotter.XYs, 0, len(list))
	for _, e := range list {
		pair, ok := e.([]any)
		if !ok || len(pair) != 2 {
			return nil, fmt.Errorf("want [x, y] pairs, got %v", e)
		}
		x, okx := pair[0].(float64)
		y, oky := pair[1].(float64)
		if !okx || !oky {
			return nil, fmt.Errorf("want numbers in %v", e)
		}
		pts = append(pts, plotter.XY{X: x, Y: y})
	}
	if len(pts) == 0 {
		return nil, fmt.Errorf("no points")
	}
	return pts, nil
}

// area is the shoelace area of a polygon given in order (0 for fewer than
// three points).
func area(pts plotter.XYs) float64 {
	a := 0.0
	for i := range pts {
		j := (i + 1) % len(pts)
		a += pts[i].X*pts[j].Y - pts[j].X*pts[i].Y
	}
	return math.Abs(a) / 2
}
