package run

import (
	"image/color"
	"math"
	"os"
	"path/filepath"
	"regexp"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/statecraft/statecraft/figure"
	"github.com/statecraft/statecraft/internal/atomicfile"
	"github.com/statecraft/statecraft/sensitivity"
)

// Bar figures of sensitivity indices: one figure per metric, the parameters
// on the x axis, one bar per index (S1 and ST, or μ* and σ) side by side, with
// the bootstrap interval as a whisker. Colours are from Okabe & Ito's
// colour-blind-safe palette. PNG and SVG bytes are the same from run to run.

var barColours = []color.Color{
	color.NRGBA{0x00, 0x72, 0xB2, 0xff}, // blue
	color.NRGBA{0xE6, 0x9F, 0x00, 0xff}, // orange
	color.NRGBA{0x00, 0x9E, 0x73, 0xff}, // bluish green
}

// bars is a plot.Plotter: bars of one index at x positions in data units,
// with whiskers from Lo to Hi where they are finite.
type bars struct {
	X, Y, Lo, Hi []float64
	Width        float64 // in data units
	Colour       color.Color
}

func (b *bars) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	line := draw.LineStyle{Color: color.Black, Width: vg.Points(0.6)}
	for i, x := range b.X {
		y := b.Y[i]
		if math.IsNaN(y) {
			continue
		}
		x0, x1 := trX(x-b.Width/2), trX(x+b.Width/2)
		y0, y1 := trY(0), trY(y)
		rect := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
		c.FillPolygon(b.Colour, c.ClipPolygonY(rect))
		lo, hi := b.Lo[i], b.Hi[i]
		if math.IsNaN(lo) || math.IsNaN(hi) {
			continue
		}
		xm := trX(x)
		cap := (x1 - x0) / 4
		c.StrokeLine2(line, xm, trY(lo), xm, trY(hi))
		c.StrokeLine2(line, xm-cap, trY(lo), xm+cap, trY(lo))
		c.StrokeLine2(line, xm-cap, trY(hi), xm+cap, trY(hi))
	}
}

func (b *bars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = math.Inf(1), math.Inf(-1)
	for i, x := range b.X {
		xmin, xmax = math.Min(xmin, x-b.Width/2), math.Max(xmax, x+b.Width/2)
		for _, v := range []float64{b.Y[i], b.Lo[i], b.Hi[i]} {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				ymin, ymax = math.Min(ymin, v), math.Max(ymax, v)
			}
		}
	}
	return xmin, xmax, ymin, ymax
}

// Thumbnail draws the legend swatch.
func (b *bars) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}}
	c.FillPolygon(b.Colour, pts)
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)

// drawSensitivity writes one bar figure per metric of res into dir, in the
// given formats, and returns the paths.
func drawSensitivity(res sensitivity.Result, method, dir string, formats []string) ([]string, error) {
	var paths []string
	for _, f := range sensitivityPlots(res, method) {
		for _, format := range formats {
			data, err := figure.EncodePlot(f.plot, f.width, 8, format)
			if err != nil {
				return paths, err
			}
			path := filepath.Join(dir, f.name+"."+format)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return paths, err
			}
			if err := atomicfile.WriteFile(path, data); err != nil {
				return paths, err
			}
			paths = append(paths, path)
		}
	}
	return paths, nil
}

// SensitivityFigure is the bar figure of one metric's indices, encoded.
type SensitivityFigure struct {
	Metric string
	Name   string // file name without extension: sensitivity-<metric>
	Data   []byte
}

// EncodeSensitivity draws the bar figures [Sensitivity] writes, one per
// metric of res, in one format (png, svg or pdf), without files.
func EncodeSensitivity(res sensitivity.Result, method, format string) ([]SensitivityFigure, error) {
	var out []SensitivityFigure
	for _, f := range sensitivityPlots(res, method) {
		data, err := figure.EncodePlot(f.plot, f.width, 8, format)
		if err != nil {
			return nil, err
		}
		out = append(out, SensitivityFigure{Metric: f.metric, Name: f.name, Data: data})
	}
	return out, nil
}

type sensitivityPlot struct {
	metric, name string
	plot         *plot.Plot
	width        float64 // cm
}

// sensitivityPlots lays out one bar plot per metric of res.
func sensitivityPlots(res sensitivity.Result, method string) []sensitivityPlot {
	type series struct {
		name       string
		x, y, l, h []float64
	}
	type fig struct {
		metric string
		params []string
		series []*series
	}
	var figs []*fig
	byMetric := map[string]*fig{}
	get := func(metric string, names ...string) *fig {
		f := byMetric[metric]
		if f == nil {
			f = &fig{metric: metric}
			for _, n := range names {
				f.series = append(f.series, &series{name: n})
			}
			byMetric[metric] = f
			figs = append(figs, f)
		}
		return f
	}
	add := func(f *fig, param string, vals ...[3]float64) {
		x := float64(len(f.params))
		f.params = append(f.params, param)
		for k, v := range vals {
			s := f.series[k]
			s.x = append(s.x, x)
			s.y, s.l, s.h = append(s.y, v[0]), append(s.l, v[1]), append(s.h, v[2])
		}
	}
	for _, ix := range res.Indices {
		add(get(ix.Metric, "first order S1", "total ST"), ix.Param, [3]float64{ix.S1, ix.S1Lo, ix.S1Hi}, [3]float64{ix.ST, ix.STLo, ix.STHi})
	}
	for _, ix := range res.Morris {
		nan := math.NaN()
		add(get(ix.Metric, "μ* (mean |effect|)", "σ (spread of effects)"), ix.Param, [3]float64{ix.MuStar, ix.MuStarLo, ix.MuStarHi}, [3]float64{ix.Sigma, nan, nan})
	}
	var out []sensitivityPlot
	for _, f := range figs {
		p := plot.New()
		if method == "morris" {
			p.Title.Text = "Morris elementary effects of " + f.metric
			p.Y.Label.Text = "effect per unit of the quantile range"
		} else {
			p.Title.Text = "Sobol indices of " + f.metric
			p.Y.Label.Text = "share of variance"
		}
		p.X.Label.Text = "uncertain parameter"
		p.Title.TextStyle.Font.Size = vg.Points(11)
		for _, a := range []*plot.Axis{&p.X, &p.Y} {
			a.Label.TextStyle.Font.Size = vg.Points(10)
			a.Tick.Label.Font.Size = vg.Points(8)
		}
		p.Legend.Top = true
		p.Legend.TextStyle.Font.Size = vg.Points(8)
		w := 0.8 / float64(len(f.series))
		for k, s := range f.series {
			xs := make([]float64, len(s.x))
			for i, x := range s.x {
				xs[i] = x - 0.4 + w*(float64(k)+0.5)
			}
			b := &bars{X: xs, Y: s.y, Lo: s.l, Hi: s.h, Width: w * 0.9, Colour: barColours[k%len(barColours)]}
			p.Add(b)
			p.Legend.Add(s.name, b)
		}
		p.NominalX(f.params...)
		p.X.Min, p.X.Max = -0.6, float64(len(f.params))-0.4
		if method != "morris" {
			p.Y.Min = math.Min(p.Y.Min, 0)
			p.Y.Max = math.Max(p.Y.Max, 1)
		}
		out = append(out, sensitivityPlot{metric: f.metric, name: "sensitivity-" + unsafeName.ReplaceAllString(f.metric, "_"),
			plot: p, width: math.Max(10, 2.5+1.6*float64(len(f.params)))})
	}
	return out
}
