package repeated

import (
	"math/rand/v2"
	"testing"
)

// The Axelrod-Python comparison of BENCHMARKS.md: TFT vs ALLD, 200 turns,
// execution noise 0.05, 1000 matches with different seeds. One op is the
// whole workload of 1000 matches (200,000 turns).
func BenchmarkNoisyMatches1000(b *testing.B) {
	m := &Match{Row: TitForTat{}, Col: AllD{}, Payoffs: Axelrod, Noise: Noise{Execution: 0.05}, Turns: 200}
	src := rand.NewPCG(0, 0)
	rng := rand.New(src)
	b.ReportAllocs()
	var sink float64
	cpu := cpuTime()
	for b.Loop() {
		for i := 0; i < 1000; i++ {
			src.Seed(StreamSeed(1, 0, i))
			r := m.Play(rng)
			sink += r.RowTotal(Axelrod)
		}
	}
	reportCPU(b, cpu)
	b.ReportMetric(float64(b.N)*200000/b.Elapsed().Seconds(), "turns/s")
	_ = sink
}

// The 8-strategy round robin of the Axelrod-Python comparison (Cooperator,
// Defector, TFT, Grudger, Random(0.5), TF2T, WSLS, Soft Go By Majority), 200
// turns, 50 repetitions, noise 0.05, serial: 36 matches (self-play included)
// × 50 × 200 = 360,000 turns per op.
func BenchmarkRoundRobin8(b *testing.B) {
	t := Tournament{
		Players: []Strategy{AllC{}, AllD{}, TitForTat{}, Grudger{}, Random{P: 0.5}, TitForTwoTats{}, WinStayLoseShift{}, SoftMajority{}},
		Payoffs: Axelrod, Noise: Noise{Execution: 0.05}, Turns: 200, Repetitions: 50, Seed: 1, Workers: 1,
	}
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if _, err := t.Run(); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
	b.ReportMetric(float64(b.N)*360000/b.Elapsed().Seconds(), "turns/s")
}

// One 200-turn noisy match with perception noise; allocs/op is per match.
func BenchmarkMatch200(b *testing.B) {
	m := &Match{Row: ContriteTFT{}, Col: GenerousTFT{G: 1.0 / 3}, Payoffs: Axelrod, Noise: Noise{Execution: 0.05, Perception: 0.05}, Turns: 200}
	rng := rand.New(rand.NewPCG(1, 1))
	b.ReportAllocs()
	for b.Loop() {
		m.Play(rng)
	}
}

// Exact expected scores of the noisy reference workload (200 turns).
func BenchmarkExactTFTvsALLD200(b *testing.B) {
	m := &Match{Row: TitForTat{}, Col: AllD{}, Payoffs: Axelrod, Noise: Noise{Execution: 0.05}, Turns: 200}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Exact(m, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// Exact expected scores of a pair with unbounded state (about 10,000 joint
// states after merging).
func BenchmarkExactGradualTFT200(b *testing.B) {
	m := &Match{Row: Gradual{}, Col: TitForTat{}, Payoffs: Axelrod, Noise: Noise{Execution: 0.05}, Turns: 200}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Exact(m, 0); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLongRunMemoryOne(b *testing.B) {
	z, _ := NewZDExtortioner(Axelrod, 3, 0.5)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LongRunMemoryOne(z, GenerousTFT{G: 1.0 / 3}, Axelrod, Noise{Execution: 0.05}); err != nil {
			b.Fatal(err)
		}
	}
}
