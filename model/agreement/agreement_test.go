package agreement

import (
	"math"
	"testing"

	"github.com/statecraft/statecraft/internal/modeltest"
	"github.com/statecraft/statecraft/model/espionage"
	"github.com/statecraft/statecraft/model/sanctions"
)

// with returns the defaults of the tests' cases overridden by kv.
func with(base map[string]any, kv ...any) map[string]any {
	out := make(map[string]any, len(base)+len(kv)/2)
	for k, v := range base {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

func solve(t *testing.T, values map[string]any) map[string]float64 {
	t.Helper()
	m, sol := modeltest.Solve(t, Model{}, values)
	if sol.Certificate.Residual > 1e-12 {
		t.Errorf("%v: residual %g", values, sol.Certificate.Residual)
	}
	if sol.Certificate.Unique || sol.Certificate.Concept != Concept {
		t.Errorf("%v: certificate concept %q, unique %v; want %q, not unique", values, sol.Certificate.Concept, sol.Certificate.Unique, Concept)
	}
	return m
}

func game(t *testing.T, values map[string]any) *Game {
	t.Helper()
	return modeltest.Prepare[*Game](t, Model{}, values)
}

// With stealth fixed at 0, no non-state hackers, no hotline, no sender's cost
// and no pledge, the target's constraint is package espionage's on the same
// payoffs: T − R = gΔ, R − P = (c_T − g)Δ, and the review-period form with
// detection_rate λ_d + λ_f (an alarm after spying is a detection or a false
// alarm) and false_alarm_rate λ_f. espionage's slack is normalised per
// period; ours is per year of the deviation, so it is divided by (1−δ)Δ.
func TestReductionToEspionage(t *testing.T) {
	type tc struct {
		ld, lf, r, dt, gain, ct float64
		strategy                string
		L                       int
	}
	var cases []tc
	for _, st := range []string{"grim", "punish"} {
		for _, dt := range []float64{0.25, 0.5, 1} {
			for _, ld := range []float64{0.5, 2, 6} {
				for _, ct := range []float64{1.5, 3, 8} {
					cases = append(cases, tc{ld, 0.2, 0.1, dt, 1, ct, st, 3}, tc{ld, 0.05, 0.3, dt, 0.7, ct, st, 1})
				}
			}
		}
	}
	sustained, failed := 0, 0
	for _, c := range cases {
		ours := solve(t, map[string]any{
			"agreement": "before", "max_stealth": 0, "hotline": 0, "nonstate_rate": 0, "sender_cost": 0,
			"detection_rate": c.ld, "false_alarm_rate": c.lf, "interest_rate": c.r, "review_period": c.dt,
			"gain": c.gain, "target_cost": c.ct, "strategy": c.strategy, "sanction_length": c.L,
		})
		const R = 3.0
		P := R - (c.ct-c.gain)*c.dt
		esp, _ := modeltest.Solve(t, espionage.Model{}, map[string]any{
			"temptation": R + c.gain*c.dt, "reward": R, "punishment": P, "sucker": P - 1,
			"review_period": c.dt, "detection_rate": c.ld + c.lf, "false_alarm_rate": c.lf, "interest_rate": c.r,
			"strategy": c.strategy, "punish_length": c.L,
		})
		delta := math.Exp(-c.r * c.dt)
		want := esp["ic_slack"] / ((1 - delta) * c.dt)
		if !modeltest.Near(ours["target_slack"], want, 1e-9*math.Max(1, math.Abs(want))) {
			t.Errorf("%+v: target_slack %.12g, espionage's slack gives %.12g", c, ours["target_slack"], want)
		}
		if ours["self_enforcing"] != esp["sustainable"] {
			t.Errorf("%+v: self_enforcing %g, espionage sustainable %g", c, ours["self_enforcing"], esp["sustainable"])
		}
		// c_S = 0 makes the threat credible: the regime is the target's condition.
		if ours["credible"] != 1 {
			t.Errorf("%+v: not credible with c_S = 0 (sender_slack %g)", c, ours["sender_slack"])
		}
		if esp["sustainable"] == 1 {
			sustained++
			if ours["regime"] != float64(Restraint) {
				t.Errorf("%+v: regime %v, espionage sustains restraint", c, Regime(ours["regime"]))
			}
			// The value of restraint: espionage's V − R per period, ours per year.
			if w := (esp["value"] - R) / c.dt; !modeltest.Near(ours["target_value"], w, 1e-9*math.Max(1, math.Abs(w))) {
				t.Errorf("%+v: target_value %.12g, espionage %.12g", c, ours["target_value"], w)
			}
		} else {
			failed++
			if ours["regime"] != float64(Open) {
				t.Errorf("%+v: regime %v without restraint and stealth, want open_espionage", c, Regime(ours["regime"]))
			}
		}
	}
	if sustained == 0 || failed == 0 {
		t.Errorf("the cases should cover both sides: %d sustained, %d not", sustained, failed)
	}
}

// In the one-shot limit (one period of one year, δ → 0, L = 1) the sender
// carries out a sanction iff c_S < a: package sanctions' resolve, ρ = 1.
func TestOneShotLimitMatchesSanctionsResolve(t *testing.T) {
	for _, ag := range []string{"before", "after"} {
		for _, a0 := range []float64{0.2, 0.5, 1.3} {
			a := a0
			if ag == "after" {
				a += 1 // the default pledge audience cost
			}
			for _, cs := range []float64{0, 0.1, a0 - 1e-3, a0 + 1e-3, a - 1e-3, a + 1e-3, 0.8, 1.7, 3} {
				m := solve(t, map[string]any{"agreement": ag, "audience_cost": a0, "sender_cost": cs,
					"review_period": 1, "interest_rate": 50, "sanction_length": 1})
				if !modeltest.Near(m["sender_slack"], a-cs, 1e-12) {
					t.Errorf("%s a=%g c_S=%g: sender_slack %.15g, one-shot limit a − c_S = %g", ag, a, cs, m["sender_slack"], a-cs)
				}
				s, _ := modeltest.Solve(t, sanctions.Model{}, map[string]any{"audience_cost": a, "sender_cost": cs})
				if m["credible"] != s["rho"] {
					t.Errorf("%s a=%g c_S=%g: credible %g, sanctions' ρ = P(c_S < a) = %g", ag, a, cs, m["credible"], s["rho"])
				}
			}
		}
	}
}

// The closed forms against an independent computation: the values of the
// Markov chain of the public state by value iteration, and the best
// deviation by a scan of 20001 stealth levels.
func TestClosedFormsAgainstChainAndScan(t *testing.T) {
	for i, c := range closedFormCases {
		g := game(t, c)
		sol, err := g.Solution()
		if err != nil {
			t.Fatal(err)
		}
		d, dt := g.delta, g.dt
		// Target's value of restraint, by value iteration.
		vR := chainValue(g, -g.k*g.q, g.q, g.pT)
		if !modeltest.Near(vR, g.sol.vR, 1e-10) {
			t.Errorf("case %d: V_R %.12g, chain %.12g", i, g.sol.vR, vR)
		}
		// The best one-period deviation by a scan.
		wR := (1-g.x)*vR + g.x*g.pT // first sanction period
		best := math.Inf(-1)
		for j := 0; j <= 20000; j++ {
			s := g.sbar * float64(j) / 20000
			pd := g.p0 * math.Pow(1-s, g.kap)
			pi := 1 - (1-g.q)*(1-pd)
			u := g.gain*(1-g.gamma*s) - g.k*pi
			best = math.Max(best, (1-d)*u+d*((1-pi)*vR+pi*wR))
		}
		slack := (vR - best) / ((1 - d) * dt)
		if !modeltest.Near(sol.TargetSlack, slack, 1e-6*math.Max(1, math.Abs(slack))) {
			t.Errorf("case %d: target_slack %.10g, scan %.10g", i, sol.TargetSlack, slack)
		}
		if sol.TargetSlack < slack-1e-9*math.Max(1, math.Abs(slack)) { // the chain.s rounding, divided by (1−δ)Δ
			t.Errorf("case %d: the closed form's deviation is worse than the scan's: %.17g vs %.17g", i, sol.TargetSlack, slack)
		}
		// The sender's constraint from the chain's values under the best response.
		pi, uS := g.q, 0.0
		if sol.Spy {
			pi = g.trigger(g.sol.brStealth)
			uS = -g.P.Harm * g.gain * (1 - g.gamma*g.sol.brStealth)
		}
		vS := chainValue(g, uS, pi, g.pS)
		carry := (1-g.deltaL)*g.pS + g.deltaL*vS
		if g.P.Strategy == "grim" {
			carry = g.pS
		}
		back := -(1-d)*g.a - g.harmPeriod
		if w := (carry - back) / (1 - d); !modeltest.Near(sol.SenderSlack, w, 1e-8*math.Max(1, math.Abs(w))) {
			t.Errorf("case %d: sender_slack %.12g, chain %.12g", i, sol.SenderSlack, w)
		}
	}
}

// chainValue is the normalised value, from the cooperative state, of a
// stationary cooperative flow u with trigger probability pi and flow p while
// sanctioned, by value iteration over the states cooperative, sanctioned
// with k periods left (k = 1..L), or sanctioned for ever (grim).
func chainValue(g *Game, u, pi, p float64) float64 {
	d := g.delta
	L := g.L
	if L == 0 {
		return ((1-d)*u + d*pi*p) / (1 - d + d*pi) // grim: W = p exactly
	}
	v := make([]float64, L+1) // v[0] cooperative, v[k] sanctioned with k left
	next := make([]float64, L+1)
	for it := 0; it < 200000; it++ {
		next[0] = (1-d)*u + d*((1-pi)*v[0]+pi*v[L])
		next[1] = (1-d)*p + d*v[0]
		for k := 2; k <= L; k++ {
			next[k] = (1-d)*p + d*v[k-1]
		}
		diff := 0.0
		for k := range v {
			diff = math.Max(diff, math.Abs(next[k]-v[k]))
		}
		v, next = next, v
		if diff < 1e-15 {
			break
		}
	}
	return v[0]
}

var closedFormCases = []map[string]any{
	{},
	{"agreement": "before"},
	{"max_stealth": 0.3, "detection_rate": 6},
	{"max_stealth": 0.5, "stealth_curvature": 1.5, "stealth_cost": 0.2},
	{"stealth_curvature": 1, "max_stealth": 0.7},
	{"stealth_curvature": 0.5, "max_stealth": 0.4},
	{"strategy": "grim", "max_stealth": 0.4, "detection_rate": 5},
	{"strategy": "grim"},
	{"target_cost": 0.5},
	{"stealth_cost": 0, "max_stealth": 0.5},
	{"review_period": 0.25, "sanction_years": 2, "max_stealth": 0.2, "detection_rate": 4},
	{"review_period": 1, "sanction_length": 1, "nonstate_rate": 2, "hotline": 0.9},
}

// The solution's parts agree with each other: the regime with the two
// constraints, the thresholds with the constraints they invert.
func TestThresholds(t *testing.T) {
	for i, c := range closedFormCases {
		m := solve(t, c)
		// max_sender_cost: the threat is credible just below it, not just above.
		cs := m["max_sender_cost"]
		below := solve(t, with(c, "sender_cost", cs*(1-1e-6)))
		above := solve(t, with(c, "sender_cost", cs*(1+1e-6)+1e-9))
		if below["credible"] != 1 || above["credible"] != 0 {
			t.Errorf("case %d: max_sender_cost %g: credible below %g, above %g", i, cs, below["credible"], above["credible"])
		}
		if at := solve(t, with(c, "sender_cost", cs)); !modeltest.Near(at["sender_slack"], 0, 1e-9) {
			t.Errorf("case %d: sender_slack %g at max_sender_cost", i, at["sender_slack"])
		}
		// required_detection_rate: self-enforcing just above, not just below.
		ld := m["required_detection_rate"]
		if math.IsNaN(ld) {
			// Even certain detection each period must fail.
			if sure := solve(t, with(c, "detection_rate", 1e3)); sure["self_enforcing"] != 0 {
				t.Errorf("case %d: required_detection_rate NaN, but λ_d = 1000 deters", i)
			}
			continue
		}
		lo := solve(t, with(c, "detection_rate", ld*(1-1e-6)))
		hi := solve(t, with(c, "detection_rate", ld*(1+1e-6)))
		if lo["self_enforcing"] != 0 || hi["self_enforcing"] != 1 {
			t.Errorf("case %d: required_detection_rate %g: self-enforcing below %g, above %g", i, ld, lo["self_enforcing"], hi["self_enforcing"])
		}
		if own := game(t, c).P.DetectionRate; (m["self_enforcing"] == 1) != (own >= ld) {
			t.Errorf("case %d: self_enforcing %g at λ_d = %g, required %g", i, m["self_enforcing"], own, ld)
		}
	}
	for i, c := range closedFormCases {
		m := solve(t, c)
		var want Regime
		switch {
		case m["credible"] == 0:
			want = NonCredible
		case m["self_enforcing"] == 1:
			want = Restraint
		case m["stealth"] > 0:
			want = Stealthy
		default:
			want = Open
		}
		if Regime(m["regime"]) != want {
			t.Errorf("case %d: regime %v, constraints say %v", i, Regime(m["regime"]), want)
		}
		if (m["self_enforcing"] == 1) != (m["target_slack"] >= 0) || (m["credible"] == 1) != (m["sender_slack"] >= -1e-12) {
			t.Errorf("case %d: flags disagree with the slacks: %v", i, m)
		}
	}
}

func TestSanctionYears(t *testing.T) {
	for _, c := range []struct {
		years, dt float64
		L         int
	}{{1, 0.5, 2}, {1, 0.3, 4}, {1, 0.25, 4}, {1, 1.0 / 3, 3}, {2, 1.0 / 12, 24}, {0.1, 1, 1}} {
		_, _, _, L := game(t, map[string]any{"sanction_years": c.years, "review_period": c.dt}).Periods()
		if L != c.L {
			t.Errorf("sanction_years %g, Δ = %g: L = %d, want %d", c.years, c.dt, L, c.L)
		}
	}
}

func TestBadInput(t *testing.T) {
	modeltest.BadInput(t, Model{}, []modeltest.BadCase{
		{Values: map[string]any{"hotlin": 0.5}, Key: "hotlin", Want: []string{`did you mean "hotline"`}},
		{Values: map[string]any{"hotline": 1.5}, Key: "hotline", Want: []string{"0 ≤ x ≤ 1"}},
		{Values: map[string]any{"review_period": 0}, Key: "review_period", Want: []string{"x > 0"}},
		{Values: map[string]any{"agreement": "during"}, Key: "agreement", Want: []string{"before", "after"}},
		{Values: map[string]any{"strategy": "grimm"}, Key: "strategy", Want: []string{`did you mean "grim"`}},
		{Values: map[string]any{"sanction_length": 2.5}, Key: "sanction_length", Want: []string{"whole number"}},
		{Values: map[string]any{"sanction_length": 2, "sanction_years": 1}, Key: "sanction_years", Want: []string{"not both"}},
		{Values: map[string]any{"interest_rate": 5000, "review_period": 1}, Key: "interest_rate", Want: []string{"outside (0, 1)"}},
		{Values: map[string]any{"sender_cost": -1}, Key: "sender_cost", Want: []string{"x ≥ 0"}},
		{Values: map[string]any{"max_stealth": "high"}, Key: "max_stealth", Want: []string{"want a number"}},
	})
}

func TestNewAgreesWithPrepare(t *testing.T) {
	p := Defaults()
	p.Agreement, p.MaxStealth = "before", 0.3
	g, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	want := game(t, map[string]any{"agreement": "before", "max_stealth": 0.3})
	if g.sol.Solution.TargetSlack != want.sol.TargetSlack || g.L != want.L {
		t.Errorf("New and Prepare differ: %v vs %v", g.sol.Solution, want.sol.Solution)
	}
	p.Hotline = 1.5
	if _, err := New(p); err == nil {
		t.Error("New accepted hotline = 1.5")
	}
}
