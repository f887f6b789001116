package espionage

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/internal/mctest"
	"github.com/statecraft/statecraft/internal/modeltest"
)

// solve returns the deterministic metrics by name; the Bellman residual must
// vanish.
func solve(t *testing.T, values map[string]any) map[string]float64 {
	t.Helper()
	m, sol := modeltest.Solve(t, Model{}, values)
	if sol.Certificate.Residual > 1e-12 {
		t.Errorf("Bellman residual %g", sol.Certificate.Residual)
	}
	return m
}

// Known answers from the project's model specification (Axelrod payoffs
// 5, 3, 1, 0), given there to 6 decimals.
func TestKnownAnswers(t *testing.T) {
	cases := []struct {
		p, q, deltaStar, vbar float64
	}{
		{1, 0, 0.5, 3},
		{0.8, 0.1, 0.625, 2.714286},
		{0.5, 0.05, 0.714286, 2.777778},
	}
	for _, c := range cases {
		// δ = 0.95 is above every δ* in the table, where V̄ applies.
		m := solve(t, map[string]any{"detection": c.p, "false_alarm": c.q, "discount": 0.95})
		if !modeltest.Near(m["delta_star"], c.deltaStar, 5e-7) {
			t.Errorf("p=%g q=%g: delta_star = %.7f, want %g", c.p, c.q, m["delta_star"], c.deltaStar)
		}
		if !modeltest.Near(m["vbar"], c.vbar, 5e-7) {
			t.Errorf("p=%g q=%g: vbar = %.7f, want %g", c.p, c.q, m["vbar"], c.vbar)
		}
	}
	// Perfect monitoring: δ* = (T−R)/(T−P).
	m := solve(t, map[string]any{"detection": 1, "false_alarm": 0})
	if !modeltest.Near(m["delta_star"], (5.0-3)/(5-1), 1e-15) {
		t.Errorf("perfect monitoring delta_star = %g, want 0.5", m["delta_star"])
	}
	// At p=0.8, q=0.1, δ=0.9 (the defaults): grim V = 2.052632.
	m = solve(t, nil)
	if !modeltest.Near(m["value"], 2.052632, 5e-7) {
		t.Errorf("grim value = %.7f, want 2.052632", m["value"])
	}
	if m["sustainable"] != 1 {
		t.Errorf("grim at δ=0.9 > δ*=0.625 should be sustainable")
	}
}

// paperCondition is the self-enforcement inequality for L-period punishment,
// (T−R)(1 − δ + δq(1−δᴸ)) ≤ δ(p−q)(1−δᴸ)(R−P), written independently of the
// package's slack form.
func paperCondition(T, R, P, p, q, d float64, L float64) bool {
	x := 1 - math.Pow(d, L)
	return (T-R)*(1-d+d*q*x) <= d*(p-q)*x*(R-P)+1e-12
}

func TestMinPunishmentAgainstScan(t *testing.T) {
	for _, p := range []float64{0.5, 0.8, 1} {
		for _, q := range []float64{0, 0.05, 0.1, 0.2} {
			for _, d := range []float64{0.55, 0.7, 0.8, 0.9, 0.95, 0.99} {
				m := solve(t, map[string]any{"detection": p, "false_alarm": q, "discount": d})
				want := math.NaN()
				for L := 1.0; L <= 5000; L++ {
					if paperCondition(5, 3, 1, p, q, d, L) {
						want = L
						break
					}
				}
				got := m["min_punishment"]
				if !(got == want || (math.IsNaN(got) && math.IsNaN(want))) {
					t.Errorf("p=%g q=%g δ=%g: min_punishment = %g, scan says %g", p, q, d, got, want)
				}
				// The strategy punish with L = min_punishment is sustainable.
				if !math.IsNaN(got) {
					mm := solve(t, map[string]any{"detection": p, "false_alarm": q, "discount": d, "strategy": "punish", "punish_length": int(got)})
					if mm["sustainable"] != 1 {
						t.Errorf("p=%g q=%g δ=%g: punish L=%g not sustainable", p, q, d, got)
					}
				}
			}
		}
	}
}

func TestGrimThresholdAndValueLimit(t *testing.T) {
	// The slack of grim changes sign at δ*.
	ds := solve(t, map[string]any{"detection": 0.8, "false_alarm": 0.1})["delta_star"]
	below := solve(t, map[string]any{"detection": 0.8, "false_alarm": 0.1, "discount": ds - 1e-6})
	above := solve(t, map[string]any{"detection": 0.8, "false_alarm": 0.1, "discount": ds + 1e-6})
	if below["sustainable"] != 0 || above["sustainable"] != 1 {
		t.Errorf("sustainability around δ*=%g: below %g, above %g", ds, below["sustainable"], above["sustainable"])
	}
	if !math.IsNaN(below["tau_star"]) || below["vbar"] != 1 {
		t.Errorf("below δ*: tau_star %g (want NaN), vbar %g (want P=1)", below["tau_star"], below["vbar"])
	}
	// With false alarms, grim's value tends to P as δ → 1.
	v := solve(t, map[string]any{"detection": 0.8, "false_alarm": 0.1, "discount": 0.999999})["value"]
	if !modeltest.Near(v, 1, 1e-4) {
		t.Errorf("grim value as δ→1 = %g, want → P = 1", v)
	}
}

func TestProbabilisticTriggerReachesVBar(t *testing.T) {
	for _, d := range []float64{0.7, 0.9, 0.99} {
		m := solve(t, map[string]any{"discount": d, "strategy": "probabilistic"})
		if !modeltest.Near(m["value"], m["vbar"], 1e-12) {
			t.Errorf("δ=%g: value at τ* = %.15g, vbar %.15g", d, m["value"], m["vbar"])
		}
		if !modeltest.Near(m["ic_slack"], 0, 1e-12) || m["sustainable"] != 1 {
			t.Errorf("δ=%g: slack at τ* = %g, sustainable %g", d, m["ic_slack"], m["sustainable"])
		}
		// A smaller τ breaks the incentive constraint.
		less := solve(t, map[string]any{"discount": d, "strategy": "probabilistic", "trigger_prob": m["tau_star"] * 0.99})
		if less["sustainable"] != 0 {
			t.Errorf("δ=%g: τ slightly below τ* still sustainable", d)
		}
	}
	// At δ = δ*, τ* = 1 (grim).
	ds := solve(t, nil)["delta_star"]
	if ts := solve(t, map[string]any{"discount": ds + 1e-12})["tau_star"]; !modeltest.Near(ts, 1, 1e-6) {
		t.Errorf("τ* at δ* = %g, want 1", ts)
	}
}

func TestReviewPeriod(t *testing.T) {
	g := modeltest.Prepare[*Game](t, Model{}, map[string]any{"review_period": 0.5, "detection_rate": 3.0, "false_alarm_rate": 0.2, "interest_rate": 0.1})
	p, q, d := g.Monitoring()
	if !modeltest.Near(p, 1-math.Exp(-1.5), 1e-15) || !modeltest.Near(q, 1-math.Exp(-0.1), 1e-15) || !modeltest.Near(d, math.Exp(-0.05), 1e-15) {
		t.Errorf("derived p, q, δ = %g, %g, %g", p, q, d)
	}
	// As Δ → 0, slack/Δ → r[(λ_d−λ_f)(R−P)/(r+λ_f) − (T−R)] (continuous-time limit).
	for _, c := range []struct{ ld, lf, r float64 }{{3, 0.2, 0.1}, {1, 0.5, 0.3}, {0.5, 0.1, 0.05}} {
		want := c.r * ((c.ld-c.lf)*(3-1)/(c.r+c.lf) - (5 - 3))
		dt := 1e-6
		m := solve(t, map[string]any{"review_period": dt, "detection_rate": c.ld, "false_alarm_rate": c.lf, "interest_rate": c.r})
		if got := m["ic_slack"] / dt; !modeltest.Near(got, want, 1e-4*math.Max(1, math.Abs(want))) {
			t.Errorf("%+v: slack/Δ = %g, continuous-time limit %g", c, got, want)
		}
		limitHolds := (5-3)*(c.r+c.lf) <= (c.ld-c.lf)*(3-1)
		if (m["sustainable"] == 1) != limitHolds {
			t.Errorf("%+v: sustainable %g at Δ→0, limit condition %v", c, m["sustainable"], limitHolds)
		}
	}
}

func TestBadInput(t *testing.T) {
	modeltest.BadInput(t, Model{}, []modeltest.BadCase{
		{Values: map[string]any{"detectoin": 0.9}, Want: []string{"detectoin", `did you mean "detection"`}},
		{Values: map[string]any{"detection": "high"}, Want: []string{"detection", "want a number"}},
		{Values: map[string]any{"detection": 1.5}, Want: []string{"detection", "0 ≤ x ≤ 1"}},
		{Values: map[string]any{"discount": 1}, Want: []string{"discount", "0 < x < 1"}},
		{Values: map[string]any{"punish_length": 0}, Want: []string{"punish_length", "x ≥ 1"}},
		{Values: map[string]any{"punish_length": 2.5}, Want: []string{"punish_length", "whole number"}},
		{Values: map[string]any{"detection": 0.3, "false_alarm": 0.3}, Want: []string{"false_alarm", "must be below detection"}},
		{Values: map[string]any{"temptation": 2}, Want: []string{"temptation", "T > R > P > S"}},
		{Values: map[string]any{"strategy": "grimm"}, Want: []string{"strategy", `did you mean "grim"`, "probabilistic"}},
		{Values: map[string]any{"review_period": 0.5, "detection_rate": 2, "false_alarm_rate": 0.1, "interest_rate": 0.1, "discount": 0.9}, Want: []string{"discount", "not both"}},
		{Values: map[string]any{"review_period": 0.5, "detection_rate": 2}, Want: []string{"false_alarm_rate", "missing"}},
		{Values: map[string]any{"review_period": 0.5, "detection_rate": 0.1, "false_alarm_rate": 0.2, "interest_rate": 0.1}, Want: []string{"false_alarm_rate", "below detection_rate"}},
	})
}

var simCases = []map[string]any{
	{},
	{"strategy": "punish", "punish_length": 3},
	{"strategy": "punish", "punish_length": 1, "false_alarm": 0.3, "detection": 0.9},
	{"strategy": "probabilistic"},
	{"strategy": "probabilistic", "trigger_prob": 0.4, "discount": 0.8},
	{"rogue": 0.05},
	{"rogue": 0.1, "strategy": "punish", "punish_length": 2},
	{"rogue": 0.02, "strategy": "probabilistic", "discount": 0.95},
}

// Random termination: (1−δ)Σuₜ is unbiased for the closed-form value, and the
// first breakdown, given one happens, is geometric: E = 1/(1 − δ(1 − θ)) with θ
// the chance a cooperative period starts a punishment.
func TestSimulationAgreesWithClosedForm(t *testing.T) {
	for i, c := range simCases {
		g := modeltest.Prepare[*Game](t, Model{}, c)
		sol, _ := g.Solve()
		mean, se := mctest.Moments(t, g.Simulate, 40000, rand.New(rand.NewPCG(uint64(100+i), 0x5eed)), numSimulated)
		mctest.Within(t, "discounted value "+describeCase(c), mean[simDiscounted], se[simDiscounted], sol.Values[1], 4)
		theta := g.qEff
		if g.P.Strategy == "probabilistic" {
			theta *= g.tau
		}
		mctest.Within(t, "first breakdown "+describeCase(c), mean[simFirstBreakdown], se[simFirstBreakdown], 1/(1-g.delta*(1-theta)), 4)
		if g.eps == 0 && mean[simTrueTriggers] != 0 {
			t.Errorf("%v: true triggers %g without rogue units", c, mean[simTrueTriggers])
		}
		if g.eps > 0 && !(mean[simTrueTriggers] > 0) {
			t.Errorf("%v: no true triggers with rogue units", c)
		}
	}
}

// chainExpectations propagates the exact distribution over the automaton's
// states for H periods and returns the expected coop_rate, mean_payoff,
// discounted_payoff, false_triggers and true_triggers of a fixed-horizon run.
// It shares no code with Simulate or the closed forms.
func chainExpectations(g *Game, H int) (coop, mean, disc, falseTr, trueTr float64) {
	T, R, P, S := g.P.Temptation, g.P.Reward, g.P.Punishment, g.P.Sucker
	p, q, d := g.Monitoring()
	e := g.P.Rogue
	bothC := (1 - e) * (1 - e)
	uCoop := bothC*R + 2*e*(1-e)*(T+S)/2 + e*e*P
	alarmFalse := bothC * q      // alarm and nobody spied
	alarmTrue := (1 - bothC) * p // alarm and someone spied
	trig := 1.0
	if g.P.Strategy == "probabilistic" {
		trig = g.tau
	}
	L := g.P.PunishLength
	// States: 0 = cooperate, 1..L = punishment periods left, L+1 = forever.
	dist := make([]float64, L+2)
	next := make([]float64, L+2)
	dist[0] = 1
	w := 1.0
	for t := 0; t < H; t++ {
		pc := dist[0]
		coop += pc * bothC
		u := pc*uCoop + (1-pc)*P
		mean += u
		disc += w * u
		w *= d
		falseTr += pc * alarmFalse * trig
		trueTr += pc * alarmTrue * trig
		for i := range next {
			next[i] = 0
		}
		start := pc * (alarmFalse + alarmTrue) * trig
		next[0] += pc - start
		switch g.P.Strategy {
		case "punish":
			next[L] += start
		default:
			next[L+1] += start
		}
		for k := 1; k <= L; k++ {
			if k == 1 {
				next[0] += dist[1]
			} else {
				next[k-1] += dist[k]
			}
		}
		next[L+1] += dist[L+1]
		dist, next = next, dist
	}
	h := float64(H)
	return coop / h, mean / h, disc * (1 - d) / (1 - w), 100 * falseTr / h, 100 * trueTr / h
}

func TestFixedHorizonAgreesWithMarkovChain(t *testing.T) {
	for i, c := range simCases {
		c2 := map[string]any{"horizon": 60}
		for k, v := range c {
			c2[k] = v
		}
		g := modeltest.Prepare[*Game](t, Model{}, c2)
		mean, se := mctest.Moments(t, g.Simulate, 20000, rand.New(rand.NewPCG(uint64(200+i), 0x5eed)), numSimulated)
		coop, mp, disc, ft, tt := chainExpectations(g, 60)
		name := describeCase(c2)
		mctest.Within(t, "coop_rate "+name, mean[simCoopRate], se[simCoopRate], coop, 4)
		mctest.Within(t, "mean_payoff "+name, mean[simMeanPayoff], se[simMeanPayoff], mp, 4)
		mctest.Within(t, "discounted_payoff "+name, mean[simDiscounted], se[simDiscounted], disc, 4)
		mctest.Within(t, "false_triggers "+name, mean[simFalseTriggers], se[simFalseTriggers], ft, 4)
		if tt > 0 {
			mctest.Within(t, "true_triggers "+name, mean[simTrueTriggers], se[simTrueTriggers], tt, 4)
		}
	}
}

func describeCase(c map[string]any) string {
	var parts []string
	for _, k := range []string{"strategy", "punish_length", "trigger_prob", "detection", "false_alarm", "discount", "rogue", "horizon"} {
		if v, ok := c[k]; ok {
			parts = append(parts, fmt.Sprintf("%s=%v", k, v))
		}
	}
	return "{" + strings.Join(parts, " ") + "}"
}
