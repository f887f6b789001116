package figure

import (
	"bytes"
	"errors"
	"image/color"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// svgCanvas is gonum/plot's SVG canvas with text drawn as glyph outlines.
// SVG viewers draw text in whatever font they have: librsvg ignores
// embedded fonts and falls back to, say, DejaVu Serif, wider than the
// Liberation Serif the figure was laid out in, so titles overrun and labels
// collide. Outlines look the same in every viewer. Each string is also
// written as transparent text over its outlines, so the figure's text can
// still be searched and selected.
type svgCanvas struct {
	*vgsvg.Canvas
}

func newSVG(w, h vg.Length) svgCanvas {
	return svgCanvas{vgsvg.New(w, h)}
}

// hiddenText marks the colour of the searchable copy of the text, which
// fixSVG turns into fill:none (gonum/plot's SVG cannot write a fully
// transparent colour).
var hiddenText = color.NRGBA{R: 1, G: 2, B: 3, A: 255}

const hiddenFill = "fill:#010203"

// FillString implements vg.Canvas.
func (c svgCanvas) FillString(f font.Face, pt vg.Point, text string) {
	if f.Font.Size == 0 || text == "" {
		return
	}
	if p, err := outline(f, pt, text); err == nil {
		c.Fill(p)
	}
	c.Push()
	c.SetColor(hiddenText)
	c.Canvas.FillString(f, pt, text)
	c.Pop()
}

// outline returns the glyph outlines of text set in f with its left end on
// the baseline at pt, advancing and kerning as font.Face.Width measures.
func outline(f font.Face, pt vg.Point, text string) (vg.Path, error) {
	var (
		buf   sfnt.Buffer
		upem  = fixed.Int26_6(f.Face.UnitsPerEm()) // whole font units
		scale = f.Font.Size / vg.Length(upem)
		x     fixed.Int26_6
		prev  sfnt.GlyphIndex
		p     vg.Path
	)
	// Font units to canvas: sfnt's y grows downwards.
	at := func(q fixed.Point26_6) vg.Point {
		return vg.Point{X: pt.X + vg.Length(x+q.X)*scale, Y: pt.Y - vg.Length(q.Y)*scale}
	}
	for i, r := range text {
		g, err := f.Face.GlyphIndex(&buf, r)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			k, err := f.Face.Kern(&buf, prev, g, upem, 0)
			if err == nil {
				x += k
			} else if !errors.Is(err, sfnt.ErrNotFound) {
				return nil, err
			}
		}
		segs, err := f.Face.LoadGlyph(&buf, g, upem, nil)
		if err != nil {
			return nil, err
		}
		for _, s := range segs {
			switch s.Op {
			case sfnt.SegmentOpMoveTo:
				if len(p) > 0 && p[len(p)-1].Type != vg.CloseComp {
					p.Close()
				}
				p.Move(at(s.Args[0]))
			case sfnt.SegmentOpLineTo:
				p.Line(at(s.Args[0]))
			case sfnt.SegmentOpQuadTo:
				p.QuadTo(at(s.Args[0]), at(s.Args[1]))
			case sfnt.SegmentOpCubeTo:
				p.CubeTo(at(s.Args[0]), at(s.Args[1]), at(s.Args[2]))
			}
		}
		if len(p) > 0 && p[len(p)-1].Type != vg.CloseComp {
			p.Close()
		}
		adv, err := f.Face.GlyphAdvance(&buf, g, upem, 0)
		if err != nil {
			return nil, err
		}
		x += adv
		prev = g
	}
	return p, nil
}

// fixSVG hides the searchable copy of the text and corrects what gonum/plot's SVG says about its images: they are
// PNG (it declares image/jpg, which strict viewers refuse), and they fill
// the rectangle they are drawn in (SVG's default keeps the image's aspect
// ratio, which squeezes a colour bar, one pixel wide, into a thin line in
// librsvg and browsers alike).
func fixSVG(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte(`xlink:href="data:image/jpg;base64,`), []byte(`preserveAspectRatio="none" xlink:href="data:image/png;base64,`))
	return bytes.ReplaceAll(b, []byte(hiddenFill), []byte("fill:none"))
}
