package discover

import (
	"bytes"
	"flag"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden figures in testdata/")

// goldenReport is PRIM over 400 fixed cases: x0 and x1 uniform, a
// three-level categorical dimension, cases of interest where x0 < 0.4 and
// the level is not "b".
func goldenReport(t *testing.T, objective string) *Report {
	t.Helper()
	const n = 400
	rng := rand.New(rand.NewPCG(1, 2))
	x := [][]float64{make([]float64, n), make([]float64, n)}
	codes := make([]uint16, n)
	d, _ := NewData(n)
	for i := range n {
		x[0][i], x[1][i] = rng.Float64(), rng.Float64()
		codes[i] = uint16(rng.IntN(3))
		if x[0][i] < 0.4 && codes[i] != 1 {
			d.SetInterest(i)
		}
	}
	d.AddNumeric("x0", x[0])
	d.AddNumeric("x1", x[1])
	d.AddCategorical("level", codes, []string{"a", "b", "c"})
	r, err := Run(d, Params{Objective: objective})
	if err != nil {
		t.Fatal(err)
	}
	return r.Describe(func(j, c int) float64 { return x[j][c] })
}

// Under the original objective a categorical peel takes out a whole level
// (a or c) as soon as that raises the density, losing half the cases of
// interest at once (step 4); the lenient objective weighs the gain by the
// cases removed and finds x0 < 0.4 with levels a and c: one peel of the
// last 6 cases past 0.4 leaves the box short of the planted limit.
func TestObjectives(t *testing.T) {
	orig := goldenReport(t, Original).Boxes[0]
	if st := orig.Trajectory[4]; st.Coverage > 0.6 || orig.Trajectory[3].Coverage != 1 {
		t.Errorf("original: step 3 coverage %v, step 4 %v", orig.Trajectory[3].Coverage, st.Coverage)
	}
	lb := goldenReport(t, Lenient).Boxes[0]
	var x0, level Limit
	for _, l := range lb.Limits {
		if l.Dim == "x0" {
			x0 = l
		} else {
			level = l
		}
	}
	if lb.Density != 1 || lb.Coverage < 0.9 || math.Abs(x0.Upper-0.4) > 0.05 || x0.LowerRestricted || !slices.Equal(level.Levels, []string{"a", "c"}) {
		t.Errorf("lenient: %+v, limits %+v", lb.Step, lb.Limits)
	}
}

// The figures' SVG bytes are fixed (go test ./discover -update rewrites
// them after an intended change).
func TestGoldenFigures(t *testing.T) {
	rep := goldenReport(t, Lenient)
	if len(rep.Boxes[0].Limits) != 2 {
		t.Fatalf("limits %+v: want x0 and level", rep.Boxes[0].Limits)
	}
	dir := t.TempDir()
	paths, err := rep.DrawFigures(dir, []string{"svg"})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 3 {
		t.Fatalf("figures %v", paths)
	}
	for _, p := range paths {
		got, _ := os.ReadFile(p)
		golden := filepath.Join("testdata", filepath.Base(p))
		if *update {
			os.MkdirAll("testdata", 0o755)
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./discover -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s", p, golden)
		}
	}
}
