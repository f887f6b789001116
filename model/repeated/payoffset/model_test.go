package payoffset

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/internal/modeltest"
	"github.com/statecraft/statecraft/model"
)

// solveModel returns the deterministic metrics by name and the solution; the
// model has no simulated metrics.
func solveModel(t *testing.T, values map[string]any) (map[string]float64, model.Solution) {
	t.Helper()
	if _, sim := model.Split(metrics); len(sim) != 0 {
		t.Fatalf("%d simulated metrics", len(sim))
	}
	return modeltest.Solve(t, Model{}, values)
}

// asAny turns a payoff matrix into the loosely typed form a config gives.
func asAny(p [][][2]float64) []any {
	rows := make([]any, len(p))
	for i, r := range p {
		row := make([]any, len(r))
		for j, pair := range r {
			row[j] = []any{pair[0], pair[1]}
		}
		rows[i] = row
	}
	return rows
}

func TestInfoAndDefaults(t *testing.T) {
	info := Model{}.Info()
	if info.Name != "payoffset" || info.Params == nil || len(info.Metrics) != 6 {
		t.Fatalf("info: %+v", info)
	}
	p := Defaults()
	if p.Discount != 0.9 || p.Method != "exact" || p.Directions != 64 || p.Tolerance != 1e-9 {
		t.Errorf("defaults: %+v", p)
	}
	pairs, err := p.pairs()
	if err != nil || len(pairs) != 2 || pairs[1][0] != [2]float64{5, 0} {
		t.Errorf("default payoffs %v (%v), want the Axelrod prisoner's dilemma", pairs, err)
	}
}

// The defaults are the Axelrod PD at δ = 0.9: the quadrilateral
// (1,1), (13/3,1), (3,3), (1,13/3) of axelrodRegime.
func TestSolveDefaults(t *testing.T) {
	m, sol := solveModel(t, nil)
	want := axelrodRegime(0.9)
	// Area by the two triangles on the diagonal (1,1)–(3,3).
	tri := func(a, b, c [2]float64) float64 { return math.Abs(cross(a, b, c)) / 2 }
	area := tri(want[0], want[1], want[2]) + tri(want[0], want[2], want[3])
	checks := map[string]float64{"area": area, "n_vertices": 4, "row_min": 1, "row_max": 13.0 / 3, "col_min": 1, "col_max": 13.0 / 3}
	for k, v := range checks {
		if math.Abs(m[k]-v) > 1e-6 {
			t.Errorf("%s = %.9g, want %.9g", k, m[k], v)
		}
	}
	vs, ok := sol.Extra["vertices"].([][2]float64)
	if !ok || !sameVertices(vs, want, 1e-7) {
		t.Errorf("Extra[vertices] = %#v, want %v", sol.Extra["vertices"], want)
	}
	c := sol.Certificate
	if !c.Converged || c.Iterations < 1 || c.Residual > 5e-9*(1-0.9) || len(c.Notes) == 0 {
		t.Errorf("certificate %+v", c)
	}
	// The JSON that solve --json prints beside the metrics.
	b, err := json.Marshal(sol.Extra)
	if err != nil || !strings.HasPrefix(string(b), `{"vertices":[[1,1],[4.33333`) {
		t.Errorf("JSON %s (%v)", b, err)
	}
}

func TestSolveQuantEconThroughParams(t *testing.T) {
	_, sol := solveModel(t, map[string]any{"payoffs": asAny(quantEconPD), "discount": 0.9})
	want := [][2]float64{{3, 3}, {9.75, 3}, {9, 9}, {3, 9.75}}
	if vs := sol.Extra["vertices"].([][2]float64); !sameVertices(vs, want, 1e-7) {
		t.Errorf("vertices %v, want %v", vs, want)
	}
	// Integers, as YAML gives them, decode the same.
	ints := []any{[]any{[]any{9, 9}, []any{1, 10}}, []any{[]any{10, 1}, []any{3, 3}}}
	_, sol2 := solveModel(t, map[string]any{"payoffs": ints, "discount": 0.9})
	if !sameVertices(sol2.Extra["vertices"].([][2]float64), want, 1e-7) {
		t.Errorf("integer payoffs: %v", sol2.Extra["vertices"])
	}
}

// Outer and inner through the registry bracket the exact area, and a
// non-square game is accepted.
func TestSolveMethods(t *testing.T) {
	base := map[string]any{"payoffs": asAny(chicken), "discount": 0.6, "directions": 16}
	ex, _ := solveModel(t, base)
	areas := map[string]float64{}
	for _, method := range []string{"outer", "inner"} {
		v := map[string]any{"method": method}
		for k, x := range base {
			v[k] = x
		}
		m, sol := solveModel(t, v)
		areas[method] = m["area"]
		if !strings.Contains(sol.Certificate.Method, "D = 16") {
			t.Errorf("%s certificate method %q", method, sol.Certificate.Method)
		}
	}
	if !(areas["outer"] >= ex["area"]-1e-6 && ex["area"] >= areas["inner"]-1e-6) {
		t.Errorf("areas outer %g, exact %g, inner %g: want outer ≥ exact ≥ inner", areas["outer"], ex["area"], areas["inner"])
	}
	// 2×3: the row player's third option is irrelevant here, but the shape
	// must be accepted.
	rect := [][][2]float64{{{3, 3}, {0, 5}, {0, 0}}, {{5, 0}, {1, 1}, {0, 0}}}
	m, _ := solveModel(t, map[string]any{"payoffs": asAny(rect), "discount": 0.2})
	if m["n_vertices"] < 1 {
		t.Errorf("2×3 game: %v", m)
	}
}

func TestSolveSegmentAndPoint(t *testing.T) {
	m, sol := solveModel(t, map[string]any{"discount": 0.2})
	if m["n_vertices"] != 1 || m["area"] != 0 || math.Abs(m["row_min"]-1) > 1e-7 || math.Abs(m["col_max"]-1) > 1e-7 {
		t.Errorf("Axelrod δ=0.2: %v, want the point (1,1)", m)
	}
	if vs := sol.Extra["vertices"].([][2]float64); len(vs) != 1 {
		t.Errorf("vertices %v", vs)
	}
	m, _ = solveModel(t, map[string]any{"payoffs": asAny(coordination), "discount": 0.5})
	if m["n_vertices"] != 2 || m["area"] != 0 || math.Abs(m["row_max"]-2) > 1e-7 {
		t.Errorf("coordination: %v, want the segment (1,1)–(2,2)", m)
	}
}

func TestSolveNoEquilibrium(t *testing.T) {
	in := modeltest.Prepare[*Instance](t, Model{}, map[string]any{"payoffs": asAny(matchingPennies), "discount": 0.9})
	_, err := in.Solve()
	if !errors.Is(err, ErrNoEquilibrium) {
		t.Fatalf("want ErrNoEquilibrium, got %v", err)
	}
	if model.IsBadInput(err) {
		t.Error("no equilibrium is a property of the game, not bad input")
	}
	if !strings.Contains(err.Error(), "discount 0.9") {
		t.Errorf("message should give δ: %v", err)
	}
}

func TestSolveDeterministic(t *testing.T) {
	v := map[string]any{"payoffs": asAny(quantEconPD), "discount": 0.8, "method": "outer", "directions": 12}
	_, a := solveModel(t, v)
	_, b := solveModel(t, v)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Errorf("two solves differ:\n%s\n%s", ja, jb)
	}
}

// One test per class of bad input; each message names the key and what is
// allowed.
func TestBadInput(t *testing.T) {
	modeltest.BadInput(t, Model{}, []modeltest.BadCase{
		{Name: "ragged", Values: map[string]any{"payoffs": []any{[]any{[]any{1, 1}, []any{2, 2}}, []any{[]any{1, 1}}}}, Key: "payoffs.1", Want: []string{"rectangular"}},
		{Name: "empty row", Values: map[string]any{"payoffs": []any{[]any{}}}, Key: "payoffs.0", Want: []string{"pair"}},
		{Name: "empty matrix", Values: map[string]any{"payoffs": []any{}}, Key: "payoffs", Want: []string{"at least one row"}},
		{Name: "not a pair", Values: map[string]any{"payoffs": []any{[]any{[]any{1, 2, 3}}}}, Key: "payoffs.0.0", Want: []string{"pair"}},
		{Name: "single number", Values: map[string]any{"payoffs": []any{[]any{[]any{1}}}}, Key: "payoffs.0.0", Want: []string{"pair"}},
		{Name: "not a number", Values: map[string]any{"payoffs": []any{[]any{[]any{1, "x"}}}}, Key: "payoffs.0.0.1", Want: []string{"number"}},
		{Name: "not a list", Values: map[string]any{"payoffs": 3}, Key: "payoffs", Want: []string{"list"}},
		{Name: "discount 1", Values: map[string]any{"discount": 1}, Key: "discount", Want: []string{"x < 1"}},
		{Name: "discount 0", Values: map[string]any{"discount": 0}, Key: "discount", Want: []string{"0 < x"}},
		{Name: "discount negative", Values: map[string]any{"discount": -0.5}, Key: "discount", Want: []string{"0 < x"}},
		{Name: "method", Values: map[string]any{"method": "exakt"}, Key: "method", Want: []string{"exact"}},
		{Name: "directions", Values: map[string]any{"method": "outer", "directions": 2}, Key: "directions", Want: []string{"3"}},
		{Name: "tolerance", Values: map[string]any{"tolerance": 0.5}, Key: "tolerance", Want: []string{"0.01"}},
		{Name: "unknown key", Values: map[string]any{"discnt": 0.5}, Key: "discnt", Want: []string{"discount"}},
	})
}
