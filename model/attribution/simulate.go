package attribution

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// simScratch holds the counters of one replication; Simulate takes it from a
// pool so that replications allocate nothing once the pool is warm, and so
// that concurrent replications on one instance do not share counters.
type simScratch struct {
	opp, att []int // per attacker: opportunities, attacks
	sig      []int // per signal: rounds showing it
	guilty   []int // per attacker and signal: rounds showing it in which the attacker attacked
}

// Simulate plays sim_rounds independent rounds of the game at the solved
// cutoffs and retaliation rule, and writes the simulated metrics to out in the
// order of the instance's simulated metrics: alpha_<attacker>_sim for each
// attacker, p_attack_sim, p_wrongful_retaliation_sim, defender_payoff_sim, then
// posterior_<attacker>_<signal>_sim for each attacker and signal.
//
// A round: one uniform picks the attacker with the opportunity (or none); that
// attacker draws its benefit from F and attacks iff it exceeds its cutoff; the
// signal is drawn from the attacker's row, or, without an attack, from π^N
// with probability ν (a non-state intrusion) and from π^FA otherwise; the
// defender draws a cost from G for each attacker and retaliates iff the cost is
// at most its threshold (the posterior under best_response, G⁻¹(r) under
// commitment), gaining 1 if that attacker attacked and paying the cost.
func (g *Game) Simulate(rng *rand.Rand, out []float64) error {
	n, m := g.n, g.m
	if want := n + 3 + n*m; len(out) != want {
		return fmt.Errorf("attribution: Simulate needs %d outputs, got %d", want, len(out))
	}
	o, err := g.solved()
	if err != nil {
		return err
	}
	sc, _ := g.pool.Get().(*simScratch)
	if sc == nil {
		sc = &simScratch{opp: make([]int, n), att: make([]int, n), sig: make([]int, m), guilty: make([]int, n*m)}
	}
	clear(sc.opp)
	clear(sc.att)
	clear(sc.sig)
	clear(sc.guilty)

	rounds := g.P.SimRounds
	attacks, wrongRounds := 0, 0
	payoff := 0.0
	for round := 0; round < rounds; round++ {
		attacker := -1
		if u := rng.Float64(); u < g.cumGamma[n-1] {
			i := draw(g.cumGamma, u)
			sc.opp[i]++
			if g.F[i].Rand(rng) > o.cutoff[i] {
				attacker = i
				sc.att[i]++
				attacks++
				payoff -= g.damage[i]
			}
		}
		var s int
		switch {
		case attacker >= 0:
			s = draw(g.cumPi[attacker], rng.Float64())
		case g.nu > 0 && rng.Float64() < g.nu:
			s = draw(g.cumNS, rng.Float64())
		default:
			s = draw(g.cumFA, rng.Float64())
		}
		sc.sig[s]++
		if attacker >= 0 {
			sc.guilty[attacker*m+s]++
		}
		wrong := false
		for j := 0; j < n; j++ {
			y := g.G[j].Rand(rng)
			if y <= o.thresh[j][s] {
				if j == attacker {
					payoff++
				} else {
					wrong = true
				}
				payoff -= y
			}
		}
		if wrong {
			wrongRounds++
		}
	}
	r := float64(rounds)
	for i := 0; i < n; i++ {
		out[i] = ratio(sc.att[i], sc.opp[i])
	}
	out[n] = float64(attacks) / r
	out[n+1] = float64(wrongRounds) / r
	out[n+2] = payoff / r
	for i := 0; i < n; i++ {
		for k := 0; k < m; k++ {
			out[n+3+i*m+k] = ratio(sc.guilty[i*m+k], sc.sig[k])
		}
	}
	g.pool.Put(sc)
	return nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// draw returns the first index whose cumulative probability exceeds u; when
// rounding leaves u at or above the last one, the last index with positive
// probability.
func draw(cum []float64, u float64) int {
	for k, c := range cum {
		if u < c {
			return k
		}
	}
	for k := len(cum) - 1; k > 0; k-- {
		if cum[k] > cum[k-1] {
			return k
		}
	}
	return 0
}
