package figure

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gonum.org/v1/plot/plotter"
)

// labels are what a run passes for table(): labels and units from the
// model's schema.
var labels = Labels{
	"q":           {Name: "q", Label: "false-alarm rate q", Unit: "probability"},
	"p":           {Name: "p", Label: "detection p", Unit: "probability"},
	"strategy":    {Name: "strategy", Label: "punishment strategy"},
	"y":           {Name: "y", Label: "restraint", Unit: "share of periods"},
	"sustainable": {Name: "sustainable", Label: "self-enforcing (1) or not (0)"},
}

// svgText renders s as SVG and returns the figure's text strings.
func svgText(t *testing.T, s Spec, tb *Table, opt Options) []string {
	t.Helper()
	s.Formats = []string{"svg"}
	paths, err := Render(s, tb, t.TempDir(), opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`>([^<>]+)</text>`).FindAllStringSubmatch(string(b), -1) {
		out = append(out, m[1])
	}
	return out
}

func has(texts []string, want string) bool {
	for _, s := range texts {
		if s == want {
			return true
		}
	}
	return false
}

func TestLabelsText(t *testing.T) {
	l := Labels{
		"a": {Label: "audience cost a", Unit: "payoff"},
		"b": {Label: "P(attack)", Unit: "probability"},
		"c": {Label: "share of moves of TFT", Unit: "share of moves"},
	}
	for col, want := range map[string]string{
		"a":               "audience cost a (payoff)",
		"b":               "P(attack)",             // a probability's label says what of
		"c":               "share of moves of TFT", // the label says its unit already
		"sender_cost.max": "sender cost max",       // no label: the name in words
	} {
		if got := l.Text(col); got != want {
			t.Errorf("Text(%q) = %q, want %q", col, got, want)
		}
	}
	if got := l.Name("a"); got != "audience cost a" {
		t.Errorf("Name(a) = %q", got)
	}
}

// Axis labels, legend titles and colour-bar titles come from the labels,
// never from the raw column names, unless the figure gives its own.
func TestLabelsFromSchema(t *testing.T) {
	line := spec("line", "line")
	line.X, line.Y, line.Series, line.Where = "q", Names{"y"}, "strategy", map[string]any{"p": 0.8}
	texts := svgText(t, line, table(), Options{Labels: labels})
	for _, want := range []string{"false-alarm rate q", "restraint (share of periods)", "punishment strategy", "grim", "punish"} {
		if !has(texts, want) {
			t.Errorf("line figure: no text %q in %q", want, texts)
		}
	}
	for _, raw := range []string{"q", "y", "strategy", "strategy = grim"} {
		if has(texts, raw) {
			t.Errorf("line figure prints the raw column name %q", raw)
		}
	}
	heat := spec("heat", "heatmap")
	heat.X, heat.Y, heat.Z, heat.Where = "p", Names{"q"}, "y", map[string]any{"strategy": "punish"}
	texts = svgText(t, heat, table(), Options{Labels: labels})
	for _, want := range []string{"detection p", "false-alarm rate q", "restraint (share of periods)"} {
		if !has(texts, want) {
			t.Errorf("heat map: no text %q in %q", want, texts)
		}
	}
	// The figure's own labels win.
	line.XLabel, line.YLabel = "q, as given", "y, as given"
	texts = svgText(t, line, table(), Options{Labels: labels})
	if !has(texts, "q, as given") || !has(texts, "y, as given") {
		t.Errorf("the spec's labels are not used: %q", texts)
	}
}

// stepTable has a 0/1 metric, a categorical one and a continuous one
// against x.
func stepTable() *Table {
	var rows [][]string
	for i, x := range []string{"0", "1", "2", "3", "4", "5"} {
		bit, cat := "0", "spy"
		if i >= 3 {
			bit, cat = "1", "restrain"
		}
		rows = append(rows, []string{x, x, bit, cat, x + ".5"})
	}
	return NewTable([]string{"cell", "x", "bit", "winner_mode", "smooth"}, rows)
}

// Metrics that jump — categorical, or only 0 and 1 — are drawn as steps;
// others as straight lines unless the figure says otherwise.
func TestStepsForDiscontinuousMetrics(t *testing.T) {
	tb := stepTable()
	kind := func(y, step string) plotter.StepKind {
		s := spec("s", "line")
		s.X, s.Y, s.Step = "x", Names{y}, step
		f := &fig{Spec: s, t: tb, rows: filterRows(tb, nil)}
		series, err := f.series()
		if err != nil {
			t.Fatal(err)
		}
		levels, _ := f.categories(series)
		pts, err := f.points(series[0], map[string]float64{"0": 0, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}, levels)
		if err != nil {
			t.Fatal(err)
		}
		return f.stepKind([][]linePoint{pts}, levels != nil)
	}
	cases := []struct {
		y, step string
		want    plotter.StepKind
	}{
		{"bit", "auto", plotter.MidStep},
		{"winner", "auto", plotter.MidStep},
		{"smooth", "auto", plotter.NoStep},
		{"smooth", "post", plotter.PostStep},
		{"smooth", "pre", plotter.PreStep},
		{"bit", "none", plotter.NoStep},
	}
	for _, c := range cases {
		if got := kind(c.y, c.step); got != c.want {
			t.Errorf("y %s, step %s: %v, want %v", c.y, c.step, got, c.want)
		}
	}
	// A categorical metric's values become the vertical axis's ticks.
	s := spec("cat", "line")
	s.X, s.Y = "x", Names{"winner"}
	texts := svgText(t, s, tb, Options{})
	if !has(texts, "spy") || !has(texts, "restrain") {
		t.Errorf("categorical axis: no level names in %q", texts)
	}
}

// Every series differs from every other by colour and, among the first
// eight, by colour, marker and dash; no two of the first 24 share all
// three. Long series carry markers too, at different points per series.
func TestDistinctSeriesStyles(t *testing.T) {
	seen := map[[3]int]int{}
	for k := 0; k < 24; k++ {
		c := -1
		for i, col := range okabeIto {
			if col == seriesColour(k) {
				c = i
			}
		}
		g := -1
		for i, gl := range glyphs {
			if gl == seriesGlyph(k) {
				g = i
			}
		}
		key := [3]int{c, g, len(dashes(k))*10 + k%3}
		if prev, dup := seen[key]; dup {
			t.Errorf("series %d and %d have the same colour, marker and dash", prev, k)
		}
		seen[key] = k
	}
	for a := 0; a < 8; a++ {
		for b := a + 1; b < 8; b++ {
			if seriesColour(a) == seriesColour(b) || seriesGlyph(a) == seriesGlyph(b) {
				t.Errorf("series %d and %d share a colour or a marker", a, b)
			}
		}
	}
	for _, n := range []int{5, 12, 41, 141} {
		marks := map[int]bool{}
		for k := 0; k < 3; k++ {
			m := markerRows(n, k, 3, 12)
			count := 0
			for i := 0; i < n; i++ {
				if m(i) {
					count++
					if k > 0 && n > 12 && marks[i] {
						t.Errorf("%d points: series %d marks point %d as series 0 does", n, k, i)
					}
					if k == 0 {
						marks[i] = true
					}
				}
			}
			if count < min(n, 5) || (n > 12 && count > 10) {
				t.Errorf("%d points: series %d has %d markers", n, k, count)
			}
		}
	}
}

// An overlay draws a second metric as lines over the first as points, and
// the legend says which is which.
func TestOverlay(t *testing.T) {
	cols := []string{"cell", "strategy", "q", "p", "y_mean", "y_lo", "y_hi", "exact"}
	var rows [][]string
	for _, r := range table().Rows { // cell, strategy, q, p, y_mean, y_lo, y_hi, and y_mean as exact
		rows = append(rows, append(append([]string(nil), r[:4]...), r[5], r[6], r[7], r[5]))
	}
	tb := NewTable(cols, rows)
	s := spec("overlay", "line")
	s.X, s.Y, s.Overlay, s.Series, s.Where = "q", Names{"y"}, Names{"exact"}, "strategy", map[string]any{"p": 0.8}
	texts := svgText(t, s, tb, Options{Labels: Labels{"exact": {Label: "restraint, exact"}}})
	for _, want := range []string{"solved", "simulated (95% band)", "restraint, exact"} {
		if !has(texts, want) {
			t.Errorf("overlay: no text %q in %q", want, texts)
		}
	}
	s.Overlay = Names{"nosuch"}
	if _, err := Render(s, tb, t.TempDir(), Options{}); err == nil {
		t.Error("an overlay of a missing metric draws")
	}
}

// A contour of a threshold is drawn as a black line on a white halo, marked
// on the colour bar and named in a legend.
func TestContourDrawn(t *testing.T) {
	s := spec("contour", "heatmap")
	s.X, s.Y, s.Z, s.Where = "p", Names{"q"}, "y", map[string]any{"strategy": "punish"}
	count := func(s Spec) (halo, legend int) {
		dir := t.TempDir()
		paths, err := Render(s, table(), dir, Options{Labels: labels})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(paths[0])
		svg := string(b)
		return strings.Count(svg, "stroke-width:3.2"), strings.Count(svg, ">restraint = 0.3</text>")
	}
	if h, l := count(s); h != 0 || l != 0 {
		t.Fatalf("without contour: %d halo strokes, %d legend entries", h, l)
	}
	s.Contour = []float64{0.3}
	h, l := count(s)
	if h < 2 || l != 1 { // the contour and its mark on the colour bar
		t.Errorf("contour at 0.3: %d halo strokes, %d legend entries; want ≥ 2 and 1", h, l)
	}
	// A contour of another metric is not marked on the colour bar: with a
	// copy of y as the other metric, the same contour, one mark fewer.
	tb := table()
	tb = NewTable(append(append([]string(nil), tb.Columns...), "y2"), func() [][]string {
		var rows [][]string
		for _, r := range tb.Rows {
			rows = append(rows, append(append([]string(nil), r...), r[5]))
		}
		return rows
	}())
	halos := func(s Spec) int {
		paths, err := Render(s, tb, t.TempDir(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(paths[0])
		return strings.Count(string(b), "stroke-width:3.2")
	}
	s.ContourOf = "y2"
	other := halos(s)
	s.ContourOf = "y"
	if same := halos(s); other != same-1 {
		t.Errorf("contour of another metric: %d halo strokes, of z itself %d; want one fewer (no mark on the bar)", other, same)
	}
	s.ContourOf = ""
	// A regime map's contour of another metric, named in its legend.
	r := spec("regime-contour", "regime")
	r.X, r.Y, r.Z, r.Levels, r.Where = "p", Names{"q"}, "sustainable", []string{"no", "yes"}, map[string]any{"strategy": "grim"}
	r.Contour, r.ContourOf, r.ContourLabel = []float64{0.3}, "y", "y = 0.3"
	if texts := svgText(t, r, table(), Options{Labels: labels}); !has(texts, "y = 0.3") || !has(texts, "self-enforcing (1) or not (0)") {
		t.Errorf("regime contour: legend %q", texts)
	}
}

// A figure the table cannot give is an *Error naming the figure and the
// missing column, so that a caller can report it and draw the others.
func TestRenderErrorNamesFigureAndColumn(t *testing.T) {
	cases := []struct {
		s      Spec
		column string
	}{
		{func() Spec { s := spec("m", "line"); s.X, s.Y = "q", Names{"nosuch"}; return s }(), "nosuch"},
		{func() Spec { s := spec("x", "line"); s.X, s.Y = "nox", Names{"y"}; return s }(), "nox"},
		{func() Spec {
			s := spec("w", "line")
			s.X, s.Y, s.Where = "q", Names{"y"}, map[string]any{"now": 1}
			return s
		}(), "now"},
		{func() Spec { s := spec("z", "heatmap"); s.X, s.Y, s.Z = "p", Names{"q"}, "noz"; return s }(), "noz"},
		{func() Spec { s := spec("v", "polygon"); s.Field = "nov"; return s }(), "nov"},
		{func() Spec { s := spec("d", "line"); s.X, s.Y = "q", Names{"y"}; return s }(), ""}, // rows do not fit
	}
	for _, c := range cases {
		_, err := Render(c.s, table(), t.TempDir(), Options{})
		var fe *Error
		if !errors.As(err, &fe) {
			t.Errorf("%s: %v is not a *figure.Error", c.s.Name, err)
			continue
		}
		if fe.Figure != c.s.Name || fe.Column != c.column {
			t.Errorf("%s: Figure %q Column %q, want %q and %q", c.s.Name, fe.Figure, fe.Column, c.s.Name, c.column)
		}
		if !strings.HasPrefix(err.Error(), "figure "+c.s.Name+": ") {
			t.Errorf("%s: message %q does not name the figure", c.s.Name, err)
		}
	}
}

// Formats given at render time replace the spec's.
func TestFormatsOption(t *testing.T) {
	s := spec("formats", "line")
	s.X, s.Y, s.Series, s.Where = "q", Names{"y"}, "strategy", map[string]any{"p": 0.8}
	dir := t.TempDir()
	paths, err := Render(s, table(), dir, Options{Formats: []string{"pdf", "png"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 2 || filepath.Ext(paths[0]) != ".pdf" || filepath.Ext(paths[1]) != ".png" {
		t.Errorf("paths %v, want a pdf and a png", paths)
	}
	if _, err := Render(s, table(), dir, Options{Formats: []string{"eps"}}); err == nil || !strings.Contains(err.Error(), "allowed: png, svg, pdf") {
		t.Errorf("unknown format: %v", err)
	}
}

func TestSpecValidateNewKeys(t *testing.T) {
	one := 1.0
	cases := []struct {
		edit func(*Spec)
		want string
	}{
		{func(s *Spec) { s.Kind, s.Y, s.Overlay = "line", Names{"a", "b"}, Names{"c"} }, "one overlay metric per y metric"},
		{func(s *Spec) { s.Kind, s.Y, s.Z, s.Overlay = "heatmap", Names{"q"}, "y", Names{"c"} }, "cannot overlay"},
		{func(s *Spec) { s.Kind, s.Y, s.Contour = "line", Names{"y"}, []float64{1} }, "cannot draw contours"},
		{func(s *Spec) { s.Kind, s.Y, s.Z, s.LogZ = "regime", Names{"q"}, "y", true }, "no colour scale"},
		{func(s *Spec) { s.Kind, s.Y, s.Z, s.ZMin, s.ZMax = "heatmap", Names{"q"}, "y", &one, &one }, "must exceed z_min"},
		{func(s *Spec) { s.Kind, s.Y, s.Z, s.Step = "heatmap", Names{"q"}, "y", "mid" }, "no lines to step"},
	}
	for _, c := range cases {
		s := spec("v", "line")
		s.X = "p"
		c.edit(&s)
		if err := s.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", s, err, c.want)
		}
	}
}
