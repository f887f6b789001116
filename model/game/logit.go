package game

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
)

// Logit quantal response equilibria (McKelvey & Palfrey, "Quantal response
// equilibria for normal form games", Games and Economic Behavior 10, 1995):
// each player plays strategy s with probability proportional to
// exp(λ·uᵢ(s, σ₋ᵢ)). At λ = 0 the only solution is uniform play; as λ grows
// the principal branch of solutions leads to a Nash equilibrium, the "logit
// solution", for almost every game. The branch is followed by arclength
// predictor–corrector continuation (Allgower & Georg, "Introduction to
// Numerical Continuation Methods", 1990) in the coordinates (ln σ, λ), as
// Turocy does ("A dynamic homotopy interpretation of the logistic quantal
// response equilibrium correspondence", GEB 51, 2005). Each player's
// payoffs are scaled to the range [0, 1] first, so λ is unit-free.
//
// Near its end the branch is only close to an equilibrium (every strategy
// keeps a positive probability), so at λ = 10, 20, 40, … and wherever the
// branch turns back, the strategies with non-negligible probability are
// taken as the support and Newton's method solves the indifference
// conditions on it; a result is returned only once the verifier accepts it. For 2-player games the support system is then
// solved again exactly, and the exact profile returned when it verifies.
// A bifurcation of the branch cannot make this return a non-equilibrium
// (gambit-logit does on contrib__2x2x2.nfg): if the continuation fails, the
// branch of a slightly perturbed game is followed instead (see [Logit]), and
// at worst the method fails with an error.

// qre holds the scaled payoffs of a game for the logit computations.
type qre struct {
	g    *Game
	n    int
	off  []int     // offset of player i's strategies in the stacked vectors
	dim  int       // total number of strategies
	pay  []float64 // scaled payoffs, as g.fl, that the branch follows
	orig []float64 // the game's own scaled payoffs, for polishing
	sig  []float64 // σ, stacked
	u    []float64 // uᵢ(s, σ₋ᵢ), stacked
	v    []float64 // v[(off_i+s)*dim + off_j+t] = ∂uᵢ(s)/∂σⱼ(t), j ≠ i
	fact []float64
}

func newQRE(g *Game) *qre {
	n := g.NumPlayers()
	q := &qre{g: g, n: n, off: make([]int, n+1), pay: make([]float64, len(g.fl)), fact: make([]float64, n)}
	for i, d := range g.dims {
		q.off[i+1] = q.off[i] + d
	}
	q.dim = q.off[n]
	lo, span := g.Ranges()
	for k, v := range g.fl {
		i := k % n
		if span[i] > 0 {
			q.pay[k] = (v - lo[i]) / span[i]
		}
	}
	q.orig = append([]float64(nil), q.pay...)
	q.sig = make([]float64, q.dim)
	q.u = make([]float64, q.dim)
	q.v = make([]float64, q.dim*q.dim)
	return q
}

// payoffs fills u and, with deriv, v from sig, by one pass over the pure
// profiles; the products leaving out one or two players are formed
// directly, not by division, so tiny probabilities cost no accuracy.
func (q *qre) payoffs(deriv bool) {
	n, g := q.n, q.g
	for k := range q.u {
		q.u[k] = 0
	}
	if deriv {
		for k := range q.v {
			q.v[k] = 0
		}
	}
	prof := make([]int, n)
	for k := range g.NumProfiles() {
		if k > 0 {
			for i := 0; i < n; i++ {
				prof[i]++
				if prof[i] < g.dims[i] {
					break
				}
				prof[i] = 0
			}
		}
		for i := range n {
			q.fact[i] = q.sig[q.off[i]+prof[i]]
		}
		for i := range n {
			a := q.pay[k*n+i]
			if a == 0 {
				continue
			}
			w := a
			for l := range n {
				if l != i {
					w *= q.fact[l]
				}
			}
			q.u[q.off[i]+prof[i]] += w
			if !deriv {
				continue
			}
			for j := range n {
				if j == i {
					continue
				}
				w2 := a
				for l := range n {
					if l != i && l != j {
						w2 *= q.fact[l]
					}
				}
				q.v[(q.off[i]+prof[i])*q.dim+q.off[j]+prof[j]] += w2
			}
		}
	}
}

// system evaluates H(z) and its Jacobian (dim × (dim+1)) at z = (ln σ, λ):
// for each player i and strategy s ≥ 1, ln σᵢ(s) − ln σᵢ(0) − λ(uᵢ(s) − uᵢ(0)),
// and Σₛ σᵢ(s) − 1.
func (q *qre) system(z []float64, h []float64, jac [][]float64) {
	dim := q.dim
	lam := z[dim]
	for k := range dim {
		q.sig[k] = math.Exp(z[k])
	}
	q.payoffs(jac != nil)
	for i := range q.n {
		o, d := q.off[i], q.off[i+1]-q.off[i]
		for s := 1; s < d; s++ {
			r := o + s - 1
			h[r] = z[o+s] - z[o] - lam*(q.u[o+s]-q.u[o])
			if jac == nil {
				continue
			}
			row := jac[r]
			for c := range row {
				row[c] = 0
			}
			row[o+s], row[o] = 1, -1
			for j := range q.n {
				if j == i {
					continue
				}
				for t := q.off[j]; t < q.off[j+1]; t++ {
					// chain rule through σ = exp(ln σ)
					row[t] = -lam * (q.v[(o+s)*dim+t] - q.v[o*dim+t]) * q.sig[t]
				}
			}
			row[dim] = -(q.u[o+s] - q.u[o])
		}
		r := o + d - 1
		sum := -1.0
		for s := range d {
			sum += q.sig[o+s]
		}
		h[r] = sum
		if jac != nil {
			row := jac[r]
			for c := range row {
				row[c] = 0
			}
			for s := range d {
				row[o+s] = q.sig[o+s]
			}
		}
	}
}

// solveDense solves a·x = b by Gaussian elimination with partial pivoting;
// a and b are overwritten.
func solveDense(a [][]float64, b []float64) ([]float64, error) {
	n := len(b)
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if a[p][c] == 0 || math.IsNaN(a[p][c]) {
			return nil, errors.New("singular matrix")
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			if f == 0 {
				continue
			}
			for k := c; k < n; k++ {
				a[r][k] -= f * a[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := b[r]
		for k := r + 1; k < n; k++ {
			s -= a[r][k] * x[k]
		}
		x[r] = s / a[r][r]
	}
	return x, nil
}

func matrix(r, c int) [][]float64 {
	m := make([][]float64, r)
	for i := range m {
		m[i] = make([]float64, c)
	}
	return m
}

// tangent returns the unit null vector of the dim × (dim+1) Jacobian with a
// positive inner product with prev, by solving [J; prevᵀ]·t = [0; 1].
func tangent(jac [][]float64, prev []float64) ([]float64, error) {
	n := len(prev)
	a := matrix(n, n)
	for r := range n - 1 {
		copy(a[r], jac[r])
	}
	copy(a[n-1], prev)
	b := make([]float64, n)
	b[n-1] = 1
	t, err := solveDense(a, b)
	if err != nil {
		return nil, err
	}
	norm := 0.0
	for _, v := range t {
		norm += v * v
	}
	norm = math.Sqrt(norm)
	for k := range t {
		t[k] /= norm
	}
	return t, nil
}

// LogitMaxLambda is where the continuation gives up: λ, on payoffs scaled to
// [0, 1], beyond which no verified equilibrium was found.
const LogitMaxLambda = 1e8

// Logit follows the principal branch of logit quantal response equilibria of
// g (any number of players) from uniform play at λ = 0 and returns the Nash
// equilibrium it leads to, verified: exactly for 2-player games where the
// support system has a unique exact solution, else within tol (0 means
// [DefaultTol]).
func Logit(g *Game, tol float64) (Equilibrium, error) {
	if tol <= 0 {
		tol = DefaultTol
	}
	if err := g.floatResolvable("logit"); err != nil {
		return Equilibrium{}, err
	}
	q := newQRE(g)
	e, err := q.branch(tol)
	if err == nil {
		return e, nil
	}
	// In degenerate games the branch can meet a bifurcation where the
	// continuation turns back or stalls. A tiny fixed perturbation of the
	// payoffs makes the game generic; its branch leads close to an
	// equilibrium of g, which polishing on g's own payoffs then finds and
	// the verifier checks.
	rng := rand.New(rand.NewPCG(1, 2))
	for k := range q.pay {
		q.pay[k] = q.orig[k] + 1e-7*(rng.Float64()-0.5)
	}
	if e, err2 := q.branch(tol); err2 == nil {
		return e, nil
	}
	return Equilibrium{}, err
}

// branch follows the branch of the payoffs q.pay and polishes on q.orig.
func (q *qre) branch(tol float64) (Equilibrium, error) {
	g := q.g
	dim := q.dim
	z := make([]float64, dim+1)
	for i := range q.n {
		for s := q.off[i]; s < q.off[i+1]; s++ {
			z[s] = -math.Log(float64(g.dims[i]))
		}
	}
	h := make([]float64, dim)
	jac := matrix(dim, dim+1)
	prev := make([]float64, dim+1)
	prev[dim] = 1
	q.system(z, h, jac)
	t, err := tangent(jac, prev)
	if err != nil {
		return Equilibrium{}, fmt.Errorf("logit: %w", err)
	}
	step := 0.05
	nextPolish := 10.0
	maxLambda := 0.0
	var lastErr error
	for iter := 0; iter < 100000; iter++ {
		// Predictor.
		zp := make([]float64, dim+1)
		for k := range zp {
			zp[k] = z[k] + step*t[k]
		}
		// Corrector: Newton steps orthogonal to the tangent.
		ok := false
		iters := 0
		for ; iters < 8; iters++ {
			q.system(zp, h, jac)
			a := matrix(dim+1, dim+1)
			b := make([]float64, dim+1)
			for r := range dim {
				copy(a[r], jac[r])
				b[r] = -h[r]
			}
			copy(a[dim], t)
			dz, err := solveDense(a, b)
			if err != nil {
				break
			}
			norm := 0.0
			for k := range zp {
				zp[k] += dz[k]
				norm = math.Max(norm, math.Abs(dz[k]))
			}
			if norm < 1e-10*(1+math.Abs(zp[dim])) {
				ok = true
				break
			}
			if norm > step {
				break // diverging: shorten the step
			}
		}
		if !ok || zp[dim] < 0 {
			step /= 2
			if step < 1e-12 {
				return Equilibrium{}, fmt.Errorf("logit: the continuation stalled at λ = %g (step below 1e-12)", z[dim])
			}
			continue
		}
		q.system(zp, h, jac)
		tn, err := tangent(jac, t)
		if err != nil {
			step /= 2
			continue
		}
		// Step control by the angle between tangents: a sharp turn taken in
		// one step can let the corrector hop onto a nearby part of the
		// branch, even onto the same branch going back.
		if dot := dotProduct(t, tn); dot < 0.9 && step > 1e-9 {
			step /= 2
			continue
		}
		turned := tn[dim] < 0 && t[dim] >= 0
		copy(z, zp)
		t = tn
		if iters <= 2 {
			step *= 2
		} else if iters >= 5 {
			step /= 2
		}
		maxLambda = math.Max(maxLambda, z[dim])
		// Polish at λ = 10, 20, 40, … and wherever the branch turns back.
		if z[dim] >= nextPolish || turned && z[dim] >= 1 {
			for nextPolish <= z[dim] {
				nextPolish *= 2
			}
			e, err := q.polish(z, tol)
			if err == nil {
				return e, nil
			}
			lastErr = err
		}
		if z[dim] > LogitMaxLambda {
			break
		}
		if z[dim] < 1e-3 && maxLambda >= 1 {
			// Only uniform play solves λ = 0, and near it the branch is a
			// single curve: coming back there means the continuation has
			// retraced its path (it jumped at a sharp turn).
			return Equilibrium{}, fmt.Errorf("logit: the continuation turned back at λ = %g and retraced the branch", maxLambda)
		}
	}
	if lastErr == nil {
		lastErr = errors.New("no equilibrium near the end of the branch")
	}
	return Equilibrium{}, fmt.Errorf("logit: λ reached %g without a verified equilibrium: %w", z[dim], lastErr)
}

// polish takes the strategies with probability above 10⁻⁶ at the branch
// point z as supports, solves the players' indifference conditions on them
// by Newton's method and verifies the result.
func (q *qre) polish(z []float64, tol float64) (Equilibrium, error) {
	g, dim := q.g, q.dim
	path := q.pay
	q.pay = q.orig
	defer func() { q.pay = path }()
	supp := make([][]int, q.n)
	sig := make([]float64, dim)
	for i := range q.n {
		mx := math.Inf(-1)
		for s := q.off[i]; s < q.off[i+1]; s++ {
			mx = math.Max(mx, z[s])
		}
		total := 0.0
		for s := q.off[i]; s < q.off[i+1]; s++ {
			if z[s]-mx > math.Log(1e-6) {
				supp[i] = append(supp[i], s)
				sig[s] = math.Exp(z[s])
				total += sig[s]
			}
		}
		for _, s := range supp[i] {
			sig[s] /= total
		}
	}
	var vars []int
	for i := range q.n {
		vars = append(vars, supp[i]...)
	}
	nv := len(vars)
	for it := 0; it < 60; it++ {
		copy(q.sig, sig)
		q.payoffs(true)
		a := matrix(nv, nv)
		b := make([]float64, nv)
		r := 0
		res := 0.0
		for i := range q.n {
			s0 := supp[i][0]
			for _, s := range supp[i][1:] {
				b[r] = -(q.u[s] - q.u[s0])
				for c, tv := range vars {
					if tv >= q.off[i] && tv < q.off[i+1] {
						continue
					}
					a[r][c] = q.v[s*dim+tv] - q.v[s0*dim+tv]
				}
				res = math.Max(res, math.Abs(b[r]))
				r++
			}
			sum := -1.0
			for c, tv := range vars {
				if tv >= q.off[i] && tv < q.off[i+1] {
					a[r][c] = 1
					sum += sig[tv]
				}
			}
			b[r] = -sum
			res = math.Max(res, math.Abs(sum))
			r++
		}
		if res < 1e-15 {
			break
		}
		dx, err := newtonStep(a, b)
		if err != nil {
			return Equilibrium{}, fmt.Errorf("support system: %w", err)
		}
		for c, tv := range vars {
			sig[tv] += dx[c]
		}
	}
	prof := make([][]float64, q.n)
	for i := range q.n {
		prof[i] = make([]float64, g.dims[i])
		total := 0.0
		for s := range prof[i] {
			v := sig[q.off[i]+s]
			if v < 0 {
				if v < -tol {
					return Equilibrium{}, fmt.Errorf("support solution has probability %g", v)
				}
				v = 0
			}
			prof[i][s] = v
			total += v
		}
		for s := range prof[i] {
			prof[i][s] /= total
		}
	}
	if g.NumPlayers() == 2 {
		if e, err := exactOnSupport(g, prof); err == nil {
			return e, nil
		}
	}
	if e, err := g.rationalize(prof); err == nil {
		return e, nil
	}
	return g.floatEquilibrium(prof, tol)
}

// rationalize tries the simplest fractions near a floating-point profile
// (continued-fraction convergents with denominators up to 10⁶ within 10⁻¹¹)
// and returns the exact profile if it verifies exactly. Equilibria of games
// with rational payoffs are often rational (always for 2 players).
func (g *Game) rationalize(prof [][]float64) (Equilibrium, error) {
	p := make([][]*big.Rat, len(prof))
	for i, q := range prof {
		sum := new(big.Rat)
		for _, v := range q {
			r, ok := simpleFraction(v, 1e6, 1e-11)
			if !ok {
				return Equilibrium{}, errors.New("no simple fraction")
			}
			p[i] = append(p[i], r)
			sum.Add(sum, r)
		}
		if sum.Cmp(big.NewRat(1, 1)) != 0 {
			return Equilibrium{}, errors.New("fractions do not sum to one")
		}
	}
	return g.exactEquilibrium(p)
}

// simpleFraction returns the first continued-fraction convergent of v within
// eps, if its denominator is at most maxDen.
func simpleFraction(v float64, maxDen int64, eps float64) (*big.Rat, bool) {
	if v < 0 || v > 1 || math.IsNaN(v) {
		return nil, false
	}
	// Convergents h/k of v = [a0; a1, a2, …].
	h0, h1 := int64(1), int64(0) // h_{n-1}, h_{n-2}
	k0, k1 := int64(0), int64(1)
	x := v
	for range 64 {
		a := math.Floor(x)
		ai := int64(a)
		h, k := ai*h0+h1, ai*k0+k1
		if k > maxDen {
			return nil, false
		}
		if math.Abs(float64(h)/float64(k)-v) <= eps {
			return big.NewRat(h, k), true
		}
		h1, h0 = h0, h
		k1, k0 = k0, k
		f := x - a
		if f < 1e-300 {
			return nil, false
		}
		x = 1 / f
	}
	return nil, false
}

// exactOnSupport solves a 2-player game's indifference conditions on the
// supports of prof exactly: each player's mix makes the other indifferent
// among the strategies of their support. It returns the exact profile if
// that system is square and regular and the result verifies.
func exactOnSupport(g *Game, prof [][]float64) (Equilibrium, error) {
	a, b := g.matrices()
	var s1, s2 []int
	for s, v := range prof[0] {
		if v > 0 {
			s1 = append(s1, s)
		}
	}
	for s, v := range prof[1] {
		if v > 0 {
			s2 = append(s2, s)
		}
	}
	if len(s1) != len(s2) {
		return Equilibrium{}, errors.New("supports of different sizes")
	}
	k := len(s1)
	// x on s1 with Σx = 1 and (xᵀB)_t equal for t in s2; y likewise with A.
	mix := func(own []int, other []int, pay func(own, other int) *big.Rat) ([]*big.Rat, error) {
		// Unknowns: x_own (k) and the common value w; equations: for each
		// t in other, Σ x_s pay(s,t) − w = 0; and Σ x_s = 1.
		rows := make([][]*big.Rat, k+1)
		for r, t := range other {
			rows[r] = make([]*big.Rat, k+2)
			for c, s := range own {
				rows[r][c] = new(big.Rat).Set(pay(s, t))
			}
			rows[r][k] = big.NewRat(-1, 1)
			rows[r][k+1] = new(big.Rat)
		}
		rows[k] = make([]*big.Rat, k+2)
		for c := range k {
			rows[k][c] = big.NewRat(1, 1)
		}
		rows[k][k] = new(big.Rat)
		rows[k][k+1] = big.NewRat(1, 1)
		sol, err := solveRat(rows)
		if err != nil {
			return nil, err
		}
		return sol[:k], nil
	}
	x, err := mix(s1, s2, func(s, t int) *big.Rat { return b[s][t] })
	if err != nil {
		return Equilibrium{}, err
	}
	y, err := mix(s2, s1, func(t, s int) *big.Rat { return a[s][t] })
	if err != nil {
		return Equilibrium{}, err
	}
	px := make([]*big.Rat, g.dims[0])
	py := make([]*big.Rat, g.dims[1])
	for i := range px {
		px[i] = new(big.Rat)
	}
	for j := range py {
		py[j] = new(big.Rat)
	}
	for c, s := range s1 {
		px[s] = x[c]
	}
	for c, t := range s2 {
		py[t] = y[c]
	}
	return g.exactEquilibrium([][]*big.Rat{px, py})
}

// newtonStep solves a·dx = b, or when a is singular (duplicate strategies
// make the split between them undetermined) takes the damped least-squares
// step (aᵀa + μI)dx = aᵀb of Levenberg and Marquardt with a tiny μ, which
// moves to the nearest solution of a consistent system.
func newtonStep(a [][]float64, b []float64) ([]float64, error) {
	n := len(b)
	ac := matrix(n, n)
	for r := range n {
		copy(ac[r], a[r])
	}
	bc := append([]float64(nil), b...)
	if dx, err := solveDense(ac, bc); err == nil {
		ok := true
		for _, v := range dx {
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e6 {
				ok = false
			}
		}
		if ok {
			return dx, nil
		}
	}
	ata := matrix(n, n)
	atb := make([]float64, n)
	trace := 0.0
	for i := range n {
		for j := range n {
			s := 0.0
			for k := range n {
				s += a[k][i] * a[k][j]
			}
			ata[i][j] = s
		}
		for k := range n {
			atb[i] += a[k][i] * b[k]
		}
		trace += ata[i][i]
	}
	mu := 1e-12 * (trace/float64(n) + 1e-300)
	for i := range n {
		ata[i][i] += mu
	}
	return solveDense(ata, atb)
}

// solveRat solves a square system given as augmented rows exactly.
func solveRat(rows [][]*big.Rat) ([]*big.Rat, error) {
	n := len(rows)
	t := new(big.Rat)
	for c := range n {
		p := -1
		for r := c; r < n; r++ {
			if rows[r][c].Sign() != 0 {
				p = r
				break
			}
		}
		if p < 0 {
			return nil, errors.New("singular support system")
		}
		rows[c], rows[p] = rows[p], rows[c]
		for r := range n {
			if r == c || rows[r][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Quo(rows[r][c], rows[c][c])
			for k := c; k <= n; k++ {
				rows[r][k].Sub(rows[r][k], t.Mul(f, rows[c][k]))
			}
		}
	}
	x := make([]*big.Rat, n)
	for r := range n {
		x[r] = new(big.Rat).Quo(rows[r][n], rows[r][r])
	}
	return x, nil
}

func dotProduct(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
