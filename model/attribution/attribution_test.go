package attribution

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/statecraft/statecraft/internal/modeltest"
	"github.com/statecraft/statecraft/model"
)

// uniform01 is U[0,1] as a config writes it.
var uniform01 = map[string]any{"dist": "uniform", "min": 0, "max": 1}

func attacker(name string, gamma float64, signal map[string]any) map[string]any {
	return map[string]any{"name": name, "opportunity": gamma, "benefit": uniform01, "retaliation_cost": uniform01, "harm": 1, "signal": signal}
}

// solve returns the deterministic metrics by name and the certificate.
func solve(t testing.TB, values map[string]any) (map[string]float64, model.Certificate) {
	t.Helper()
	m, sol := modeltest.Solve(t, Model{}, values)
	return m, sol.Certificate
}

// oneAttacker is the first known answer of the project's model specification
// (after Baliga, Bueno de Mesquita & Wolitzky, APSR 114(4), 2020): γ=0.5,
// π¹=(0.2,0.8), π⁰=(0.9,0.1), F = G = U[0,1], c = 1. TestAgainstBisection
// checks it independently.
func oneAttacker() map[string]any {
	return map[string]any{
		"signals":   []any{"none", "alarm"},
		"attackers": []any{attacker("a", 0.5, map[string]any{"none": 0.2, "alarm": 0.8})},
		"no_attack": map[string]any{"none": 0.9, "alarm": 0.1},
	}
}

// twoAttackers is the second known answer of the project's model
// specification, with π⁰ = (f0, f, f, f).
func twoAttackers(f0, f float64) map[string]any {
	return map[string]any{
		"signals": []any{"none", "to_a", "to_b", "unknown"},
		"attackers": []any{
			attacker("a", 0.3, map[string]any{"none": 0.3, "to_a": 0.5, "to_b": 0.1, "unknown": 0.1}),
			attacker("b", 0.3, map[string]any{"none": 0.3, "to_a": 0.1, "to_b": 0.5, "unknown": 0.1}),
		},
		"no_attack": map[string]any{"none": f0, "to_a": f, "to_b": f, "unknown": f},
	}
}

// Known answers from the project's model specification (given there to 6
// decimals), checked independently by TestAgainstBisection.
func TestKnownAnswers(t *testing.T) {
	cases := []struct {
		name   string
		values map[string]any
		want   map[string]float64
	}{
		{"one attacker", oneAttacker(), map[string]float64{"alpha_a": 0.531751}},
		{"two attackers", twoAttackers(0.94, 0.02), map[string]float64{"alpha_a": 0.649454, "alpha_b": 0.649454}},
		{"two attackers, fewer false alarms", twoAttackers(0.97, 0.01), map[string]float64{"alpha_a": 0.612263, "alpha_b": 0.612263}},
	}
	for _, c := range cases {
		m, cert := solve(t, c.values)
		for k, want := range c.want {
			if math.Abs(m[k]-want) > 5e-7 {
				t.Errorf("%s: %s = %.7f, want %.6f", c.name, k, m[k], want)
			}
		}
		if !cert.Converged || !cert.Unique || cert.Residual > 1e-10 {
			t.Errorf("%s: certificate %+v", c.name, cert)
		}
	}
}

// refMap is T(α) written directly from the equilibrium conditions of the
// package documentation, independently of the solver: posteriors,
// retaliation G(p), cutoffs, 1 − F(cutoff). Off-path signals (zero
// denominator) that attacker i could send get posterior 1.
func refMap(g *Game, alpha []float64) []float64 {
	pi, _, pi0 := g.Rows()
	n, m := len(pi), len(pi0)
	out := make([]float64, n)
	att := g.P.Attackers
	sumGA := 0.0
	for j := 0; j < n; j++ {
		sumGA += att[j].Opportunity * alpha[j]
	}
	for i := 0; i < n; i++ {
		x := 0.0
		for s := 0; s < m; s++ {
			den := (1 - sumGA) * pi0[s]
			for j := 0; j < n; j++ {
				den += att[j].Opportunity * alpha[j] * pi[j][s]
			}
			var p float64
			switch {
			case den > 0:
				p = att[i].Opportunity * alpha[i] * pi[i][s] / den
			case att[i].Opportunity*pi[i][s] > 0:
				p = 1
			}
			x += (pi[i][s] - pi0[s]) * att[i].RetaliationCost.CDF(p)
		}
		out[i] = 1 - att[i].Benefit.CDF(att[i].Harm*x)
	}
	return out
}

func refResidual(g *Game, alpha []float64) float64 {
	t := refMap(g, alpha)
	r := 0.0
	for i := range alpha {
		r = math.Max(r, math.Abs(alpha[i]-t[i]))
	}
	return r
}

// bisect finds the root of f on [lo, hi] (f(lo) ≤ 0 ≤ f(hi)) by bisection.
func bisect(f func(float64) float64, lo, hi float64) float64 {
	for k := 0; k < 200 && hi-lo > 1e-15; k++ {
		mid := 0.5 * (lo + hi)
		if f(mid) <= 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return 0.5 * (lo + hi)
}

// Symmetric and one-attacker instances reduce to one equation a = T(a, …, a),
// solved here by bisection on refMap: an independent check of the solver.
func TestAgainstBisection(t *testing.T) {
	cases := []map[string]any{
		oneAttacker(),
		twoAttackers(0.94, 0.02),
		twoAttackers(0.97, 0.01),
		with(oneAttacker(), map[string]any{
			"attackers.0.benefit":          map[string]any{"dist": "beta", "alpha": 2, "beta": 5, "min": -0.3, "max": 1.2},
			"attackers.0.retaliation_cost": map[string]any{"dist": "truncnormal", "mean": 0.5, "sd": 0.3, "min": 0, "max": 1},
			"attackers.0.harm":             1.7,
		}),
		with(twoAttackers(0.91, 0.03), map[string]any{
			"attackers.0.benefit":          map[string]any{"dist": "normal", "mean": 0.2, "sd": 0.5},
			"attackers.1.benefit":          map[string]any{"dist": "normal", "mean": 0.2, "sd": 0.5},
			"attackers.0.retaliation_cost": map[string]any{"dist": "beta", "alpha": 0.7, "beta": 1.5},
			"attackers.1.retaliation_cost": map[string]any{"dist": "beta", "alpha": 0.7, "beta": 1.5},
			"nonstate_rate":                0.2,
			"nonstate_signal":              map[string]any{"unknown": 1},
		}),
	}
	for k, v := range cases {
		g := modeltest.Prepare[*Game](t, Model{}, v)
		m, cert := solve(t, v)
		n := len(g.P.Attackers)
		f := func(a float64) float64 {
			alpha := make([]float64, n)
			for i := range alpha {
				alpha[i] = a
			}
			return a - refMap(g, alpha)[0]
		}
		want := bisect(f, 0, 1)
		for _, a := range g.P.Attackers {
			if got := m["alpha_"+a.Name]; math.Abs(got-want) > 1e-9 {
				t.Errorf("case %d: alpha_%s = %.12f, bisection %.12f", k, a.Name, got, want)
			}
		}
		if !cert.Converged || !cert.Unique || cert.Residual > 1e-10 {
			t.Errorf("case %d: certificate %+v", k, cert)
		}
	}
}

// truncCostBelow is E[Y; Y ≤ t] for a normal(μ, σ) truncated to [a, b], in
// closed form.
func truncCostBelow(mu, sd, a, b, t float64) float64 {
	t = math.Min(math.Max(t, a), b)
	phi := func(z float64) float64 { return math.Exp(-z*z/2) / math.Sqrt(2*math.Pi) }
	Phi := func(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }
	za, zb, zt := (a-mu)/sd, (b-mu)/sd, (t-mu)/sd
	return (mu*(Phi(zt)-Phi(za)) - sd*(phi(zt)-phi(za))) / (Phi(zb) - Phi(za))
}

// enumerate computes posteriors, retaliation probabilities, the probability of
// a wrongful retaliation and the defender's expected payoff at the solver's α
// by enumerating who attacked, the signal and every subset of attackers
// retaliated against, with closed-form expected costs for uniform and
// truncated-normal G.
func enumerate(t *testing.T, g *Game, alpha []float64) (post, ret [][]float64, wrong, payoff float64) {
	pi, _, pi0 := g.Rows()
	att := g.P.Attackers
	n, m := len(pi), len(pi0)
	expCost := func(j int, thr float64) float64 { // E[y; y ≤ thr]
		d := att[j].RetaliationCost
		f := d.String()
		var mu, sd, a, b float64
		switch d.Kind() {
		case "uniform":
			a, b = d.Support()
			thr = math.Min(math.Max(thr, a), b)
			return (thr*thr - a*a) / (2 * (b - a))
		case "truncnormal":
			if _, err := fmt.Sscanf(f, "{dist: truncnormal, max: %g, mean: %g, min: %g, sd: %g}", &b, &mu, &a, &sd); err != nil {
				t.Fatalf("parse %s: %v", f, err)
			}
			return truncCostBelow(mu, sd, a, b, thr)
		}
		t.Fatalf("no closed form for %s", f)
		return 0
	}
	// events: index n = no attack
	prob := make([]float64, n+1)
	row := make([][]float64, n+1)
	none := 1.0
	for k := 0; k < n; k++ {
		prob[k] = att[k].Opportunity * alpha[k]
		row[k] = pi[k]
		none -= prob[k]
	}
	prob[n], row[n] = none, pi0
	post = make([][]float64, n)
	ret = make([][]float64, n)
	for j := range post {
		post[j] = make([]float64, m)
		ret[j] = make([]float64, m)
	}
	for k := 0; k < n; k++ {
		payoff -= prob[k] * att[k].Damage
	}
	for s := 0; s < m; s++ {
		ps := 0.0
		for e := 0; e <= n; e++ {
			ps += prob[e] * row[e][s]
		}
		for j := 0; j < n; j++ {
			post[j][s] = prob[j] * pi[j][s] / ps
			ret[j][s] = att[j].RetaliationCost.CDF(post[j][s])
		}
		for e := 0; e <= n; e++ {
			pe := prob[e] * row[e][s]
			for set := 0; set < 1<<n; set++ {
				p := pe
				bad := false
				for j := 0; j < n; j++ {
					if set&(1<<j) != 0 {
						p *= ret[j][s]
						if j != e {
							bad = true
						}
					} else {
						p *= 1 - ret[j][s]
					}
				}
				if bad {
					wrong += p
				}
			}
			// Expected value of retaliation against each j after s in event e:
			// +1 if j attacked, minus E[y; y ≤ posterior].
			for j := 0; j < n; j++ {
				gain := 0.0
				if j == e {
					gain = ret[j][s]
				}
				payoff += pe * (gain - expCost(j, post[j][s]))
			}
		}
	}
	return post, ret, wrong, payoff
}

func TestMetricsAgainstEnumeration(t *testing.T) {
	ex := issueExample()
	// The issue's example with a uniform and a truncated-normal cost law, and
	// unequal damages.
	cases := []map[string]any{oneAttacker(), twoAttackers(0.94, 0.02), with(ex, map[string]any{"attackers.1.damage": 2.5})}
	for k, v := range cases {
		g := modeltest.Prepare[*Game](t, Model{}, v)
		m, _ := solve(t, v)
		alpha := make([]float64, len(g.P.Attackers))
		pAttack := 0.0
		for i, a := range g.P.Attackers {
			alpha[i] = m["alpha_"+a.Name]
			pAttack += a.Opportunity * alpha[i]
			// α = 1 − F(cutoff).
			if want := 1 - a.Benefit.CDF(m["cutoff_"+a.Name]); math.Abs(alpha[i]-want) > 1e-10 {
				t.Errorf("case %d: alpha_%s = %g but 1 − F(cutoff) = %g", k, a.Name, alpha[i], want)
			}
		}
		post, ret, wrong, payoff := enumerate(t, g, alpha)
		for i, a := range g.P.Attackers {
			for s, sig := range g.P.Signals {
				if got := m["posterior_"+a.Name+"_"+sig]; math.Abs(got-post[i][s]) > 1e-12 {
					t.Errorf("case %d: posterior_%s_%s = %g, Bayes %g", k, a.Name, sig, got, post[i][s])
				}
				if got := m["retaliation_"+a.Name+"_"+sig]; math.Abs(got-ret[i][s]) > 1e-12 {
					t.Errorf("case %d: retaliation_%s_%s = %g, want %g", k, a.Name, sig, got, ret[i][s])
				}
			}
		}
		if math.Abs(m["p_attack"]-pAttack) > 1e-14 {
			t.Errorf("case %d: p_attack %g, Σγα %g", k, m["p_attack"], pAttack)
		}
		if math.Abs(m["p_wrongful_retaliation"]-wrong) > 1e-12 {
			t.Errorf("case %d: p_wrongful_retaliation %.12g, enumeration %.12g", k, m["p_wrongful_retaliation"], wrong)
		}
		if math.Abs(m["defender_payoff"]-payoff) > 1e-10 {
			t.Errorf("case %d: defender_payoff %.12g, enumeration %.12g", k, m["defender_payoff"], payoff)
		}
	}
}

// randomRow draws a probability vector over signals with some zeros (unless
// full), the last entry taking the rest.
func randomRow(rng *rand.Rand, signals []string, full bool) map[string]any {
	w := make([]float64, len(signals))
	tot := 0.0
	for k := range w {
		w[k] = -math.Log(1 - rng.Float64())
		if !full && rng.Float64() < 0.2 {
			w[k] = 0
		}
		if full {
			w[k] += 0.01
		}
		tot += w[k]
	}
	if tot == 0 {
		w[0], tot = 1, 1
	}
	row := map[string]any{}
	acc := 0.0
	for k := range w[:len(w)-1] {
		row[signals[k]] = w[k] / tot
		acc += w[k] / tot
	}
	row[signals[len(w)-1]] = math.Max(0, 1-acc)
	return row
}

func randomDist(rng *rand.Rand, lo, hi float64) map[string]any {
	switch rng.IntN(3) {
	case 0:
		return map[string]any{"dist": "uniform", "min": lo, "max": hi}
	case 1:
		return map[string]any{"dist": "beta", "alpha": 0.5 + 3*rng.Float64(), "beta": 0.5 + 3*rng.Float64(), "min": lo, "max": hi}
	}
	return map[string]any{"dist": "truncnormal", "mean": lo + (hi-lo)*rng.Float64(), "sd": 0.1 + rng.Float64(), "min": lo, "max": hi}
}

// randomInstance draws 1–3 attackers, 2–5 signals, rows with zeros, a
// full-support π^FA, random benefit and cost laws (uniform, beta, truncated
// normal), harms, a non-state part, and Σγ ≤ gammaMax.
func randomInstance(rng *rand.Rand, gammaMax float64) map[string]any {
	n := 1 + rng.IntN(3)
	m := 2 + rng.IntN(4)
	var signals []string
	var sig []any
	for k := 0; k < m; k++ {
		signals = append(signals, fmt.Sprintf("s%d", k))
		sig = append(sig, signals[k])
	}
	var atts []any
	total := gammaMax * rng.Float64()
	for i := 0; i < n; i++ {
		lo := -0.5 * rng.Float64()
		atts = append(atts, map[string]any{
			"name":             fmt.Sprintf("a%d", i),
			"opportunity":      total / float64(n),
			"benefit":          randomDist(rng, lo, lo+0.2+1.5*rng.Float64()),
			"retaliation_cost": randomDist(rng, 0.5*rng.Float64()-0.2, 0.5+rng.Float64()),
			"harm":             0.2 + 2*rng.Float64(),
			"signal":           randomRow(rng, signals, false),
		})
	}
	return map[string]any{"signals": sig, "attackers": atts,
		"no_attack":     randomRow(rng, signals, true),
		"nonstate_rate": 0.3 * rng.Float64(), "nonstate_signal": randomRow(rng, signals, false)}
}

// Property: over 300 random instances with a full-support π⁰ and Σγ ≤ 0.6,
// the iterations from α = 0 and α = 1 agree and the residual, recomputed by
// refMap, is below 1e-10. The certificate claims uniqueness exactly when a
// proof applies: one attacker, or attacks that are strategic complements by
// the signal rows; for those, Tᵢ is checked non-decreasing in every αⱼ at
// random pairs of ordered points. For one attacker, a scan of a − T(a) on a
// fine grid finds exactly one sign change, next to the solver's α.
func TestPropertyRandomInstances(t *testing.T) {
	rng := rand.New(rand.NewPCG(2020, 114))
	ones, comps, notProven := 0, 0, 0
	for k := 0; k < 300; k++ {
		v := randomInstance(rng, 0.6)
		g := modeltest.Prepare[*Game](t, Model{}, v)
		least, greatest, cert, err := g.equilibria()
		if err != nil {
			t.Errorf("instance %d: %v", k, err)
			continue
		}
		agree := true
		for i := range least {
			agree = agree && math.Abs(least[i]-greatest[i]) <= 1e-9
		}
		comp, _ := g.complements()
		if !agree || !cert.Converged || cert.Unique != (len(least) == 1 || comp) {
			t.Errorf("instance %d: least %v, greatest %v, complements %v, certificate %+v", k, least, greatest, comp, cert)
		}
		switch {
		case len(least) > 1 && comp:
			comps++
			checkIsotone(t, g, rng, k)
		case len(least) > 1:
			notProven++
		}
		if r := refResidual(g, least); r >= 1e-10 || cert.Residual >= 1e-10 {
			t.Errorf("instance %d: residual %g (certificate %g)", k, r, cert.Residual)
		}
		if len(least) == 1 {
			ones++
			const cells = 2000
			changes, where := 0, -1.0
			prev := 0 - refMap(g, []float64{0})[0]
			if prev == 0 { // a root at 0: no one attacks
				changes, where = 1, 0
			}
			for c := 1; c <= cells; c++ {
				a := float64(c) / cells
				h := a - refMap(g, []float64{a})[0]
				if (prev < 0 && h >= 0) || (prev > 0 && h <= 0) {
					changes++
					where = a
				}
				prev = h
			}
			if changes != 1 || math.Abs(where-least[0]) > 1.0/cells {
				t.Errorf("instance %d: %d sign changes (last at %g); solver %g", k, changes, where, least[0])
			}
		}
	}
	if ones < 50 || comps < 10 || notProven < 10 {
		t.Errorf("%d one-attacker instances, %d with complements, %d without: the sample does not cover each case", ones, comps, notProven)
	}
}

// checkIsotone checks, at 50 random pairs α ≤ α′ differing in one attacker
// j, that Tᵢ(α) ≤ Tᵢ(α′) for every i ≠ j: the strategic complementarity that
// Game.complements infers from the signal rows.
func checkIsotone(t *testing.T, g *Game, rng *rand.Rand, k int) {
	t.Helper()
	n := g.n
	for trial := 0; trial < 50; trial++ {
		lo := make([]float64, n)
		for i := range lo {
			lo[i] = rng.Float64()
		}
		j := rng.IntN(n)
		hi := append([]float64(nil), lo...)
		hi[j] += (1 - lo[j]) * rng.Float64()
		tl, th := refMap(g, lo), refMap(g, hi)
		for i := 0; i < n; i++ {
			if i != j && tl[i] > th[i]+1e-12 {
				t.Errorf("instance %d: T_%d falls from %g to %g when α_%d rises from %g to %g", k, i, tl[i], th[i], j, lo[j], hi[j])
			}
		}
	}
}

// threeEquilibria is the instance of TestMultipleEquilibria.
func threeEquilibria() map[string]any {
	return map[string]any{
		"signals": []any{"none", "alarm"},
		"attackers": []any{map[string]any{"name": "a", "opportunity": 0.3, "harm": 1,
			"benefit":          map[string]any{"dist": "uniform", "min": 0, "max": 0.3},
			"retaliation_cost": map[string]any{"dist": "truncnormal", "mean": 0.05, "sd": 0.03, "min": 0, "max": 1},
			"signal":           map[string]any{"none": 0.3, "alarm": 0.7}}},
		"no_attack": map[string]any{"none": 0.9, "alarm": 0.1},
	}
}

// Cheap retaliation (costs near 0.05) and small benefits give three
// equilibria: few attacks deterred by retaliation after alarms, and many
// attacks that make even "none" look guilty, so retaliation stops
// discriminating. The least and greatest are found and verified; the scan of
// a − T(a) locates all three independently.
func TestMultipleEquilibria(t *testing.T) {
	g := modeltest.Prepare[*Game](t, Model{}, threeEquilibria())
	var roots []float64
	const cells = 20000
	prev := -refMap(g, []float64{0})[0]
	for c := 1; c <= cells; c++ {
		a := float64(c) / cells
		h := a - refMap(g, []float64{a})[0]
		if (prev < 0 && h >= 0) || (prev > 0 && h <= 0) {
			roots = append(roots, a)
		}
		prev = h
	}
	if len(roots) != 3 {
		t.Fatalf("scan found roots %v, want 3", roots)
	}
	sol, err := g.Solve()
	if err != nil {
		t.Fatal(err)
	}
	cert := sol.Certificate
	least := sol.Extra["least_alpha"].(map[string]float64)["a"]
	greatest := sol.Extra["greatest_alpha"].(map[string]float64)["a"]
	if cert.Unique || !cert.Converged {
		t.Errorf("certificate %+v", cert)
	}
	if math.Abs(least-roots[0]) > 1.0/cells || math.Abs(greatest-roots[2]) > 1.0/cells {
		t.Errorf("least %g, greatest %g; scan roots %v", least, greatest, roots)
	}
	if sol.Values[0] != least {
		t.Errorf("reported alpha %g, want the least equilibrium %g", sol.Values[0], least)
	}
	for _, a := range []float64{least, greatest} {
		if r := refResidual(g, []float64{a}); r > 1e-10 {
			t.Errorf("α = %g: residual %g", a, r)
		}
	}
}

// A signal of probability 0 in equilibrium: attacks never pay (benefit < 0),
// so no one attacks, and a signal only attacks produce never occurs. Its
// posterior and retaliation are NaN; the attacker's cutoff uses posterior 1.
func TestOffPathSignal(t *testing.T) {
	v := with(oneAttacker(), map[string]any{
		"attackers.0.benefit": map[string]any{"dist": "uniform", "min": -1, "max": -0.1},
		"no_attack":           nil, // all mass on none
	})
	m, cert := solve(t, v)
	if m["alpha_a"] != 0 || !cert.Converged || !cert.Unique {
		t.Fatalf("alpha %g, certificate %+v", m["alpha_a"], cert)
	}
	if !math.IsNaN(m["posterior_a_alarm"]) || !math.IsNaN(m["retaliation_a_alarm"]) {
		t.Errorf("off-path alarm: posterior %g, retaliation %g; want NaN", m["posterior_a_alarm"], m["retaliation_a_alarm"])
	}
	if m["posterior_a_none"] != 0 || m["retaliation_a_none"] != 0 {
		t.Errorf("after none: posterior %g, retaliation %g", m["posterior_a_none"], m["retaliation_a_none"])
	}
	// cutoff = (0.8 − 0)·G(1) + (0.2 − 1)·G(0) = 0.8.
	if math.Abs(m["cutoff_a"]-0.8) > 1e-15 || m["p_wrongful_retaliation"] != 0 || m["defender_payoff"] != 0 {
		t.Errorf("cutoff %g (want 0.8), p_wrongful %g, payoff %g", m["cutoff_a"], m["p_wrongful_retaliation"], m["defender_payoff"])
	}
}

// The comparative statics the paper's abstract states, computed here.
func TestComparativeStatics(t *testing.T) {
	// (a) Fewer false alarms lower attacks: the knob swept down on the issue's
	// example, and the two-attacker known-answer pair of instances.
	prev := map[string]float64{"alpha_china": math.Inf(1), "alpha_other": math.Inf(1), "p_attack": math.Inf(1)}
	for _, phi := range []float64{0.12, 0.09, 0.06, 0.03, 0} {
		m, _ := solve(t, with(issueExample(), map[string]any{"false_alarm": phi}))
		for k := range prev {
			if !(m[k] < prev[k]) {
				t.Errorf("false_alarm %g: %s = %g, not below %g", phi, k, m[k], prev[k])
			}
			prev[k] = m[k]
		}
	}
	hi, _ := solve(t, twoAttackers(0.94, 0.02))
	lo, _ := solve(t, twoAttackers(0.97, 0.01))
	if !(lo["p_attack"] < hi["p_attack"]) {
		t.Errorf("fewer false alarms: p_attack %g → %g", hi["p_attack"], lo["p_attack"])
	}

	// (b) Turning misidentification into non-detection lowers attacks: the
	// mass each attacker puts on the other's signal moves to none.
	type pair struct {
		name        string
		before, aft map[string]any
	}
	ex := issueExample()
	cs := []pair{
		{"two-attacker known answer", twoAttackers(0.94, 0.02), with(twoAttackers(0.94, 0.02), map[string]any{
			"attackers.0.signal": map[string]any{"none": 0.4, "to_a": 0.5, "unknown": 0.1},
			"attackers.1.signal": map[string]any{"none": 0.4, "to_b": 0.5, "unknown": 0.1},
		})},
		{"issue example", ex, with(ex, map[string]any{
			"attackers.0.signal": map[string]any{"none": 0.25, "to_china": 0.6, "unattributed": 0.15},
			"attackers.1.signal": map[string]any{"none": 0.5, "to_other": 0.4, "unattributed": 0.1},
		})},
	}
	for _, c := range cs {
		b, _ := solve(t, c.before)
		a, _ := solve(t, c.aft)
		g := modeltest.Prepare[*Game](t, Model{}, c.before)
		for _, at := range g.P.Attackers {
			k := "alpha_" + at.Name
			if !(a[k] < b[k]) {
				t.Errorf("%s: misidentification → non-detection: %s %g → %g, want lower", c.name, k, b[k], a[k])
			}
		}
		if !(a["p_attack"] < b["p_attack"]) {
			t.Errorf("%s: p_attack %g → %g, want lower", c.name, b["p_attack"], a["p_attack"])
		}
	}

	// (c) Detecting more attacks can raise attacks: b's attacks are detected
	// more often, but on a's typical signal. That clears a (its posterior after
	// to_a falls), a attacks more, which in turn clears b: both attack more.
	mk := func(shift float64) map[string]any {
		return map[string]any{
			"signals": []any{"none", "to_a", "to_b"},
			"attackers": []any{
				attacker("a", 0.4, map[string]any{"none": 0.3, "to_a": 0.6, "to_b": 0.1}),
				attacker("b", 0.2, map[string]any{"none": 0.6 - shift, "to_a": shift, "to_b": 0.4}),
			},
			"no_attack": map[string]any{"none": 0.9, "to_a": 0.05, "to_b": 0.05},
		}
	}
	b, _ := solve(t, mk(0))
	a, _ := solve(t, mk(0.1))
	for _, k := range []string{"alpha_a", "alpha_b", "p_attack"} {
		if !(a[k] > b[k]) {
			t.Errorf("more detection of b on a's signal: %s %g → %g, want higher", k, b[k], a[k])
		}
	}
	if !(a["posterior_a_to_a"] < b["posterior_a_to_a"]) {
		t.Errorf("posterior that a attacked after to_a: %g → %g, want lower", b["posterior_a_to_a"], a["posterior_a_to_a"])
	}
}
