package agreement

import (
	"math/rand/v2"
	"testing"

	"github.com/statecraft/statecraft/internal/modeltest"
)

// BenchmarkSimulate reports the cost per period of simulated play under
// random termination. Each play's length is random, so ns/period is the
// total time over the periods actually played (play returns them).
// Restraint with frequent wrongful sanctions switches state often: the
// per-period cost of the cooperative state (three draws or more) and of
// sanction phases (two draws).
func BenchmarkSimulate(b *testing.B) {
	benchSimulate(b, map[string]any{"max_stealth": 0.3, "detection_rate": 6})
}

// BenchmarkSimulateStealthy: the default game, stealthy espionage.
func BenchmarkSimulateStealthy(b *testing.B) { benchSimulate(b, nil) }

// BenchmarkSimulateNonstate: many non-state alarms a period (ν = 8 a year),
// each a draw of its arrival and one of its clearing.
func BenchmarkSimulateNonstate(b *testing.B) {
	benchSimulate(b, map[string]any{"max_stealth": 0.3, "detection_rate": 6, "nonstate_rate": 8, "hotline": 0.95})
}

func benchSimulate(b *testing.B, params map[string]any) {
	g := modeltest.Prepare[*Game](b, Model{}, params)
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]float64, numSimulated)
	periods := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n, err := g.play(rng, out, play{})
		if err != nil {
			b.Fatal(err)
		}
		periods += n
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(periods), "ns/period")
}

// BenchmarkSolve is one solve, prepare included: the closed forms, the
// target's fixed point when it spies, the threshold roots and the
// verification.
func BenchmarkSolve(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		inst, err := Model{}.Prepare(nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := inst.Solve(); err != nil {
			b.Fatal(err)
		}
	}
}
