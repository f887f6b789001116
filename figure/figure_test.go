package figure

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// table builds a small results table with a simulated metric y over (q, p)
// for two strategies, and a 0/1 metric.
func table() *Table {
	cols := []string{"cell", "strategy", "q", "p", "sustainable", "y_mean", "y_lo", "y_hi"}
	var rows [][]string
	i := 0
	for _, s := range []string{"grim", "punish"} {
		for _, q := range []float64{0, 0.1, 0.2, 0.3} {
			for _, p := range []float64{0.6, 0.8, 1} {
				y := math.Exp(-10*q) * p
				if s == "punish" {
					y *= 0.8
				}
				sus := 0
				if p > 0.5+q {
					sus = 1
				}
				rows = append(rows, []string{fmt.Sprint(i), s, fmt.Sprint(q), fmt.Sprint(p), fmt.Sprint(sus),
					fmt.Sprint(y), fmt.Sprint(y - 0.05), fmt.Sprint(y + 0.05)})
				i++
			}
		}
	}
	return NewTable(cols, rows)
}

func spec(name, kind string) Spec {
	return Spec{Name: name, Kind: kind, Band: true, Width: 12, Height: 9, Formats: []string{"svg"}}
}

// Golden-file tests: SVG output is deterministic, so bytes are compared;
// the labels are those a run passes (see features_test.go).
// Run `go test ./figure -update` after an intended change and look at the
// new files before committing them.
func TestGoldenSVG(t *testing.T) {
	line := spec("line", "line")
	line.X, line.Y, line.Series, line.Where, line.Title = "q", Names{"y"}, "strategy", map[string]any{"p": 0.8}, "Line with bands"
	regime := spec("regime", "regime")
	regime.X, regime.Y, regime.Z, regime.Levels, regime.Where = "p", Names{"q"}, "sustainable", []string{"no", "yes"}, map[string]any{"strategy": "grim"}
	heat := spec("heatmap", "heatmap")
	heat.X, heat.Y, heat.Z, heat.Where = "p", Names{"q"}, "y", map[string]any{"strategy": "punish"}
	heat.Contour = []float64{0.3}
	poly := spec("polygon", "polygon")
	poly.Series, poly.Field, poly.Title = "delta", "vertices", "Payoff sets"
	for _, s := range []Spec{line, regime, heat, poly} {
		dir := t.TempDir()
		tb := table()
		if s.Kind == "polygon" {
			tb = polygonTable(t)
		}
		paths, err := Render(s, tb, dir, Options{Labels: labels})
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(paths[0])
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", s.Name+".golden.svg")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./figure -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run with -update after an intended change)", paths[0], golden)
		}
		// Rendering twice gives the same bytes.
		again, _ := Render(s, tb, t.TempDir(), Options{Labels: labels})
		b, _ := os.ReadFile(again[0])
		if !bytes.Equal(b, got) {
			t.Errorf("%s: two renders differ", s.Name)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	cases := []struct {
		s    Spec
		want string
	}{
		{func() Spec { s := spec("a", "line"); s.X, s.Y = "q", Names{"y"}; return s }(), "both have q="},
		{func() Spec { s := spec("b", "heatmap"); s.X, s.Y, s.Z = "p", Names{"q"}, "nosuch"; return s }(), `no metric "nosuch"`},
		{func() Spec {
			s := spec("c", "line")
			s.X, s.Y, s.Where = "q", Names{"y"}, map[string]any{"p": 0.7}
			return s
		}(), "no rows match"},
	}
	for _, c := range cases {
		_, err := Render(c.s, table(), t.TempDir(), Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want %q", c.s.Name, err, c.want)
		}
	}
}

func TestSpecCheck(t *testing.T) {
	s := spec("x", "line")
	s.X, s.Y = "detecton", Names{"coop_rate"}
	err := s.Check([]string{"detection", "false_alarm"}, []string{"coop_rate"})
	if err == nil || !strings.Contains(err.Error(), `did you mean "detection"`) {
		t.Errorf("check: %v", err)
	}
	s.X, s.Y = "detection", Names{"coop"}
	err = s.Check([]string{"detection"}, []string{"coop_rate", "value"})
	if err == nil || !strings.Contains(err.Error(), `"coop" is not a metric`) {
		t.Errorf("check: %v", err)
	}
}

// polygonTable holds three cells of the prisoner's dilemma payoff sets of
// the payoffset model's known answers (a point, a triangle, a quadrilateral)
// as a run keeps them: JSON in the vertices column.
func polygonTable(t *testing.T) *Table {
	return NewTable([]string{"cell", "delta", "vertices"}, [][]string{
		{"0", "0.2", "[[1,1]]"},
		{"1", "0.3", "[[1,1],[4,1],[1,4]]"},
		{"2", "0.9", "[[1,1],[4.333333333333333,1],[3,3],[1,4.333333333333333]]"},
	})
}

func TestEmptiestBox(t *testing.T) {
	// Boxes in the order top right, top left, bottom right, bottom left of a
	// 10 × 10 area; a rising line crosses the top right and bottom left, so
	// the legend goes top left; a falling one leaves the top right free.
	pt := func(x, y vg.Length) vg.Point { return vg.Point{X: x, Y: y} }
	boxes := []vg.Rectangle{
		{Min: pt(7, 7), Max: pt(10, 10)}, {Min: pt(0, 7), Max: pt(3, 10)},
		{Min: pt(7, 0), Max: pt(10, 3)}, {Min: pt(0, 0), Max: pt(3, 3)},
	}
	if got := emptiestBox([][]vg.Point{{pt(0, 0), pt(10, 10)}}, boxes); got != 1 {
		t.Errorf("rising line: box %d, want 1 (top left)", got)
	}
	if got := emptiestBox([][]vg.Point{{pt(0, 10), pt(10, 0)}}, boxes); got != 0 {
		t.Errorf("falling line: box %d, want 0 (top right)", got)
	}
	// Only the line's end points in the top right: the segment between
	// them is sampled, so the box it crosses counts too.
	if got := emptiestBox([][]vg.Point{{pt(8, 0), pt(8, 10)}}, boxes); got != 1 {
		t.Errorf("vertical line at x = 8: box %d, want 1 (top left)", got)
	}
}
