package inspection

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/statecraft/statecraft/internal/modeltest"
)

// refQuantile returns z with 1 − Φ(z) = α by Newton's method on math.Erfc,
// which is accurate in the tail, independently of the quantile the package
// uses. It starts from math.Erfcinv, which is only roughly right for small α.
func refQuantile(alpha float64) float64 {
	z := math.Sqrt2 * math.Erfcinv(2*alpha)
	for i := 0; i < 4; i++ {
		tail := 0.5 * math.Erfc(z/math.Sqrt2)
		z += (tail - alpha) / (math.Exp(-z*z/2) / math.Sqrt(2*math.Pi))
	}
	return z
}

// refBeta is the Gaussian ROC computed independently of the package:
// Φ⁻¹(1−α) by refQuantile, Φ by gonum's normal law.
func refBeta(alpha, snr float64) float64 {
	return distuv.UnitNormal.CDF(refQuantile(alpha) - snr)
}

func TestGaussianROC(t *testing.T) {
	for _, snr := range []float64{0.5, 1, 2, 3.5} {
		r := GaussianROC{SNR: snr}
		for _, a := range []float64{1e-12, 1e-6, 0.001, 0.01, 0.05, 0.2, 0.5, 0.8, 0.99} {
			if got, want := r.Beta(a), refBeta(a, snr); !modeltest.Near(got, want, 1e-13) {
				t.Errorf("snr=%g α=%g: β=%.15g, gonum %.15g", snr, a, got, want)
			}
			if a < 1e-9 {
				continue // a central difference cannot resolve β′ there
			}
			// Derivative against a central difference of the reference β.
			hh := 1e-6 * math.Min(a, 1-a)
			fd := (refBeta(a+hh, snr) - refBeta(a-hh, snr)) / (2 * hh)
			if s, _ := r.Slopes(a); !modeltest.Near(s, fd, 1e-5*math.Max(1, math.Abs(fd))) {
				t.Errorf("snr=%g α=%g: β′=%g, finite difference %g", snr, a, s, fd)
			}
		}
		if r.Beta(0) != 1 || r.Beta(1) != 0 {
			t.Errorf("snr=%g: β(0)=%g β(1)=%g", snr, r.Beta(0), r.Beta(1))
		}
	}
}

// With h = 0 and b = d the indifference condition is β(α*) = 1/2, so
// Φ⁻¹(1−α*) = snr and α* = 1 − Φ(snr); there β′ = −exp(snr²/2) and
// q* = e/(e + (c−a)exp(snr²/2)).
func TestAlphaBetaClosedCase(t *testing.T) {
	for _, snr := range []float64{1.6448536269514722, 1, 2.5} {
		m, sol := modeltest.Solve(t, Model{}, map[string]any{"variant": "alpha_beta", "snr": snr, "false_accusation_cost": 0, "penalty": 1, "violation_gain": 1})
		wantA := 1 - distuv.UnitNormal.CDF(snr)
		wantQ := 1 / (1 + 8*math.Exp(snr*snr/2)) // e = 1, c − a = 8 (defaults)
		if !modeltest.Near(m["alpha_star"], wantA, 1e-12) || !modeltest.Near(m["beta_star"], 0.5, 1e-12) || !modeltest.Near(m["violate_prob"], wantQ, 1e-12) {
			t.Errorf("snr=%g: α*=%.12g β*=%.12g q*=%.12g; want %.12g, 0.5, %.12g", snr, m["alpha_star"], m["beta_star"], m["violate_prob"], wantA, wantQ)
		}
		if m["inspect_prob"] != 1 || !sol.Certificate.Unique || sol.Certificate.Iterations == 0 {
			t.Errorf("snr=%g: inspect_prob %g, certificate %+v", snr, m["inspect_prob"], sol.Certificate)
		}
	}
	// snr = Φ⁻¹(0.95): the classic 5% test.
	m, _ := modeltest.Solve(t, Model{}, map[string]any{"variant": "alpha_beta", "snr": 1.6448536269514722, "false_accusation_cost": 0})
	if !modeltest.Near(m["alpha_star"], 0.05, 1e-12) {
		t.Errorf("α* = %.15g, want 0.05", m["alpha_star"])
	}
}

// abRef holds the α–β game's parameters for the brute-force checks.
type abRef struct{ snr, k, d, b, h, e, a, c float64 }

func (r abRef) values() map[string]any {
	return map[string]any{"variant": "alpha_beta", "snr": r.snr, "inspect_cost": r.k, "violation_gain": r.d, "penalty": r.b,
		"false_accusation_cost": r.h, "inspector_false_alarm_cost": r.e, "inspector_detect_loss": r.a, "inspector_miss_loss": r.c}
}

// pay is the test-side payoff table with the test always run.
func (r abRef) pay(alpha, q float64) (insp, insd float64) {
	var be float64
	switch {
	case alpha <= 0:
		be = 1
	case alpha >= 1:
		be = 0
	default:
		be = refBeta(alpha, r.snr)
	}
	g := newRefGame(alpha, be, r.k, r.d, r.b, r.h, r.e, r.a, r.c)
	return g.pay(1, q)
}

// gridBest returns the α on a grid of n+1 rates that maximises the
// inspector's payoff against q.
func (r abRef) gridBest(q float64, n int) float64 {
	best, arg := math.Inf(-1), 0.0
	for j := 0; j <= n; j++ {
		a := float64(j) / float64(n)
		if x, _ := r.pay(a, q); x > best {
			best, arg = x, a
		}
	}
	return arg
}

// indifferent finds the smallest α at which the inspectee is indifferent by a
// scan of n steps and bisection on the first sign change.
func (r abRef) indifferent(n int) float64 {
	gap := func(a float64) float64 {
		_, c := r.pay(a, 0)
		_, v := r.pay(a, 1)
		return v - c
	}
	lo := 0.0
	for j := 1; j <= n; j++ {
		hi := float64(j) / float64(n)
		if gap(hi) <= 0 {
			for it := 0; it < 100; it++ {
				mid := (lo + hi) / 2
				if gap(mid) > 0 {
					lo = mid
				} else {
					hi = mid
				}
			}
			return (lo + hi) / 2
		}
		lo = hi
	}
	return math.NaN()
}

// The equilibrium against a brute force that shares no code with the solver:
// the inspectee's indifference by scanning, the inspector's best response by
// grid search, q by bisection on where the grid best response crosses α*,
// and q again from a finite-difference slope of gonum's ROC.
func TestAlphaBetaAgainstBruteForce(t *testing.T) {
	cases := []abRef{
		{2, 1, 1, 1, 0.5, 1, 2, 10},
		{1, 0, 1, 3, 0.2, 0.5, 1, 6},
		{3, 0.5, 2, 1, 0, 2, 0, 5},
		{1.5, 1, 0.5, 2, 1, 1, 3, 4},
	}
	for _, r := range cases {
		m, _ := modeltest.Solve(t, Model{}, r.values())
		aInd := r.indifferent(20000)
		if !modeltest.Near(m["alpha_star"], aInd, 1e-10) {
			t.Errorf("%+v: α* = %.12g, scan finds %.12g", r, m["alpha_star"], aInd)
		}
		if !modeltest.Near(m["beta_star"], refBeta(aInd, r.snr), 1e-9) {
			t.Errorf("%+v: β* = %g, gonum β(α*) = %g", r, m["beta_star"], refBeta(aInd, r.snr))
		}
		hh := 1e-6 * aInd
		fd := (refBeta(aInd+hh, r.snr) - refBeta(aInd-hh, r.snr)) / (2 * hh)
		qFD := r.e / (r.e - (r.c-r.a)*fd)
		if !modeltest.Near(m["violate_prob"], qFD, 1e-6*qFD) {
			t.Errorf("%+v: q* = %.10g, finite-difference condition gives %.10g", r, m["violate_prob"], qFD)
		}
		// Bisection on q: the grid best response is increasing in q.
		lo, hi := 0.0, 1.0
		for it := 0; it < 40; it++ {
			mid := (lo + hi) / 2
			if r.gridBest(mid, 4000) < aInd {
				lo = mid
			} else {
				hi = mid
			}
		}
		qBrute := (lo + hi) / 2
		if !modeltest.Near(m["violate_prob"], qBrute, 0.02*m["violate_prob"]) {
			t.Errorf("%+v: q* = %g, brute-force best response crosses α* at q = %g", r, m["violate_prob"], qBrute)
		}
		// The reported profile's payoffs, from the test's own table.
		ri, re := r.pay(m["alpha_star"], m["violate_prob"])
		if !modeltest.Near(ri, m["inspector_payoff"], 1e-9) || !modeltest.Near(re, m["inspectee_payoff"], 1e-9) {
			t.Errorf("%+v: payoffs %g, %g; table %g, %g", r, m["inspector_payoff"], m["inspectee_payoff"], ri, re)
		}
		// Leadership against 20001 commitments, the follower responding strictly.
		best := math.Inf(-1)
		for j := 0; j <= 20000; j++ {
			a := float64(j) / 20000
			ic, ec := r.pay(a, 0)
			iv, ev := r.pay(a, 1)
			x := math.Max(ic, iv)
			if ev > ec {
				x = iv
			} else if ec > ev {
				x = ic
			}
			best = math.Max(best, x)
		}
		lead := m["inspector_payoff_leader"]
		if best > lead+1e-9 || lead > best+(r.e+r.c)/20000*10 {
			t.Errorf("%+v: leader payoff %g, brute force %g", r, lead, best)
		}
		if m["inspector_payoff"] > lead+1e-9 {
			t.Errorf("%+v: Nash %g above leadership %g", r, m["inspector_payoff"], lead)
		}
	}
}

func rocValues(extra map[string]any, pts ...[2]float64) map[string]any {
	var roc []any
	for _, p := range pts {
		roc = append(roc, map[string]any{"alpha": p[0], "beta": p[1]})
	}
	v := map[string]any{"variant": "alpha_beta", "roc": roc}
	for k, x := range extra {
		v[k] = x
	}
	return v
}

func TestAlphaBetaTable(t *testing.T) {
	// Hull (0,1), (0.05,0.5), (0.2,0.2), (1,0); (0.1, 0.45) lies above the
	// segment from (0.05,0.5) to (0.2,0.2) (0.4 at α = 0.1) and is dropped.
	// With b = d = 1, h = 0.5 the gap 2β − 1 + 0.5α is 0.025 at 0.05 and −0.5
	// at 0.2; on that segment β = 0.6 − 2α, so 0.2 − 3.5α = 0: α* = 2/35,
	// β* = 0.6 − 4/35 = 17/35, and q* = e/(e − (c−a)(−2)) = 1/17.
	m, sol := modeltest.Solve(t, Model{}, rocValues(nil, [2]float64{0.05, 0.5}, [2]float64{0.1, 0.45}, [2]float64{0.2, 0.2}))
	if !modeltest.Near(m["alpha_star"], 2.0/35, 1e-15) || !modeltest.Near(m["beta_star"], 17.0/35, 1e-15) || !modeltest.Near(m["violate_prob"], 1.0/17, 1e-15) {
		t.Errorf("table: α*=%g β*=%g q*=%g; want 2/35, 17/35, 1/17", m["alpha_star"], m["beta_star"], m["violate_prob"])
	}
	// The table replaces the Gaussian ROC whatever snr says.
	withSNR := rocValues(map[string]any{"snr": 0.3}, [2]float64{0.05, 0.5}, [2]float64{0.1, 0.45}, [2]float64{0.2, 0.2})
	if m2, _ := modeltest.Solve(t, Model{}, withSNR); m2["alpha_star"] != m["alpha_star"] || m2["violate_prob"] != m["violate_prob"] {
		t.Errorf("snr changed the table's equilibrium: %v vs %v", m2, m)
	}
	hull := sol.Extra["roc_hull"].([][2]float64)
	if len(hull) != 4 || hull[1] != [2]float64{0.05, 0.5} || hull[2] != [2]float64{0.2, 0.2} {
		t.Errorf("hull %v", hull)
	}
	if !strings.Contains(strings.Join(sol.Certificate.Notes, " "), "1 ROC table point") || !sol.Certificate.Unique {
		t.Errorf("certificate %+v", sol.Certificate)
	}
	// h = 0: the gap 2β − 1 is exactly 0 at the vertex α = 0.05, where β′
	// jumps from −10 to −2. Every q in [1/81, 1/17] makes 0.05 the
	// inspector's best response; the midpoint is reported, not unique.
	m, sol = modeltest.Solve(t, Model{}, rocValues(map[string]any{"false_accusation_cost": 0}, [2]float64{0.05, 0.5}, [2]float64{0.2, 0.2}))
	if m["alpha_star"] != 0.05 || !modeltest.Near(m["violate_prob"], (1.0/81+1.0/17)/2, 1e-15) || sol.Certificate.Unique {
		t.Errorf("vertex: α*=%g q*=%g unique %v", m["alpha_star"], m["violate_prob"], sol.Certificate.Unique)
	}
	tb := NewTableROC([]ROCPoint{{0.05, 0.5}, {0.2, 0.2}})
	for _, q := range []float64{1.0 / 81, 1.0 / 17, 0.03} {
		g := abGame{s: stageOf(Defaults(), 0, 0), roc: tb}
		g.s.h = 0
		if ri, _ := g.regret(0.05, q, 10000); ri > 1e-12 {
			t.Errorf("vertex: α = 0.05 is not a best response to q = %g (regret %g)", q, ri)
		}
	}
}

// With h > b the inspectee's gap is positive at both ends and dips below zero
// in between: two interior equilibria plus (α = 1, violate). The smallest α is
// reported and the certificate says the equilibrium is not unique.
func TestAlphaBetaMultipleEquilibria(t *testing.T) {
	r := abRef{snr: 4, k: 1, d: 1, b: 0.3, h: 1, e: 1, a: 2, c: 10}
	m, sol := modeltest.Solve(t, Model{}, r.values())
	eqs := sol.Extra["equilibria"].([]map[string]float64)
	if len(eqs) != 3 || sol.Certificate.Unique {
		t.Fatalf("found %d equilibria (unique %v): %v", len(eqs), sol.Certificate.Unique, eqs)
	}
	if m["alpha_star"] != eqs[0]["alpha"] || !(eqs[0]["alpha"] < eqs[1]["alpha"]) || eqs[2]["alpha"] != 1 || eqs[2]["violate_prob"] != 1 {
		t.Errorf("order or content: %v", eqs)
	}
	if !modeltest.Near(m["alpha_star"], r.indifferent(20000), 1e-10) {
		t.Errorf("α* = %g, scan %g", m["alpha_star"], r.indifferent(20000))
	}
	for _, e := range eqs {
		a, q := e["alpha"], e["violate_prob"]
		ri, re := r.pay(a, q)
		_, e0 := r.pay(a, 0)
		_, e1 := r.pay(a, 1)
		bi, _ := r.pay(r.gridBest(q, 20000), q)
		if math.Max(e0, e1)-re > 1e-9 || bi-ri > 1e-9 {
			t.Errorf("equilibrium %v has a profitable deviation (inspectee %g, inspector %g)", e, math.Max(e0, e1)-re, bi-ri)
		}
	}
}

// Random parameter sets, degenerate ones included (h > b, c ≤ a, e = 0,
// k = 0), with the Gaussian ROC and with tables: the solver always returns a
// verified equilibrium, which the test's own payoff table confirms.
func TestAlphaBetaRandomRobust(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for n := 0; n < 200; n++ {
		r := abRef{snr: 0.2 + rng.Float64()*5, k: rng.Float64() * 2, d: 0.1 + rng.Float64()*3, b: rng.Float64() * 4,
			h: rng.Float64() * 3, e: rng.Float64() * 3, a: rng.Float64() * 5, c: rng.Float64() * 12}
		switch n % 5 {
		case 1:
			r.e = 0
		case 2:
			r.c = r.a * rng.Float64()
		}
		vals := r.values()
		var tb TableROC
		useTable := n%2 == 1
		if useTable {
			delete(vals, "snr")
			var pts []any
			var raw []ROCPoint
			a, b := 0.0, 1.0
			for j := 0; j < 1+rng.IntN(5); j++ {
				a += (1 - a) * rng.Float64() * 0.5
				b *= rng.Float64()
				pts = append(pts, map[string]any{"alpha": a, "beta": b})
				raw = append(raw, ROCPoint{a, b})
			}
			vals["roc"] = pts
			tb = NewTableROC(raw)
		}
		m, _ := modeltest.Solve(t, Model{}, vals)
		alpha, q := m["alpha_star"], m["violate_prob"]
		beta := func(a float64) float64 {
			if useTable {
				return tb.Beta(a)
			}
			switch {
			case a <= 0:
				return 1
			case a >= 1:
				return 0
			}
			return refBeta(a, r.snr)
		}
		pay := func(a, q float64) (float64, float64) {
			return newRefGame(a, beta(a), r.k, r.d, r.b, r.h, r.e, r.a, r.c).pay(1, q)
		}
		ri, re := pay(alpha, q)
		_, e0 := pay(alpha, 0)
		_, e1 := pay(alpha, 1)
		best := math.Inf(-1)
		for j := 0; j <= 4000; j++ {
			x, _ := pay(float64(j)/4000, q)
			best = math.Max(best, x)
		}
		if useTable {
			for _, a := range tb.Alphas {
				x, _ := pay(a, q)
				best = math.Max(best, x)
			}
		}
		if math.Max(e0, e1)-re > 1e-8 || best-ri > 1e-8 {
			t.Errorf("%v: (α, q) = (%g, %g) has regrets inspectee %g, inspector %g", vals, alpha, q, math.Max(e0, e1)-re, best-ri)
		}
		if !modeltest.Near(m["beta_star"], beta(alpha), 1e-9) {
			t.Errorf("%v: β* = %g, β(α*) = %g", vals, m["beta_star"], beta(alpha))
		}
	}
}
