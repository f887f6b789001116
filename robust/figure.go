package robust

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/statecraft/statecraft/internal/plotout"
)

// The figure has one row per setting of the levers and two or three
// panels: the metric across the scenarios (5%–95% range, median, mean), the
// maximum regret, and with a threshold the satisficing share.

// rows draws per setting a horizontal bar from 0 to Value, or with Lo and Hi
// a range with a median tick and a mean dot.
type rows struct {
	value, lo, mid, hi []float64
	colour             color.Color
}

func (r rows) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = math.Inf(1), math.Inf(-1)
	for i, v := range r.value {
		for _, x := range []float64{v, r.at(r.lo, i, v), r.at(r.hi, i, v)} {
			if !math.IsNaN(x) {
				xmin, xmax = math.Min(xmin, x), math.Max(xmax, x)
			}
		}
	}
	if r.lo == nil {
		xmin = math.Min(xmin, 0)
	}
	return xmin, xmax, -0.5, float64(len(r.value)) - 0.5
}

func (r rows) at(s []float64, i int, def float64) float64 {
	if s == nil {
		return def
	}
	return s[i]
}

func (r rows) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	n := len(r.value)
	for i, v := range r.value {
		y := trY(float64(n - 1 - i))
		if r.lo == nil {
			if math.IsNaN(v) {
				continue
			}
			h := vg.Points(5)
			x0, x1 := trX(0), trX(v)
			c.FillPolygon(r.colour, c.ClipPolygonXY([]vg.Point{{X: x0, Y: y - h}, {X: x1, Y: y - h}, {X: x1, Y: y + h}, {X: x0, Y: y + h}}))
			continue
		}
		line := draw.LineStyle{Color: r.colour, Width: vg.Points(2)}
		c.StrokeLine2(line, trX(r.lo[i]), y, trX(r.hi[i]), y)
		tick := draw.LineStyle{Color: color.Black, Width: vg.Points(1.2)}
		c.StrokeLine2(tick, trX(r.mid[i]), y-vg.Points(5), trX(r.mid[i]), y+vg.Points(5))
		c.DrawGlyph(draw.GlyphStyle{Color: plotout.Vermillion, Radius: vg.Points(3), Shape: draw.CircleGlyph{}}, vg.Point{X: trX(v), Y: y})
	}
}

// DrawFigure writes robust.<format> into dir and returns the paths.
func (a *Analysis) DrawFigure(dir string, formats []string) ([]string, error) {
	n := len(a.Settings)
	labels := make([]string, n)
	mean, q05, q50, q95, regret, sat := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i, s := range a.Settings {
		labels[n-1-i] = s.Label
		mean[i], q05[i], q50[i], q95[i], regret[i] = s.Mean, s.Q05, s.Q50, s.Q95, s.MaxRegret
		sat[i] = math.NaN()
		if s.Satisficing != nil {
			sat[i] = *s.Satisficing
		}
	}
	panel := func(title, xlabel string, r rows) *plot.Plot {
		p := plot.New()
		p.Title.Text = title
		p.Title.TextStyle.Font.Size = vg.Points(10)
		p.X.Label.Text = xlabel
		for _, ax := range []*plot.Axis{&p.X, &p.Y} {
			ax.Label.TextStyle.Font.Size = vg.Points(9)
			ax.Tick.Label.Font.Size = vg.Points(8)
		}
		p.Add(r)
		p.NominalY(labels...)
		return p
	}
	plots := []*plot.Plot{
		panel(a.Metric+" across the scenarios", "5%–95% (line), median (tick), mean (dot)", rows{value: mean, lo: q05, mid: q50, hi: q95, colour: plotout.SkyBlue}),
		panel("maximum regret", fmt.Sprintf("largest shortfall from the best setting (%s)", a.Direction), rows{value: regret, colour: plotout.Vermillion}),
	}
	if a.Threshold != nil {
		op := "≥"
		if a.Direction == "minimize" {
			op = "≤"
		}
		p := panel("satisficing", fmt.Sprintf("share of scenarios with %s %s %g", a.Metric, op, *a.Threshold), rows{value: sat, colour: plotout.Green})
		p.X.Min, p.X.Max = 0, 1
		plots = append(plots, p)
	}
	for _, p := range plots[1:] {
		p.Y.Tick.Label.Color = color.Transparent
		p.Y.Tick.Marker = plot.ConstantTicks(nil)
		p.X.Min = 0
	}
	width := 7 * float64(len(plots))
	height := 3 + 0.8*float64(n)
	return plotout.Write(dir, "robust", formats, width+4, height, func(dc draw.Canvas) {
		cs := plot.Align([][]*plot.Plot{plots}, draw.Tiles{Rows: 1, Cols: len(plots), PadX: vg.Points(8), PadTop: vg.Points(4), PadRight: vg.Points(6), PadLeft: vg.Points(4)}, dc)
		for k, p := range plots {
			p.Draw(cs[0][k])
		}
	})
}
