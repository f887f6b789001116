package sanctions

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/internal/mctest"
	"github.com/statecraft/statecraft/internal/modeltest"
	"github.com/statecraft/statecraft/model"
)

// solve returns the deterministic metrics by name.
func solve(t *testing.T, values map[string]any) map[string]float64 {
	t.Helper()
	m, _ := modeltest.Solve(t, Model{}, values)
	return m
}

func uniform(lo, hi float64) map[string]any {
	return map[string]any{"dist": "uniform", "min": lo, "max": hi}
}

func caseIndex(name string) float64 {
	for i, l := range caseLevels {
		if l == name {
			return float64(i)
		}
	}
	panic(name)
}

// The known answer of the project's model specification (the defaults):
// v=1, a=0.5, g=1, c_T=2, c_S ~ U[0,2]: semi-separating, P(threat) = 1/2,
// P(comply) = P(impose) = P(back down) = 1/6. The payoffs are worked by
// hand: the sender gets v/6 − σ̄·E[c_S; c_S < 0.5] − a/6
// = 1/6 − (2/3)(1/16) − 1/12 = 1/24, the target −g/6 − c_T/6 = −1/2.
func TestKnownAnswer(t *testing.T) {
	m := solve(t, nil)
	want := map[string]float64{
		"case": caseIndex("semi_separating"), "rho": 0.25, "p_threat": 0.5,
		"p_comply": 1.0 / 6, "p_impose": 1.0 / 6, "p_back_down": 1.0 / 6, "p_defy": 1.0 / 3,
		"bluff_prob": 1.0 / 3, "defy_prob": 2.0 / 3, "posterior_resolve": 0.5,
		"sender_payoff": 1.0 / 24, "target_payoff": -0.5,
	}
	for k, w := range want {
		if !modeltest.Near(m[k], w, 1e-12) {
			t.Errorf("%s = %.15g, want %.15g", k, m[k], w)
		}
	}
}

// ckFormulas is the common-knowledge equilibrium table of the package
// documentation, written independently of the package's code.
func ckFormulas(v, a, g, cT, rho float64) (kase string, pThreat, pComply, pImpose, pBack, phi, sigma, mu float64) {
	switch {
	case cT <= g:
		return "no_coercion", 0, 0, 0, 0, 0, 1, math.NaN()
	case rho*cT >= g:
		return "pooling", 1, 1, 0, 0, 1, 0, rho
	}
	phi = rho * (cT - g) / ((1 - rho) * g)
	sigma = v / (v + a)
	pThreat = rho * cT / g
	return "semi_separating", pThreat, pThreat * (1 - sigma), rho * sigma, sigma * (1 - rho) * phi, phi, sigma, g / cT
}

func TestCommonKnowledgeTable(t *testing.T) {
	for _, v := range []float64{0.5, 1, 3} {
		for _, a := range []float64{0.2, 0.5, 1.5} {
			for _, g := range []float64{0.5, 1} {
				for _, cT := range []float64{0.3, 0.9, 1.3, 2, 4, 9} {
					for _, hi := range []float64{0.8, 2, 5} {
						vals := map[string]any{"compliance_value": v, "audience_cost": a, "compliance_cost": g, "target_cost": cT, "sender_cost": uniform(0, hi)}
						m := solve(t, vals)
						rho := math.Min(a/hi, 1)
						kase, pT, pC, pI, pB, phi, sigma, mu := ckFormulas(v, a, g, cT, rho)
						if rho == 1 {
							phi = math.NaN()
						}
						got := []float64{m["case"], m["rho"], m["p_threat"], m["p_comply"], m["p_impose"], m["p_back_down"], m["bluff_prob"], m["defy_prob"], m["posterior_resolve"]}
						exp := []float64{caseIndex(kase), rho, pT, pC, pI, pB, phi, sigma, mu}
						for i := range got {
							if !modeltest.Near(got[i], exp[i], 1e-12) {
								t.Errorf("%v: metric %d = %g, want %g (%s)", vals, i, got[i], exp[i], kase)
							}
						}
						if !modeltest.Near(m["p_defy"], m["p_impose"]+m["p_back_down"], 1e-12) || !modeltest.Near(m["p_threat"], m["p_comply"]+m["p_defy"], 1e-12) {
							t.Errorf("%v: outcome probabilities do not add up: %v", vals, m)
						}
					}
				}
			}
		}
	}
}

// The private-cost solver given a point mass (it never sees one through
// Prepare) reproduces the common-knowledge closed form away from c_T = g.
func TestPrivateSolverOnPointMassMatchesClosedForm(t *testing.T) {
	for _, cT := range []float64{0.4, 0.99, 1.01, 1.5, 2, 3.9, 4, 4.1, 10} {
		for _, hi := range []float64{0.7, 2, 4} {
			g := modeltest.Prepare[*Game](t, Model{}, map[string]any{"target_cost": cT, "sender_cost": uniform(0, hi)})
			ck := g.commonKnowledge(cT)
			pt, _, _ := g.privateTarget()
			a := []float64{float64(ck.Case), ck.PThreat, ck.PComply, ck.PImpose, ck.PBackDown, ck.Bluff, ck.Defy, ck.SenderPayoff, ck.TargetPayoff}
			b := []float64{float64(pt.Case), pt.PThreat, pt.PComply, pt.PImpose, pt.PBackDown, pt.Bluff, pt.Defy, pt.SenderPayoff, pt.TargetPayoff}
			for i := range a {
				if !modeltest.Near(a[i], b[i], 1e-12) {
					t.Errorf("c_T=%g c_S~U[0,%g]: closed form %v, private solver %v", cT, hi, a, b)
					break
				}
			}
		}
	}
}

// A narrow uniform K around c_T tends to the common-knowledge answer: the
// difference shrinks in proportion to the width.
func TestPointMassLimit(t *testing.T) {
	for _, cT := range []float64{0.5, 1.5, 2, 2.8, 6} {
		ck := solve(t, map[string]any{"target_cost": cT})
		var prev float64
		for i, eps := range []float64{1e-2, 1e-3, 1e-4} {
			m := solve(t, map[string]any{"target_cost": uniform(cT-eps, cT+eps)})
			if m["case"] != ck["case"] {
				t.Errorf("c_T=%g±%g: case %v, common knowledge %v", cT, eps, m["case"], ck["case"])
			}
			diff := 0.0
			for _, k := range []string{"p_threat", "p_comply", "p_impose", "p_back_down", "defy_prob", "sender_payoff", "target_payoff"} {
				diff = math.Max(diff, math.Abs(m[k]-ck[k]))
			}
			if diff > 10*eps {
				t.Errorf("c_T=%g±%g: largest difference from the point mass %g", cT, eps, diff)
			}
			if i > 0 && diff > prev/5 && diff > 1e-12 {
				t.Errorf("c_T=%g: difference %g at ±%g did not shrink from %g", cT, diff, eps, prev)
			}
			prev = diff
		}
	}
}

// The bracketed root equals the quantile of K at v/(v+a), which dist
// computes by its own (closed-form or gonum) inversion.
func TestRootAgainstQuantile(t *testing.T) {
	laws := []map[string]any{
		uniform(1.5, 2.5),
		{"dist": "truncnormal", "mean": 2, "sd": 0.5, "min": 0},
		{"dist": "lognormal", "mu": 0.7, "sigma": 0.3},
		{"dist": "beta", "alpha": 2, "beta": 3, "min": 1, "max": 4},
		{"dist": "triangular", "min": 1, "mode": 2, "max": 3},
		{"dist": "exponential", "rate": 0.5},
	}
	for _, l := range laws {
		g := modeltest.Prepare[*Game](t, Model{}, map[string]any{"target_cost": l, "audience_cost": 0.8})
		e, err := g.Equilibrium()
		if err != nil {
			t.Fatal(err)
		}
		if e.Case != SemiSeparating {
			t.Errorf("%v: case %v, want semi_separating for this test", l, e.Case)
			continue
		}
		q := g.P.TargetCost.Quantile(1 / 1.8)
		if !modeltest.Near(e.TargetCutoff, q, 1e-9*q) {
			t.Errorf("%v: root %.15g, quantile %.15g", l, e.TargetCutoff, q)
		}
	}
}

// Each regime of the private-cost extension, at hand-picked parameters, with
// its outcome checked by hand. v=1, a=0.5 (σ̄ = 2/3), g=1, c_S ~ U[0,2]
// (ρ = 1/4, g/ρ = 4).
func TestPrivateRegimes(t *testing.T) {
	cases := []struct {
		name   string
		cT     map[string]any
		kase   Case
		threat float64
		defy   float64
	}{
		// K = U[3, 13]: P(c_T < 4) = 0.1 ≤ 2/3: pooling, σ = 0.1.
		{"pooling", uniform(3, 13), Pooling, 1, 0.1},
		// K = U[0.5, 3.5]: P(c_T < 1) = 1/6 ≤ 2/3 < P(c_T < 4) = 1: c_T* = 2.5,
		// μ = 0.4, φ = 0.25·0.6/(0.75·0.4) = 0.5, P(threat) = 0.25 + 0.375.
		{"semi", uniform(0.5, 3.5), SemiSeparating, 0.625, 2.0 / 3},
		// K = U[0, 1.25]: σ = P(c_T < 1) = 0.8 > 2/3; τ = 0.2·1/0.8 = 0.25,
		// P(threat) = H(0.25) = 0.125.
		{"resolute only", uniform(0, 1.25), ResoluteOnly, 0.125, 0.8},
		// K = U[0, 1.01]: σ ≈ 0.990, τ ≈ 0.0100, P(threat) = τ/2.
		{"resolute only, rare", uniform(0, 1.01), ResoluteOnly, (0.01 / 1.01) / (1 / 1.01) / 2, 1 / 1.01},
		// K = U[0, 1]: every target prefers sanctions, σ = 1, τ = 0: nobody
		// threatens.
		{"no coercion", uniform(0, 1), NoCoercion, 0, 1},
	}
	for _, c := range cases {
		g := modeltest.Prepare[*Game](t, Model{}, map[string]any{"target_cost": c.cT})
		e, err := g.Equilibrium()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if e.Case != c.kase || !modeltest.Near(e.PThreat, c.threat, 1e-12) || !modeltest.Near(e.Defy, c.defy, 1e-12) {
			t.Errorf("%s: case %v, P(threat) %.15g, σ %.15g; want %v, %.15g, %.15g", c.name, e.Case, e.PThreat, e.Defy, c.kase, c.threat, c.defy)
		}
	}
	// A sender whose costs are all above the resolve threshold: ρ = 0.
	m := solve(t, map[string]any{"sender_cost": uniform(0.6, 2), "target_cost": uniform(1, 3)})
	if m["case"] != caseIndex("no_coercion") || m["p_threat"] != 0 || !math.IsNaN(m["posterior_resolve"]) {
		t.Errorf("ρ = 0: %v", m)
	}
}

// A discrete K whose atom at the cutoff mixes: values 1, 2, 3 with weights
// 0.2, 0.5, 0.3. σ̄ = 2/3 falls inside the atom at 2 (cumulative 0.2 → 0.7),
// so the targets at 2 defy with (2/3 − 0.2)/0.5 = 14/15.
func TestDiscreteTargetCostMixes(t *testing.T) {
	g := modeltest.Prepare[*Game](t, Model{}, map[string]any{"target_cost": map[string]any{"dist": "discrete", "values": []any{1, 2, 3}, "weights": []any{0.2, 0.5, 0.3}}})
	e, err := g.Equilibrium()
	if err != nil {
		t.Fatal(err)
	}
	if e.Case != SemiSeparating || e.TargetCutoff != 2 || !modeltest.Near(e.CutoffDefy, 14.0/15, 1e-12) || !modeltest.Near(e.Belief, 0.5, 1e-15) {
		t.Errorf("got %+v", e)
	}
	// Target payoff: −g·P(comply) − ρ·(E[c_T; c_T < 2] + m·2·0.5)
	// = −1/6 − 0.25·(0.2 + (14/15)·1) = −1/6 − 0.2833…
	want := -1.0/6 - 0.25*(0.2+14.0/15)
	if !modeltest.Near(e.TargetPayoff, want, 1e-12) {
		t.Errorf("target payoff %.15g, want %.15g", e.TargetPayoff, want)
	}
}

// Every type's strategy is a best response. σ and μ are recomputed here from
// the strategies and the laws' own CDFs (or the atoms the test wrote), then
// every type on a grid of 2001 quantiles (and at the cutoffs) compares the
// payoff of each of its plans: no threat; threat then impose; threat then back
// down; and for the target, comply or defy.
func TestNoProfitableDeviation(t *testing.T) {
	cases := []map[string]any{
		nil,
		{"target_cost": 5},
		{"target_cost": 0.7},
		{"target_cost": 2.5, "sender_cost": map[string]any{"dist": "lognormal", "mu": 0, "sigma": 0.8}},
		{"target_cost": uniform(0.5, 3.5)},
		{"target_cost": uniform(3, 13)},
		{"target_cost": uniform(0, 1.25)},
		{"target_cost": map[string]any{"dist": "discrete", "values": []any{1, 2, 3}, "weights": []any{0.2, 0.5, 0.3}}},
		{"target_cost": map[string]any{"dist": "truncnormal", "mean": 1.5, "sd": 1, "min": 0}, "sender_cost": map[string]any{"dist": "beta", "alpha": 2, "beta": 2, "min": 0, "max": 3}, "audience_cost": 1.2, "compliance_value": 2},
		{"target_cost": map[string]any{"dist": "exponential", "rate": 0.5}, "sender_cost": map[string]any{"dist": "exponential", "rate": 1}},
	}
	for _, c := range cases {
		g := modeltest.Prepare[*Game](t, Model{}, c)
		e, err := g.Equilibrium()
		if err != nil {
			t.Fatalf("%v: %v", c, err)
		}
		v, a, gc := g.P.ComplianceValue, g.P.AudienceCost, g.P.ComplianceCost
		H, K := g.P.SenderCost, g.P.TargetCost
		// σ from the target's strategy.
		sigma := 0.0
		if K.IsConstant() || K.Kind() == "discrete" {
			xs, ps := testAtoms(c["target_cost"])
			for i, x := range xs {
				switch {
				case x < e.TargetCutoff:
					sigma += ps[i]
				case x == e.TargetCutoff:
					sigma += ps[i] * e.CutoffDefy
				}
			}
		} else {
			sigma = K.CDF(e.TargetCutoff)
		}
		if !modeltest.Near(sigma, e.Defy, 1e-10) {
			t.Errorf("%v: σ from the target's strategy %.12g, reported %.12g", c, sigma, e.Defy)
		}
		// μ from the sender's strategy by Bayes' rule.
		rho := H.CDF(a)
		resolute := H.CDF(math.Min(a, e.ThreatCutoff))
		if math.Min(a, e.ThreatCutoff) <= 0 {
			resolute = 0
		}
		if pt := resolute + e.Bluff*(1-rho); pt > 0 && !modeltest.Near(resolute/pt, e.Belief, 1e-10) {
			t.Errorf("%v: μ by Bayes %.12g, target's belief %.12g", c, resolute/pt, e.Belief)
		}
		tol := 1e-9
		// Sender types.
		types := []float64{a, math.Nextafter(a, 0), e.ThreatCutoff}
		for i := 0; i <= 2000; i++ {
			types = append(types, H.Quantile((float64(i)+0.5)/2001))
		}
		for _, cs := range types {
			plans := []float64{0, (1-sigma)*v - sigma*cs, (1-sigma)*v - sigma*a} // no threat, threat+impose, threat+back down
			after := plans[2]                                                    // the prescribed move after defiance: impose iff c_S < a
			if cs < a {
				after = plans[1]
			}
			if math.Max(plans[1], plans[2])-after > tol {
				t.Errorf("%v: type %g's move after defiance is not optimal", c, cs)
			}
			best := math.Max(0, after)
			p := e.threatProb(cs, a)
			if p > 0 && best-after > tol {
				t.Errorf("%v: sender type %g threatens (prob %g) but gains %g by not threatening", c, cs, p, best-after)
			}
			if p < 1 && best > tol {
				t.Errorf("%v: sender type %g does not always threaten (prob %g) but threatening gains %g", c, cs, p, best)
			}
		}
		// Target types, at the belief μ (on or off the path).
		ttypes := []float64{gc, e.TargetCutoff, math.Nextafter(e.TargetCutoff, 0)}
		for i := 0; i <= 2000; i++ {
			ttypes = append(ttypes, K.Quantile((float64(i)+0.5)/2001))
		}
		for _, ct := range ttypes {
			if math.IsInf(ct, 0) {
				continue
			}
			defy, comply := -e.Belief*ct, -gc
			d := e.defyProb(ct)
			if d > 0 && comply-defy > tol || d < 1 && defy-comply > tol {
				t.Errorf("%v: target type %g defies with prob %g; defy %g, comply %g", c, ct, d, defy, comply)
			}
		}
	}
}

// testAtoms reads the atoms from a test's own spec.
func testAtoms(spec any) ([]float64, []float64) {
	switch s := spec.(type) {
	case nil:
		return []float64{2}, []float64{1} // the default target_cost
	case float64:
		return []float64{s}, []float64{1}
	case int:
		return []float64{float64(s)}, []float64{1}
	case map[string]any:
		var xs, ws []float64
		sum := 0.0
		for i, v := range s["values"].([]any) {
			xs = append(xs, toF(v))
			w := toF(s["weights"].([]any)[i])
			ws = append(ws, w)
			sum += w
		}
		for i := range ws {
			ws[i] /= sum
		}
		return xs, ws
	}
	panic(fmt.Sprint(spec))
}

func toF(v any) float64 {
	switch x := v.(type) {
	case int:
		return float64(x)
	case float64:
		return x
	}
	panic(v)
}

// Sweeps set nested keys inside the sender_cost mapping (the config fills in
// the default law first, see package config): a uniform law with a changed
// max, written with YAML integers, decodes; a mapping without dist: is refused
// with the list of laws.
func TestNestedDistributionKeys(t *testing.T) {
	m := solve(t, map[string]any{"sender_cost": map[string]any{"dist": "uniform", "min": 0, "max": 4}})
	if !modeltest.Near(m["rho"], 0.5/4, 1e-15) {
		t.Errorf("rho = %g, want a/max = 0.125", m["rho"])
	}
	_, err := Model{}.Prepare(map[string]any{"sender_cost": map[string]any{"max": 4.0}})
	if err == nil || !strings.Contains(err.Error(), "sender_cost.dist") {
		t.Errorf("mapping without dist: %v", err)
	}
}

func TestBadInput(t *testing.T) {
	modeltest.BadInput(t, Model{}, []modeltest.BadCase{
		{Values: map[string]any{"sender_cost": uniform(2, 2)}, Want: []string{"sender_cost.max", "min < max"}},
		{Values: map[string]any{"sender_cost": uniform(3, 1)}, Want: []string{"sender_cost.max", "min < max"}},
		{Values: map[string]any{"sender_cost": map[string]any{"dist": "uniform", "min": 0, "max": -1}}, Want: []string{"sender_cost.max", "min < max"}},
		{Values: map[string]any{"target_cost": uniform(2, 1)}, Want: []string{"target_cost.max", "min < max"}},
		{Values: map[string]any{"target_cost": -1}, Want: []string{"target_cost", "cannot be negative"}},
		{Values: map[string]any{"target_cost": map[string]any{"dist": "normal", "mean": 2, "sd": 1}}, Want: []string{"target_cost", "cannot be negative", "truncnormal"}},
		{Values: map[string]any{"sender_cost": uniform(-1, 2)}, Want: []string{"sender_cost", "cannot be negative"}},
		{Values: map[string]any{"sender_cost": map[string]any{"dist": "unifrom", "min": 0, "max": 2}}, Want: []string{"sender_cost.dist", `did you mean "uniform"`}},
		{Values: map[string]any{"audience_cost": 0}, Want: []string{"audience_cost", "x > 0"}},
		{Values: map[string]any{"audience_cost": -0.5}, Want: []string{"audience_cost", "x > 0"}},
		{Values: map[string]any{"compliance_cost": -1}, Want: []string{"compliance_cost", "x > 0"}},
		{Values: map[string]any{"compliance_value": "high"}, Want: []string{"compliance_value", "want a number"}},
		{Values: map[string]any{"audience_cots": 1}, Want: []string{"audience_cots", `did you mean "audience_cost"`}},
		{Values: map[string]any{"target_cost": "big"}, Want: []string{"target_cost", "want a distribution"}},
	})
}

// The Monte Carlo of the game tree agrees with the equilibrium's outcome
// within 4 standard errors (fixed seeds). A metric the simulation makes
// constant (se = 0) must equal its closed form to rounding.
func TestSimulationAgreesWithClosedForm(t *testing.T) {
	cases := []map[string]any{
		nil,
		{"target_cost": 5},
		{"target_cost": 3, "sender_cost": map[string]any{"dist": "lognormal", "mu": 0, "sigma": 1}, "audience_cost": 0.3},
		{"target_cost": uniform(0.5, 3.5)},
		{"target_cost": uniform(3, 13)},
		{"target_cost": uniform(0, 1.25)},
		{"target_cost": map[string]any{"dist": "discrete", "values": []any{1, 2, 3}, "weights": []any{0.2, 0.5, 0.3}}},
		{"target_cost": map[string]any{"dist": "truncnormal", "mean": 1.5, "sd": 1, "min": 0}, "sender_cost": map[string]any{"dist": "beta", "alpha": 2, "beta": 2, "min": 0, "max": 3}, "audience_cost": 1.2, "compliance_value": 2},
		{"sender_cost": map[string]any{"dist": "discrete", "values": []any{0.2, 0.5, 1}, "weights": []any{1, 1, 2}}, "target_cost": 3},
	}
	names := []string{"p_threat", "p_comply", "p_defy", "p_impose", "p_back_down", "posterior_resolve", "sender_payoff", "target_payoff"}
	for i, c := range cases {
		g := modeltest.Prepare[*Game](t, Model{}, c)
		m := solve(t, c)
		mean, se := mctest.Moments(t, g.Simulate, 100000, rand.New(rand.NewPCG(uint64(10+i), 0x5a1c)), numSimulated)
		for k, name := range names {
			mctest.Within(t, fmt.Sprintf("%v %s", c, name), mean[k], se[k], m[name], 4)
		}
	}
}

// The simulated metric names follow the deterministic ones in Metrics.
func TestMetricsLayout(t *testing.T) {
	g := modeltest.Prepare[*Game](t, Model{}, nil)
	det, sim := model.Split(g.Metrics())
	if len(sim) != numSimulated || len(det) != 12 {
		t.Fatalf("%d deterministic, %d simulated", len(det), len(sim))
	}
	for i, m := range g.Metrics() {
		if m.Simulated != (i >= len(det)) {
			t.Errorf("metric %s out of order", m.Name)
		}
	}
	if det[0].Name != "case" || len(det[0].Levels) != 4 {
		t.Errorf("case metric: %+v", det[0])
	}
	// The list does not depend on numeric values.
	g2 := modeltest.Prepare[*Game](t, Model{}, map[string]any{"target_cost": uniform(0, 3)})
	if fmt.Sprint(g2.Metrics()) != fmt.Sprint(g.Metrics()) {
		t.Errorf("metrics depend on parameters")
	}
	if err := g.Simulate(rand.New(rand.NewPCG(1, 1)), make([]float64, 3)); err == nil {
		t.Errorf("Simulate accepted a short output slice")
	}
}

// Comparative statics the model implies, as signs: a higher audience cost
// makes threats more credible (ρ up) and, in the semi-separating region,
// lowers the defiance probability v/(v+a); a higher ceiling on the sender's
// cost (more interdependence) lowers ρ and P(impose).
func TestComparativeStatics(t *testing.T) {
	prev := solve(t, map[string]any{"audience_cost": 0.3})
	for _, a := range []float64{0.4, 0.5, 0.6} {
		m := solve(t, map[string]any{"audience_cost": a})
		if !(m["rho"] > prev["rho"] && m["defy_prob"] < prev["defy_prob"]) {
			t.Errorf("a=%g: rho %g→%g, defy %g→%g", a, prev["rho"], m["rho"], prev["defy_prob"], m["defy_prob"])
		}
		prev = m
	}
	prev = solve(t, map[string]any{"sender_cost": uniform(0, 1.5)})
	for _, hi := range []float64{2, 3, 4} {
		m := solve(t, map[string]any{"sender_cost": uniform(0, hi)})
		if !(m["rho"] < prev["rho"] && m["p_impose"] < prev["p_impose"]) {
			t.Errorf("max=%g: rho %g→%g, p_impose %g→%g", hi, prev["rho"], m["rho"], prev["p_impose"], m["p_impose"])
		}
		prev = m
	}
}

// Partial expectations against textbook closed forms.
func TestPartialExpectation(t *testing.T) {
	mk := func(spec any) *law {
		var d dist.Dist
		if err := d.DecodeValue(spec); err != nil {
			t.Fatal(err)
		}
		l := newLaw(d)
		return &l
	}
	// Uniform[0,2]: E[X; X<x] = x²/4.
	u := mk(uniform(0, 2))
	// Exponential(λ): E[X; X<x] = (1 − e^{−λx}(1+λx))/λ.
	e := mk(map[string]any{"dist": "exponential", "rate": 1.5})
	// Lognormal(μ,σ): E[X; X<x] = e^{μ+σ²/2} Φ((ln x − μ − σ²)/σ).
	ln := mk(map[string]any{"dist": "lognormal", "mu": 0.2, "sigma": 0.6})
	for _, x := range []float64{0.1, 0.5, 1, 1.9, 3} {
		if w := math.Min(x, 2) * math.Min(x, 2) / 4; !modeltest.Near(u.partial(x), w, 1e-13) {
			t.Errorf("uniform partial(%g) = %.15g, want %.15g", x, u.partial(x), w)
		}
		if w := (1 - math.Exp(-1.5*x)*(1+1.5*x)) / 1.5; !modeltest.Near(e.partial(x), w, 1e-12) {
			t.Errorf("exponential partial(%g) = %.15g, want %.15g", x, e.partial(x), w)
		}
		w := math.Exp(0.2+0.18) * 0.5 * math.Erfc(-(math.Log(x)-0.2-0.36)/0.6/math.Sqrt2)
		if !modeltest.Near(ln.partial(x), w, 1e-12) {
			t.Errorf("lognormal partial(%g) = %.15g, want %.15g", x, ln.partial(x), w)
		}
	}
}

// At a boundary of the semi-separating case K(g) = σ̄ exactly, and the root
// search in log c can see K(exp(log g)) a rounding error above σ̄ (here
// exp(log 10) = 10.000000000000002): the cutoff is then g itself, and the
// equilibrium still verifies.
func TestCutoffAtBracketEnd(t *testing.T) {
	for _, gc := range []float64{3, 7, 10} {
		g := modeltest.Prepare[*Game](t, Model{}, map[string]any{"compliance_cost": gc, "target_cost": uniform(0, 2*gc), "compliance_value": 1, "audience_cost": 1, "sender_cost": uniform(0, 1.5)})
		e, err := g.Equilibrium()
		if err != nil || e.Case != SemiSeparating || !modeltest.Near(e.TargetCutoff, gc, 4e-15*gc) || !modeltest.Near(e.Defy, 0.5, 1e-15) {
			t.Errorf("g = %g: %v, %+v", gc, err, e)
		}
	}
}

// The solver's certificate: closed form for a known c_T, Brent's root with
// a small residual for a private one.
func TestCertificate(t *testing.T) {
	sol, _ := modeltest.Prepare[*Game](t, Model{}, nil).Solve()
	if !sol.Certificate.Converged || !strings.Contains(sol.Certificate.Method, "closed form") || sol.Certificate.Residual > 1e-12 {
		t.Errorf("certificate %+v", sol.Certificate)
	}
	sol, _ = modeltest.Prepare[*Game](t, Model{}, map[string]any{"target_cost": uniform(0.5, 3.5)}).Solve()
	if !strings.Contains(sol.Certificate.Method, "Brent") || sol.Certificate.Residual > 1e-12 || sol.Certificate.Iterations == 0 {
		t.Errorf("certificate %+v", sol.Certificate)
	}
	if sol.Certificate.Concept != Concept || !sol.Certificate.Unique {
		t.Errorf("private c_T away from knife edges: certificate %+v", sol.Certificate)
	}
	keys := make([]string, 0)
	for k := range sol.Extra["strategies"].(map[string]float64) {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if strings.Join(keys, ",") != "belief,cutoff_defy_prob,indifference_defy_prob,target_cutoff,threat_cutoff" {
		t.Errorf("extra keys %v", keys)
	}
}

func BenchmarkPrepareSolve(b *testing.B) {
	for _, c := range []struct {
		name string
		vals map[string]any
	}{
		{"known_target_cost", nil},
		{"private_uniform", map[string]any{"target_cost": uniform(0.5, 3.5)}},
		{"private_lognormal", map[string]any{"target_cost": map[string]any{"dist": "lognormal", "mu": 0.7, "sigma": 0.3}, "sender_cost": map[string]any{"dist": "lognormal", "mu": 0, "sigma": 1}}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				inst, err := Model{}.Prepare(c.vals)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := inst.Solve(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSimulate(b *testing.B) {
	g := modeltest.Prepare[*Game](b, Model{}, map[string]any{"target_cost": uniform(0.5, 3.5)})
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]float64, numSimulated)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = g.Simulate(rng, out)
	}
}

// Robustness: over random parameters and laws (known and private target
// costs, bounded and unbounded sender costs, discrete laws) the solver always
// returns a verified equilibrium, probabilities lie in [0, 1] and add up,
// and every regime occurs.
func TestRandomParametersAlwaysSolve(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 500
	}
	randomSanctions(t, 7, n)
}

func randomSanctions(t *testing.T, seed uint64, n int) {
	rng := rand.New(rand.NewPCG(seed, seed))
	u := func(lo, hi float64) float64 { return lo + (hi-lo)*rng.Float64() }
	seen := map[Case]int{}
	for i := 0; i < n; i++ {
		lo := u(0, 1)
		laws := []any{
			u(0, 5),
			uniform(lo, lo+u(0.01, 5)),
			map[string]any{"dist": "truncnormal", "mean": u(-0.3, 4), "sd": u(0.1, 2), "min": 0},
			map[string]any{"dist": "lognormal", "mu": u(-1, 1.5), "sigma": u(0.1, 1.5)},
			map[string]any{"dist": "exponential", "rate": u(0.2, 5)},
			map[string]any{"dist": "beta", "alpha": u(0.3, 4), "beta": u(0.3, 4), "min": 0, "max": u(0.5, 5)},
			map[string]any{"dist": "discrete", "values": []any{u(0, 1), u(1, 2), u(2, 6)}, "weights": []any{u(0, 1), u(0, 1), u(0.1, 1)}},
		}
		vals := map[string]any{
			"compliance_value": u(0.1, 3), "audience_cost": u(0.05, 3), "compliance_cost": u(0.1, 3),
			"target_cost": laws[rng.IntN(len(laws))], "sender_cost": laws[1+rng.IntN(len(laws)-1)],
		}
		g := modeltest.Prepare[*Game](t, Model{}, vals)
		e, err := g.Equilibrium()
		if err != nil {
			t.Fatalf("%v: %v", vals, err)
		}
		seen[e.Case]++
		for _, p := range []float64{e.PThreat, e.PComply, e.PDefy, e.PImpose, e.PBackDown, e.Defy, e.Bluff, e.Rho} {
			if !(p >= -1e-12 && p <= 1+1e-12) {
				t.Fatalf("%v: probability %g out of [0,1]: %+v", vals, p, e)
			}
		}
		if !modeltest.Near(e.PThreat, e.PComply+e.PImpose+e.PBackDown, 1e-12) {
			t.Fatalf("%v: outcomes do not add up: %+v", vals, e)
		}
	}
	if len(seen) != 4 {
		t.Errorf("regimes seen: %v", seen)
	}
}

func discrete(values, weights []any) map[string]any {
	return map[string]any{"dist": "discrete", "values": values, "weights": weights}
}

// Uniqueness is claimed away from the knife edges and denied on them: at the
// defaults (semi-separating) the outcome is unique; at c_T = g both no
// coercion and semi-separating with φ = 0 are equilibria; at ρc_T = g
// (ρ = 1/4, c_T = 4) the target may defy a pooling threat with any
// probability up to v/(v+a), which changes P(comply); an atom of c_S at a
// leaves a type indifferent between imposing and backing down; a discrete
// c_T whose CDF sits at σ̄ = v/(v+a) between two atoms inside [g, g/ρ]
// admits a range of cutoffs (by hand: each such cutoff c has
// P(c_T < c) = σ̄).
func TestCertificateUniqueness(t *testing.T) {
	cases := []struct {
		values map[string]any
		unique bool
	}{
		{nil, true},
		{map[string]any{"target_cost": 1}, false},
		{map[string]any{"target_cost": 4}, false},
		{map[string]any{"target_cost": 4.5}, true},
		{map[string]any{"sender_cost": discrete([]any{0.2, 0.5, 1}, []any{0.25, 0.25, 0.5})}, false},
		// a = 1: σ̄ = 1/2, ρ = 1/2, cutoffs on [g, g/ρ] = [1, 2].
		{map[string]any{"audience_cost": 1, "target_cost": discrete([]any{0.5, 0.8, 1.5}, []any{0.25, 0.25, 0.5})}, false},
		{map[string]any{"audience_cost": 1, "target_cost": discrete([]any{0.5, 1.2, 1.5, 3}, []any{0.25, 0.25, 0.25, 0.25})}, false},
		{map[string]any{"audience_cost": 1, "target_cost": discrete([]any{0.5, 1.2, 1.5, 3}, []any{0.25, 0.5, 0.125, 0.125})}, true},
	}
	for _, c := range cases {
		sol, err := modeltest.Prepare[*Game](t, Model{}, c.values).Solve()
		if err != nil {
			t.Fatal(err)
		}
		cert := sol.Certificate
		if cert.Concept != Concept || cert.Unique != c.unique {
			t.Errorf("%v: concept %q, unique %v, want %v (notes %q)", c.values, cert.Concept, cert.Unique, c.unique, cert.Notes)
		}
	}
}
