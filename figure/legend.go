package figure

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legend is a gonum/plot legend with an optional title line above its
// entries, drawn from its top left corner.
type legend struct {
	title string
	plot.Legend
	n int // entries
}

func newLegend(title string) *legend {
	l := &legend{title: title, Legend: plot.NewLegend()}
	l.TextStyle.Font.Size = vg.Points(8)
	l.ThumbnailWidth = vg.Points(20)
	l.Top, l.Left = true, true
	return l
}

func (l *legend) add(name string, thumbs ...plot.Thumbnailer) {
	l.Add(name, thumbs...)
	l.n++
}

// rows counts the lines the legend takes, its title included.
func (l *legend) rows() int {
	if l.title != "" {
		return l.n + 1
	}
	return l.n
}

func (l *legend) titleHeight() vg.Length {
	if l.title == "" {
		return 0
	}
	return l.TextStyle.Height(l.title) + vg.Points(2)
}

// size is the legend's width and height.
func (l *legend) size() (w, h vg.Length) {
	if l.n > 0 {
		r := l.Rectangle(draw.Canvas{})
		w, h = r.Max.X-r.Min.X, r.Max.Y-r.Min.Y
	}
	w = vg.Length(math.Max(float64(w), float64(l.TextStyle.Width(l.title))))
	return w, h + l.titleHeight()
}

// draw draws the legend with its top left corner at (x, top).
func (l *legend) draw(c draw.Canvas, x, top vg.Length) {
	if l.title != "" {
		ts := l.TextStyle
		ts.YAlign = draw.YTop
		c.FillText(ts, vg.Point{X: x, Y: top}, l.title)
	}
	if l.n == 0 {
		return
	}
	_, h := l.size()
	inner := c
	inner.Min.X, inner.Max.X = x, c.Max.X
	inner.Max.Y = top - l.titleHeight()
	inner.Min.Y = top - h
	l.Draw(inner)
}

// inPlot draws p with the legend inside its data area, over a white box
// so that it stays readable, in the corner where it hides least of the
// lines (polylines in data coordinates): the top right, top left, bottom
// right or bottom left, in that order of preference.
func (l *legend) inPlot(p *plot.Plot, lines []plotter.XYs) func(draw.Canvas) {
	return func(c draw.Canvas) {
		fitTitle(p)(c)
		if l.rows() == 0 {
			return
		}
		dc := p.DataCanvas(c)
		trX, trY := p.Transforms(&dc)
		var canvasLines [][]vg.Point
		for _, line := range lines {
			pts := make([]vg.Point, len(line))
			for i, q := range line {
				pts[i] = vg.Point{X: trX(q.X), Y: trY(q.Y)}
			}
			canvasLines = append(canvasLines, pts)
		}
		w, h := l.size()
		pad, m := vg.Points(4), vg.Points(2)
		var boxes []vg.Rectangle
		for _, corner := range [][2]bool{{true, false}, {true, true}, {false, false}, {false, true}} {
			top, left := corner[0], corner[1]
			x, y := dc.Max.X-pad-w, dc.Max.Y-pad
			if left {
				x = dc.Min.X + pad
			}
			if !top {
				y = dc.Min.Y + pad + h
			}
			boxes = append(boxes, vg.Rectangle{Min: vg.Point{X: x - m, Y: y - h - m}, Max: vg.Point{X: x + w + m, Y: y + m}})
		}
		box := boxes[emptiestBox(canvasLines, boxes)]
		c.SetColor(color.NRGBA{R: 255, G: 255, B: 255, A: 0xD8})
		c.Fill(box.Path())
		l.draw(dc, box.Min.X+m, box.Max.Y-m)
	}
}

// emptiestBox returns the index of the box that the fewest points along
// the lines fall in (each segment sampled at 16 points), the first on a tie.
func emptiestBox(lines [][]vg.Point, boxes []vg.Rectangle) int {
	count := make([]int, len(boxes))
	in := func(q vg.Point) {
		for i, b := range boxes {
			if q.X >= b.Min.X && q.X <= b.Max.X && q.Y >= b.Min.Y && q.Y <= b.Max.Y {
				count[i]++
			}
		}
	}
	for _, line := range lines {
		for i, q := range line {
			in(q)
			if i == 0 {
				continue
			}
			a := line[i-1]
			for k := 1; k < 16; k++ {
				t := vg.Length(k) / 16
				in(vg.Point{X: a.X + t*(q.X-a.X), Y: a.Y + t*(q.Y-a.Y)})
			}
		}
	}
	best := 0
	for i := range count {
		if count[i] < count[best] {
			best = i
		}
	}
	return best
}

// swatch is a legend thumbnail: a filled box of one colour.
func swatch(col color.Color) plot.Thumbnailer {
	box, _ := plotter.NewPolygon(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 1, Y: 1}})
	box.Color = col
	box.LineStyle.Width = 0
	return box
}
