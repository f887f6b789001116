package robust

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkTable: 30 settings × 10⁵ scenarios (3·10⁶ cells), both passes.
func BenchmarkTable(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	values := make([][]float64, 30)
	for g := range values {
		values[g] = make([]float64, 100_000)
		for s := range values[g] {
			values[g][s] = rng.Float64() + float64(g%7)/10
		}
	}
	half := 0.5
	b.ResetTimer()
	for range b.N {
		if _, err := Table(values, Options{Threshold: &half}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/3e6, "ns/cell")
}
