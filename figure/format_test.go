package figure

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// heatSpec is a heat map whose title needs Greek letters and ≥.
func heatSpec(formats ...string) Spec {
	s := spec("heatmap", "heatmap")
	s.X, s.Y, s.Z, s.Where = "p", Names{"q"}, "y", map[string]any{"strategy": "punish"}
	s.Title, s.ZLabel = "Threshold δ* and τ* ≥ 1", "value ε"
	s.Formats = formats
	return s
}

func render(t *testing.T, s Spec) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	paths, err := Render(s, table(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimPrefix(filepath.Ext(p), ".")] = b
	}
	return out
}

// tool returns the path of a poppler or librsvg program, or skips the test
// saying which Debian package provides it (CI installs them).
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not found: install the Debian package %s to run this test", name, pkg)
	}
	return path
}

func TestPDFTextIsUnicode(t *testing.T) {
	pdftotext := tool(t, "pdftotext", "poppler-utils")
	f := render(t, heatSpec("pdf"))
	dir := t.TempDir()
	in := filepath.Join(dir, "f.pdf")
	if err := os.WriteFile(in, f["pdf"], 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, want := range []string{"Threshold δ* and τ* ≥ 1", "value ε"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("text extracted from the PDF lacks %q:\n%s", want, out)
		}
	}
}

// pdfStructure summarises a PDF's page size, fonts and images from its
// (uncompressed) object dictionaries.
func pdfStructure(b []byte) string {
	var out []string
	for _, re := range []string{
		`/MediaBox \[[^\]]*\]`,
		`/Subtype /(Type0|CIDFontType2|TrueType|Type1)`,
		`/BaseFont /[A-Za-z0-9+-]+`,
		`/FontFile2`,
		`/Encoding /Identity-H`,
		`/ToUnicode`,
		`/Subtype /Image\s+/Width \d+\s+/Height \d+\s+/ColorSpace /\w+\s+/BitsPerComponent \d+`,
	} {
		for _, m := range regexp.MustCompile(re).FindAll(b, -1) {
			out = append(out, strings.Join(strings.Fields(string(m)), " "))
		}
	}
	return strings.Join(out, "\n") + "\n"
}

// A PDF's structure is checked against a golden summary (fonts embedded as
// Unicode TrueType, images and page size); its bytes are reproducible too.
func TestPDFStructure(t *testing.T) {
	f := render(t, heatSpec("pdf"))
	got := pdfStructure(f["pdf"])
	golden := filepath.Join("testdata", "heatmap.golden.pdf.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./figure -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("PDF structure differs from %s:\n%s", golden, got)
	}
	if again := render(t, heatSpec("pdf")); !bytes.Equal(again["pdf"], f["pdf"]) {
		t.Error("two renders of the same PDF differ")
	}
}

// colourAt reads the colour at fractions (fx, fy) of an image's width and
// height from the top left.
func colourAt(img image.Image, fx, fy float64) (r, g, b uint32) {
	bd := img.Bounds()
	r, g, b, _ = img.At(bd.Min.X+int(fx*float64(bd.Dx())), bd.Min.Y+int(fy*float64(bd.Dy()))).RGBA()
	return r >> 8, g >> 8, b >> 8
}

func near(a, b [3]uint32, tol uint32) bool {
	for i := range a {
		d := int(a[i]) - int(b[i])
		if d < 0 {
			d = -d
		}
		if uint32(d) > tol {
			return false
		}
	}
	return true
}

// rasterize runs a command that writes a PNG of the figure into dir/out.png.
func rasterize(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// The heat map and its colour bar read the same way up in PNG, PDF (drawn
// by poppler) and SVG (drawn by librsvg): the same colours at the same
// places, the bar's high end at the top.
func TestVectorFormatsMatchPNG(t *testing.T) {
	f := render(t, heatSpec("png", "pdf", "svg"))
	ref := decodePNG(t, f["png"])
	dir := t.TempDir()
	for _, format := range []string{"pdf", "svg"} {
		t.Run(format, func(t *testing.T) {
			in := filepath.Join(dir, "f."+format)
			if err := os.WriteFile(in, f[format], 0o644); err != nil {
				t.Fatal(err)
			}
			var out string
			if format == "pdf" {
				bin := tool(t, "pdftoppm", "poppler-utils")
				prefix := filepath.Join(dir, "pdf")
				rasterize(t, bin, "-png", "-r", "100", "-singlefile", in, prefix)
				out = prefix + ".png"
			} else {
				bin := tool(t, "rsvg-convert", "librsvg2-bin")
				out = filepath.Join(dir, "svg.png")
				rasterize(t, bin, "-d", "100", "-p", "100", "-o", out, in)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			img := decodePNG(t, b)
			// Points in the colour bar (top, bottom) and in heat map cells.
			for _, pt := range [][2]float64{{0.95, 0.08}, {0.95, 0.85}, {0.3, 0.8}, {0.7, 0.8}, {0.5, 0.2}} {
				r1, g1, b1 := colourAt(ref, pt[0], pt[1])
				r2, g2, b2 := colourAt(img, pt[0], pt[1])
				if !near([3]uint32{r1, g1, b1}, [3]uint32{r2, g2, b2}, 24) {
					t.Errorf("at %v of the figure: PNG has rgb(%d,%d,%d), %s rgb(%d,%d,%d)", pt, r1, g1, b1, format, r2, g2, b2)
				}
			}
		})
	}
	// In the PNG itself the bar rises: bright (viridis yellow) at the top.
	rt, gt, _ := colourAt(ref, 0.95, 0.08)
	rb, gb, _ := colourAt(ref, 0.95, 0.85)
	if rt+gt <= rb+gb {
		t.Errorf("colour bar: top rgb(%d,%d,…) is not brighter than bottom rgb(%d,%d,…)", rt, gt, rb, gb)
	}
}

// SVG images are declared as the PNG they are and fill their rectangle;
// text is drawn as outlines with a hidden, searchable copy.
func TestSVGImagesAndText(t *testing.T) {
	svg := string(render(t, heatSpec("svg"))["svg"])
	imgs := regexp.MustCompile(`<image [^>]*xlink:href="data:([^;]+);base64,([^"]+)"`).FindAllStringSubmatch(svg, -1)
	if len(imgs) != 2 {
		t.Fatalf("%d embedded images, want 2 (heat map and colour bar)", len(imgs))
	}
	for _, m := range imgs {
		if m[1] != "image/png" {
			t.Errorf("image declared as %s, want image/png", m[1])
		}
		data, err := base64.StdEncoding.DecodeString(m[2])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := png.Decode(bytes.NewReader(data)); err != nil {
			t.Errorf("embedded image is not a PNG: %v", err)
		}
		if !strings.Contains(m[0], `preserveAspectRatio="none"`) {
			t.Error(`image without preserveAspectRatio="none" is squeezed to its own aspect ratio`)
		}
	}
	if !strings.Contains(svg, ">Threshold δ* and τ* ≥ 1</text>") {
		t.Error("the title is not in the SVG as text")
	}
	if strings.Contains(svg, hiddenFill) || !strings.Contains(svg, "fill:none") {
		t.Error("the text copy is not hidden")
	}
}
