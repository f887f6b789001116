package game

import (
	"fmt"
	"math"
	"math/big"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// ConstantSum reports whether every profile of a 2-player game gives the
// same total payoff (zero-sum games included), exactly.
func ConstantSum(g *Game) bool {
	if g.NumPlayers() != 2 {
		return false
	}
	sum := new(big.Rat).Add(&g.pay[0], &g.pay[1])
	t := new(big.Rat)
	for k := 0; k < len(g.pay); k += 2 {
		if t.Add(&g.pay[k], &g.pay[k+1]).Cmp(sum) != 0 {
			return false
		}
	}
	return true
}

// ZeroSum solves a 2-player constant-sum game by linear programming (von
// Neumann's minimax theorem; Dantzig, "A proof of the equivalence of the
// programming problem and the game problem", 1951) with gonum's simplex
// method, in floating point. With the row player's payoffs A mapped onto
// [1, 2] (positive, so the value v is positive), the row player's optimal
// strategy is x = u/Σu for u solving
//
//	min Σu  s.t.  Aᵀu ≥ 1, u ≥ 0        (v = 1/Σu)
//
// and the column player's is y = w/Σw for max Σw s.t. Aw ≤ 1, w ≥ 0. The
// profile is verified within tol (0 means [DefaultTol]) before it is
// returned. A game that is not constant-sum is a [*MethodError].
func ZeroSum(g *Game, tol float64) (Equilibrium, error) {
	if err := need2(g, "lp"); err != nil {
		return Equilibrium{}, err
	}
	if !ConstantSum(g) {
		return Equilibrium{}, &MethodError{Method: "lp", Msg: "needs a zero-sum (or constant-sum) game: the payoffs of the two players do not add up to the same total in every cell (use enum or lh)"}
	}
	if tol <= 0 {
		tol = DefaultTol
	}
	m, n := g.dims[0], g.dims[1]
	if err := g.floatResolvable("lp"); err != nil {
		return Equilibrium{}, err
	}
	a, _ := g.floatMatrices()
	sc := positiveScale(a)
	at := mat.NewDense(m, n, nil)
	for i := range m {
		for j := range n {
			at.Set(i, j, sc(a[i*n+j]))
		}
	}
	// Row player: min 1ᵀu s.t. Aᵀu − s = 1, u, s ≥ 0.
	c1 := make([]float64, m+n)
	a1 := mat.NewDense(n, m+n, nil)
	b1 := make([]float64, n)
	for i := range m {
		c1[i] = 1
	}
	for j := range n {
		for i := range m {
			a1.Set(j, i, at.At(i, j))
		}
		a1.Set(j, m+j, -1)
		b1[j] = 1
	}
	_, u, err := lp.Simplex(c1, a1, b1, 1e-12, nil)
	if err != nil {
		return Equilibrium{}, fmt.Errorf("lp: row player's program: %w", err)
	}
	// Column player: min −1ᵀw s.t. Aw + t = 1, w, t ≥ 0, starting from w = 0.
	c2 := make([]float64, n+m)
	a2 := mat.NewDense(m, n+m, nil)
	b2 := make([]float64, m)
	basic := make([]int, m)
	for j := range n {
		c2[j] = -1
	}
	for i := range m {
		for j := range n {
			a2.Set(i, j, at.At(i, j))
		}
		a2.Set(i, n+i, 1)
		b2[i] = 1
		basic[i] = n + i
	}
	_, w, err := lp.Simplex(c2, a2, b2, 1e-12, basic)
	if err != nil {
		return Equilibrium{}, fmt.Errorf("lp: column player's program: %w", err)
	}
	x := normalizeFloat(clampNonNegative(u[:m]))
	y := normalizeFloat(clampNonNegative(w[:n]))
	e, err := g.floatEquilibrium([][]float64{x, y}, tol)
	if err != nil {
		return Equilibrium{}, fmt.Errorf("lp: %w", err)
	}
	return e, nil
}

// clampNonNegative sets the simplex method's round-off negatives (−1e−17)
// to zero.
func clampNonNegative(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = math.Max(0, x)
	}
	return out
}
