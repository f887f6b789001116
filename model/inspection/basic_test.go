package inspection

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/statecraft/statecraft/internal/modeltest"
)

// knownBasic are the parameters of the basic game's known answers in the
// project's model specification (d=1, c=10, a=2, k=1, α=β=0; b=1 gives
// p* = 1/2, q* = 1/8 and b=4 gives p* = 1/5, q* = 1/8 by the formulas of the
// package documentation).
func knownBasic(b float64) map[string]any {
	return map[string]any{"violation_gain": 1, "inspector_miss_loss": 10, "inspector_detect_loss": 2, "inspect_cost": 1,
		"false_alarm_prob": 0, "miss_prob": 0, "penalty": b}
}

func TestBasicKnownAnswers(t *testing.T) {
	for _, c := range []struct{ b, p, q float64 }{{1, 0.5, 0.125}, {4, 0.2, 0.125}} {
		m, sol := modeltest.Solve(t, Model{}, knownBasic(c.b))
		if !modeltest.Near(m["inspect_prob"], c.p, 1e-15) || !modeltest.Near(m["violate_prob"], c.q, 1e-15) {
			t.Errorf("b=%g: p=%g q=%g, want %g, %g", c.b, m["inspect_prob"], m["violate_prob"], c.p, c.q)
		}
		// At the mixed equilibrium the inspector gets what not inspecting
		// gets, −q*c, and the inspectee what complying gets, −p*αh = 0.
		if !modeltest.Near(m["inspector_payoff"], -c.q*10, 1e-14) || !modeltest.Near(m["inspectee_payoff"], 0, 1e-15) {
			t.Errorf("b=%g: Nash payoffs %g, %g", c.b, m["inspector_payoff"], m["inspectee_payoff"])
		}
		// Leadership: commit to p*, the inspectee complies, the inspector pays
		// only the inspections, −p*k.
		if !modeltest.Near(m["inspector_payoff_leader"], -c.p*1, 1e-14) || m["inspectee_payoff_leader"] != 0 {
			t.Errorf("b=%g: leader payoffs %g, %g", c.b, m["inspector_payoff_leader"], m["inspectee_payoff_leader"])
		}
		if !sol.Certificate.Unique || m["regime"] != 1 {
			t.Errorf("b=%g: unique %v regime %g", c.b, sol.Certificate.Unique, m["regime"])
		}
		lv := knownBasic(c.b)
		lv["leadership"] = true
		ml, _ := modeltest.Solve(t, Model{}, lv)
		if !modeltest.Near(ml["inspect_prob"], c.p, 1e-15) || ml["violate_prob"] != 0 || ml["regime"] != 0 {
			t.Errorf("b=%g leadership: p=%g q=%g regime %g, want p*=%g and compliance", c.b, ml["inspect_prob"], ml["violate_prob"], ml["regime"], c.p)
		}
	}
}

// The penalty paradox holds with imperfect detection too: q* has no b in it,
// while p* falls as the penalty grows.
func TestPenaltyParadox(t *testing.T) {
	prevP := math.Inf(1)
	var q0 float64
	for i, b := range []float64{0.5, 1, 2, 4, 8, 16} {
		m, _ := modeltest.Solve(t, Model{}, map[string]any{"penalty": b, "miss_prob": 0.1, "false_alarm_prob": 0.05})
		if i == 0 {
			q0 = m["violate_prob"]
		}
		if !modeltest.Near(m["violate_prob"], q0, 1e-15) {
			t.Errorf("b=%g: q*=%g differs from %g", b, m["violate_prob"], q0)
		}
		if !(m["inspect_prob"] < prevP) {
			t.Errorf("b=%g: p*=%g did not fall (previous %g)", b, m["inspect_prob"], prevP)
		}
		prevP = m["inspect_prob"]
	}
}

// refGame is the basic game's outcome table written out again, independently
// of the package: rows are the inspector's actions (0 inspect, 1 not), columns
// the inspectee's (0 comply, 1 violate).
type refGame struct{ insp, insd [2][2]float64 }

func newRefGame(al, be, k, d, b, h, e, a, c float64) refGame {
	var g refGame
	// inspect, comply: false alarm w.p. α.
	g.insp[0][0] = al*(-k-e) + (1-al)*(-k)
	g.insd[0][0] = al * (-h)
	// inspect, violate: detected w.p. 1−β.
	g.insp[0][1] = (1-be)*(-k-a) + be*(-k-c)
	g.insd[0][1] = (1-be)*(-b) + be*d
	g.insp[1][0], g.insd[1][0] = 0, 0
	g.insp[1][1], g.insd[1][1] = -c, d
	return g
}

func (g refGame) pay(p, q float64) (float64, float64) {
	var i, e float64
	pr := [2]float64{p, 1 - p}
	qr := [2]float64{1 - q, q}
	for r := 0; r < 2; r++ {
		for c := 0; c < 2; c++ {
			i += pr[r] * qr[c] * g.insp[r][c]
			e += pr[r] * qr[c] * g.insd[r][c]
		}
	}
	return i, e
}

func (g refGame) regret(p, q float64) float64 {
	i, e := g.pay(p, q)
	i0, _ := g.pay(0, q)
	i1, _ := g.pay(1, q)
	_, e0 := g.pay(p, 0)
	_, e1 := g.pay(p, 1)
	return math.Max(math.Max(i0, i1)-i, math.Max(e0, e1)-e)
}

// bestCommitment is the leader's best payoff over a grid of commitments, the
// follower responding strictly (ties for the leader).
func (g refGame) bestCommitment(n int) float64 {
	best := math.Inf(-1)
	for j := 0; j <= n; j++ {
		p := float64(j) / float64(n)
		ic, ec := g.pay(p, 0)
		iv, ev := g.pay(p, 1)
		var x float64
		switch {
		case ev > ec:
			x = iv
		case ec > ev:
			x = ic
		default:
			x = math.Max(ic, iv)
		}
		best = math.Max(best, x)
	}
	return best
}

// Random parameter sets, corners included: every reported equilibrium has no
// profitable deviation in the independent table, matches the closed forms
// whenever the interior equilibrium exists, and leadership matches a brute
// force over commitments.
func TestBasicAgainstIndependentTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 5))
	interior := 0
	for n := 0; n < 600; n++ {
		al, be := rng.Float64()*0.5, rng.Float64()
		if n%10 == 0 {
			al, be = 0, 0
		}
		k, d, b, h := rng.Float64()*3, 0.1+rng.Float64()*3, rng.Float64()*5, rng.Float64()*2
		e, a, c := rng.Float64()*3, rng.Float64()*4, rng.Float64()*12
		vals := map[string]any{"false_alarm_prob": al, "miss_prob": be, "inspect_cost": k, "violation_gain": d, "penalty": b,
			"false_accusation_cost": h, "inspector_false_alarm_cost": e, "inspector_detect_loss": a, "inspector_miss_loss": c}
		m, _ := modeltest.Solve(t, Model{}, vals)
		ref := newRefGame(al, be, k, d, b, h, e, a, c)
		p, q := m["inspect_prob"], m["violate_prob"]
		if r := ref.regret(p, q); r > 1e-9 {
			t.Errorf("%v: reported (p, q) = (%g, %g) has regret %g", vals, p, q, r)
		}
		ri, re := ref.pay(p, q)
		if !modeltest.Near(ri, m["inspector_payoff"], 1e-12) || !modeltest.Near(re, m["inspectee_payoff"], 1e-12) {
			t.Errorf("%v: payoffs %g, %g; table says %g, %g", vals, m["inspector_payoff"], m["inspectee_payoff"], ri, re)
		}
		// The closed forms p*, q* of the package documentation.
		dp := (1-be)*(b+d) - h*al
		dq := (c-a)*(1-be) + e*al
		if dp > 0 && dq > 0 {
			ps, qs := d/dp, (k+e*al)/dq
			if ps > 0 && ps < 1 && qs > 0 && qs < 1 {
				interior++
				if !modeltest.Near(p, ps, 1e-12) || !modeltest.Near(q, qs, 1e-12) {
					t.Errorf("%v: (p, q) = (%g, %g), formulas give (%g, %g)", vals, p, q, ps, qs)
				}
			}
		}
		// Leadership against 20001 commitments.
		grid := ref.bestCommitment(20000)
		lead := m["inspector_payoff_leader"]
		slack := (k + e*al + c + a + 1) / 20000 // the payoff's slope bounds the grid's shortfall
		if grid > lead+1e-9 || lead > grid+slack {
			t.Errorf("%v: leader payoff %g, brute force over commitments %g", vals, lead, grid)
		}
		if m["inspector_payoff"] > lead+1e-9 {
			t.Errorf("%v: Nash payoff %g above leadership %g", vals, m["inspector_payoff"], lead)
		}
	}
	if interior < 100 {
		t.Errorf("only %d interior cases: the test does not exercise the formulas", interior)
	}
}

func TestBasicCorners(t *testing.T) {
	cases := []struct {
		name   string
		values map[string]any
		p, q   float64
	}{
		// Inspection always misses: violating is dominant, inspecting useless.
		{"useless inspection", map[string]any{"miss_prob": 1}, 0, 1},
		// Detection hurts the inspector as much as a miss: never inspect.
		{"c = a", map[string]any{"inspector_miss_loss": 2, "inspector_detect_loss": 2}, 0, 1},
		// p* = d/[(1−β)(b+d)] = 1/0.48 > 1: even certain inspection does not
		// deter; against violation inspecting pays as (1−β)(c−a) = 3.2 > k.
		{"undeterrable", map[string]any{"miss_prob": 0.6, "penalty": 0.2, "false_alarm_prob": 0}, 1, 1},
		// Same, but inspection is too expensive to pay even then.
		{"undeterrable, costly", map[string]any{"miss_prob": 0.6, "penalty": 0.2, "false_alarm_prob": 0, "inspect_cost": 5}, 0, 1},
	}
	for _, c := range cases {
		m, sol := modeltest.Solve(t, Model{}, c.values)
		if m["inspect_prob"] != c.p || m["violate_prob"] != c.q {
			t.Errorf("%s: (p, q) = (%g, %g), want (%g, %g)", c.name, m["inspect_prob"], m["violate_prob"], c.p, c.q)
		}
		if m["regime"] != 2 || !sol.Certificate.Unique {
			t.Errorf("%s: regime %g unique %v", c.name, m["regime"], sol.Certificate.Unique)
		}
	}
	// Free, error-free inspection: the inspector is indifferent once the
	// inspectee complies, so every p ≥ p* is an equilibrium; (p*, 0) is
	// reported and the certificate says it is not unique.
	m, sol := modeltest.Solve(t, Model{}, map[string]any{"inspect_cost": 0, "false_alarm_prob": 0, "miss_prob": 0, "penalty": 1})
	if m["inspect_prob"] != 0.5 || m["violate_prob"] != 0 || sol.Certificate.Unique {
		t.Errorf("k=0: (p, q) = (%g, %g), unique %v; want (0.5, 0), not unique", m["inspect_prob"], m["violate_prob"], sol.Certificate.Unique)
	}
	if eqs := sol.Extra["equilibria"].([]map[string]float64); len(eqs) != 2 || eqs[1]["inspect_prob"] != 1 {
		t.Errorf("k=0: extreme equilibria %v, want (0.5, 0) and (1, 0)", eqs)
	}
	// When a violation costs the inspector less than deterring it, the leader
	// does not deter: with c = 0.5, a = 0, k = 1, α = β = 0, b = 0.1, deterring
	// costs p*k = 1/1.1 > c, so the leader commits to p = 0 and accepts the
	// violation.
	vals := map[string]any{"inspector_miss_loss": 0.5, "inspector_detect_loss": 0, "inspect_cost": 1, "miss_prob": 0, "false_alarm_prob": 0, "penalty": 0.1}
	m, sol = modeltest.Solve(t, Model{}, vals)
	lead := sol.Extra["leadership"].(map[string]any)
	ref := newRefGame(0, 0, 1, 1, 0.1, 0.5, 1, 0, 0.5)
	if lead["deters"] != false || lead["inspect_prob"] != 0.0 || m["inspector_payoff_leader"] != -0.5 || !modeltest.Near(m["inspector_payoff_leader"], ref.bestCommitment(20000), 1e-9) {
		t.Errorf("cheap violation: leadership %v, brute force %g", lead, ref.bestCommitment(20000))
	}
}
