package attribution

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/internal/modeltest"
)

// commitPayoff is the defender's payoff under committed retaliation
// probabilities r (per attacker and signal) with uniform cost laws, written
// independently of the package: attackers respond with cutoffs
// harm·Σ_s(πⁱ_s − π⁰_s)rᵢˢ, and retaliating with probability r in the
// cheapest states costs ∫₀ʳ Q = lo·r + (hi−lo)r²/2.
func commitPayoff(g *Game, r [][]float64) (payoff float64, alpha []float64) {
	pi, _, pi0 := g.Rows()
	att := g.P.Attackers
	n, m := len(pi), len(pi0)
	alpha = make([]float64, n)
	none := 1.0
	for i := 0; i < n; i++ {
		x := 0.0
		for s := 0; s < m; s++ {
			x += (pi[i][s] - pi0[s]) * r[i][s]
		}
		alpha[i] = 1 - att[i].Benefit.CDF(att[i].Harm*x)
		none -= att[i].Opportunity * alpha[i]
		payoff -= att[i].Opportunity * alpha[i] * att[i].Damage
	}
	for s := 0; s < m; s++ {
		ps := none * pi0[s]
		for i := 0; i < n; i++ {
			ps += att[i].Opportunity * alpha[i] * pi[i][s]
		}
		for j := 0; j < n; j++ {
			lo, hi := att[j].RetaliationCost.Support()
			cost := lo*r[j][s] + (hi-lo)*r[j][s]*r[j][s]/2
			payoff += att[j].Opportunity*alpha[j]*pi[j][s]*r[j][s] - ps*cost
		}
	}
	return payoff, alpha
}

func committed(g *Game, m map[string]float64) [][]float64 {
	r := make([][]float64, len(g.P.Attackers))
	for i, a := range g.P.Attackers {
		for _, s := range g.P.Signals {
			r[i] = append(r[i], m["retaliation_"+a.Name+"_"+s])
		}
	}
	return r
}

// One attacker, two signals: the commitment problem is two-dimensional, so a
// 201×201 grid of (r_none, r_alarm) bounds it independently.
func TestCommitmentOneAttackerGrid(t *testing.T) {
	v := with(oneAttacker(), map[string]any{"defender": "commitment"})
	g := modeltest.Prepare[*Game](t, Model{}, v)
	m, cert := solve(t, v)
	if !strings.Contains(cert.Method, "commitment (Stackelberg)") || !cert.Converged ||
		!strings.HasPrefix(cert.Concept, "Stackelberg commitment") || cert.Unique {
		t.Errorf("certificate %+v", cert)
	}
	r := committed(g, m)
	got, alpha := commitPayoff(g, r)
	if math.Abs(got-m["defender_payoff"]) > 1e-12 || math.Abs(alpha[0]-m["alpha_a"]) > 1e-12 {
		t.Errorf("at the committed r %v: payoff %g (solver %g), α %g (solver %g)", r, got, m["defender_payoff"], alpha[0], m["alpha_a"])
	}
	best, bestR := math.Inf(-1), []float64{}
	for a := 0; a <= 200; a++ {
		for b := 0; b <= 200; b++ {
			rr := [][]float64{{float64(a) / 200, float64(b) / 200}}
			if p, _ := commitPayoff(g, rr); p > best {
				best, bestR = p, rr[0]
			}
		}
	}
	if m["defender_payoff"] < best-1e-12 {
		t.Errorf("commitment payoff %.12g below the grid's best %.12g at %v", m["defender_payoff"], best, bestR)
	}
	// The grid's best is (0, 1): never after none, always after an alarm,
	// payoff −γα + γαπ¹(alarm) − P(alarm)·E[y] with α = 1 − 0.7 = 0.3.
	want := -0.15 + 0.15*0.8 - (0.85*0.1+0.15*0.8)*0.5
	if math.Abs(m["defender_payoff"]-want) > 1e-9 || bestR[0] != 0 || bestR[1] != 1 {
		t.Errorf("payoff %.12g, want %.12g; grid best at %v", m["defender_payoff"], want, bestR)
	}
}

// Commitment never does worse than the best-response equilibrium, whose
// retaliation the defender could commit to; the attackers' responses and the
// payoff agree with commitPayoff.
func TestCommitmentBeatsEquilibrium(t *testing.T) {
	cases := []map[string]any{twoAttackers(0.94, 0.02), twoAttackers(0.97, 0.01), issueExample()}
	rng := rand.New(rand.NewPCG(5, 5))
	for len(cases) < 8 {
		cases = append(cases, randomInstance(rng, 0.6))
	}
	for k, v := range cases {
		eq, _ := solve(t, v)
		vc := with(v, map[string]any{"defender": "commitment"})
		g := modeltest.Prepare[*Game](t, Model{}, vc)
		m, cert := solve(t, vc)
		if !cert.Converged || cert.Residual > 1e-12 {
			t.Errorf("case %d: certificate %+v", k, cert)
		}
		if !(m["defender_payoff"] >= eq["defender_payoff"]-1e-12) {
			t.Errorf("case %d: commitment payoff %.12g below equilibrium %.12g", k, m["defender_payoff"], eq["defender_payoff"])
		}
		r := committed(g, m)
		uniform := true
		for i, a := range g.P.Attackers {
			// Each attacker answers the committed r with its cutoff.
			pi, _, pi0 := g.Rows()
			x := 0.0
			for s := range pi0 {
				x += (pi[i][s] - pi0[s]) * r[i][s]
			}
			if math.Abs(m["cutoff_"+a.Name]-a.Harm*x) > 1e-12 || math.Abs(m["alpha_"+a.Name]-(1-a.Benefit.CDF(a.Harm*x))) > 1e-12 {
				t.Errorf("case %d: %s: cutoff %g, α %g; from r: %g, %g", k, a.Name, m["cutoff_"+a.Name], m["alpha_"+a.Name], a.Harm*x, 1-a.Benefit.CDF(a.Harm*x))
			}
			uniform = uniform && a.RetaliationCost.Kind() == "uniform"
		}
		if uniform {
			if p, _ := commitPayoff(g, r); math.Abs(p-m["defender_payoff"]) > 1e-12 {
				t.Errorf("case %d: payoff %.12g, independent %.12g", k, m["defender_payoff"], p)
			}
		}
	}
}

// A symmetric game gives a symmetric commitment, and moving any single
// committed probability does not help.
func TestCommitmentSymmetricAndLocallyOptimal(t *testing.T) {
	v := with(twoAttackers(0.94, 0.02), map[string]any{"defender": "commitment"})
	g := modeltest.Prepare[*Game](t, Model{}, v)
	m, _ := solve(t, v)
	mirror := map[string]string{"none": "none", "to_a": "to_b", "to_b": "to_a", "unknown": "unknown"}
	for s, ms := range mirror {
		if a, b := m["retaliation_a_"+s], m["retaliation_b_"+ms]; math.Abs(a-b) > 1e-5 {
			t.Errorf("retaliation_a_%s = %g but retaliation_b_%s = %g", s, a, ms, b)
		}
	}
	r := committed(g, m)
	base, _ := commitPayoff(g, r)
	for i := range r {
		for s := range r[i] {
			for _, d := range []float64{-0.05, -1e-3, 1e-3, 0.05} {
				x := r[i][s] + d
				if x < 0 || x > 1 {
					continue
				}
				old := r[i][s]
				r[i][s] = x
				if p, _ := commitPayoff(g, r); p > base+1e-12 {
					t.Errorf("moving r[%d][%d] from %g to %g gains %g", i, s, old, x, p-base)
				}
				r[i][s] = old
			}
		}
	}
}
