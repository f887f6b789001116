package game

import (
	"errors"
	"fmt"
	"math/big"
)

// Lemke–Howson by complementary pivoting (Lemke & Howson, "Equilibrium
// points of bimatrix games", J. SIAM 12, 1964; in the polytope form of von
// Stengel, Handbook of Game Theory 3, ch. 45, §3).
//
// The two tableaux of enum.go's polytopes P and Q start at the artificial
// equilibrium (0, 0), where every label is present once. Dropping a label k
// enters the variable with label k; the variable that leaves carries a label
// that is now present twice, so the variable with that label in the other
// polytope enters next, and so on until label k is picked up again: the pair
// of vertices is then completely labelled, an equilibrium. Pivoting is exact
// (fraction-free integers) with the lexicographic ratio test, so degenerate
// games neither cycle nor stall, and no payoff size can overflow it.

// lhState is a pair of tableaux for P (variables x, slacks with labels m+j)
// and Q (variables y, slacks with labels i).
type lhState struct {
	p, q *exactTableau
	m, n int
}

func newLHState(g *Game, extra int) *lhState {
	mp, mq := exactPolytopes(g)
	return &lhState{p: newExactTableau(mp, extra), q: newExactTableau(mq, extra), m: g.dims[0], n: g.dims[1]}
}

func (s *lhState) clone() *lhState {
	cp := func(x *exactTableau) *exactTableau {
		y := *x
		y.t = append([]uint64(nil), x.t...)
		y.f = append([]float64(nil), x.f...)
		y.det = append([]uint64(nil), x.det...)
		y.basic = append([]int(nil), x.basic...)
		y.nonbasic = append([]int(nil), x.nonbasic...)
		y.slackAt = append([]int(nil), x.slackAt...)
		y.num, y.q, y.inv, y.odd = make([]uint64, x.w), make([]uint64, x.w), make([]uint64, x.w), make([]uint64, x.w)
		y.tmp, y.scr, y.piv, y.zero = make([]uint64, 10*x.w), make([]uint64, x.w), make([]uint64, x.w), make([]uint64, x.w)
		y.pinv, y.rinv = make([]uint64, x.w), make([]uint64, len(x.rinv))
		y.ties, y.next = nil, nil
		return &y
	}
	return &lhState{p: cp(s.p), q: cp(s.q), m: s.m, n: s.n}
}

// label of variable v of P (side 0) or Q (side 1).
func (s *lhState) label(side, v int) int {
	if side == 0 {
		return v // x_i has label i, slack j of P (variable m+j) label m+j
	}
	if v < s.n {
		return s.m + v // y_j
	}
	return v - s.n // slack i of Q: label i
}

// variable returns the variable of side with the given label.
func (s *lhState) variable(side, label int) int {
	if side == 0 {
		return label // x_i = i, slack j = m+j
	}
	if label < s.m {
		return s.n + label // slack i of Q
	}
	return label - s.m // y_j
}

func (s *lhState) tab(side int) *exactTableau {
	if side == 0 {
		return s.p
	}
	return s.q
}

// nonbasicCol returns the dictionary column (1-based) of a nonbasic
// variable, or 0 if the variable is basic.
func nonbasicCol(x *exactTableau, v int) int {
	for c, u := range x.nonbasic {
		if u == v {
			return c + 1
		}
	}
	return 0
}

// run follows the path that drops label k: it returns false if label k's
// variables are both basic (k is not present as a nonbasic label, which
// happens only when starting from a degenerate equilibrium).
func (s *lhState) run(k int, maxPivots int) (bool, error) {
	side := 0
	if nonbasicCol(s.p, s.variable(0, k)) == 0 {
		side = 1
		if nonbasicCol(s.q, s.variable(1, k)) == 0 {
			return false, nil
		}
	}
	enter := s.variable(side, k)
	for steps := 0; ; steps++ {
		if steps > maxPivots {
			return false, errors.New("lh: path longer than the number of bases (internal error)")
		}
		x := s.tab(side)
		c := nonbasicCol(x, enter)
		if c == 0 {
			return false, fmt.Errorf("lh: entering variable %d is already basic (internal error)", enter)
		}
		r := x.ratio(c)
		if r < 0 {
			return false, errors.New("lh: unbounded ray (internal error)")
		}
		leave := x.basic[r]
		if err := x.pivot(r, c); err != nil {
			return false, err
		}
		l := s.label(side, leave)
		if l == k {
			return true, nil
		}
		side = 1 - side
		enter = s.variable(side, l)
	}
}

// point returns the vertex of a tableau: basic z variables at rhs/det.
func point(x *exactTableau) []*big.Rat {
	z := make([]*big.Rat, x.d)
	for i := range z {
		z[i] = new(big.Rat)
	}
	det := wToBig(x.det)
	for r, v := range x.basic {
		if v < x.d {
			z[v].SetFrac(wToBig(x.entry(r, 0)), det)
		}
	}
	return z
}

func (s *lhState) isArtificial() bool {
	for r, v := range s.p.basic {
		if v < s.m && !s.p.zeroRHS(r) {
			return false
		}
	}
	return true
}

// LemkeHowson runs the Lemke–Howson algorithm from the artificial
// equilibrium once for each of the m+n labels and returns the distinct
// equilibria found, exact and verified, in canonical order. With all set, it
// also follows the paths from every equilibrium found, for every label, until
// no new equilibrium appears: the equilibria accessible from the artificial
// one, which is what Gambit's gambit-lcp lists. Neither is an enumeration:
// some equilibria lie on no such path.
func LemkeHowson(g *Game, all bool) ([]Equilibrium, error) {
	if err := need2(g, "lh"); err != nil {
		return nil, err
	}
	for extra := 0; ; extra = 2*extra + 1 {
		es, err := lemkeHowson(g, all, extra)
		if !errors.Is(err, errWidth) {
			return es, err
		}
	}
}

func lemkeHowson(g *Game, all bool, extra int) ([]Equilibrium, error) {
	m, n := g.dims[0], g.dims[1]
	start := newLHState(g, extra)
	seen := map[string]bool{}
	var out []Equilibrium
	var queue []*lhState
	// A path never visits a pair of bases twice (lexicographic pivoting
	// keeps it simple), so it ends; the bound only guards against a defect.
	maxPivots := 1 << 30
	for k := range m + n {
		s := start.clone()
		ok, err := s.run(k, maxPivots)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if added, err := s.collect(g, seen, &out); err != nil {
			return nil, err
		} else if added && all {
			queue = append(queue, s)
		}
	}
	for len(queue) > 0 {
		s0 := queue[0]
		queue = queue[1:]
		for k := range m + n {
			s := s0.clone()
			ok, err := s.run(k, maxPivots)
			if err != nil {
				return nil, err
			}
			if !ok || s.isArtificial() {
				continue
			}
			if added, err := s.collect(g, seen, &out); err != nil {
				return nil, err
			} else if added {
				queue = append(queue, s)
			}
		}
	}
	sortEquilibria(out)
	return out, nil
}

// collect verifies the equilibrium at the end of a path and adds it if new.
func (s *lhState) collect(g *Game, seen map[string]bool, out *[]Equilibrium) (bool, error) {
	x, y := point(s.p), point(s.q)
	if isZero(x) || isZero(y) {
		return false, errors.New("lh: path ended at the artificial equilibrium (internal error)")
	}
	prof := [][]*big.Rat{normalize(x), normalize(y)}
	key := fmt.Sprint(prof)
	if seen[key] {
		return false, nil
	}
	seen[key] = true
	e, err := g.exactEquilibrium(prof)
	if err != nil {
		return false, fmt.Errorf("lh: %w", err)
	}
	*out = append(*out, e)
	return true, nil
}

func isZero(z []*big.Rat) bool {
	for _, v := range z {
		if v.Sign() != 0 {
			return false
		}
	}
	return true
}
