package inspection

import (
	"math/rand/v2"
	"testing"

	"github.com/statecraft/statecraft/internal/modeltest"
)

func benchPrepare(b *testing.B, values map[string]any) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := (Model{}).Prepare(values); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPrepareBasic(b *testing.B) { benchPrepare(b, map[string]any{}) }
func BenchmarkPrepareAlphaBetaGaussian(b *testing.B) {
	benchPrepare(b, map[string]any{"variant": "alpha_beta"})
}
func BenchmarkPrepareAlphaBetaTable(b *testing.B) {
	benchPrepare(b, map[string]any{"variant": "alpha_beta", "roc": []any{
		map[string]any{"alpha": 0.01, "beta": 0.7}, map[string]any{"alpha": 0.05, "beta": 0.5},
		map[string]any{"alpha": 0.1, "beta": 0.3}, map[string]any{"alpha": 0.2, "beta": 0.15}}})
}
func BenchmarkPrepareDresher10x3(b *testing.B) {
	benchPrepare(b, map[string]any{"variant": "dresher", "periods": 10, "inspections": 3})
}
func BenchmarkPrepareDresher40x20(b *testing.B) {
	benchPrepare(b, map[string]any{"variant": "dresher", "periods": 40, "inspections": 20})
}
func BenchmarkPrepareDresher100x50(b *testing.B) {
	benchPrepare(b, map[string]any{"variant": "dresher", "periods": 100, "inspections": 50})
}
func BenchmarkPrepareTransparency(b *testing.B) {
	benchPrepare(b, map[string]any{"variant": "transparency"})
}

// Simulate benchmarks report ns per play (rounds = 1000 per call).
func benchSimulate(b *testing.B, values map[string]any) {
	values["rounds"] = 1000
	g := modeltest.Prepare[*Game](b, Model{}, values)
	out := make([]float64, numSimulated)
	rng := rand.New(rand.NewPCG(1, 2))
	b.ReportAllocs()
	for b.Loop() {
		_ = g.Simulate(rng, out)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/play")
}

func BenchmarkSimulateBasic(b *testing.B) { benchSimulate(b, map[string]any{}) }
func BenchmarkSimulateAlphaBeta(b *testing.B) {
	benchSimulate(b, map[string]any{"variant": "alpha_beta"})
}
func BenchmarkSimulateDresher20x5(b *testing.B) {
	benchSimulate(b, map[string]any{"variant": "dresher", "periods": 20, "inspections": 5})
}
