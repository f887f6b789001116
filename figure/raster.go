package figure

import (
	"image"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// rasterGrid draws a grid of cells as one image with a pixel per printed
// dot (at rasterDPI), each pixel the colour of the cell it falls in. Drawn
// cell by cell as vector rectangles, a fine grid shows seams in PNG and
// weighs megabytes in SVG; an image scaled by the viewer blurs the cell
// boundaries of a categorical map. Drawn at the printed resolution, the
// boundaries stay sharp in every format and viewer.
//
// Cell edges lie half-way between neighbouring grid values on the axis's
// scale (geometric means on a logarithmic axis), as for gonum's heat map.
type rasterGrid struct {
	g          *grid
	logX, logY bool
	colour     func(z float64) color.Color
}

// rasterDPI is the resolution of grid images: the PNG's, so that its pixels
// map one to one.
const rasterDPI = 300

func (r *rasterGrid) edges() (ex, ey []float64) {
	return cellEdges(r.g.xs, r.logX), cellEdges(r.g.ys, r.logY)
}

// cellEdges returns the len(v)+1 boundaries of the cells centred on the
// sorted values v.
func cellEdges(v []float64, log bool) []float64 {
	mid := func(a, b float64) float64 {
		if log {
			return math.Sqrt(a * b)
		}
		return (a + b) / 2
	}
	out := make([]float64, len(v)+1)
	for i := 1; i < len(v); i++ {
		out[i] = mid(v[i-1], v[i])
	}
	n := len(v)
	switch {
	case n == 1 && log:
		out[0], out[1] = v[0]/math.Sqrt2, v[0]*math.Sqrt2
	case n == 1:
		out[0], out[1] = v[0]-0.5, v[0]+0.5
	case log:
		out[0], out[n] = v[0]*v[0]/out[1], v[n-1]*v[n-1]/out[n-1]
	default:
		out[0], out[n] = 2*v[0]-out[1], 2*v[n-1]-out[n-1]
	}
	return out
}

// DataRange implements plot.DataRanger: the outer edges of the cells.
func (r *rasterGrid) DataRange() (xmin, xmax, ymin, ymax float64) {
	ex, ey := r.edges()
	return ex[0], ex[len(ex)-1], ey[0], ey[len(ey)-1]
}

// Plot implements plot.Plotter.
func (r *rasterGrid) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	ex, ey := r.edges()
	// Canvas positions of the edges; x rises with the index, y too.
	cx := make([]vg.Length, len(ex))
	for i, e := range ex {
		cx[i] = trX(e)
	}
	cy := make([]vg.Length, len(ey))
	for i, e := range ey {
		cy[i] = trY(e)
	}
	rect := vg.Rectangle{Min: vg.Point{X: cx[0], Y: cy[0]}, Max: vg.Point{X: cx[len(cx)-1], Y: cy[len(cy)-1]}}
	w := int(math.Round((rect.Max.X - rect.Min.X).Dots(rasterDPI)))
	h := int(math.Round((rect.Max.Y - rect.Min.Y).Dots(rasterDPI)))
	if w < 1 || h < 1 {
		return
	}
	// The cell under each pixel's centre.
	col := make([]int, w)
	for i := range col {
		x := rect.Min.X + (vg.Length(i)+0.5)*(rect.Max.X-rect.Min.X)/vg.Length(w)
		col[i] = max(0, min(len(r.g.xs)-1, sort.Search(len(cx), func(k int) bool { return cx[k] > x })-1))
	}
	// Each cell's colour once, then pixels by copying.
	cells := make([][]color.RGBA, len(r.g.xs))
	for i := range cells {
		cells[i] = make([]color.RGBA, len(r.g.ys))
		for j := range cells[i] {
			cells[i][j] = color.RGBAModel.Convert(r.colour(r.g.z[i][j])).(color.RGBA)
		}
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for j := 0; j < h; j++ {
		y := rect.Max.Y - (vg.Length(j)+0.5)*(rect.Max.Y-rect.Min.Y)/vg.Length(h) // row 0 is the top
		row := max(0, min(len(r.g.ys)-1, sort.Search(len(cy), func(k int) bool { return cy[k] > y })-1))
		line := img.Pix[j*img.Stride:]
		for i := 0; i < w; i++ {
			p := cells[col[i]][row]
			line[4*i], line[4*i+1], line[4*i+2], line[4*i+3] = p.R, p.G, p.B, p.A
		}
	}
	c.DrawImage(rect, img)
}

var (
	_ plot.Plotter    = (*rasterGrid)(nil)
	_ plot.DataRanger = (*rasterGrid)(nil)
)
