package robust

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/statecraft/statecraft/results"
)

var update = flag.Bool("update", false, "rewrite the golden figure in testdata/")

// The figure's SVG bytes are fixed (go test ./robust -update rewrites them
// after an intended change).
func TestGoldenFigure(t *testing.T) {
	four := 4.0
	a := &Analysis{Subject: results.Subject{Metric: "value"}, Direction: "maximize", Threshold: &four, Levers: []string{"strategy"}}
	levers, err := Table([][]float64{{5, 3, 8, 2}, {4, 6, 4, 4}, {1, 7, 9, 0}}, Options{Threshold: &four})
	if err != nil {
		t.Fatal(err)
	}
	for g, l := range levers {
		sat := l.Satisficing
		a.Settings = append(a.Settings, LeverInfo{Label: "strategy=" + []string{"grim", "punish", "probabilistic"}[g],
			Mean: l.Mean, Q05: l.Q[0], Q50: l.Q[1], Q95: l.Q[2], Satisficing: &sat, MaxRegret: l.MaxRegret})
	}
	paths, err := a.DrawFigure(t.TempDir(), []string{"svg"})
	if err != nil || len(paths) != 1 {
		t.Fatal(paths, err)
	}
	got, _ := os.ReadFile(paths[0])
	golden := filepath.Join("testdata", "robust.svg")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./robust -update creates it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s", paths[0], golden)
	}
}
