package game

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"sort"
)

// DefaultTol is the tolerance of floating-point verification: a
// floating-point profile passes if each player's probabilities are
// non-negative and sum to one within DefaultTol, and no player gains more
// than DefaultTol times the range of their own payoffs (largest minus
// smallest) by a pure deviation. Regrets do not change when a constant is
// added to a player's payoffs, so they are computed, and judged, relative to
// that range, not to the payoffs' magnitude.
const DefaultTol = 1e-9

// Equilibrium is a mixed-strategy profile returned by a solver after the
// verifier accepted it.
type Equilibrium struct {
	// Profile[i][s] is the probability that player i plays strategy s.
	Profile [][]float64
	// Exact holds the same probabilities as exact rationals when the solver
	// computed them exactly; nil otherwise.
	Exact [][]*big.Rat
	// Payoffs[i] is player i's expected payoff.
	Payoffs []float64
	// ExactPayoffs are the expected payoffs as exact rationals (nil when
	// Exact is nil).
	ExactPayoffs []*big.Rat
	// Regret is the largest gain any player could make by a pure deviation,
	// as computed by the verifier: exactly 0 for exact equilibria.
	Regret float64
}

// IsPure reports whether every player plays one strategy with probability 1.
func (e *Equilibrium) IsPure() bool {
	for _, p := range e.Profile {
		n := 0
		for _, v := range p {
			if v != 0 {
				n++
			}
		}
		if n != 1 {
			return false
		}
	}
	return true
}

// SupportSize returns the total number of strategies played with positive
// probability, summed over players.
func (e *Equilibrium) SupportSize() int {
	n := 0
	for _, p := range e.Profile {
		for _, v := range p {
			if v > 0 {
				n++
			}
		}
	}
	return n
}

// ErrNotEquilibrium is returned (wrapped) when a solver produced a profile
// that the verifier rejects: a defect of the method, never of the input.
var ErrNotEquilibrium = errors.New("game: solver returned a profile that is not a Nash equilibrium")

func (g *Game) checkShape(n int, lens func(i int) int) error {
	if n != len(g.dims) {
		return fmt.Errorf("game: profile has %d players, the game %d", n, len(g.dims))
	}
	for i, d := range g.dims {
		if lens(i) != d {
			return fmt.Errorf("game: player %d has %d probabilities for %d strategies", i+1, lens(i), d)
		}
	}
	return nil
}

// Ranges returns each player's smallest payoff and the range (largest minus
// smallest) of their payoffs, in floating point.
func (g *Game) Ranges() (lo, span []float64) {
	n := len(g.dims)
	lo = make([]float64, n)
	span = make([]float64, n)
	for i := range n {
		a, b := math.Inf(1), math.Inf(-1)
		for k := i; k < len(g.fl); k += n {
			a, b = math.Min(a, g.fl[k]), math.Max(b, g.fl[k])
		}
		lo[i], span[i] = a, b-a
	}
	return lo, span
}

// Regret returns each player's expected payoff under the mixed profile and
// the largest gain each could make by switching to a pure strategy, in
// floating point. Payoffs are shifted by each player's minimum before
// summing, so that a large common offset costs no precision.
func (g *Game) Regret(profile [][]float64) (payoffs, regrets []float64, err error) {
	if err := g.checkShape(len(profile), func(i int) int { return len(profile[i]) }); err != nil {
		return nil, nil, err
	}
	n := len(g.dims)
	lo, _ := g.Ranges()
	payoffs = make([]float64, n)
	regrets = make([]float64, n)
	supp := make([][]int, n)
	for j, p := range profile {
		for s, v := range p {
			if v != 0 {
				supp[j] = append(supp[j], s)
			}
		}
	}
	u := make([]float64, 0, 16)
	for i := range n {
		u = append(u[:0], make([]float64, g.dims[i])...)
		g.forOpponents(i, supp, func(base int, js []int) {
			w := 1.0
			for j, s := range js {
				if j != i {
					w *= profile[j][s]
				}
			}
			for s := range g.dims[i] {
				u[s] += w * (g.fl[(base+s*g.stride[i])*n+i] - lo[i])
			}
		})
		best, val, mass := math.Inf(-1), 0.0, 0.0
		for s, v := range u {
			best = math.Max(best, v)
			val += profile[i][s] * v
			mass += profile[i][s]
		}
		// The opponents' probabilities sum to one (up to rounding), so the
		// shift comes back as lo·(own mass).
		payoffs[i] = val + lo[i]*mass
		regrets[i] = math.Max(0, best-val)
	}
	return payoffs, regrets, nil
}

// forOpponents calls f for every combination of the other players'
// strategies in supp (player i's entry is ignored), with the profile index of
// that combination with player i at strategy 0. js[i] is left 0.
func (g *Game) forOpponents(i int, supp [][]int, f func(base int, js []int)) {
	n := len(g.dims)
	pos := make([]int, n)
	js := make([]int, n)
	for j := range n {
		if j != i && len(supp[j]) == 0 {
			return
		}
	}
	for {
		base := 0
		for j := range n {
			if j != i {
				js[j] = supp[j][pos[j]]
				base += js[j] * g.stride[j]
			}
		}
		f(base, js)
		j := 0
		for ; j < n; j++ {
			if j == i {
				continue
			}
			pos[j]++
			if pos[j] < len(supp[j]) {
				break
			}
			pos[j] = 0
		}
		if j == n {
			return
		}
	}
}

// CheckEquilibrium verifies a floating-point profile: probabilities
// non-negative and summing to one within tol, and no player gaining more than
// tol times the range of their own payoffs by a pure deviation (see
// [DefaultTol]). It returns the expected payoffs and the largest regret, or an
// error saying which condition fails.
func (g *Game) CheckEquilibrium(profile [][]float64, tol float64) (payoffs []float64, regret float64, err error) {
	if err := g.checkShape(len(profile), func(i int) int { return len(profile[i]) }); err != nil {
		return nil, 0, err
	}
	for i, p := range profile {
		sum := 0.0
		for s, v := range p {
			if !(v >= -tol) || math.IsInf(v, 0) {
				return nil, 0, fmt.Errorf("%w: player %d plays strategy %d with probability %g", ErrNotEquilibrium, i+1, s+1, v)
			}
			sum += v
		}
		if math.Abs(sum-1) > tol {
			return nil, 0, fmt.Errorf("%w: player %d's probabilities sum to %g", ErrNotEquilibrium, i+1, sum)
		}
	}
	payoffs, regrets, _ := g.Regret(profile)
	_, span := g.Ranges()
	for i, r := range regrets {
		regret = math.Max(regret, r)
		if lim := tol * span[i]; !(r <= lim) {
			return nil, 0, fmt.Errorf("%w: player %d gains %g > %g by a pure deviation", ErrNotEquilibrium, i+1, r, lim)
		}
	}
	return payoffs, regret, nil
}

// intPayoffs returns player i's payoffs scaled to integers: pay[k*N+i]·L = ints[k]
// for the least common multiple L of their denominators.
func (g *Game) intPayoffs(i int) (ints []big.Int, l *big.Int) {
	n := len(g.dims)
	l = big.NewInt(1)
	gcd := new(big.Int)
	for k := i; k < len(g.pay); k += n {
		d := g.pay[k].Denom()
		if d.Cmp(l) == 0 || d.IsInt64() && d.Int64() == 1 {
			continue
		}
		gcd.GCD(nil, nil, l, d)
		l.Mul(l, new(big.Int).Quo(d, gcd))
	}
	ints = make([]big.Int, len(g.pay)/n)
	q := new(big.Int)
	for k := range ints {
		r := &g.pay[k*n+i]
		q.Quo(l, r.Denom())
		ints[k].Mul(r.Num(), q)
	}
	return ints, l
}

// commonDenominator writes probabilities p as numerators over one positive
// denominator.
func commonDenominator(p []*big.Rat) (nums []big.Int, den *big.Int) {
	den = big.NewInt(1)
	gcd := new(big.Int)
	for _, v := range p {
		d := v.Denom()
		gcd.GCD(nil, nil, den, d)
		den.Mul(den, new(big.Int).Quo(d, gcd))
	}
	nums = make([]big.Int, len(p))
	for s, v := range p {
		nums[s].Mul(v.Num(), new(big.Int).Quo(den, v.Denom()))
	}
	return nums, den
}

// ExactRegret returns each player's expected payoff under an exact mixed
// profile and the largest gain each could make by a pure deviation, exactly.
func (g *Game) ExactRegret(profile [][]*big.Rat) (payoffs, regrets []*big.Rat, err error) {
	if err := g.checkShape(len(profile), func(i int) int { return len(profile[i]) }); err != nil {
		return nil, nil, err
	}
	n := len(g.dims)
	nums := make([][]big.Int, n)
	dens := make([]*big.Int, n)
	supp := make([][]int, n)
	for j, p := range profile {
		for s, v := range p {
			if v == nil {
				return nil, nil, fmt.Errorf("game: player %d has no probability for strategy %d", j+1, s+1)
			}
			if v.Sign() != 0 {
				supp[j] = append(supp[j], s)
			}
		}
		nums[j], dens[j] = commonDenominator(p)
	}
	payoffs = make([]*big.Rat, n)
	regrets = make([]*big.Rat, n)
	w, t := new(big.Int), new(big.Int)
	for i := range n {
		ints, l := g.intPayoffs(i)
		u := make([]big.Int, g.dims[i])
		g.forOpponents(i, supp, func(base int, js []int) {
			w.SetInt64(1)
			for j, s := range js {
				if j != i {
					w.Mul(w, &nums[j][s])
				}
			}
			for s := range g.dims[i] {
				u[s].Add(&u[s], t.Mul(w, &ints[base+s*g.stride[i]]))
			}
		})
		// u[s]/(L·∏_{j≠i} D_j) is the expected payoff of pure strategy s.
		scale := new(big.Int).Set(l)
		for j := range n {
			if j != i {
				scale.Mul(scale, dens[j])
			}
		}
		val := new(big.Int)
		best := new(big.Int).Set(&u[0])
		for s := range u {
			val.Add(val, t.Mul(&nums[i][s], &u[s]))
			if u[s].Cmp(best) > 0 {
				best.Set(&u[s])
			}
		}
		// val/(D_i·scale) is the expected payoff; best/scale the best reply's.
		denom := new(big.Int).Mul(dens[i], scale)
		payoffs[i] = new(big.Rat).SetFrac(val, denom)
		reg := new(big.Int).Mul(best, dens[i])
		reg.Sub(reg, val)
		regrets[i] = new(big.Rat).SetFrac(reg, denom)
	}
	return payoffs, regrets, nil
}

// CheckExactEquilibrium verifies an exact profile: probabilities
// non-negative and summing to exactly one, and no pure deviation gaining
// anything. It returns the exact expected payoffs.
func (g *Game) CheckExactEquilibrium(profile [][]*big.Rat) ([]*big.Rat, error) {
	if err := g.checkShape(len(profile), func(i int) int { return len(profile[i]) }); err != nil {
		return nil, err
	}
	one := big.NewRat(1, 1)
	for i, p := range profile {
		sum := new(big.Rat)
		for s, v := range p {
			if v == nil || v.Sign() < 0 {
				return nil, fmt.Errorf("%w: player %d plays strategy %d with probability %v", ErrNotEquilibrium, i+1, s+1, v)
			}
			sum.Add(sum, v)
		}
		if sum.Cmp(one) != 0 {
			return nil, fmt.Errorf("%w: player %d's probabilities sum to %v", ErrNotEquilibrium, i+1, sum)
		}
	}
	payoffs, regrets, err := g.ExactRegret(profile)
	if err != nil {
		return nil, err
	}
	for i, r := range regrets {
		if r.Sign() > 0 {
			return nil, fmt.Errorf("%w: player %d gains %v by a pure deviation", ErrNotEquilibrium, i+1, r.RatString())
		}
	}
	return payoffs, nil
}

// exactEquilibrium verifies an exact profile and returns it as an
// [Equilibrium]; its error wraps [ErrNotEquilibrium] when the check fails.
func (g *Game) exactEquilibrium(profile [][]*big.Rat) (Equilibrium, error) {
	pay, err := g.CheckExactEquilibrium(profile)
	if err != nil {
		return Equilibrium{}, err
	}
	e := Equilibrium{Exact: profile, ExactPayoffs: pay}
	e.Profile = make([][]float64, len(profile))
	for i, p := range profile {
		e.Profile[i] = make([]float64, len(p))
		for s, v := range p {
			e.Profile[i][s], _ = v.Float64()
		}
	}
	e.Payoffs = make([]float64, len(pay))
	for i, v := range pay {
		e.Payoffs[i], _ = v.Float64()
	}
	return e, nil
}

// floatEquilibrium verifies a floating-point profile within tol and returns
// it as an [Equilibrium].
func (g *Game) floatEquilibrium(profile [][]float64, tol float64) (Equilibrium, error) {
	pay, regret, err := g.CheckEquilibrium(profile, tol)
	if err != nil {
		return Equilibrium{}, err
	}
	return Equilibrium{Profile: profile, Payoffs: pay, Regret: regret}, nil
}

// sortEquilibria puts equilibria in the canonical order: lexicographically
// by their probability vectors (player 1's first), largest first, so pure
// profiles on early strategies come first. Exact probabilities compare
// exactly; floating-point ones count as equal within orderTol, so that
// rounding does not reorder equilibria that share a probability.
func sortEquilibria(es []Equilibrium) {
	sort.SliceStable(es, func(a, b int) bool { return compareProfiles(&es[a], &es[b]) > 0 })
}

const orderTol = 1e-9

func compareProfiles(a, b *Equilibrium) int {
	for i := range a.Profile {
		for s := range a.Profile[i] {
			var c int
			if a.Exact != nil && b.Exact != nil {
				c = a.Exact[i][s].Cmp(b.Exact[i][s])
			} else {
				x, y := a.Profile[i][s], b.Profile[i][s]
				switch {
				case x > y+orderTol:
					c = 1
				case x < y-orderTol:
					c = -1
				}
			}
			if c != 0 {
				return c
			}
		}
	}
	return 0
}
