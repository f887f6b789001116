package ishigami

import (
	"math"
	"testing"

	"github.com/statecraft/statecraft/internal/modeltest"
	"github.com/statecraft/statecraft/model"
	"gonum.org/v1/gonum/integrate/quad"
)

// The values the literature tabulates for a = 7, b = 0.1 (to 4 decimals; e.g.
// Homma & Saltelli 1996; Saltelli et al., Global Sensitivity Analysis: The
// Primer, 2008), and the variance in the form V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2.
func TestKnownIndices(t *testing.T) {
	ix := Exact(7, 0.1)
	check := func(name string, got, want, tol float64) {
		t.Helper()
		if math.Abs(got-want) > tol {
			t.Errorf("%s = %.6f, want %.4f", name, got, want)
		}
	}
	check("S1", ix.First[0], 0.3139, 5e-5)
	check("S2", ix.First[1], 0.4424, 5e-5)
	check("S3", ix.First[2], 0, 0)
	check("ST3", ix.Total[2], 0.2437, 5e-5)
	check("ST1", ix.Total[0], 0.5576, 5e-5)
	check("ST2", ix.Total[1], 0.4424, 5e-5)
	check("S13", ix.Second[0][2], 0.2437, 5e-5)
	pi := math.Pi
	for _, ab := range [][2]float64{{7, 0.1}, {1, 2}, {0, 0}} {
		a, b := ab[0], ab[1]
		v := a*a/8 + b*math.Pow(pi, 4)/5 + b*b*math.Pow(pi, 8)/18 + 0.5
		if got := Exact(a, b).Variance; math.Abs(got-v) > 1e-12*v {
			t.Errorf("a=%g b=%g: V = %.15g, want %.15g", a, b, got, v)
		}
	}
}

// moments computes the variance decomposition of y by Gauss–Legendre
// quadrature on [−π, π]³ (exact for the polynomial parts, and to rounding for
// the trigonometric ones at 40 nodes), independently of the closed forms.
type moments struct {
	mean, v       float64
	first, closed [3]float64 // Var E[y|x_i]; Var E[y|x_{∼i}] (all but x_i)
	closed13      float64    // Var E[y|x1,x3]
}

func quadrature(a, b float64) moments {
	const n = 40
	x, w := make([]float64, n), make([]float64, n)
	quad.Legendre{}.FixedLocations(x, w, -math.Pi, math.Pi)
	for i := range w {
		w[i] /= 2 * math.Pi // a probability measure
	}
	// f[i][j][k] = y at nodes (x_i, x_j, x_k).
	var f [n][n][n]float64
	var m moments
	var sq float64
	for i := range x {
		for j := range x {
			for k := range x {
				y := Y(x[i], x[j], x[k], a, b)
				f[i][j][k] = y
				p := w[i] * w[j] * w[k]
				m.mean += p * y
				sq += p * y * y
			}
		}
	}
	m.v = sq - m.mean*m.mean
	// condVar returns Var over the kept coordinates of E[y | kept].
	condVar := func(keep [3]bool) float64 {
		var s float64
		idx := [3]int{}
		var rec func(d int, weight float64)
		// Sum over kept coordinates of weight × (E[y|kept])².
		rec = func(d int, weight float64) {
			if d == 3 {
				var e float64
				var inner func(dd int, ww float64)
				j := idx
				inner = func(dd int, ww float64) {
					if dd == 3 {
						e += ww * f[j[0]][j[1]][j[2]]
						return
					}
					if keep[dd] {
						inner(dd+1, ww)
						return
					}
					for q := 0; q < n; q++ {
						j[dd] = q
						inner(dd+1, ww*w[q])
					}
				}
				inner(0, 1)
				s += weight * e * e
				return
			}
			if !keep[d] {
				rec(d+1, weight)
				return
			}
			for q := 0; q < n; q++ {
				idx[d] = q
				rec(d+1, weight*w[q])
			}
		}
		rec(0, 1)
		return s - m.mean*m.mean
	}
	for i := 0; i < 3; i++ {
		var only, allBut [3]bool
		for j := range allBut {
			allBut[j] = j != i
		}
		only[i] = true
		m.first[i] = condVar(only)
		m.closed[i] = condVar(allBut)
	}
	m.closed13 = condVar([3]bool{true, false, true})
	return m
}

func TestExactAgainstQuadrature(t *testing.T) {
	for _, ab := range [][2]float64{{7, 0.1}, {2, 0.5}, {0, 0}, {-3, 1}} {
		a, b := ab[0], ab[1]
		ex := Exact(a, b)
		q := quadrature(a, b)
		near := func(name string, got, want float64) {
			t.Helper()
			if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
				t.Errorf("a=%g b=%g: %s closed form %.12g, quadrature %.12g", a, b, name, got, want)
			}
		}
		near("mean", ex.Mean, q.mean)
		near("variance", ex.Variance, q.v)
		for i := 0; i < 3; i++ {
			near("S"+string(rune('1'+i)), ex.First[i], q.first[i]/q.v)
			near("ST"+string(rune('1'+i)), ex.Total[i], 1-q.closed[i]/q.v)
		}
		near("S13", ex.Second[0][2], (q.closed13-q.first[0]-q.first[2])/q.v)
		// The decomposition is complete: first-order and S13 add to 1.
		sum := ex.First[0] + ex.First[1] + ex.First[2] + ex.Second[0][2]
		near("S1+S2+S3+S13", sum, 1)
	}
}

func TestSolve(t *testing.T) {
	inst := modeltest.Prepare[model.Instance](t, Model{}, map[string]any{"x1": math.Pi / 2, "x2": math.Pi / 2, "x3": 1.0})
	sol, err := inst.Solve()
	if err != nil {
		t.Fatal(err)
	}
	// sin(π/2) + 7 sin²(π/2) + 0.1·1⁴·sin(π/2) = 1 + 7 + 0.1.
	if len(sol.Values) != 1 || math.Abs(sol.Values[0]-8.1) > 1e-14 {
		t.Errorf("y = %v, want [8.1]", sol.Values)
	}
	if len(inst.Metrics()) != 1 || inst.Metrics()[0].Name != "y" {
		t.Errorf("metrics %v", inst.Metrics())
	}
	ex := sol.Extra["exact_sobol_indices"].(map[string]float64)
	if math.Abs(ex["S1"]-0.3139) > 5e-5 || math.Abs(ex["ST3"]-0.2437) > 5e-5 {
		t.Errorf("extra %v", ex)
	}
	// Defaults: x = 0 gives y = 0; a = 7, b = 0.1.
	inst, _ = Model{}.Prepare(nil)
	p := inst.Params().(Params)
	if p.A != 7 || p.B != 0.1 || p.X1 != 0 {
		t.Errorf("defaults %+v", p)
	}
	if sol, _ := inst.Solve(); sol.Values[0] != 0 {
		t.Errorf("y at defaults = %v, want 0", sol.Values[0])
	}
	// The range ends are allowed.
	if _, err := (Model{}).Prepare(map[string]any{"x1": -math.Pi, "x3": math.Pi}); err != nil {
		t.Errorf("x at ±π rejected: %v", err)
	}
}

func TestBadInput(t *testing.T) {
	modeltest.BadInput(t, Model{}, []modeltest.BadCase{
		{Values: map[string]any{"x1": 4.0}, Want: []string{"x1", "out of range", "3.141592653589793"}},
		{Values: map[string]any{"x3": -3.2}, Want: []string{"x3", "out of range"}},
		{Values: map[string]any{"x4": 0.5}, Want: []string{"x4", "did you mean"}},
		{Values: map[string]any{"a": "seven"}, Want: []string{"a", "number"}},
	})
}
