package inspection

import (
	"math/big"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/statecraft/statecraft/internal/modeltest"
)

func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic(s)
	}
	return r
}

func wantRats(t *testing.T, what string, got []*big.Rat, want ...string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d entries, want %d", what, len(got), len(want))
	}
	for i := range want {
		if got[i].Cmp(rat(want[i])) != 0 {
			t.Errorf("%s[%d] = %s, want %s", what, i, got[i].RatString(), want[i])
		}
	}
}

// v(2,1) = 1/3 (Dresher's closed form). By hand: in period 1 the stage game is
// [[−1, 1], [v(1,0), v(1,1)]] = [[−1, 1], [1, 0]], whose mixed solution has
// the inspector inspect w.p. (1−0)/(2+1−0) = 1/3 and the inspectee violate
// w.p. (1−0)/3 = 1/3. If nobody violated (2/3), after an inspection (1/3) no
// inspection is left and the inspectee violates in period 2 (2/9 in all);
// otherwise (2/3) the inspector inspects period 2 and the inspectee waits
// (inspection in period 2: 4/9). Caught: 1/3 · 1/3 = 1/9 in period 1.
func TestDresherTwoPeriods(t *testing.T) {
	s, err := SolveDresher(2, 1)
	if err != nil {
		t.Fatal(err)
	}
	if s.Value[2][1].Cmp(rat("1/3")) != 0 || s.Inspect[2][1].Cmp(rat("1/3")) != 0 || s.Violate[2][1].Cmp(rat("1/3")) != 0 {
		t.Errorf("v(2,1) = %s, inspect %s, violate %s; want 1/3 each", s.Value[2][1].RatString(), s.Inspect[2][1].RatString(), s.Violate[2][1].RatString())
	}
	wantRats(t, "inspect_at", s.InspectAt, "1/3", "4/9")
	wantRats(t, "violate_at", s.ViolateAt, "1/3", "2/9")
	wantRats(t, "caught_at", s.CaughtAt, "1/9", "0")
	m, sol := modeltest.Solve(t, Model{}, map[string]any{"variant": "dresher", "periods": 2, "inspections": 1})
	if m["value"] != 1.0/3 || m["inspect_prob"] != 1.0/3 || m["violate_prob"] != 1.0/3 || m["inspector_payoff"] != -1.0/3 {
		t.Errorf("metrics %v", m)
	}
	d := sol.Extra["dresher"].(map[string]any)
	if d["value"] != "1/3" || d["value_closed_form"] != "1/3" || d["caught_prob"] != "1/9" || d["violation_prob"] != "5/9" {
		t.Errorf("extra %v", d)
	}
}

// pascal returns C(n, k) for n ≤ size from Pascal's triangle, independently of
// big.Int.Binomial.
func pascal(size int) [][]*big.Int {
	c := make([][]*big.Int, size+1)
	for n := range c {
		c[n] = make([]*big.Int, n+1)
		c[n][0], c[n][n] = big.NewInt(1), big.NewInt(1)
		for k := 1; k < n; k++ {
			c[n][k] = new(big.Int).Add(c[n-1][k-1], c[n-1][k])
		}
	}
	return c
}

// The recursion agrees exactly with the closed form in every state, and so
// does the package's closed form with one from Pascal's triangle.
func TestDresherRecursionEqualsClosedForm(t *testing.T) {
	const N = 30
	c := pascal(N)
	s, err := SolveDresher(N, N)
	if err != nil {
		t.Fatal(err)
	}
	for n := 1; n <= N; n++ {
		for m := 0; m <= n; m++ {
			num := new(big.Int)
			if m <= n-1 {
				num.Set(c[n-1][m])
			}
			den := new(big.Int)
			for i := 0; i <= m; i++ {
				den.Add(den, c[n][i])
			}
			want := new(big.Rat).SetFrac(num, den)
			if s.Value[n][m].Cmp(want) != 0 || DresherClosedForm(n, m).Cmp(want) != 0 {
				t.Errorf("v(%d,%d): recursion %s, closed form %s, Pascal %s", n, m, s.Value[n][m].RatString(), DresherClosedForm(n, m).RatString(), want.RatString())
			}
		}
	}
	// A few by hand: C(2,1)/(1+3) = 1/2; C(4,2)/(1+5+10) = 3/8; C(9,3)/(1+10+45+120) = 84/176 = 21/44.
	for _, c := range []struct {
		n, m int
		v    string
	}{{3, 1, "1/2"}, {5, 2, "3/8"}, {10, 3, "21/44"}, {7, 0, "1"}, {7, 7, "0"}} {
		if got := s.Value[c.n][c.m]; got.Cmp(rat(c.v)) != 0 {
			t.Errorf("v(%d,%d) = %s, want %s", c.n, c.m, got.RatString(), c.v)
		}
	}
}

// stageLP solves the zero-sum game m (payoffs to the maximising row player)
// as a linear program with gonum: maximise v subject to x·M[:,j] ≥ v for each
// column, Σx = 1, x ≥ 0. Payoffs are shifted to be positive so that v ≥ 0.
func stageLP(t *testing.T, m [2][2]float64) (value, row0 float64) {
	t.Helper()
	const shift = 3
	// Variables x0, x1, v. Minimise −v.
	c := []float64{0, 0, -1}
	g := mat.NewDense(2, 3, []float64{
		-(m[0][0] + shift), -(m[1][0] + shift), 1,
		-(m[0][1] + shift), -(m[1][1] + shift), 1,
	})
	h := []float64{0, 0}
	a := mat.NewDense(1, 3, []float64{1, 1, 0})
	b := []float64{1}
	cs, as, bs := lp.Convert(c, g, h, a, b)
	opt, x, err := lp.Simplex(cs, as, bs, 1e-12, nil)
	if err != nil {
		t.Fatalf("LP %v: %v", m, err)
	}
	return -opt - shift, x[0]
}

func transpose(m [2][2]float64) [2][2]float64 {
	return [2][2]float64{{-m[0][0], -m[1][0]}, {-m[0][1], -m[1][1]}}
}

// Each stage's value and strategies against gonum's simplex method, in float64,
// for every state where the stage game is strictly mixed (elsewhere the
// strategies are a documented tie-break).
func TestDresherStagesAgainstLP(t *testing.T) {
	const N = 10
	s, err := SolveDresher(N, N)
	if err != nil {
		t.Fatal(err)
	}
	f := func(r *big.Rat) float64 { x, _ := r.Float64(); return x }
	mixed := 0
	for k := 1; k <= N; k++ {
		for r := 1; r <= N; r++ {
			st := [2][2]float64{{-1, 1}, {f(s.Value[k-1][r-1]), f(s.Value[k-1][r])}}
			v, viol := stageLP(t, st)
			// The inspector's side: the transposed, negated game.
			mv, insp := stageLP(t, transpose(st))
			if !modeltest.Near(v, f(s.Value[k][r]), 1e-12) || !modeltest.Near(-mv, v, 1e-12) {
				t.Errorf("(k=%d, r=%d): value %s, LP %g / %g", k, r, s.Value[k][r].RatString(), v, -mv)
			}
			if r < k {
				mixed++
				if !modeltest.Near(viol, f(s.Violate[k][r]), 1e-9) || !modeltest.Near(insp, f(s.Inspect[k][r]), 1e-9) {
					t.Errorf("(k=%d, r=%d): violate %s inspect %s; LP %g, %g", k, r, s.Violate[k][r].RatString(), s.Inspect[k][r].RatString(), viol, insp)
				}
			}
		}
	}
	if mixed != N*(N-1)/2 {
		t.Errorf("checked %d mixed stages", mixed)
	}
}

// The per-period path probabilities against an enumeration of every sequence
// of inspection decisions (float64), a different algorithm from the forward
// pass over states.
func TestDresherPathByEnumeration(t *testing.T) {
	for _, c := range [][2]int{{2, 1}, {5, 2}, {8, 3}, {9, 8}, {6, 0}} {
		n, m := c[0], c[1]
		s, err := SolveDresher(n, m)
		if err != nil {
			t.Fatal(err)
		}
		f := func(r *big.Rat) float64 { x, _ := r.Float64(); return x }
		insp := make([]float64, n)
		viol := make([]float64, n)
		caught := make([]float64, n)
		var walk func(t, r int, w float64)
		walk = func(t, r int, w float64) {
			if t == n || w == 0 {
				return
			}
			k := n - t
			pi, pv := f(s.Inspect[k][r]), f(s.Violate[k][r])
			insp[t] += w * pi
			viol[t] += w * pv
			caught[t] += w * pv * pi
			if r > 0 {
				walk(t+1, r-1, w*(1-pv)*pi)
			}
			walk(t+1, r, w*(1-pv)*(1-pi))
		}
		walk(0, m, 1)
		var value float64
		for t := 0; t < n; t++ {
			value += viol[t] - 2*caught[t]
		}
		for tt := 0; tt < n; tt++ {
			if !modeltest.Near(insp[tt], f(s.InspectAt[tt]), 1e-12) || !modeltest.Near(viol[tt], f(s.ViolateAt[tt]), 1e-12) || !modeltest.Near(caught[tt], f(s.CaughtAt[tt]), 1e-12) {
				t.Errorf("(%d,%d) period %d: exact %s %s %s, enumeration %g %g %g", n, m, tt+1,
					s.InspectAt[tt].RatString(), s.ViolateAt[tt].RatString(), s.CaughtAt[tt].RatString(), insp[tt], viol[tt], caught[tt])
			}
		}
		if !modeltest.Near(value, f(s.Value[n][m]), 1e-12) || s.PathValue().Cmp(s.Value[n][m]) != 0 {
			t.Errorf("(%d,%d): path value %g (exact %s), v = %s", n, m, value, s.PathValue().RatString(), s.Value[n][m].RatString())
		}
	}
}
