package payoffset

import (
	"errors"
	"fmt"
	"math"

	"github.com/statecraft/statecraft/model"
)

// Game is a two-player stage game in bimatrix form with the quantities the
// APS operator needs: each profile's payoffs and each player's best one-shot
// deviation gain there.
type Game struct {
	rows, cols int
	// The solvers work on payoffs normalised to (g − lo)/span, so that
	// every tolerance, including those built into gonum's simplex, is
	// relative to the payoff range; results are mapped back by toPayoff.
	payoff []pt    // payoff[i*cols+j]: normalised (row, column) payoffs when row plays i, column j
	gain   []pt    // gain[a][p]: max over p's actions of p's payoff, minus p's payoff at a (normalised)
	lo     float64 // smallest stage payoff of either player
	span   float64 // largest minus smallest stage payoff of either player; 1 if all are equal
}

// toPayoff maps a normalised point back to payoffs.
func (g *Game) toPayoff(p pt) pt { return pt{g.lo + g.span*p[0], g.lo + g.span*p[1]} }

// normal maps payoffs to normalised units.
func (g *Game) normal(p pt) pt { return pt{(p[0] - g.lo) / g.span, (p[1] - g.lo) / g.span} }

// NewGame builds a game from rows of payoff pairs: payoffs[i][j] is (row
// player's payoff, column player's payoff) when the row player plays i and the
// column player plays j. The matrix must be non-empty and rectangular with
// finite entries; errors name the offending entry as a key path under
// "payoffs".
func NewGame(payoffs [][][2]float64) (*Game, error) {
	if len(payoffs) == 0 || len(payoffs[0]) == 0 {
		return nil, model.Invalid("payoffs", "want at least one row with at least one [row payoff, column payoff] pair")
	}
	rows, cols := len(payoffs), len(payoffs[0])
	g := &Game{rows: rows, cols: cols, payoff: make([]pt, rows*cols), gain: make([]pt, rows*cols)}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, row := range payoffs {
		if len(row) != cols {
			return nil, model.Invalid(fmt.Sprintf("payoffs.%d", i), "row %d has %d entries but row 0 has %d: every row needs one [row payoff, column payoff] pair per column action", i, len(row), cols)
		}
		for j, p := range row {
			for k, v := range p {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return nil, model.Invalid(fmt.Sprintf("payoffs.%d.%d.%d", i, j, k), "payoff %v is not a finite number", v)
				}
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
			g.payoff[i*cols+j] = p
		}
	}
	g.lo, g.span = lo, hi-lo
	if g.span == 0 {
		g.span = 1
	}
	for a, p := range g.payoff {
		g.payoff[a] = g.normal(p)
	}
	for i := range rows {
		for j := range cols {
			best := pt{math.Inf(-1), math.Inf(-1)}
			for k := range rows { // row deviates, column keeps j
				best[0] = math.Max(best[0], g.payoff[k*cols+j][0])
			}
			for k := range cols { // column deviates, row keeps i
				best[1] = math.Max(best[1], g.payoff[i*cols+k][1])
			}
			a := i*cols + j
			g.gain[a] = pt{best[0] - g.payoff[a][0], best[1] - g.payoff[a][1]}
		}
	}
	return g, nil
}

// Dims returns the numbers of row and column actions.
func (g *Game) Dims() (rows, cols int) { return g.rows, g.cols }

// Payoff returns the stage payoffs (row, column) when the row player plays i
// and the column player plays j.
func (g *Game) Payoff(i, j int) [2]float64 { return g.toPayoff(g.payoff[i*g.cols+j]) }

// Options tune the solvers. The zero value gives the defaults.
type Options struct {
	// Tolerance is the accuracy asked for, as a fraction of the game's payoff
	// range (largest minus smallest stage payoff of either player).
	// Iteration stops when two successive sets are within
	// Tolerance × range × (1−δ) of each other in Hausdorff distance: the
	// operator maps continuation sets by w ↦ (1−δ)g(a) + δw, so near its
	// fixed point successive changes shrink by about δ a step and the
	// distance left to the limit is about change·δ/(1−δ) ≤ Tolerance × range.
	// 0 means [DefaultTolerance]; values outside [1e-12, 0.01] are an error.
	Tolerance float64
	// MaxIterations caps the iterations; 0 means 1000 + 5⌈ln(Tolerance·(1−δ))/ln δ⌉,
	// five times what a contraction at rate δ needs.
	MaxIterations int
}

// DefaultTolerance is the default relative tolerance.
const DefaultTolerance = 1e-9

// settings are the tolerances derived from Options, in normalised payoff
// units (fractions of the payoff range).
type settings struct {
	acc   float64 // accuracy asked for
	tol   float64 // convergence: Hausdorff distance between successive sets, acc·(1−δ)
	eps   float64 // geometry: collinearity, merging, and the slack on incentive constraints
	slack float64 // JYC outer: slack on the LP constraints (see Outer)
	lpTol float64 // JYC: optimality tolerance of the simplex (see lpTolFloor)
	vtol  float64 // verification of self-generation
	maxIt int
}

// lpTolFloor is the smallest optimality tolerance handed to lp.Simplex.
// gonum's simplex rounds reduced costs smaller than 1e-13 in magnitude to 0
// after deciding that one below −tol calls for a pivot; with a smaller tol a
// reduced cost in between asks for a pivot that the rounding then forbids,
// and the simplex fails ("bland: all replacements are negative or cause
// ill-conditioned ab"). At 1e-13 the optimum is still exact to about 1e-13
// of the payoff range, below every tolerance the model accepts.
const lpTolFloor = 1e-13

func (o Options) settings(g *Game, delta float64) (settings, error) {
	if !(delta > 0 && delta < 1) {
		return settings{}, model.Invalid("discount", "%v is out of range; allowed: 0 < x < 1", delta)
	}
	rel := o.Tolerance
	if rel == 0 {
		rel = DefaultTolerance
	}
	if !(rel >= 1e-12 && rel <= 0.01) {
		return settings{}, model.Invalid("tolerance", "%v is out of range; allowed: 1e-12 ≤ x ≤ 0.01", rel)
	}
	s := settings{acc: rel, eps: math.Min(1e-12, rel/100), maxIt: o.MaxIterations}
	s.slack = math.Max(s.eps, math.Min(rel, 1e-9))
	s.lpTol = math.Max(s.eps, lpTolFloor)
	s.tol = s.acc * (1 - delta)
	// A vertex v = (1−δ)g(a) + δw was produced from the previous iterate; its
	// continuation w is recovered by dividing by δ, which scales rounding by
	// 1/δ. The iterate itself is within about acc of the limit set.
	s.vtol = 2*s.acc + 16*s.eps/delta
	if s.maxIt <= 0 {
		s.maxIt = 1000 + 5*int(math.Ceil(math.Log(rel*(1-delta))/math.Log(delta)))
	}
	return s, nil
}

// Set is a computed payoff set with its certificate.
type Set struct {
	// Vertices of the convex polygon, counter-clockwise starting from the
	// lowest-left vertex: the one with the smallest column-player payoff,
	// where column payoffs within the tolerance count as tied and the tie
	// goes to the smallest row-player payoff. One vertex is a single point,
	// two a segment (listed from that lowest-left end).
	Vertices [][2]float64
	// Method is "exact", "outer" or "inner".
	Method string
	// Directions is the number of JYC directions (0 for exact).
	Directions int
	// Iterations is the number of operator applications performed.
	Iterations int
	// Change is the Hausdorff distance between the last two iterates, in
	// payoff units.
	Change float64
	// Converged reports Change ≤ Tolerance × range × (1−δ).
	Converged bool
	// Residual is the worst self-generation residual of the vertices (exact
	// and inner, see [Verify]); for outer, the largest difference between an
	// LP optimum of the last sweep and the same support computed from the
	// polygon's vertices.
	Residual float64
	// Fallbacks counts the JYC linear programs that lp.Simplex failed on
	// numerically and that were solved by enumerating the vertices of their
	// feasible polygon instead (0 for exact).
	Fallbacks int
}

// Bounds returns the smallest and largest payoff of each player over the set.
func (s *Set) Bounds() (rowMin, rowMax, colMin, colMax float64) {
	rowMin, colMin = math.Inf(1), math.Inf(1)
	rowMax, colMax = math.Inf(-1), math.Inf(-1)
	for _, v := range s.Vertices {
		rowMin, rowMax = math.Min(rowMin, v[0]), math.Max(rowMax, v[0])
		colMin, colMax = math.Min(colMin, v[1]), math.Max(colMax, v[1])
	}
	return
}

// Area is the area of the set (0 for a segment or a point).
func (s *Set) Area() float64 { return Area(s.Vertices) }

// Contains reports whether p lies within tol of the set.
func (s *Set) Contains(p [2]float64, tol float64) bool { return distTo(p, s.Vertices) <= tol }

// ErrNoEquilibrium is wrapped by the error returned when the repeated game
// has no pure-strategy subgame-perfect equilibrium at the given discount
// factor. Test with errors.Is.
var ErrNoEquilibrium = errors.New("no pure-strategy subgame-perfect equilibrium")

// NoEquilibriumError reports that the exact APS iteration or the JYC outer
// approximation became empty: since both contain the equilibrium payoff set,
// that set is empty. It is not bad input: the game and δ are valid, they
// just have no pure-strategy equilibrium (a game without a pure stage Nash
// equilibrium, like matching pennies, at a δ too small to enforce anything).
type NoEquilibriumError struct {
	Discount   float64
	Method     string
	Iterations int // the iteration at which the set became empty
}

func (e *NoEquilibriumError) Error() string {
	return fmt.Sprintf("no pure-strategy subgame-perfect equilibrium at discount %g: the %s iteration became empty after %d steps, so no action profile can be enforced (a game without a pure stage Nash equilibrium needs a discount factor high enough for some profile to be enforced by continuation payoffs)", e.Discount, e.Method, e.Iterations)
}

func (e *NoEquilibriumError) Unwrap() error { return ErrNoEquilibrium }

// Undefined marks the error as a property of the game, not a failure of the
// method: a sweep records the cell as having no equilibrium payoff set.
func (e *NoEquilibriumError) Undefined() bool { return true }

// ErrInnerEmpty is returned by [Inner] when its approximation becomes empty.
// Unlike [ErrNoEquilibrium] this proves nothing about the game: the inner set
// may be empty while equilibria exist; use [Exact].
var ErrInnerEmpty = errors.New("the JYC inner approximation is empty (this does not prove that no equilibrium exists; use the exact method)")

// NotConvergedError reports that the iteration hit its cap before the
// tolerance was met.
type NotConvergedError struct {
	Method     string
	Iterations int
	Change     float64 // last Hausdorff change, payoff units
	Tolerance  float64 // payoff units
}

func (e *NotConvergedError) Error() string {
	return fmt.Sprintf("%s iteration did not converge in %d steps: last change %.3g > tolerance %.3g (raise tolerance, or lower the discount factor)", e.Method, e.Iterations, e.Change, e.Tolerance)
}

// VerificationError reports a vertex that failed the independent
// self-generation check: no action profile generates it from a continuation
// payoff in the set that satisfies both incentive constraints. It means a
// solver bug or a numerical failure, never a valid answer.
type VerificationError struct {
	Method   string
	Vertex   [2]float64
	Residual float64 // smallest violation over action profiles, payoff units
	Limit    float64
}

func (e *VerificationError) Error() string {
	return fmt.Sprintf("%s: vertex (%.9g, %.9g) is not self-generating: smallest violation %.3g over action profiles exceeds %.3g", e.Method, e.Vertex[0], e.Vertex[1], e.Residual, e.Limit)
}
