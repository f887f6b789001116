package attribution

import (
	"math/rand/v2"
	"testing"

	"github.com/statecraft/statecraft/internal/modeltest"
	"github.com/statecraft/statecraft/model"
)

// benchSolve times the whole deterministic solve (both iterations, the
// residual check and every metric) without Solve's caching.
func benchSolve(b *testing.B, values map[string]any) {
	g := modeltest.Prepare[*Game](b, Model{}, values)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := g.solveEquilibrium(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "equilibria/s")
}

// n = 2 attackers, 4 signals, uniform F and G (the two-attacker known answer).
func BenchmarkSolve2x4Uniform(b *testing.B) { benchSolve(b, twoAttackers(0.94, 0.02)) }

// n = 2 attackers, 4 signals: the issue's example, with uniform, beta and
// truncated-normal laws and non-state intrusions.
func BenchmarkSolve2x4Mixed(b *testing.B) { benchSolve(b, issueExample()) }

func BenchmarkCommitment2x4Uniform(b *testing.B) {
	g := modeltest.Prepare[*Game](b, Model{}, twoAttackers(0.94, 0.02))
	for b.Loop() {
		if _, err := g.solveCommitment(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSimulateRound reports the cost of one simulated round.
func BenchmarkSimulateRound(b *testing.B) {
	for _, c := range []struct {
		name   string
		values map[string]any
	}{{"uniform", twoAttackers(0.94, 0.02)}, {"mixed", issueExample()}} {
		b.Run(c.name, func(b *testing.B) {
			g := modeltest.Prepare[*Game](b, Model{}, with(c.values, map[string]any{"sim_rounds": 1000}))
			_, sim := model.Split(g.Metrics())
			out := make([]float64, len(sim))
			rng := rand.New(rand.NewPCG(1, 2))
			if err := g.Simulate(rng, out); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				_ = g.Simulate(rng, out)
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N)/1000, "ns/round")
		})
	}
}
