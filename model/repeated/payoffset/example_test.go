package payoffset_test

import (
	"errors"
	"fmt"

	"github.com/statecraft/statecraft/model/repeated/payoffset"
)

// The prisoner's dilemma with T, R, P, S = 5, 3, 1, 0 has three regimes:
// only mutual defection below δ = 1/4, a triangle up to δ = 1/2, then every
// feasible payoff above the minmax (1, 1).
func ExampleExact() {
	g, err := payoffset.NewGame([][][2]float64{
		{{3, 3}, {0, 5}}, // row cooperates: column cooperates, defects
		{{5, 0}, {1, 1}}, // row defects
	})
	if err != nil {
		panic(err)
	}
	for _, delta := range []float64{0.2, 0.3, 0.6} {
		set, err := payoffset.Exact(g, delta, payoffset.Options{})
		if err != nil {
			panic(err)
		}
		fmt.Printf("δ=%.1f area %.4f:", delta, set.Area())
		for _, v := range set.Vertices {
			fmt.Printf(" (%.4f, %.4f)", v[0], v[1])
		}
		fmt.Println()
	}
	// Output:
	// δ=0.2 area 0.0000: (1.0000, 1.0000)
	// δ=0.3 area 4.5000: (1.0000, 1.0000) (4.0000, 1.0000) (1.0000, 4.0000)
	// δ=0.6 area 6.6667: (1.0000, 1.0000) (4.3333, 1.0000) (3.0000, 3.0000) (1.0000, 4.3333)
}

// Matching pennies has no pure-strategy subgame-perfect equilibrium at any δ.
func ExampleExact_noEquilibrium() {
	g, _ := payoffset.NewGame([][][2]float64{{{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}}})
	_, err := payoffset.Exact(g, 0.9, payoffset.Options{})
	fmt.Println(errors.Is(err, payoffset.ErrNoEquilibrium))
	// Output: true
}

// The Judd–Yeltekin–Conklin bounds on 8 directions around QuantEcon's
// prisoner's dilemma at δ = 0.9, whose exact set has area 40.5. With 8
// directions the inner bound already finds the exact set; the outer bound is
// the polygon 3 ≤ x ≤ 10, 3 ≤ y ≤ 10, x + y ≤ 18.
func ExampleOuter() {
	g, _ := payoffset.NewGame([][][2]float64{{{9, 9}, {1, 10}}, {{10, 1}, {3, 3}}})
	out, err := payoffset.Outer(g, 0.9, 8, payoffset.Options{})
	if err != nil {
		panic(err)
	}
	in, err := payoffset.Inner(g, 0.9, 8, payoffset.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("outer area %.4f with %d vertices\n", out.Area(), len(out.Vertices))
	fmt.Printf("inner area %.4f with %d vertices\n", in.Area(), len(in.Vertices))
	// Output:
	// outer area 47.0000 with 5 vertices
	// inner area 40.5000 with 4 vertices
}

// Verify checks a candidate set without solving anything: the triangle
// (1,1), (4,1), (1,4) is self-generating in the Axelrod prisoner's dilemma
// from δ = 1/4 on, not below.
func ExampleVerify() {
	g, _ := payoffset.NewGame([][][2]float64{{{3, 3}, {0, 5}}, {{5, 0}, {1, 1}}})
	triangle := [][2]float64{{1, 1}, {4, 1}, {1, 4}}
	for _, delta := range []float64{0.24, 0.25} {
		_, err := payoffset.Verify(g, delta, triangle, 1e-9)
		fmt.Printf("δ=%.2f self-generating: %v\n", delta, err == nil)
	}
	// Output:
	// δ=0.24 self-generating: false
	// δ=0.25 self-generating: true
}

// The registry model, as a sweep or `statecraft solve` calls it.
func ExampleModel() {
	inst, err := payoffset.Model{}.Prepare(map[string]any{
		"payoffs":  []any{[]any{[]any{9, 9}, []any{1, 10}}, []any{[]any{10, 1}, []any{3, 3}}},
		"discount": 0.9,
	})
	if err != nil {
		panic(err)
	}
	sol, err := inst.Solve()
	if err != nil {
		panic(err)
	}
	for i, m := range inst.Metrics() {
		fmt.Printf("%s = %.4f\n", m.Name, sol.Values[i])
	}
	for _, v := range sol.Extra["vertices"].([][2]float64) {
		fmt.Printf("(%.4f, %.4f) ", v[0], v[1])
	}
	fmt.Println()
	// Output:
	// area = 40.5000
	// n_vertices = 4.0000
	// row_min = 3.0000
	// row_max = 9.7500
	// col_min = 3.0000
	// col_max = 9.7500
	// (3.0000, 3.0000) (9.7500, 3.0000) (9.0000, 9.0000) (3.0000, 9.7500)
}
