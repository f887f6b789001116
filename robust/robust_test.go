package robust

import (
	"math"
	"slices"
	"testing"
)

// A hand-computed table: three levers, four scenarios.
//
//	     s0 s1 s2 s3
//	A     5  3  8  2
//	B     4  6  4  4
//	C     1  7  9  0
//
// Maximising, the best per scenario is 5 7 9 4, so the regrets are
// A 0 4 1 2, B 1 1 5 0, C 4 0 0 4: maximum regret A 4 (at s1), B 5 (s2),
// C 4 (s0), and A is the minimax-regret lever (tied with C, listed first).
// Means 4.5, 4.5, 4.25. A sorted is 2 3 5 8: the quantiles at 0.05, 0.5,
// 0.95 sit at positions 0.15, 1.5, 2.85: 2.15, 4, 7.55 (B 4 4 4 6: 4, 4,
// 5.7; C 0 1 7 9: 0.15, 4, 8.7). Satisficing at value ≥ 4: A 2/4, B 4/4,
// C 2/4.
//
// Minimising, the best is 1 3 4 0; regrets A 4 0 4 2, B 3 3 0 4,
// C 0 4 5 0: maxima A 4 (s0), B 4 (s3), C 5 (s2); at value ≤ 4 the
// satisficing shares are A 2/4, B 3/4, C 2/4.
func TestHandComputed(t *testing.T) {
	table := [][]float64{{5, 3, 8, 2}, {4, 6, 4, 4}, {1, 7, 9, 0}}
	four := 4.0
	max, err := Table(table, Options{Threshold: &four})
	if err != nil {
		t.Fatal(err)
	}
	want := []Lever{
		{Mean: 4.5, Q: []float64{2.15, 4, 7.55}, Satisficing: 0.5, MaxRegret: 4, MaxRegretAt: 1},
		{Mean: 4.5, Q: []float64{4, 4, 5.7}, Satisficing: 1, MaxRegret: 5, MaxRegretAt: 2},
		{Mean: 4.25, Q: []float64{0.15, 4, 8.7}, Satisficing: 0.5, MaxRegret: 4, MaxRegretAt: 0},
	}
	check(t, "maximize", max, want)
	if MinimaxRegret(max) != 0 || MostSatisficing(max) != 1 {
		t.Errorf("minimax %d, most satisficing %d", MinimaxRegret(max), MostSatisficing(max))
	}
	min, err := Table(table, Options{Minimize: true, Threshold: &four})
	if err != nil {
		t.Fatal(err)
	}
	for g, w := range []struct {
		regret float64
		at     int
		sat    float64
	}{{4, 0, 0.5}, {4, 3, 0.75}, {5, 2, 0.5}} {
		if min[g].MaxRegret != w.regret || min[g].MaxRegretAt != w.at || min[g].Satisficing != w.sat {
			t.Errorf("minimize lever %d: %+v, want %+v", g, min[g], w)
		}
	}
	if MinimaxRegret(min) != 0 {
		t.Errorf("minimize: minimax %d", MinimaxRegret(min))
	}
	noT, _ := Table(table, Options{})
	if !math.IsNaN(noT[0].Satisficing) || MostSatisficing(noT) != -1 {
		t.Error("satisficing without a threshold")
	}
}

func check(t *testing.T, what string, got, want []Lever) {
	t.Helper()
	for g := range want {
		w, l := want[g], got[g]
		ok := math.Abs(l.Mean-w.Mean) < 1e-12 && l.Satisficing == w.Satisficing && l.MaxRegret == w.MaxRegret && l.MaxRegretAt == w.MaxRegretAt
		for k := range w.Q {
			ok = ok && math.Abs(l.Q[k]-w.Q[k]) < 1e-12
		}
		if !ok {
			t.Errorf("%s lever %d: %+v, want %+v", what, g, l, w)
		}
	}
}

// A scenario where one lever is undefined is left out for every lever:
// adding a column with a NaN to the table above changes nothing.
func TestUndefinedScenario(t *testing.T) {
	nan := math.NaN()
	table := [][]float64{{5, 3, 99, 8, 2}, {4, 6, nan, 4, 4}, {1, 7, -99, 9, 0}}
	got, err := Table(table, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{4, 5, 4}
	at := []int{1, 3, 0}
	for g := range got {
		if got[g].MaxRegret != want[g] || got[g].MaxRegretAt != at[g] || got[g].Mean != []float64{4.5, 4.5, 4.25}[g] {
			t.Errorf("lever %d: %+v", g, got[g])
		}
	}
	r := New(2, Options{})
	r.Best([]float64{1, nan})
	r.Best([]float64{nan, 2})
	if _, err := r.Lever([]float64{1, nan}); err == nil || r.Kept() != 0 {
		t.Error("no scenario kept, no error")
	}
	if err := r.Best([]float64{1}); err == nil {
		t.Error("wrong length")
	}
}

func TestQuantile(t *testing.T) {
	x := []float64{1, 2, 3, 4, 10}
	for _, c := range [][2]float64{{0, 1}, {1, 10}, {0.5, 3}, {0.25, 2}, {0.9, 7.6}} {
		if got := Quantile(x, c[0]); math.Abs(got-c[1]) > 1e-12 {
			t.Errorf("q %v: %v, want %v", c[0], got, c[1])
		}
	}
	if Quantile([]float64{7}, 0.95) != 7 || !slices.Equal(Quantiles, []float64{0.05, 0.5, 0.95}) {
		t.Error("one value")
	}
}
