package game

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"sort"
	"sync"
)

// Extreme equilibria of a bimatrix game by vertex enumeration.
//
// With the row player's payoffs A and the column player's B made positive
// (adding a constant changes no best reply), the best-response polytopes are
//
//	P = {x ∈ ℝᵐ : x ≥ 0, Bᵀx ≤ 1}     Q = {y ∈ ℝⁿ : y ≥ 0, Ay ≤ 1}
//
// Label i ∈ {1…m} marks x_i = 0 or (Ay)_i = 1 (row i unused or a best reply),
// label m+j marks (Bᵀx)_j = 1 or y_j = 0. A pair of vertices (x, y) ≠ (0, 0)
// that between them carry every label is, rescaled to probabilities, an
// extreme Nash equilibrium, and every extreme equilibrium arises this way
// (von Stengel, "Computing equilibria for two-person games", Handbook of Game
// Theory 3, ch. 45, 2002, Theorem 2.14 and §6). This is the set Gambit's
// enummixed and lrsnash (Avis, Rosenberg, Savani & von Stengel, "Enumeration
// of Nash equilibria for two-player games", Economic Theory 42, 2010) list.
//
// Both polytopes' vertices are enumerated by a depth-first search over the
// lexicographically feasible bases (see [tableau]); each vertex is recorded
// with its full label set, including the labels of degenerate basic
// variables at zero, so degenerate games are handled exactly. Vertices are
// then matched: a non-degenerate vertex x (exactly m labels) is matched by a
// hash lookup of its complementary label set, the rest by testing label
// covers.

// Enumerate returns every extreme Nash equilibrium of a 2-player game,
// computed in exact rational arithmetic and each verified exactly. They come
// in the package's canonical order (see the package documentation).
func Enumerate(g *Game) ([]Equilibrium, error) {
	if err := need2(g, "enum"); err != nil {
		return nil, err
	}
	mp, mq := exactPolytopes(g)
	m, n := g.dims[0], g.dims[1]
	var vp, vq *bitTable
	var errP, errQ error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		vp, errP = exactVertices(mp, labelsP(m, n))
	}()
	vq, errQ = exactVertices(mq, labelsQ(m, n))
	wg.Wait()
	if err := errors.Join(errP, errQ); err != nil {
		return nil, err
	}
	pairs := matchVertices(vp, vq, m, n)
	out := make([]Equilibrium, 0, len(pairs))
	for _, pr := range pairs {
		x, err := vertexFromLabels(mp, vp.member(pr[0]), labelsP(m, n))
		if err != nil {
			return nil, err
		}
		y, err := vertexFromLabels(mq, vq.member(pr[1]), labelsQ(m, n))
		if err != nil {
			return nil, err
		}
		e, err := g.exactEquilibrium([][]*big.Rat{normalize(x), normalize(y)})
		if err != nil {
			return nil, fmt.Errorf("enum: %w", err)
		}
		out = append(out, e)
	}
	sortEquilibria(out)
	return out, nil
}

// EnumerateFloat is [Enumerate] in floating point: much faster, and every
// equilibrium it returns passes the floating-point verifier at tolerance tol
// (see [DefaultTol]; 0 means DefaultTol). It is complete for non-degenerate
// games whose vertices are well separated in floating point; for degenerate
// games (ties) use [Enumerate]. Equilibria closer than tol are merged.
//
// Each player's payoffs are mapped onto [1, 2]; a game in which two
// different payoffs of a player are closer than [FloatResolution] of that
// player's payoff range (payoffs like 10¹⁵ + 1 and 10¹⁵ + 2 beside −10¹⁵)
// cannot be resolved in float64 and is refused with a [*MethodError].
func EnumerateFloat(g *Game, tol float64) ([]Equilibrium, error) {
	if err := need2(g, "enum-float"); err != nil {
		return nil, err
	}
	if tol <= 0 {
		tol = DefaultTol
	}
	if err := g.floatResolvable("enum-float"); err != nil {
		return nil, err
	}
	m, n := g.dims[0], g.dims[1]
	a, b := g.floatMatrices()
	mp := make([]float64, n*m) // Bᵀ, n×m
	mq := make([]float64, m*n) // A, m×n
	sa, sb := positiveScale(a), positiveScale(b)
	for i := range m {
		for j := range n {
			mp[j*m+i] = sb(b[i*n+j])
			mq[i*n+j] = sa(a[i*n+j])
		}
	}
	// Tolerance of the tableau: entries are O(1) after scaling to [1, 2].
	ttol := 1e-9
	var vp, vq *bitTable
	var errP, errQ error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		vp, errP = enumerateVertices(newFloatTableau(mp, n, m, ttol), labelsP(m, n))
	}()
	vq, errQ = enumerateVertices(newFloatTableau(mq, m, n, ttol), labelsQ(m, n))
	wg.Wait()
	if err := errors.Join(errP, errQ); err != nil {
		return nil, err
	}
	pairs := matchVertices(vp, vq, m, n)
	var out []Equilibrium
	for _, pr := range pairs {
		// A fresh solve of the tight constraints is more accurate than the
		// tableau's values after many pivots.
		zx, err := floatVertexFromLabels(mp, n, m, vp.member(pr[0]), labelsP(m, n))
		if err != nil {
			return nil, fmt.Errorf("enum-float: %w", err)
		}
		zy, err := floatVertexFromLabels(mq, m, n, vq.member(pr[1]), labelsQ(m, n))
		if err != nil {
			return nil, fmt.Errorf("enum-float: %w", err)
		}
		x, y := normalizeFloat(zx), normalizeFloat(zy)
		dup := false
		for k := range out {
			if closeProfiles(out[k].Profile, [][]float64{x, y}, tol) {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		e, err := g.floatEquilibrium([][]float64{x, y}, tol)
		if err != nil {
			return nil, fmt.Errorf("enum-float: %w", err)
		}
		out = append(out, e)
	}
	sortEquilibria(out)
	return out, nil
}

func need2(g *Game, method string) error {
	if g.NumPlayers() != 2 {
		return &MethodError{Method: method, Msg: fmt.Sprintf("works on 2-player games; this game has %d players (use pure)", g.NumPlayers())}
	}
	return nil
}

// MethodError is a solver asked to do what it cannot (a method for 2-player
// games on a 3-player game, linear programming on a game that is not
// zero-sum). It is bad input.
type MethodError struct {
	Method string
	Msg    string
}

func (e *MethodError) Error() string { return "method " + e.Method + ": " + e.Msg }

// BadInput marks the error as the user's to fix.
func (e *MethodError) BadInput() bool { return true }

// FloatResolution is the smallest gap between two different payoffs of a
// player, relative to the range of that player's payoffs, that the
// floating-point solvers accept.
const FloatResolution = 1e-7

// floatResolvable checks that every payoff is a finite float64 and that
// different payoffs of each player stay apart after mapping the player's
// payoffs onto [0, 1].
func (g *Game) floatResolvable(method string) error {
	n := len(g.dims)
	for i := range n {
		var vals []float64
		var rats []*big.Rat
		for k := i; k < len(g.fl); k += n {
			if math.IsInf(g.fl[k], 0) {
				return &MethodError{Method: method, Msg: "a payoff is beyond the float64 range; use an exact method (enum or lh)"}
			}
			vals = append(vals, g.fl[k])
			rats = append(rats, &g.pay[k])
		}
		idx := make([]int, len(vals))
		for k := range idx {
			idx[k] = k
		}
		sort.Slice(idx, func(a, b int) bool { return rats[idx[a]].Cmp(rats[idx[b]]) < 0 })
		lo, hi := vals[idx[0]], vals[idx[len(idx)-1]]
		for k := 1; k < len(idx); k++ {
			a, b := idx[k-1], idx[k]
			if rats[a].Cmp(rats[b]) == 0 {
				continue
			}
			if !((vals[b]-vals[a])/(hi-lo) >= FloatResolution) {
				return &MethodError{Method: method, Msg: fmt.Sprintf("player %d's payoffs %s and %s differ by less than %g of their range %g: too close for floating point; use an exact method (enum or lh)",
					i+1, FormatNumber(rats[a]), FormatNumber(rats[b]), FloatResolution, hi-lo)}
			}
		}
	}
	return nil
}

// positiveScale maps payoffs affinely onto [1, 2] (all ones for a constant
// matrix), which preserves best replies and keeps the float tableaux well
// scaled.
func positiveScale(a []float64) func(float64) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range a {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if !(hi > lo) {
		return func(float64) float64 { return 1 }
	}
	return func(v float64) float64 { return 1 + (v-lo)/(hi-lo) }
}

// labeling says which label each variable of a polytope's tableau carries.
type labeling struct {
	z, s   func(int) int // labels of z_i and of slack j
	zmask  []int         // the labels of all z (a vertex with all of them is the origin)
	nlabel int
}

func labelsP(m, n int) labeling {
	zm := make([]int, m)
	for i := range zm {
		zm[i] = i
	}
	return labeling{z: func(i int) int { return i }, s: func(j int) int { return m + j }, zmask: zm, nlabel: m + n}
}

func labelsQ(m, n int) labeling {
	zm := make([]int, n)
	for j := range zm {
		zm[j] = m + j
	}
	return labeling{z: func(j int) int { return m + j }, s: func(i int) int { return i }, zmask: zm, nlabel: m + n}
}

// exactPolytopes returns the positive integer matrices of P (Bᵀ, n×m) and Q
// (A, m×n): each player's payoffs times the least common multiple of their
// denominators, minus their minimum, plus one.
func exactPolytopes(g *Game) (mp, mq [][]*big.Int) {
	m, n := g.dims[0], g.dims[1]
	ia, _ := g.intPayoffs(0)
	ib, _ := g.intPayoffs(1)
	shift := func(v []big.Int) {
		lo := new(big.Int).Set(&v[0])
		for k := range v {
			if v[k].Cmp(lo) < 0 {
				lo.Set(&v[k])
			}
		}
		lo.Sub(lo, big.NewInt(1))
		for k := range v {
			v[k].Sub(&v[k], lo)
		}
	}
	shift(ia)
	shift(ib)
	mp = make([][]*big.Int, n)
	for j := range n {
		mp[j] = make([]*big.Int, m)
		for i := range m {
			mp[j][i] = &ib[i+m*j]
		}
	}
	mq = make([][]*big.Int, m)
	for i := range m {
		mq[i] = make([]*big.Int, n)
		for j := range n {
			mq[i][j] = &ia[i+m*j]
		}
	}
	return mp, mq
}

// exactVertices enumerates a polytope's vertices exactly, widening the
// integers if a pivot ever needs it.
func exactVertices(mat [][]*big.Int, lab labeling) (*bitTable, error) {
	for extra := 0; ; extra = 2*extra + 1 {
		v, err := enumerateVertices(newExactTableau(mat, extra), lab)
		if !errors.Is(err, errWidth) {
			return v, err
		}
	}
}

// enumerateVertices visits every lexicographically feasible basis of the
// tableau reachable by pivots (all of them: the perturbed polytope's graph is
// connected) and returns the distinct label sets of the vertices. It pivots
// back on returning from a vertex instead of keeping copies of tableaux: the
// search path is nearly as long as the number of vertices.
func enumerateVertices(tab tableau, lab labeling) (*bitTable, error) {
	basic, nonbasic := tab.vars()
	k, d := len(basic), len(nonbasic)
	nwB := (d + k + 63) / 64
	nwL := (lab.nlabel + 63) / 64
	visited := newBitTable(nwB)
	verts := newBitTable(nwL)
	basis := make([]uint64, nwB)
	for _, v := range basic {
		setBit(basis, v)
	}
	visited.insert(basis)
	label := func(v int) int {
		if v < d {
			return lab.z(v)
		}
		return lab.s(v - d)
	}
	set := make([]uint64, nwL)
	record := func() {
		for i := range set {
			set[i] = 0
		}
		for _, v := range nonbasic {
			setBit(set, label(v))
		}
		for r, v := range basic {
			if tab.zeroRHS(r) {
				setBit(set, label(v))
			}
		}
		verts.insert(set)
	}
	record()
	// A frame is a vertex on the search path: the next column to try, and
	// the pivot (r, c) that led to it; entering column c again leads back.
	type frame struct{ next, r, c int }
	stack := []frame{{1, -1, -1}}
	for len(stack) > 0 {
		top := len(stack) - 1
		if c := stack[top].next; c <= d {
			stack[top].next++
			if c == stack[top].c {
				continue // back to the parent, visited
			}
			r := tab.ratio(c)
			if r < 0 {
				return nil, errors.New("game: unbounded edge in a bounded polytope (internal error)")
			}
			in, out := nonbasic[c-1], basic[r]
			setBit(basis, in)
			clearBit(basis, out)
			if visited.find(basis) >= 0 {
				clearBit(basis, in)
				setBit(basis, out)
				continue
			}
			visited.insert(basis)
			if err := tab.pivot(r, c); err != nil {
				return nil, err
			}
			record()
			stack = append(stack, frame{1, r, c})
			continue
		}
		fr := stack[top]
		stack = stack[:top]
		if fr.r >= 0 {
			in, out := nonbasic[fr.c-1], basic[fr.r]
			if err := tab.pivot(fr.r, fr.c); err != nil {
				return nil, err
			}
			setBit(basis, in)
			clearBit(basis, out)
		}
	}
	return verts, nil
}

// matchVertices returns the pairs (index in vp, index in vq) of non-origin
// vertices whose label sets together hold all m+n labels.
func matchVertices(vp, vq *bitTable, m, n int) [][2]int {
	isOrigin := func(set []uint64, from, to int) bool {
		for l := from; l < to; l++ {
			if !hasBit(set, l) {
				return false
			}
		}
		return true
	}
	var degQ, allQ []int
	for j := range vq.n {
		y := vq.member(j)
		if isOrigin(y, m, m+n) {
			continue
		}
		allQ = append(allQ, j)
		if popCount(y) > n {
			degQ = append(degQ, j)
		}
	}
	comp := make([]uint64, vp.nw)
	var pairs [][2]int
	for i := range vp.n {
		x := vp.member(i)
		if isOrigin(x, 0, m) {
			continue
		}
		if popCount(x) == m {
			for w := range comp {
				comp[w] = ^x[w]
			}
			if r := (m + n) % 64; r != 0 {
				comp[len(comp)-1] &= (uint64(1) << r) - 1
			}
			if j := vq.find(comp); j >= 0 && !isOrigin(comp, m, m+n) {
				pairs = append(pairs, [2]int{i, j})
			}
			for _, j := range degQ {
				if covers(x, vq.member(j), m+n) {
					pairs = append(pairs, [2]int{i, j})
				}
			}
			continue
		}
		for _, j := range allQ {
			if covers(x, vq.member(j), m+n) {
				pairs = append(pairs, [2]int{i, j})
			}
		}
	}
	return pairs
}

// vertexFromLabels solves exactly for the vertex of {z ≥ 0 : Mz ≤ 1} whose
// tight constraints are the labels in set: z_i = 0 for the z-labels, (Mz)_j = 1
// for the slack labels. It eliminates with fraction-free Gauss–Jordan steps,
// each division exact (the same update as the tableau pivot).
func vertexFromLabels(mat [][]*big.Int, set []uint64, lab labeling) ([]*big.Rat, error) {
	k, d := len(mat), len(mat[0])
	var unk, eqs []int
	for i := range d {
		if !hasBit(set, lab.z(i)) {
			unk = append(unk, i)
		}
	}
	for j := range k {
		if hasBit(set, lab.s(j)) {
			eqs = append(eqs, j)
		}
	}
	nu := len(unk)
	a := make([][]*big.Int, len(eqs))
	for r, j := range eqs {
		a[r] = make([]*big.Int, nu+1)
		for c, i := range unk {
			a[r][c] = new(big.Int).Set(mat[j][i])
		}
		a[r][nu] = big.NewInt(1)
	}
	prev := big.NewInt(1)
	used := make([]bool, len(eqs))
	pivRow := make([]int, nu)
	t1, t2 := new(big.Int), new(big.Int)
	for c := range nu {
		r := -1
		for i := range a {
			if !used[i] && a[i][c].Sign() != 0 {
				r = i
				break
			}
		}
		if r < 0 {
			return nil, errors.New("game: label set does not determine a vertex (internal error)")
		}
		used[r], pivRow[c] = true, r
		for i := range a {
			if i == r {
				continue
			}
			for j := 0; j <= nu; j++ {
				if j == c {
					continue
				}
				t1.Mul(a[r][c], a[i][j])
				t2.Mul(a[i][c], a[r][j])
				a[i][j].Quo(t1.Sub(t1, t2), prev)
			}
			a[i][c].SetInt64(0)
		}
		prev = new(big.Int).Set(a[r][c])
	}
	for i := range a {
		if !used[i] && a[i][nu].Sign() != 0 {
			return nil, errors.New("game: inconsistent vertex labels (internal error)")
		}
	}
	z := make([]*big.Rat, d)
	for i := range z {
		z[i] = new(big.Rat)
	}
	for c, i := range unk {
		z[i].SetFrac(a[pivRow[c]][nu], prev)
	}
	return z, nil
}

// floatVertexFromLabels is vertexFromLabels in floating point for the k×d
// row-major matrix mat: least squares is not needed, the tight system has
// full column rank, so Gaussian elimination with partial pivoting on its
// rows, then one step of iterative refinement, gives the vertex.
func floatVertexFromLabels(mat []float64, k, d int, set []uint64, lab labeling) ([]float64, error) {
	var unk, eqs []int
	for i := range d {
		if !hasBit(set, lab.z(i)) {
			unk = append(unk, i)
		}
	}
	for j := range k {
		if hasBit(set, lab.s(j)) {
			eqs = append(eqs, j)
		}
	}
	nu := len(unk)
	solve := func(rhs []float64) ([]float64, error) {
		a := make([][]float64, len(eqs))
		for r, j := range eqs {
			a[r] = make([]float64, nu+1)
			for c, i := range unk {
				a[r][c] = mat[j*d+i]
			}
			a[r][nu] = rhs[r]
		}
		for c := range nu {
			best := c
			for r := c + 1; r < len(a); r++ {
				if math.Abs(a[r][c]) > math.Abs(a[best][c]) {
					best = r
				}
			}
			if a[best][c] == 0 {
				return nil, errors.New("label set does not determine a vertex")
			}
			a[c], a[best] = a[best], a[c]
			for r := range a {
				if r == c || a[r][c] == 0 {
					continue
				}
				f := a[r][c] / a[c][c]
				for j := c; j <= nu; j++ {
					a[r][j] -= f * a[c][j]
				}
			}
		}
		z := make([]float64, nu)
		for c := range nu {
			z[c] = a[c][nu] / a[c][c]
		}
		return z, nil
	}
	ones := make([]float64, len(eqs))
	for r := range ones {
		ones[r] = 1
	}
	z, err := solve(ones)
	if err != nil {
		return nil, err
	}
	// One refinement step: solve for the correction of the residual.
	res := make([]float64, len(eqs))
	for r, j := range eqs {
		s := 1.0
		for c, i := range unk {
			s -= mat[j*d+i] * z[c]
		}
		res[r] = s
	}
	if dz, err := solve(res); err == nil {
		for c := range z {
			z[c] += dz[c]
		}
	}
	out := make([]float64, d)
	for c, i := range unk {
		out[i] = math.Max(0, z[c])
	}
	return out, nil
}

func normalize(z []*big.Rat) []*big.Rat {
	sum := new(big.Rat)
	for _, v := range z {
		sum.Add(sum, v)
	}
	out := make([]*big.Rat, len(z))
	for i, v := range z {
		out[i] = new(big.Rat).Quo(v, sum)
	}
	return out
}

func normalizeFloat(z []float64) []float64 {
	sum := 0.0
	for _, v := range z {
		sum += v
	}
	out := make([]float64, len(z))
	for i, v := range z {
		out[i] = v / sum
	}
	return out
}

func closeProfiles(a, b [][]float64, tol float64) bool {
	for i := range a {
		for s := range a[i] {
			if math.Abs(a[i][s]-b[i][s]) > tol {
				return false
			}
		}
	}
	return true
}
