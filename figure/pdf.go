package figure

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// pdfCanvas draws a figure as a one-page PDF. gonum/plot's own PDF back end
// encodes text in code page 1252, so δ, τ* or ≥ come out as other glyphs, and
// it draws images upside down; this canvas embeds each font as a Unicode
// TrueType subset (text stays selectable and searchable) and places images
// the right way up. Its output is byte-for-byte reproducible: a fixed
// creation date and sorted catalogues.
//
// Coordinates: vg's origin is the bottom left with y up, fpdf's the top left
// with y down, converted as (x, h − y); transformations are PDF "cm"
// operators in the y-up user space, so they compose as vg's do.
type pdfCanvas struct {
	doc   *fpdf.Fpdf
	w, h  vg.Length
	stack []pdfState
	fonts map[string]bool // fpdf families added
	nimg  int
}

// pdfState is what Push saves and Pop restores. PDF's q/Q restore it in the
// file too, but fpdf keeps its own idea of the current colour, so Pop sets
// it again.
type pdfState struct {
	col    color.Color
	width  vg.Length
	dashes []vg.Length
	offset vg.Length
}

// pdfDate is the creation date written into every PDF, so that the same
// figure gives the same bytes; when a figure was made is in the run's
// manifest.
var pdfDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func newPDF(w, h vg.Length) *pdfCanvas {
	doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: w.Points(), Ht: h.Points()}})
	doc.SetCatalogSort(true)
	doc.SetCreationDate(pdfDate)
	doc.SetModificationDate(pdfDate)
	doc.SetProducer("statecraft", false)
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	doc.AddPage()
	doc.TransformBegin() // the page's outermost state, ended by WriteTo
	c := &pdfCanvas{doc: doc, w: w, h: h, stack: []pdfState{{col: color.Black, width: 1}}, fonts: map[string]bool{}}
	vg.Initialize(c)
	return c
}

func (c *pdfCanvas) state() *pdfState { return &c.stack[len(c.stack)-1] }

func (c *pdfCanvas) Size() (w, h vg.Length) { return c.w, c.h }

func (c *pdfCanvas) SetLineWidth(w vg.Length) {
	c.state().width = w
	c.doc.SetLineWidth(w.Points())
}

func (c *pdfCanvas) SetLineDash(dashes []vg.Length, offset vg.Length) {
	c.state().dashes, c.state().offset = append([]vg.Length(nil), dashes...), offset
	ds := make([]float64, len(dashes))
	for i, d := range dashes {
		ds[i] = d.Points()
	}
	c.doc.SetDashPattern(ds, offset.Points())
}

func (c *pdfCanvas) SetColor(col color.Color) {
	if col == nil {
		col = color.Black
	}
	c.state().col = col
	r, g, b, a := col.RGBA()
	// RGBA is alpha-premultiplied: divide it out.
	var ri, gi, bi int
	if a > 0 {
		ri, gi, bi = int(r*255/a), int(g*255/a), int(b*255/a)
	}
	c.doc.SetDrawColor(ri, gi, bi)
	c.doc.SetFillColor(ri, gi, bi)
	c.doc.SetTextColor(ri, gi, bi)
	c.doc.SetAlpha(float64(a)/0xffff, "Normal")
}

func (c *pdfCanvas) Rotate(rad float64) {
	s, co := math.Sin(rad), math.Cos(rad)
	c.doc.Transform(fpdf.TransformMatrix{A: co, B: s, C: -s, D: co})
}

func (c *pdfCanvas) Translate(pt vg.Point) {
	c.doc.Transform(fpdf.TransformMatrix{A: 1, D: 1, E: pt.X.Points(), F: pt.Y.Points()})
}

func (c *pdfCanvas) Scale(x, y float64) {
	c.doc.Transform(fpdf.TransformMatrix{A: x, D: y})
}

func (c *pdfCanvas) Push() {
	c.stack = append(c.stack, *c.state())
	c.doc.TransformBegin()
}

func (c *pdfCanvas) Pop() {
	if len(c.stack) == 1 {
		return
	}
	c.doc.TransformEnd()
	c.stack = c.stack[:len(c.stack)-1]
	st := *c.state()
	c.SetColor(st.col)
	c.SetLineWidth(st.width)
	c.SetLineDash(st.dashes, st.offset)
}

// xy converts a vg point to fpdf's coordinates.
func (c *pdfCanvas) xy(p vg.Point) (float64, float64) {
	return p.X.Points(), (c.h - p.Y).Points()
}

func (c *pdfCanvas) Stroke(p vg.Path) {
	if c.state().width > 0 {
		c.path(p, "D")
	}
}

func (c *pdfCanvas) Fill(p vg.Path) { c.path(p, "f") }

func (c *pdfCanvas) path(p vg.Path, style string) {
	if len(p) == 0 {
		return
	}
	var start, cur vg.Point
	open := false // whether the path has a current point
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			c.doc.MoveTo(c.xy(comp.Pos))
			start, cur, open = comp.Pos, comp.Pos, true
		case vg.LineComp:
			c.doc.LineTo(c.xy(comp.Pos))
			cur = comp.Pos
		case vg.CurveComp:
			switch len(comp.Control) {
			case 1: // quadratic: raise to a cubic
				q := comp.Control[0]
				c1 := vg.Point{X: cur.X + 2*(q.X-cur.X)/3, Y: cur.Y + 2*(q.Y-cur.Y)/3}
				c2 := vg.Point{X: comp.Pos.X + 2*(q.X-comp.Pos.X)/3, Y: comp.Pos.Y + 2*(q.Y-comp.Pos.Y)/3}
				c.cubic(c1, c2, comp.Pos)
			case 2:
				c.cubic(comp.Control[0], comp.Control[1], comp.Pos)
			}
			cur = comp.Pos
		case vg.ArcComp:
			if !open {
				start = c.arcStart(comp)
			}
			cur = c.arc(comp, !open)
			open = true
		case vg.CloseComp:
			c.doc.ClosePath()
			cur = start
		}
	}
	c.doc.DrawPath(style)
}

func (c *pdfCanvas) cubic(c1, c2, to vg.Point) {
	x1, y1 := c.xy(c1)
	x2, y2 := c.xy(c2)
	x, y := c.xy(to)
	c.doc.CurveBezierCubicTo(x1, y1, x2, y2, x, y)
}

// arc draws a circular arc as cubic Bézier pieces of at most a quarter turn
// each (control points at 4/3·tan(θ/4) of the radius along the tangents).
// Like vg's other back ends, a line joins the current point to the arc's
// start, unless the arc opens the path.
func (c *pdfCanvas) arc(comp vg.PathComp, first bool) vg.Point {
	r := comp.Radius
	at := func(a float64) vg.Point {
		return vg.Point{X: comp.Pos.X + r*vg.Length(math.Cos(a)), Y: comp.Pos.Y + r*vg.Length(math.Sin(a))}
	}
	p0 := c.arcStart(comp)
	if first {
		c.doc.MoveTo(c.xy(p0))
	} else {
		c.doc.LineTo(c.xy(p0))
	}
	n := int(math.Ceil(math.Abs(comp.Angle) / (math.Pi / 2)))
	if n == 0 {
		return p0
	}
	step := comp.Angle / float64(n)
	k := 4.0 / 3 * math.Tan(step/4)
	a := comp.Start
	for i := 0; i < n; i++ {
		b := a + step
		pa, pb := at(a), at(b)
		c1 := vg.Point{X: pa.X - vg.Length(k)*r*vg.Length(math.Sin(a)), Y: pa.Y + vg.Length(k)*r*vg.Length(math.Cos(a))}
		c2 := vg.Point{X: pb.X + vg.Length(k)*r*vg.Length(math.Sin(b)), Y: pb.Y - vg.Length(k)*r*vg.Length(math.Cos(b))}
		c.cubic(c1, c2, pb)
		a = b
	}
	return at(comp.Start + comp.Angle)
}

func (c *pdfCanvas) arcStart(comp vg.PathComp) vg.Point {
	return vg.Point{X: comp.Pos.X + comp.Radius*vg.Length(math.Cos(comp.Start)), Y: comp.Pos.Y + comp.Radius*vg.Length(math.Sin(comp.Start))}
}

// FillString draws text with its left end on the baseline at pt, in the
// font as a Unicode TrueType font.
func (c *pdfCanvas) FillString(f font.Face, pt vg.Point, text string) {
	if f.Font.Size == 0 || text == "" {
		return
	}
	family, err := c.addFont(f)
	if err != nil {
		c.doc.SetError(err)
		return
	}
	c.doc.SetFont(family, "", f.Font.Size.Points())
	x, y := c.xy(pt)
	c.doc.Text(x, y, text)
}

// addFont embeds the face's TrueType file once per document, under a
// family name of its own per style and weight.
func (c *pdfCanvas) addFont(f font.Face) (string, error) {
	family := strings.ToLower(f.Name())
	if f.Font.Weight == stdfont.WeightBold {
		family += "-bold"
	}
	if f.Font.Style == stdfont.StyleItalic {
		family += "-italic"
	}
	if c.fonts[family] {
		return family, nil
	}
	var raw bytes.Buffer
	if _, err := f.Face.WriteSourceTo(nil, &raw); err != nil {
		return "", fmt.Errorf("pdf: font %s: %v", f.Name(), err)
	}
	c.doc.AddUTF8FontFromBytes(family, "", raw.Bytes())
	if err := c.doc.Error(); err != nil {
		return "", fmt.Errorf("pdf: font %s: %v", f.Name(), err)
	}
	c.fonts[family] = true
	return family, nil
}

// DrawImage draws img into rect, its first row at the top.
func (c *pdfCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		c.doc.SetError(err)
		return
	}
	c.nimg++
	name := fmt.Sprintf("image%d", c.nimg)
	opt := fpdf.ImageOptions{ImageType: "png", AllowNegativePosition: true}
	c.doc.RegisterImageOptionsReader(name, opt, &buf)
	// fpdf places an image by its top left corner, in its y-down coordinates.
	x, y := c.xy(vg.Point{X: rect.Min.X, Y: rect.Max.Y})
	c.doc.ImageOptions(name, x, y, (rect.Max.X - rect.Min.X).Points(), (rect.Max.Y - rect.Min.Y).Points(), false, opt, 0, "")
}

// WriteTo writes the PDF document.
func (c *pdfCanvas) WriteTo(w io.Writer) (int64, error) {
	for len(c.stack) > 1 {
		c.Pop()
	}
	c.doc.TransformEnd()
	var buf bytes.Buffer
	if err := c.doc.Output(&buf); err != nil {
		return 0, fmt.Errorf("pdf: %v", err)
	}
	return buf.WriteTo(w)
}

var _ vg.CanvasWriterTo = (*pdfCanvas)(nil)
