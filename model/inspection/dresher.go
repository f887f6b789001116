package inspection

import (
	"fmt"
	"math/big"

	"github.com/statecraft/statecraft/model"
)

// DresherSolution is the exact solution of Dresher's game with n periods and
// m inspections.
type DresherSolution struct {
	N, M int
	// Value[k][r] is the value to the inspectee with k periods and r
	// inspections left, by backward induction.
	Value [][]*big.Rat
	// Inspect[k][r] and Violate[k][r] are the equilibrium probabilities of
	// inspecting and of violating in a period with k periods and r
	// inspections left, given that no violation has happened yet.
	Inspect, Violate [][]*big.Rat
	// Per period t = 1..n (index t−1), unconditional probabilities along the
	// equilibrium path: an inspection in t (the game still running), a
	// violation in t, and a violation in t that is caught.
	InspectAt, ViolateAt, CaughtAt []*big.Rat
}

var (
	ratOne    = big.NewRat(1, 1)
	ratMinus1 = big.NewRat(-1, 1)
)

// stage2x2 solves the zero-sum game whose payoffs to the row player (the
// inspectee: row 0 violate, row 1 wait) against the column player (the
// inspector: column 0 inspect, column 1 do not) are m, exactly. It returns the
// value and the probabilities of row 0 and column 0. A saddle point is used
// when there is one, trying (wait, inspect) first, then (wait, not),
// (violate, inspect), (violate, not): so an inspectee who is indifferent
// waits and an indifferent inspector inspects.
func stage2x2(m [2][2]*big.Rat) (value, row0, col0 *big.Rat) {
	for _, ij := range [][2]int{{1, 0}, {1, 1}, {0, 0}, {0, 1}} {
		i, j := ij[0], ij[1]
		x := m[i][j]
		if x.Cmp(m[1-i][j]) >= 0 && x.Cmp(m[i][1-j]) <= 0 {
			return new(big.Rat).Set(x), boolRat(i == 0), boolRat(j == 0)
		}
	}
	// No saddle point: both mix so as to make the other indifferent.
	den := new(big.Rat).Sub(m[0][0], m[0][1])
	den.Sub(den, m[1][0])
	den.Add(den, m[1][1])
	row0 = new(big.Rat).Sub(m[1][1], m[1][0])
	row0.Quo(row0, den)
	col0 = new(big.Rat).Sub(m[1][1], m[0][1])
	col0.Quo(col0, den)
	value = new(big.Rat).Mul(m[0][0], m[1][1])
	value.Sub(value, new(big.Rat).Mul(m[0][1], m[1][0]))
	value.Quo(value, den)
	return value, row0, col0
}

func boolRat(b bool) *big.Rat {
	if b {
		return big.NewRat(1, 1)
	}
	return new(big.Rat)
}

// rowPay returns the row player's payoff of row i against column mix y
// (probability of column 0) in the 2×2 game m,.
func rowPay(m [2][2]*big.Rat, i int, y, y1 *big.Rat) *big.Rat {
	p := new(big.Rat).Mul(m[i][0], y)
	return p.Add(p, new(big.Rat).Mul(m[i][1], y1))
}

// colPay returns the row player's payoff of row mix x (probability of row 0)
// against pure column j.
func colPay(m [2][2]*big.Rat, j int, x, x1 *big.Rat) *big.Rat {
	p := new(big.Rat).Mul(m[0][j], x)
	return p.Add(p, new(big.Rat).Mul(m[1][j], x1))
}

// checkStage verifies exactly that (x, y) is an equilibrium of the zero-sum
// game m with value v: no pure row gives the row player more than v, no pure
// column holds it below v, and the profile pays v.
func checkStage(m [2][2]*big.Rat, v, x, y *big.Rat) error {
	x1 := new(big.Rat).Sub(ratOne, x)
	y1 := new(big.Rat).Sub(ratOne, y)
	r0, r1 := rowPay(m, 0, y, y1), rowPay(m, 1, y, y1)
	if r0.Cmp(v) > 0 || r1.Cmp(v) > 0 {
		return fmt.Errorf("the inspectee gains by a pure deviation")
	}
	if colPay(m, 0, x, x1).Cmp(v) < 0 || colPay(m, 1, x, x1).Cmp(v) < 0 {
		return fmt.Errorf("the inspector gains by a pure deviation")
	}
	pay := new(big.Rat).Mul(x, r0)
	pay.Add(pay, new(big.Rat).Mul(x1, r1))
	if pay.Cmp(v) != 0 {
		return fmt.Errorf("the profile pays %s, not the value %s", pay.RatString(), v.RatString())
	}
	return nil
}

// SolveDresher solves Dresher's game exactly by backward induction over
// (periods left, inspections left), verifying each stage's equilibrium in
// rational arithmetic, and follows the equilibrium path forward for the
// per-period probabilities.
//
// With k ≥ 1 periods and r ≥ 1 inspections left the stage game is
//
//	                inspect            do not inspect
//	violate         −1                 +1
//	wait            v(k−1, r−1)        v(k−1, r)
//
// (payoffs to the inspectee); with no inspection left the inspectee violates
// at once and gets +1, and v(0, r) = 0 (no violation, legal behaviour).
func SolveDresher(n, m int) (*DresherSolution, error) {
	if n < 0 || m < 0 || m > n {
		return nil, model.Invalid("inspections", "Dresher's game needs 0 ≤ inspections ≤ periods; got m = %d, n = %d", m, n)
	}
	s := &DresherSolution{N: n, M: m}
	grid := func() [][]*big.Rat {
		g := make([][]*big.Rat, n+1)
		for k := range g {
			g[k] = make([]*big.Rat, m+1)
		}
		return g
	}
	s.Value, s.Inspect, s.Violate = grid(), grid(), grid()
	for r := 0; r <= m; r++ {
		s.Value[0][r], s.Inspect[0][r], s.Violate[0][r] = new(big.Rat), new(big.Rat), new(big.Rat)
	}
	for k := 1; k <= n; k++ {
		// No inspection left: violating gets +1 ≥ anything waiting can get,
		// and the inspectee violates at once (ties broken towards now).
		s.Value[k][0], s.Inspect[k][0], s.Violate[k][0] = big.NewRat(1, 1), new(big.Rat), big.NewRat(1, 1)
		for r := 1; r <= m; r++ {
			st := [2][2]*big.Rat{{ratMinus1, ratOne}, {s.Value[k-1][r-1], s.Value[k-1][r]}}
			v, viol, insp := stage2x2(st)
			if err := checkStage(st, v, viol, insp); err != nil {
				return nil, fmt.Errorf("inspection: Dresher stage (k=%d, r=%d): %v", k, r, err)
			}
			s.Value[k][r], s.Inspect[k][r], s.Violate[k][r] = v, insp, viol
		}
	}
	// Forward along the equilibrium path: reach[r] is the probability that
	// the game is still running (no violation yet) with r inspections left.
	reach := make([]*big.Rat, m+1)
	next := make([]*big.Rat, m+1)
	for r := range reach {
		reach[r], next[r] = new(big.Rat), new(big.Rat)
	}
	reach[m].SetInt64(1)
	t := new(big.Rat)
	for period := 1; period <= n; period++ {
		k := n - period + 1
		insp, viol, caught := new(big.Rat), new(big.Rat), new(big.Rat)
		for r := range next {
			next[r].SetInt64(0)
		}
		for r := 0; r <= m; r++ {
			if reach[r].Sign() == 0 {
				continue
			}
			pi, pv := s.Inspect[k][r], s.Violate[k][r]
			insp.Add(insp, t.Mul(reach[r], pi))
			pvr := new(big.Rat).Mul(reach[r], pv)
			viol.Add(viol, pvr)
			caught.Add(caught, t.Mul(pvr, pi))
			wait := new(big.Rat).Sub(reach[r], pvr) // reach × (1 − violate)
			if r > 0 {
				next[r-1].Add(next[r-1], t.Mul(wait, pi))
			}
			next[r].Add(next[r], t.Mul(wait, new(big.Rat).Sub(ratOne, pi)))
		}
		s.InspectAt = append(s.InspectAt, insp)
		s.ViolateAt = append(s.ViolateAt, viol)
		s.CaughtAt = append(s.CaughtAt, caught)
		reach, next = next, reach
	}
	return s, nil
}

// PathValue is the inspectee's expected payoff along the equilibrium path:
// Σ_t P(violation in t not caught) − P(violation in t caught). It must equal
// the value of the game.
func (s *DresherSolution) PathValue() *big.Rat {
	v := new(big.Rat)
	for t := range s.ViolateAt {
		v.Add(v, s.ViolateAt[t])
		v.Sub(v, new(big.Rat).Mul(big.NewRat(2, 1), s.CaughtAt[t]))
	}
	return v
}

// DresherClosedForm returns v(n, m) = C(n−1, m) / Σ_{i≤m} C(n, i) for n ≥ 1,
// the value of Dresher's game (sources in the package documentation).
func DresherClosedForm(n, m int) *big.Rat {
	if n < 1 {
		return new(big.Rat) // no period, no violation
	}
	num := new(big.Int).Binomial(int64(n-1), int64(m))
	if m > n-1 {
		num.SetInt64(0)
	}
	den := new(big.Int)
	for i := 0; i <= m && i <= n; i++ {
		den.Add(den, new(big.Int).Binomial(int64(n), int64(i)))
	}
	return new(big.Rat).SetFrac(num, den)
}

// dresherTables holds the stage strategies as float64 for the simulation:
// index k*(m+1)+r.
type dresherTables struct {
	n, m             int
	inspect, violate []float64
}

func sumRat(xs []*big.Rat) *big.Rat {
	s := new(big.Rat)
	for _, x := range xs {
		s.Add(s, x)
	}
	return s
}

func ratStrings(xs []*big.Rat) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.RatString()
	}
	return out
}

func ratFloats(xs []*big.Rat) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i], _ = x.Float64()
	}
	return out
}

func (g *Game) solveDresher(vals []float64) error {
	n, m := g.P.Periods, g.P.Inspections
	s, err := SolveDresher(n, m)
	if err != nil {
		return err
	}
	v := s.Value[n][m]
	cf := DresherClosedForm(n, m)
	if v.Cmp(cf) != 0 {
		return fmt.Errorf("inspection: Dresher recursion %s disagrees with the closed form %s", v.RatString(), cf.RatString())
	}
	if pv := s.PathValue(); pv.Cmp(v) != 0 {
		return fmt.Errorf("inspection: Dresher path value %s disagrees with the recursion %s", pv.RatString(), v.RatString())
	}
	vf, _ := v.Float64()
	pi, _ := s.Inspect[n][m].Float64()
	pv, _ := s.Violate[n][m].Float64()
	vals[mInspect] = pi
	vals[mViolate] = pv
	vals[mInspectorPayoff] = -vf
	vals[mInspecteePayoff] = vf
	vals[mInspectorLeader] = -vf
	vals[mInspecteeLeader] = vf
	vals[mValue] = vf

	tb := &dresherTables{n: n, m: m, inspect: make([]float64, (n+1)*(m+1)), violate: make([]float64, (n+1)*(m+1))}
	for k := 0; k <= n; k++ {
		for r := 0; r <= m; r++ {
			tb.inspect[k*(m+1)+r], _ = s.Inspect[k][r].Float64()
			tb.violate[k*(m+1)+r], _ = s.Violate[k][r].Float64()
		}
	}
	g.dre = tb
	totalViol, totalCaught := sumRat(s.ViolateAt), sumRat(s.CaughtAt)
	// The value of a zero-sum game is unique; the first stage's optimal
	// strategies are unique when that 2×2 stage game is strictly mixed.
	mixed := pi > 0 && pi < 1 && pv > 0 && pv < 1
	g.sol.Certificate = certificate("exact backward induction in rational arithmetic (math/big), each stage verified exactly; equals the closed form C(n−1,m)/Σ_{i≤m}C(n,i)", conceptZeroSum, mixed, 0, n*m, []string{
		"stage ties: an inspectee with no inspection left violates at once; in a stage with a saddle point an indifferent inspectee waits and an indifferent inspector inspects (the value is unique; the strategies are unique where the stage game is strictly mixed)",
		"inspect_prob and violate_prob are the first period's; per-period path probabilities are in extra.dresher",
		"leadership payoffs equal the Nash ones: in a zero-sum game commitment to a maximin strategy yields the value (minimax theorem)",
	})
	g.sol.Extra = map[string]any{"dresher": map[string]any{
		"value":             v.RatString(),
		"value_closed_form": cf.RatString(),
		"inspect_prob":      s.Inspect[n][m].RatString(),
		"violate_prob":      s.Violate[n][m].RatString(),
		"inspect_at":        ratStrings(s.InspectAt),
		"violate_at":        ratStrings(s.ViolateAt),
		"caught_at":         ratStrings(s.CaughtAt),
		"inspect_at_float":  ratFloats(s.InspectAt),
		"violate_at_float":  ratFloats(s.ViolateAt),
		"violation_prob":    totalViol.RatString(),
		"caught_prob":       totalCaught.RatString(),
	}}
	return nil
}
