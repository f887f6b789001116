package plotout

import (
	"bytes"
	"fmt"
	"image/color"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/statecraft/statecraft/internal/atomicfile"
)

// Okabe & Ito's qualitative palette ("Color Universal Design", 2008).
var (
	Blue       = color.NRGBA{0x00, 0x72, 0xB2, 0xFF}
	Vermillion = color.NRGBA{0xD5, 0x5E, 0x00, 0xFF}
	Green      = color.NRGBA{0x00, 0x9E, 0x73, 0xFF}
	Purple     = color.NRGBA{0xCC, 0x79, 0xA7, 0xFF}
	Orange     = color.NRGBA{0xE6, 0x9F, 0x00, 0xFF}
	SkyBlue    = color.NRGBA{0x56, 0xB4, 0xE9, 0xFF}
	Yellow     = color.NRGBA{0xF0, 0xE4, 0x42, 0xFF}
	Grey       = color.NRGBA{0xBB, 0xBB, 0xBB, 0xFF}
)

// Palette orders the colours for contrast between neighbours.
var Palette = []color.Color{Blue, Vermillion, Green, Purple, Orange, SkyBlue, Yellow, color.Black}

// Formats are the file formats Write knows.
var Formats = []string{"png", "svg", "pdf"}

// CheckFormats reports a format Write does not know.
func CheckFormats(formats []string) error {
	for _, f := range formats {
		switch f {
		case "png", "svg", "pdf":
		default:
			return fmt.Errorf("unknown figure format %q (allowed: %s)", f, strings.Join(Formats, ", "))
		}
	}
	return nil
}

// Encode draws onto a canvas of the size given and returns the file's
// bytes in the format.
func Encode(widthCM, heightCM float64, format string, paint func(c draw.Canvas)) ([]byte, error) {
	w, h := vg.Length(widthCM)*vg.Centimeter, vg.Length(heightCM)*vg.Centimeter
	var cw vg.CanvasWriterTo
	switch format {
	case "png":
		cw = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(300), vgimg.UseBackgroundColor(color.White))}
	case "svg":
		cw = vgsvg.New(w, h)
	case "pdf":
		cw = vgpdf.New(w, h)
	default:
		return nil, CheckFormats([]string{format})
	}
	paint(draw.New(cw))
	var buf bytes.Buffer
	if _, err := cw.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write draws the figure once per format into dir/name.<format>, each file
// atomically, and returns the paths.
func Write(dir, name string, formats []string, widthCM, heightCM float64, paint func(c draw.Canvas)) ([]string, error) {
	var paths []string
	for _, f := range formats {
		data, err := Encode(widthCM, heightCM, f, paint)
		if err != nil {
			return paths, err
		}
		path := filepath.Join(dir, name+"."+f)
		if err := atomicfile.WriteFile(path, data); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}
