package espionage

import (
	"math/rand/v2"
	"testing"

	"github.com/statecraft/statecraft/internal/modeltest"
)

// benchPeriods is the length of each simulated play in the benchmarks: a
// fixed horizon, so that ns/period is total time over a known period count.
const benchPeriods = 1000

// BenchmarkSimulate reports the cost per period of the default game (grim,
// p = 0.8, q = 0.1, δ = 0.9) under a fixed horizon. Grim soon reaches
// permanent punishment, whose remaining periods Simulate adds in one step, so
// this is far below a draw per period; BenchmarkSimulatePunish, where play
// keeps switching between restraint and punishment, is the per-period cost.
func BenchmarkSimulate(b *testing.B) {
	benchSimulate(b, map[string]any{"horizon": benchPeriods})
}

// BenchmarkSimulatePunish: one-period punishments with frequent alarms, so
// most periods draw a signal and switch state.
func BenchmarkSimulatePunish(b *testing.B) {
	benchSimulate(b, map[string]any{"horizon": benchPeriods, "strategy": "punish", "punish_length": 1, "false_alarm": 0.3, "detection": 0.9})
}

// BenchmarkSimulateRandomEnd: the default game's punish strategy under random
// termination (plays of 10 periods on average), as a sweep runs it.
func BenchmarkSimulateRandomEnd(b *testing.B) {
	inst, err := Model{}.Prepare(map[string]any{"strategy": "punish"})
	if err != nil {
		b.Fatal(err)
	}
	g := inst.(*Game)
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]float64, numSimulated)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := g.Simulate(rng, out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSimulateRogue: rogue units add two draws a cooperative period.
func BenchmarkSimulateRogue(b *testing.B) {
	benchSimulate(b, map[string]any{"horizon": benchPeriods, "strategy": "punish", "punish_length": 1, "rogue": 0.05})
}

func benchSimulate(b *testing.B, params map[string]any) {
	g := modeltest.Prepare[*Game](b, Model{}, params)
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]float64, numSimulated)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := g.Simulate(rng, out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchPeriods), "ns/period")
}

// BenchmarkDrawOnly is the floor the simulation is compared with: a loop
// that only draws one uniform a period from the same kind of generator,
// reached the same way (a *rand.Rand passed into a function that is not
// inlined, so each draw is the same interface call Simulate makes), and sums
// the draws so the compiler cannot drop them.
func BenchmarkDrawOnly(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	sink := 0.0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sink += drawOnly(rng, benchPeriods)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchPeriods), "ns/period")
	if sink < 0 {
		b.Fatal(sink)
	}
}

//go:noinline
func drawOnly(rng *rand.Rand, n int) float64 {
	s := 0.0
	for t := 0; t < n; t++ {
		s += rng.Float64()
	}
	return s
}

// BenchmarkSolve is one closed-form solve (prepare included).
func BenchmarkSolve(b *testing.B) {
	params := map[string]any{"detection": 0.8, "false_alarm": 0.1, "discount": 0.9, "strategy": "punish"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		inst, err := Model{}.Prepare(params)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := inst.Solve(); err != nil {
			b.Fatal(err)
		}
	}
}
