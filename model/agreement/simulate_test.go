package agreement

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/statecraft/statecraft/internal/mctest"
	"github.com/statecraft/statecraft/model"
)

// Cases of the Monte Carlo tests: every regime, both strategies, concave and
// convex stealth, a hotline that clears most non-state alarms.
var simCases = []map[string]any{
	{},                      // stealthy espionage
	{"agreement": "before"}, // non-credible
	{"max_stealth": 0.3, "detection_rate": 6},                   // restraint
	{"max_stealth": 0, "detection_rate": 1.5, "sender_cost": 0}, // restraint without stealth options
	{"max_stealth": 0, "detection_rate": 0.5, "sender_cost": 0}, // open espionage
	{"strategy": "grim", "max_stealth": 0.4, "detection_rate": 5},
	{"stealth_curvature": 0.5, "max_stealth": 0.4, "sender_cost": 0},
	{"review_period": 1, "sanction_length": 1, "nonstate_rate": 2, "hotline": 0.9, "max_stealth": 0.2, "detection_rate": 4},
	{"review_period": 0.25, "sanction_years": 1, "nonstate_rate": 3, "hotline": 0.3, "max_stealth": 0.2, "detection_rate": 8},
}

// Every simulated metric agrees with its closed form within 4 standard
// errors.
func TestSimulationAgreesWithClosedForms(t *testing.T) {
	seen := map[Regime]bool{}
	for i, c := range simCases {
		g := game(t, c)
		sol, err := g.Solve()
		if err != nil {
			t.Fatal(err)
		}
		seen[g.sol.Regime] = true
		mean, se := mctest.Moments(t, g.Simulate, 40000, rand.New(rand.NewPCG(uint64(300+i), 0xa9)), numSimulated)
		det, sim := model.Split(g.Metrics())
		value := map[string]float64{}
		for j, m := range det {
			value[m.Name] = sol.Values[j]
		}
		for j, m := range sim {
			exact := value[m.Name[:len(m.Name)-len("_sim")]]
			mctest.Within(t, fmt.Sprintf("case %d (%v) %s", i, g.sol.Regime, m.Name), mean[j], se[j], exact, 4)
		}
	}
	for r := Restraint; r <= NonCredible; r++ {
		if !seen[r] {
			t.Errorf("no simulated case in regime %v", r)
		}
	}
}

// paired estimates the mean difference of two plays' j-th output over n
// pairs that share their random numbers (common random numbers: the
// difference has far less variance than either play).
func paired(t *testing.T, g *Game, a, b play, j, n int, seed uint64) (mean, se float64) {
	t.Helper()
	var st mctest.Stats
	oa, ob := make([]float64, numSimulated), make([]float64, numSimulated)
	for i := 0; i < n; i++ {
		if _, err := g.play(rand.New(rand.NewPCG(seed, uint64(i))), oa, a); err != nil {
			t.Fatal(err)
		}
		if _, err := g.play(rand.New(rand.NewPCG(seed, uint64(i))), ob, b); err != nil {
			t.Fatal(err)
		}
		st.Add(oa[j] - ob[j])
	}
	return st.Mean(), st.SE()
}

// The two incentive constraints by simulation: the target restraining
// against deviating once at its best stealth, and the sender carrying out a
// sanction against backing down.
func TestSimulatedConstraints(t *testing.T) {
	for i, c := range simCases {
		g := game(t, c)
		s := g.sol
		d, dt := g.delta, g.dt
		restrain := play{threat: true, restrain: true}
		deviate := play{threat: true, restrain: true, deviate: true, deviationStealth: s.devStealth}
		m, se := paired(t, g, restrain, deviate, simTargetValue, 20000, uint64(400+i))
		// Annuities per year: slack = (V_r − V_d)/((1−δ)Δ) = Δ·(a_r − a_d)/((1−δ)Δ).
		mctest.Within(t, fmt.Sprintf("case %d target_slack", i), m/(1-d), se/(1-d), s.TargetSlack, 4)

		carry := play{threat: true, sanctioning: true}
		back := play{threat: true, sanctioning: true, backDown: true}
		m, se = paired(t, g, carry, back, simSenderValue, 20000, uint64(500+i))
		mctest.Within(t, fmt.Sprintf("case %d sender_slack", i), m*dt/(1-d), se*dt/(1-d), s.SenderSlack, 4)
	}
}

// p_wrongful_year against a direct simulation of a year of alarms in
// continuous time, written apart from Simulate: false alarms at rate λ_f,
// non-state alarms at rate ν, each of these cleared with probability h.
func TestWrongfulYearByArrivals(t *testing.T) {
	for i, c := range simCases {
		g := game(t, c)
		lf, nu, h := g.P.FalseAlarmRate, g.P.NonstateRate, g.P.Hotline
		rng := rand.New(rand.NewPCG(uint64(600+i), 1))
		var st mctest.Stats
		for n := 0; n < 40000; n++ {
			hit := 0.0
			// Merge the two processes: rate λ_f + ν, each arrival a false
			// alarm with probability λ_f/(λ_f + ν).
			for at := rng.ExpFloat64() / (lf + nu); at < 1; at += rng.ExpFloat64() / (lf + nu) {
				if rng.Float64() < lf/(lf+nu) || rng.Float64() >= h {
					hit = 1
					break
				}
			}
			st.Add(hit)
		}
		mctest.Within(t, fmt.Sprintf("case %d p_wrongful_year", i), st.Mean(), st.SE(), g.sol.PWrongfulYear, 4)
	}
}

func TestSimulateAllocatesNothing(t *testing.T) {
	g := game(t, map[string]any{"max_stealth": 0.3, "detection_rate": 6})
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]float64, numSimulated)
	if n := testing.AllocsPerRun(100, func() { _ = g.Simulate(rng, out) }); n != 0 {
		t.Errorf("Simulate allocates %g times a play", n)
	}
	if err := g.Simulate(rng, out[:2]); err == nil {
		t.Error("Simulate accepted a short output slice")
	}
}

// Comparative statics, computed over ranges of the other parameters rather
// than asserted at one point.
func TestComparativeStatics(t *testing.T) {
	bases := []map[string]any{
		{}, {"agreement": "before"}, {"detection_rate": 6}, {"target_cost": 4, "detection_rate": 1},
		{"stealth_curvature": 1.5, "stealth_cost": 0.3}, {"strategy": "grim"}, {"review_period": 1, "sanction_length": 2},
		{"max_stealth": 0.3, "detection_rate": 6}, {"max_stealth": 0.3, "detection_rate": 10}, {"max_stealth": 0.2, "sender_cost": 0.2},
	}
	steps := func(n int, lo, hi float64) []float64 {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = lo + (hi-lo)*float64(i)/float64(n-1)
		}
		return xs
	}
	spying := func(r float64) bool { return Regime(r) != Restraint }
	checked := map[string]int{}
	for bi, b := range bases {
		// More stealth options: the detection probability of the target's
		// espionage never rises, nor do detected violations while it spies.
		var prev map[string]float64
		for _, sb := range steps(41, 0, 1) {
			m := solve(t, with(b, "max_stealth", sb))
			if prev != nil {
				if m["detection_prob"] > prev["detection_prob"]+1e-12 && m["regime"] != float64(NonCredible) && prev["regime"] != float64(NonCredible) {
					t.Errorf("base %d: detection_prob rises with max_stealth → %g: %g → %g", bi, sb, prev["detection_prob"], m["detection_prob"])
				}
				if spying(m["regime"]) && spying(prev["regime"]) {
					checked["stealth"]++
					if m["detected_per_year"] > prev["detected_per_year"]+1e-12 {
						t.Errorf("base %d: detected_per_year rises with max_stealth → %g: %g (%v) → %g (%v)", bi, sb,
							prev["detected_per_year"], Regime(prev["regime"]), m["detected_per_year"], Regime(m["regime"]))
					}
				}
			}
			prev = m
		}
		// A larger sender's cost: the sender's slack falls, and credibility,
		// once lost, does not return.
		prev = nil
		for _, cs := range steps(41, 0, 4) {
			m := solve(t, with(b, "sender_cost", cs))
			if prev != nil {
				checked["sender_cost"]++
				if !(m["sender_slack"] < prev["sender_slack"]) {
					t.Errorf("base %d: sender_slack does not fall with sender_cost → %g: %g → %g", bi, cs, prev["sender_slack"], m["sender_slack"])
				}
				if m["credible"] > prev["credible"] {
					t.Errorf("base %d: credibility returns at sender_cost %g", bi, cs)
				}
			}
			prev = m
		}
		// The hotline: fewer wrongful sanctions per year of restraint, and
		// fewer on the path while the target restrains.
		prev = nil
		for _, h := range steps(21, 0, 1) {
			m := solve(t, with(b, "hotline", h, "nonstate_rate", 1.0))
			if prev != nil {
				checked["hotline"]++
				if !(m["p_wrongful_year"] < prev["p_wrongful_year"]) {
					t.Errorf("base %d: p_wrongful_year does not fall with hotline → %g", bi, h)
				}
				if m["regime"] == float64(Restraint) && prev["regime"] == float64(Restraint) {
					checked["hotline-path"]++
					if !(m["wrongful_per_year"] < prev["wrongful_per_year"]) {
						t.Errorf("base %d: wrongful_per_year does not fall with hotline → %g under restraint", bi, h)
					}
				}
				if m["target_slack"] < prev["target_slack"]-1e-12 {
					t.Errorf("base %d: target_slack falls with hotline → %g", bi, h)
				}
			}
			prev = m
		}
	}
	for _, k := range []string{"stealth", "sender_cost", "hotline", "hotline-path"} {
		if checked[k] < 20 {
			t.Errorf("comparative static %s checked only %d times", k, checked[k])
		}
	}
}

// The pledge raises the target's slack and the sender's slack at a fixed
// behaviour of the target; it never makes a credible threat incredible when
// the target's behaviour does not change.
func TestPledgeRaisesBothCosts(t *testing.T) {
	for _, c := range closedFormCases {
		if _, ok := c["agreement"]; ok {
			continue
		}
		after, before := solve(t, c), solve(t, with(c, "agreement", "before"))
		if !(after["target_slack"] > before["target_slack"]) {
			t.Errorf("%v: target_slack after %g, before %g", c, after["target_slack"], before["target_slack"])
		}
		if after["regime"] == before["regime"] && after["stealth"] == before["stealth"] && !(after["sender_slack"] > before["sender_slack"]) {
			t.Errorf("%v: sender_slack after %g, before %g", c, after["sender_slack"], before["sender_slack"])
		}
	}
}
