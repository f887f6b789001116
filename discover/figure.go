package discover

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/statecraft/statecraft/internal/plotout"
)

// Figures of one box, after EMA Workbench's displays of a PRIM box
// (Kwakkel 2017): the trade-off between coverage and density along the
// trajectory, coloured by the number of restricted dimensions; the box's
// limits against each dimension's range, with quasi-p-values; and pairwise
// scatter plots of the restricted dimensions with the cases of interest
// marked and the box drawn.

// DrawFigures writes tradeoff-box<k>, limits-box<k> and (with two or more
// dimensions) pairs-box<k> in each format into dir and returns the paths.
func (r *Report) DrawFigures(dir string, formats []string) ([]string, error) {
	var paths []string
	for _, b := range r.Boxes {
		figs := []struct {
			name string
			w, h float64
			plot func(draw.Canvas)
		}{
			{fmt.Sprintf("tradeoff-box%d", b.Box), 14, 11, func(c draw.Canvas) { r.tradeoff(b).Draw(c) }},
			{fmt.Sprintf("limits-box%d", b.Box), 14, 3 + 1.2*float64(max(1, len(b.Limits))), func(c draw.Canvas) { r.limitsPlot(b).Draw(c) }},
		}
		if dims := r.pairDims(b); len(dims) >= 2 {
			size := 4.5 * float64(len(dims))
			figs = append(figs, struct {
				name string
				w, h float64
				plot func(draw.Canvas)
			}{fmt.Sprintf("pairs-box%d", b.Box), size + 1, size + 1, func(c draw.Canvas) { r.pairs(b, dims, c) }})
		}
		for _, f := range figs {
			p, err := plotout.Write(dir, f.name, formats, f.w, f.h, f.plot)
			paths = append(paths, p...)
			if err != nil {
				return paths, err
			}
		}
	}
	return paths, nil
}

func small(p *plot.Plot) {
	p.Title.TextStyle.Font.Size = vg.Points(10)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = vg.Points(9)
		a.Tick.Label.Font.Size = vg.Points(8)
	}
	p.Legend.TextStyle.Font.Size = vg.Points(8)
}

func (r *Report) tradeoff(b BoxInfo) *plot.Plot {
	p := plot.New()
	small(p)
	p.Title.Text = fmt.Sprintf("Box %d: the peeling trajectory", b.Box)
	p.X.Label.Text = "coverage (share of the cases of interest in the box)"
	p.Y.Label.Text = "density (share of the box's cases of interest)"
	path := make(plotter.XYs, len(b.Trajectory))
	byRestricted := map[int]plotter.XYs{}
	for k, st := range b.Trajectory {
		path[k] = plotter.XY{X: st.Coverage, Y: st.Density}
		byRestricted[st.Restricted] = append(byRestricted[st.Restricted], path[k])
	}
	line, _ := plotter.NewLine(path)
	line.Color = plotout.Grey
	line.Width = vg.Points(0.6)
	p.Add(line)
	counts := make([]int, 0, len(byRestricted))
	for k := range byRestricted {
		counts = append(counts, k)
	}
	slices.Sort(counts)
	for _, k := range counts {
		s, _ := plotter.NewScatter(byRestricted[k])
		s.GlyphStyle = draw.GlyphStyle{Color: plotout.Palette[k%len(plotout.Palette)], Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
		p.Add(s)
		label := strconv.Itoa(k) + " restricted dimensions"
		if k == 1 {
			label = "1 restricted dimension"
		}
		p.Legend.Add(label, s)
	}
	ch := b.Trajectory[b.Chosen]
	ring, _ := plotter.NewScatter(plotter.XYs{{X: ch.Coverage, Y: ch.Density}})
	ring.GlyphStyle = draw.GlyphStyle{Color: color.Black, Radius: vg.Points(5), Shape: draw.RingGlyph{}}
	p.Add(ring)
	p.Legend.Add(fmt.Sprintf("chosen: step %d", b.Chosen), ring)
	p.Legend.Left = true
	p.Legend.Top = false
	p.X.Min, p.X.Max = 0, 1.02
	p.Y.Min, p.Y.Max = 0, 1.02
	return p
}

// limitRows draws one row per restricted dimension: the dimension's range
// as a grey bar from 0 to 1, the box's share of it in blue, the limits'
// values; categorical levels as dots, filled when in the box.
type limitRows struct {
	lims   []Limit
	ranges []Range
}

func (l limitRows) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.05, 1.05, -0.5, float64(len(l.lims)) - 0.5
}

func (l limitRows) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	label := draw.TextStyle{Color: color.Black, Font: font.From(plot.DefaultFont, vg.Points(7)), Handler: plot.DefaultTextHandler, XAlign: draw.XCenter}
	for i, lim := range l.lims {
		y := trY(float64(len(l.lims) - 1 - i))
		rg := l.ranges[i]
		bar := func(a, b float64, clr color.Color, h vg.Length) {
			x0, x1 := trX(a), trX(b)
			c.FillPolygon(clr, []vg.Point{{X: x0, Y: y - h}, {X: x1, Y: y - h}, {X: x1, Y: y + h}, {X: x0, Y: y + h}})
		}
		if lim.Levels != nil {
			c.StrokeLine2(draw.LineStyle{Color: plotout.Grey, Width: vg.Points(1)}, trX(0), y, trX(1), y)
			n := len(rg.Levels)
			for k, lv := range rg.Levels {
				x := 0.5
				if n > 1 {
					x = float64(k) / float64(n-1)
				}
				g := draw.GlyphStyle{Color: plotout.Grey, Radius: vg.Points(4), Shape: draw.RingGlyph{}}
				if slices.Contains(lim.Levels, lv) {
					g = draw.GlyphStyle{Color: plotout.Blue, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
				}
				c.DrawGlyph(g, vg.Point{X: trX(x), Y: y})
				c.FillText(label, vg.Point{X: trX(x), Y: y + vg.Points(6)}, lv)
			}
			continue
		}
		span := rg.Max - rg.Min
		norm := func(v float64) float64 {
			if span == 0 {
				return 0.5
			}
			return (v - rg.Min) / span
		}
		bar(0, 1, plotout.Grey, vg.Points(3))
		lo, hi := norm(lim.Lower), norm(lim.Upper)
		bar(lo, hi, plotout.Blue, vg.Points(5))
		if lim.LowerRestricted {
			c.FillText(label, vg.Point{X: trX(lo), Y: y + vg.Points(7)}, strconv.FormatFloat(lim.Lower, 'g', 3, 64))
		}
		if lim.UpperRestricted {
			c.FillText(label, vg.Point{X: trX(hi), Y: y + vg.Points(7)}, strconv.FormatFloat(lim.Upper, 'g', 3, 64))
		}
		below := label
		below.YAlign = draw.YTop
		c.FillText(below, vg.Point{X: trX(0), Y: y - vg.Points(6)}, strconv.FormatFloat(rg.Min, 'g', 3, 64))
		c.FillText(below, vg.Point{X: trX(1), Y: y - vg.Points(6)}, strconv.FormatFloat(rg.Max, 'g', 3, 64))
	}
}

func (r *Report) rangeOf(dim string) Range {
	for _, rg := range r.Dims {
		if rg.Dim == dim {
			return rg
		}
	}
	return Range{Dim: dim}
}

func (r *Report) limitsPlot(b BoxInfo) *plot.Plot {
	p := plot.New()
	small(p)
	p.Title.Text = fmt.Sprintf("Box %d: coverage %.3g, density %.3g, mass %.3g", b.Box, b.Coverage, b.Density, b.Mass)
	p.X.Label.Text = "the box (blue) within each dimension's range (grey)"
	rows := limitRows{lims: b.Limits}
	names := make([]string, len(b.Limits))
	for i, l := range b.Limits {
		rows.ranges = append(rows.ranges, r.rangeOf(l.Dim))
		qp := "?"
		if l.QP != nil {
			qp = strconv.FormatFloat(*l.QP, 'g', 2, 64)
		}
		names[len(b.Limits)-1-i] = fmt.Sprintf("%s (qp %s)", l.Dim, qp)
	}
	p.Add(rows)
	if len(names) > 0 {
		p.NominalY(names...)
	} else {
		p.Y.Tick.Marker = plot.ConstantTicks(nil)
	}
	p.X.Tick.Marker = plot.ConstantTicks(nil)
	p.X.Min, p.X.Max = -0.05, 1.05
	p.Y.Min, p.Y.Max = -0.6, math.Max(0.6, float64(len(b.Limits))-0.4)
	return p
}

// pairDims are the dimensions of the pairwise scatter: the restricted ones
// in the order of their limits, or the restricted one and the next
// dimension when only one is restricted.
func (r *Report) pairDims(b BoxInfo) []int {
	var out []int
	for _, l := range b.Limits {
		out = append(out, slices.IndexFunc(r.Dims, func(rg Range) bool { return rg.Dim == l.Dim }))
	}
	if len(out) == 1 {
		for j := range r.Dims {
			if j != out[0] {
				out = append(out, j)
				break
			}
		}
	}
	return out
}

// boxEdge draws a box's limits on a pair of dimensions: one rectangle per
// pair of intervals (a categorical dimension whose levels in the box are
// not adjacent has several).
type boxEdge struct{ xs, ys [][2]float64 }

func (e boxEdge) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for _, x := range e.xs {
		for _, y := range e.ys {
			x0, x1, y0, y1 := trX(x[0]), trX(x[1]), trY(y[0]), trY(y[1])
			pts := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}, {X: x0, Y: y0}}
			c.StrokeLines(draw.LineStyle{Color: color.Black, Width: vg.Points(1.2)}, c.ClipLinesXY(pts)...)
		}
	}
}

// intervals returns the box's extent on dimension j: its limits, or for a
// categorical dimension one interval per run of adjacent levels in the box.
func (r *Report) intervals(b BoxInfo, j int) [][2]float64 {
	rg := r.Dims[j]
	in := func(string) bool { return true }
	for _, l := range b.Limits {
		if l.Dim == rg.Dim {
			if l.Levels == nil {
				return [][2]float64{{l.Lower, l.Upper}}
			}
			in = func(lv string) bool { return slices.Contains(l.Levels, lv) }
		}
	}
	if rg.Levels == nil {
		return [][2]float64{{rg.Min, rg.Max}}
	}
	var out [][2]float64
	for k, lv := range rg.Levels {
		if !in(lv) {
			continue
		}
		if n := len(out); n > 0 && out[n-1][1] == float64(k)-0.6 {
			out[n-1][1] = float64(k) + 0.4
		} else {
			out = append(out, [2]float64{float64(k) - 0.4, float64(k) + 0.4})
		}
	}
	return out
}

func (r *Report) pairs(b BoxInfo, dims []int, dc draw.Canvas) {
	n := len(dims)
	plots := make([][]*plot.Plot, n)
	s := r.Sample
	for row, jy := range dims {
		plots[row] = make([]*plot.Plot, n)
		for col, jx := range dims {
			p := plot.New()
			small(p)
			plots[row][col] = p
			if row == n-1 && row != col {
				p.X.Label.Text = r.Dims[jx].Dim
			}
			if col == 0 && row != col {
				p.Y.Label.Text = r.Dims[jy].Dim
			}
			for _, a := range []struct {
				ax *plot.Axis
				j  int
			}{{&p.X, jx}, {&p.Y, jy}} {
				if lv := r.Dims[a.j].Levels; lv != nil {
					var ticks []plot.Tick
					for k, name := range lv {
						ticks = append(ticks, plot.Tick{Value: float64(k), Label: name})
					}
					a.ax.Tick.Marker = plot.ConstantTicks(ticks)
					a.ax.Min, a.ax.Max = -0.5, float64(len(lv))-0.5
					if a.ax == &p.X {
						a.ax.Tick.Label.Rotation = math.Pi / 6
						a.ax.Tick.Label.XAlign = draw.XRight
						a.ax.Tick.Label.YAlign = draw.YTop
					}
				}
			}
			if row == col {
				p.HideAxes()
				continue
			}
			var other, coi plotter.XYs
			for i := range s.Cases {
				pt := plotter.XY{X: s.X[jx][i], Y: s.X[jy][i]}
				if r.Dims[jx].Levels != nil {
					pt.X += jitter(i, 0)
				}
				if r.Dims[jy].Levels != nil {
					pt.Y += jitter(i, 1)
				}
				if s.Interest[i] {
					coi = append(coi, pt)
				} else {
					other = append(other, pt)
				}
			}
			for _, set := range []struct {
				xy  plotter.XYs
				clr color.Color
			}{{other, plotout.Grey}, {coi, plotout.Vermillion}} {
				if len(set.xy) == 0 {
					continue
				}
				sc, _ := plotter.NewScatter(set.xy)
				sc.GlyphStyle = draw.GlyphStyle{Color: set.clr, Radius: vg.Points(1), Shape: draw.CircleGlyph{}}
				p.Add(sc)
			}
			p.Add(boxEdge{r.intervals(b, jx), r.intervals(b, jy)})
		}
	}
	title := dc
	title.Min.Y = dc.Max.Y - vg.Points(16)
	title.FillText(draw.TextStyle{Color: color.Black, Font: font.From(plot.DefaultFont, vg.Points(10)), Handler: plot.DefaultTextHandler, XAlign: draw.XCenter, YAlign: draw.YBottom},
		vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: title.Min.Y + vg.Points(3)},
		fmt.Sprintf("Box %d: cases of interest (orange) and the others (grey), sample of %d", b.Box, len(s.Cases)))
	body := dc
	body.Max.Y -= vg.Points(16)
	canvases := plot.Align(plots, draw.Tiles{Rows: n, Cols: n, PadX: vg.Points(4), PadY: vg.Points(4), PadTop: vg.Points(2), PadRight: vg.Points(4)}, body)
	name := draw.TextStyle{Color: color.Black, Font: font.From(plot.DefaultFont, vg.Points(10)), Handler: plot.DefaultTextHandler, XAlign: draw.XCenter, YAlign: draw.YCenter}
	for row := range plots {
		for col, p := range plots[row] {
			c := canvases[row][col]
			p.Draw(c)
			if row == col {
				rg := r.Dims[dims[row]]
				mid := vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y + c.Max.Y) / 2}
				c.FillText(name, mid, rg.Dim)
				span := strings.Join(rg.Levels, ", ")
				if rg.Levels == nil {
					span = strconv.FormatFloat(rg.Min, 'g', 3, 64) + " – " + strconv.FormatFloat(rg.Max, 'g', 3, 64)
				}
				small := name
				small.Font = font.From(plot.DefaultFont, vg.Points(7))
				c.FillText(small, vg.Point{X: mid.X, Y: mid.Y - vg.Points(12)}, span)
			}
		}
	}
}

// jitter spreads the cases of one level over ±0.3 so they do not hide one
// another; it depends only on the case's place in the sample.
func jitter(i, axis int) float64 {
	h := uint64(i)*0x9E3779B97F4A7C15 + uint64(axis)*0xBF58476D1CE4E5B9
	h ^= h >> 31
	h *= 0x94D049BB133111EB
	h ^= h >> 29
	return (float64(h>>11)/(1<<53) - 0.5) * 0.6
}
