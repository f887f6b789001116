package game

import (
	"errors"
	"math"
	"math/big"
)

// A tableau is a dictionary of the system M z + s = 1, z, s ≥ 0, for a k×d
// matrix M: k basic variables (one per row) written in terms of d nonbasic
// ones. Variables 0…d−1 are z, d…d+k−1 the slacks s. Column 0 of the
// dictionary is the right-hand side (the values of the basic variables);
// column c ≥ 1 belongs to the nonbasic variable nonbasic[c−1].
//
// Degeneracy is resolved by the lexicographic rule (Dantzig, Orden & Wolfe,
// Pacific J. Math. 5, 1955): the right-hand side is perturbed to
// 1 + (ε, ε², …, εᵏ), which the ratio test implements by breaking ties on the
// columns of the slacks in order. Every basis stays lexicographically
// feasible, the perturbed polytope is simple, and its vertices map onto the
// vertices of the unperturbed one.
type tableau interface {
	// ratio returns the row that leaves when column c (1…d) enters, by the
	// lexicographic minimum-ratio test, or −1 if no entry of the column is
	// positive.
	ratio(c int) int
	// pivot exchanges the basic variable of row r with the nonbasic variable
	// of column c.
	pivot(r, c int) error
	// zeroRHS reports whether the basic variable of row r is zero.
	zeroRHS(r int) bool
	// vars returns the basic variable of each row and the nonbasic variable
	// of each column 1…d (at index c−1); the slices are the tableau's own.
	vars() (basic, nonbasic []int)
}

// errWidth reports that an exact tableau needs wider integers: the previous
// pivot had more trailing zero bits than the chosen width leaves room for.
var errWidth = errors.New("game: integer width exceeded")

// exactTableau is a fraction-free integer tableau (Edmonds, "Systems of
// distinct representatives and linear algebra", J. Res. NBS 71B, 1967; the
// form lrs uses, Avis, "lrs: a revised implementation of the reverse search
// vertex enumeration algorithm", 2000): entries are det·(B⁻¹[M I 1]) for
// the basis matrix B, all integers, each a k×k minor of [M I 1].
type exactTableau struct {
	k, d, w  int
	maxTZ    uint     // largest number of trailing zero bits of det the width allows
	t        []uint64 // entry (i, j) at ((i*(d+1))+j)*w, j = 0 the right-hand side
	f        []float64
	det      []uint64 // positive
	basic    []int
	nonbasic []int
	slackAt  []int // slackAt[p] = row of slack p if basic, else −(column)−1

	num, q, inv, odd, tmp, scr, piv, zero []uint64
	pinv, rinv                            []uint64 // pivot and pivot row times inv
	ties, next                            []int
	pow                                   []float64 // pow[i] = 2^(64(i−W+1))
}

func (x *exactTableau) entry(i, j int) []uint64 {
	o := (i*(x.d+1) + j) * x.w
	return x.t[o : o+x.w]
}

// newExactTableau builds the tableau of the basis of slacks (z = 0) for the
// positive integer matrix m (k rows). Its integers have width words so that
// every minor, bounded by Hadamard's inequality, fits with 64 bits of room.
func newExactTableau(m [][]*big.Int, extraWords int) *exactTableau {
	k, d := len(m), len(m[0])
	// log2 of the Euclidean norms of the columns of [M I 1].
	norms := make([]float64, 0, d+k+1)
	for j := range d {
		s := new(big.Float)
		for i := range k {
			v := new(big.Float).SetInt(m[i][j])
			s.Add(s, v.Mul(v, v))
		}
		mant := new(big.Float)
		e := s.MantExp(mant)
		f, _ := mant.Float64()
		norms = append(norms, (math.Log2(f)+float64(e))/2)
	}
	for range k {
		norms = append(norms, 0)
	}
	norms = append(norms, math.Log2(float64(k))/2)
	// The k largest norms bound every k×k minor.
	sortDesc(norms)
	h := 0.0
	for _, v := range norms[:k] {
		h += v
	}
	hb := int(math.Ceil(h*(1+1e-12))) + 2
	w := (hb+64+63)/64 + extraWords
	x := &exactTableau{
		k: k, d: d, w: w,
		maxTZ:    uint(64*w - hb - 1),
		t:        make([]uint64, k*(d+1)*w),
		f:        make([]float64, k*(d+1)),
		det:      make([]uint64, w),
		basic:    make([]int, k),
		nonbasic: make([]int, d),
		slackAt:  make([]int, k),
		num:      make([]uint64, w),
		q:        make([]uint64, w),
		inv:      make([]uint64, w),
		odd:      make([]uint64, w),
		tmp:      make([]uint64, 10*w),
		scr:      make([]uint64, w),
		piv:      make([]uint64, w),
		zero:     make([]uint64, w),
		pinv:     make([]uint64, w),
		rinv:     make([]uint64, (d+1)*w),
	}
	x.pow = make([]float64, w)
	for i := range w {
		x.pow[i] = math.Ldexp(1, 64*(i-w+1))
	}
	x.det[0] = 1
	for i := range k {
		x.basic[i] = d + i
		x.slackAt[i] = i
		x.entry(i, 0)[0] = 1
		for j := range d {
			wFromBig(x.entry(i, j+1), m[i][j])
		}
	}
	for j := range d {
		x.nonbasic[j] = j
	}
	x.refreshFloats()
	return x
}

func sortDesc(a []float64) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] > a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func (x *exactTableau) vars() ([]int, []int) { return x.basic, x.nonbasic }

func (x *exactTableau) zeroRHS(r int) bool { return wIsZero(x.entry(r, 0)) }

// pivot performs the fraction-free pivot on entry (r, c):
// t'ᵢⱼ = (tᵢⱼ·t_rc − tᵢ_c·t_rⱼ)/det for i ≠ r, row r unchanged, the column of
// the leaving variable det·e_r − (old column c), and det' = t_rc; then every
// entry is negated if det' < 0 so that det stays positive.
func (x *exactTableau) pivot(r, c int) error {
	w, d := x.w, x.d
	piv := x.piv
	copy(piv, x.entry(r, c))
	sgn := wSign(piv)
	if sgn == 0 {
		return errors.New("game: pivot on a zero entry")
	}
	tz := wTrailingZeros(x.det)
	if tz > x.maxTZ {
		return errWidth
	}
	wShr(x.odd, x.det, tz)
	wInverse(x.inv, x.odd, x.tmp)
	nbits := uint(64*w) - tz
	// With inv the inverse of the odd part of det, (e·p − t·r_j)·inv is
	// q·2^tz modulo 2^(64W) for the exact quotient q; multiplying the pivot
	// and the pivot row by inv once saves a product per entry.
	wMulLow(x.pinv, piv, x.inv)
	for j := 0; j <= d; j++ {
		if j != c {
			wMulLow(x.rinv[j*w:(j+1)*w], x.entry(r, j), x.inv)
		}
	}
	for i := range x.k {
		if i == r {
			continue
		}
		tic := x.entry(i, c)
		ticCopy := x.scr
		copy(ticCopy, tic)
		x.pivotRow(i, c, ticCopy, x.pinv, tz, nbits, sgn < 0)
		// Column of the leaving variable: −t_ic (negated again if det' < 0).
		if sgn > 0 {
			wNeg(tic, ticCopy)
		} else {
			copy(tic, ticCopy)
		}
		x.f[i*(d+1)+c] = x.floatOf(tic)
	}
	rc := x.entry(r, c)
	if sgn > 0 {
		copy(rc, x.det)
		copy(x.det, piv)
	} else {
		for j := 0; j <= d; j++ {
			if j != c {
				e := x.entry(r, j)
				wNeg(e, e)
			}
		}
		wNeg(rc, x.det)
		wNeg(x.det, piv)
	}
	// Exchange the variables.
	in, out := x.nonbasic[c-1], x.basic[r]
	x.basic[r], x.nonbasic[c-1] = in, out
	if in >= d {
		x.slackAt[in-d] = r
	}
	if out >= d {
		x.slackAt[out-d] = -c - 1
	}
	for j := 0; j <= d; j++ {
		x.f[r*(d+1)+j] = x.floatOf(x.entry(r, j))
	}
	return nil
}

// floatOf returns the float shadow of an entry t for the ratio tests'
// filter: t·2^(−64(W−1)) for t ≥ 0 (every ratio compares two entries, so the
// common scale cancels) and −1 for t < 0, which no ratio test reads. Zero
// maps to zero and positive entries to positive floats, so sign tests on the
// shadow are exact. Summing the words, each rounded, leaves a relative error
// below W·2⁻⁵³.
func (x *exactTableau) floatOf(e []uint64) float64 {
	w := x.w
	if int64(e[w-1]) < 0 {
		return -1
	}
	if w > 16 {
		// 2^(−64(W−1)) would underflow: scale by 2^(−64·top) per entry is
		// not common to all, so use the exact mantissa and exponent and let
		// the ratio tests fall back to exact comparisons when out of range.
		m, ex := wFloat(e, x.scr)
		return math.Ldexp(m, ex-64*(w-1))
	}
	v := 0.0
	for i := w - 1; i >= 0; i-- {
		if e[i] != 0 {
			v += float64(e[i]) * x.pow[i]
		}
	}
	return v
}

func (x *exactTableau) refreshFloats() {
	for k, o := 0, 0; k < len(x.f); k, o = k+1, o+x.w {
		x.f[k] = x.floatOf(x.t[o : o+x.w])
	}
}

// lexValue returns, for the lexicographic tie-break at level p (the slack
// p's column of the full tableau), the entry in row i: det or 0 when slack p
// is basic, else the entry of its column. It returns nil for zero.
func (x *exactTableau) lexValue(i, p int) []uint64 {
	at := x.slackAt[p]
	if at >= 0 {
		if at == i {
			return x.det
		}
		return nil
	}
	return x.entry(i, -at-1)
}

// floatsReliable reports whether a float ratio can be trusted to order
// candidates: finite and far from underflow.
// exactMin adds row i to the rows of least ratio rhs/t_ic found so far
// (ties), comparing exactly: sign(rhs_i/t_ic − rhs_b/t_bc) is the sign of
// rhs_i·t_bc − rhs_b·t_ic, both t positive.
func (x *exactTableau) exactMin(ties []int, i, c int) []int {
	if len(ties) == 0 {
		return append(ties, i)
	}
	b := ties[0]
	switch s := wCmpProducts(x.entry(i, 0), x.entry(b, c), x.entry(b, 0), x.entry(i, c), x.tmp); {
	case s < 0:
		return append(ties[:0], i)
	case s == 0:
		return append(ties, i)
	}
	return ties
}

func floatsReliable(v float64) bool {
	return v == 0 || (v > 1e-280 && v < 1e280)
}

func (x *exactTableau) ratio(c int) int {
	d1 := x.d + 1
	ties := x.ties[:0]
	if x.w > 16 {
		// Beyond 16 words the shadow is not a common scaling of the
		// entries (it would leave the float64 range): compare exactly.
		for i := range x.k {
			if wSign(x.entry(i, c)) > 0 {
				ties = x.exactMin(ties, i, c)
			}
		}
	} else {
		// Float pass: the row of the least ratio rhs/t_ic among positive
		// t_ic (the shadow's sign is exact).
		best, bestV, reliable := -1, 0.0, true
		for i := range x.k {
			a := x.f[i*d1+c]
			if a <= 0 {
				continue
			}
			v := x.f[i*d1] / a
			if !floatsReliable(v) {
				reliable = false
			}
			if best < 0 || v < bestV {
				best, bestV = i, v
			}
		}
		if best < 0 {
			return -1
		}
		// Exact pass over the rows whose float ratio is not clearly larger:
		// float ratios carry a relative error below 1e-15.
		lim := bestV * (1 + 1e-12)
		for i := range x.k {
			a := x.f[i*d1+c]
			if a <= 0 || reliable && i != best && x.f[i*d1]/a > lim {
				continue
			}
			ties = x.exactMin(ties, i, c)
		}
	}
	if len(ties) == 0 {
		return -1
	}
	x.ties = ties
	if len(ties) == 1 {
		return ties[0]
	}
	// Lexicographic tie-break on the slack columns in order.
	zero := x.zero
	for p := 0; p < x.k && len(ties) > 1; p++ {
		next := append(x.next[:0], ties[0])
		for _, i := range ties[1:] {
			b := next[0]
			vi, vb := x.lexValue(i, p), x.lexValue(b, p)
			if vi == nil {
				vi = zero
			}
			if vb == nil {
				vb = zero
			}
			s := wCmpProducts(vi, x.entry(b, c), vb, x.entry(i, c), x.tmp)
			switch {
			case s < 0:
				next = append(next[:0], i)
			case s == 0:
				next = append(next, i)
			}
		}
		ties, x.next = next, ties
	}
	x.ties = ties
	return ties[0]
}

// floatTableau is the same dictionary in floating point, f = B⁻¹[M I 1],
// refactored from the basis every refactorEvery pivots to bound the drift.
// Entries within tol of zero count as zero.
type floatTableau struct {
	k, d     int
	m        []float64 // the original k×d matrix, row-major
	f        []float64 // k × (d+1)
	basic    []int
	nonbasic []int
	slackAt  []int
	tol      float64
	pivots   int
	lu       []float64 // scratch for refactoring: k × (k + d + 1)

	ties, next []int
}

const refactorEvery = 32

func newFloatTableau(m []float64, k, d int, tol float64) *floatTableau {
	x := &floatTableau{
		k: k, d: d, m: m, tol: tol,
		f:        make([]float64, k*(d+1)),
		basic:    make([]int, k),
		nonbasic: make([]int, d),
		slackAt:  make([]int, k),
		lu:       make([]float64, k*(k+d+1)),
	}
	for i := range k {
		x.basic[i] = d + i
		x.slackAt[i] = i
		x.f[i*(d+1)] = 1
		copy(x.f[i*(d+1)+1:(i+1)*(d+1)], m[i*d:(i+1)*d])
	}
	for j := range d {
		x.nonbasic[j] = j
	}
	return x
}

func (x *floatTableau) vars() ([]int, []int) { return x.basic, x.nonbasic }

func (x *floatTableau) zeroRHS(r int) bool { return math.Abs(x.f[r*(x.d+1)]) <= x.tol }

func (x *floatTableau) pivot(r, c int) error {
	d1 := x.d + 1
	f := x.f
	piv := f[r*d1+c]
	if math.Abs(piv) <= x.tol {
		return errors.New("game: floating-point pivot on a (near) zero entry")
	}
	row := f[r*d1 : (r+1)*d1]
	for j := range row {
		if j != c {
			row[j] /= piv
		}
	}
	row[c] = 1 / piv
	for i := range x.k {
		if i == r {
			continue
		}
		ri := f[i*d1 : (i+1)*d1]
		a := ri[c]
		if a == 0 {
			continue
		}
		for j := range ri {
			if j != c {
				ri[j] -= a * row[j]
			}
		}
		ri[c] = -a / piv
	}
	// Round-off can leave a degenerate zero slightly negative: clamp, so
	// the ratio tests need not.
	for i := range x.k {
		if f[i*d1] < 0 {
			f[i*d1] = 0
		}
	}
	in, out := x.nonbasic[c-1], x.basic[r]
	x.basic[r], x.nonbasic[c-1] = in, out
	if in >= x.d {
		x.slackAt[in-x.d] = r
	}
	if out >= x.d {
		x.slackAt[out-x.d] = -c - 1
	}
	x.pivots++
	if x.pivots >= refactorEvery {
		return x.refactor()
	}
	return nil
}

// refactor recomputes the dictionary from the basis by Gauss–Jordan
// elimination with partial pivoting on [B | N | 1].
func (x *floatTableau) refactor() error {
	k, d := x.k, x.d
	cols := k + d + 1
	a := x.lu
	col := func(v int, i int) float64 { // column of variable v in [M I], row i
		if v < d {
			return x.m[i*d+v]
		}
		if v-d == i {
			return 1
		}
		return 0
	}
	for i := range k {
		r := a[i*cols : (i+1)*cols]
		for j, v := range x.basic {
			r[j] = col(v, i)
		}
		for j, v := range x.nonbasic {
			r[k+j] = col(v, i)
		}
		r[k+d] = 1
	}
	for p := range k {
		best, bv := p, math.Abs(a[p*cols+p])
		for i := p + 1; i < k; i++ {
			if v := math.Abs(a[i*cols+p]); v > bv {
				best, bv = i, v
			}
		}
		if bv == 0 {
			return errors.New("game: singular basis in floating point")
		}
		if best != p {
			for j := range cols {
				a[p*cols+j], a[best*cols+j] = a[best*cols+j], a[p*cols+j]
			}
		}
		pr := a[p*cols : (p+1)*cols]
		inv := 1 / pr[p]
		for j := p; j < cols; j++ {
			pr[j] *= inv
		}
		for i := range k {
			if i == p {
				continue
			}
			ri := a[i*cols : (i+1)*cols]
			f := ri[p]
			if f == 0 {
				continue
			}
			for j := p; j < cols; j++ {
				ri[j] -= f * pr[j]
			}
		}
	}
	// Row p now belongs to basic[p]: B⁻¹ applied to [N | 1].
	for i := range k {
		ri := a[i*cols : (i+1)*cols]
		x.f[i*(d+1)] = math.Max(0, ri[k+d])
		copy(x.f[i*(d+1)+1:(i+1)*(d+1)], ri[k:k+d])
	}
	x.pivots = 0
	return nil
}

func (x *floatTableau) lexValue(i, p int) float64 {
	at := x.slackAt[p]
	if at >= 0 {
		if at == i {
			return 1
		}
		return 0
	}
	return x.f[i*(x.d+1)-at-1]
}

func (x *floatTableau) ratio(c int) int {
	d1 := x.d + 1
	f, tol := x.f, x.tol
	// Least rhs/a over a > tol, compared by cross-multiplication (a > 0;
	// rhs ≥ 0, clamped by pivot), and the runner-up, which tells whether
	// a second pass for ties is needed.
	best, bestR, bestA := -1, 0.0, 1.0
	secR, secA := math.Inf(1), 1.0
	for i := range x.k {
		a := f[i*d1+c]
		if a <= tol {
			continue
		}
		rhs := f[i*d1]
		if rhs*bestA < bestR*a || best < 0 {
			secR, secA = bestR, bestA
			if best < 0 {
				secR = math.Inf(1)
			}
			best, bestR, bestA = i, rhs, a
		} else if rhs*secA < secR*a {
			secR, secA = rhs, a
		}
	}
	if best < 0 {
		return -1
	}
	lim := bestR/bestA + tol
	if !(secR/secA <= lim) {
		return best // no ratio within tol of the least
	}
	ties := x.ties[:0]
	for i := range x.k {
		a := f[i*d1+c]
		if a <= tol {
			continue
		}
		if rhs := f[i*d1]; rhs <= lim*a {
			ties = append(ties, i)
		}
	}
	x.ties = ties
	if len(ties) <= 1 {
		return best
	}
	for p := 0; p < x.k && len(ties) > 1; p++ {
		next := x.next[:0]
		bv := 0.0
		for _, i := range ties {
			v := x.lexValue(i, p) / f[i*d1+c]
			switch {
			case len(next) == 0 || v < bv-x.tol:
				next = append(next[:0], i)
				bv = v
			case v <= bv+x.tol:
				next = append(next, i)
			}
		}
		ties, x.next = next, ties
	}
	x.ties = ties
	return ties[0]
}
