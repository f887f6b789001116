package sensitivity

import (
	"fmt"
	"testing"
)

func benchDesign(b *testing.B, k, n int, second bool) (*SobolDesign, []float64) {
	params := make([]string, k)
	for i := range params {
		params[i] = fmt.Sprintf("x%d", i+1)
	}
	d, err := NewSobolDesign(params, n, second, rng(1))
	if err != nil {
		b.Fatal(err)
	}
	y := make([]float64, d.Len())
	for i, x := range d.Points {
		// Ishigami in the first three coordinates, a linear tail after.
		y[i] = ishigamiUnit(x)
		for j := 3; j < k; j++ {
			y[i] += x[j]
		}
	}
	return d, y
}

// Saltelli analysis with 1000 bootstrap resamples, as in TestSobolIshigami.
func benchAnalyze(b *testing.B, k, n int, second bool, resamples int) {
	d, y := benchDesign(b, k, n, second)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := d.Analyze("y", y, Bootstrap{Resamples: resamples, Rng: rng(2)}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(d.Len()), "evaluations")
}

func BenchmarkSaltelliAnalyzeK3N16384(b *testing.B)   { benchAnalyze(b, 3, 1<<14, true, 1000) }
func BenchmarkSaltelliAnalyzeK10N4096(b *testing.B)   { benchAnalyze(b, 10, 1<<12, true, 1000) }
func BenchmarkSaltelliPointK10N4096(b *testing.B)     { benchAnalyze(b, 10, 1<<12, true, -1) }
func BenchmarkSaltelliAnalyzeK20N4096FO(b *testing.B) { benchAnalyze(b, 20, 1<<12, false, 1000) }

// One bootstrap resample's estimate: must not allocate.
func BenchmarkSaltelliEstimate(b *testing.B) {
	d, y := benchDesign(b, 10, 1<<12, true)
	w := &saltelliWork{first: make([]float64, 10), total: make([]float64, 10)}
	for i := 0; i < 10; i++ {
		for j := i + 1; j < 10; j++ {
			w.pairs = append(w.pairs, [2]int{i, j})
		}
	}
	w.closed = make([]float64, len(w.pairs))
	out := make([]float64, 20+len(w.pairs))
	counts := make([]int32, d.N)
	r := rng(3)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		clear(counts)
		for range d.N {
			counts[r.IntN(d.N)]++
		}
		d.estimate(y, counts, w, out)
	}
}

func BenchmarkNewSobolDesignK10N4096(b *testing.B) {
	params := make([]string, 10)
	for i := range params {
		params[i] = fmt.Sprintf("x%d", i+1)
	}
	for i := 0; i < b.N; i++ {
		if _, err := NewSobolDesign(params, 1<<12, true, rng(1)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMorrisAnalyzeK10R1000(b *testing.B) {
	params := make([]string, 10)
	for i := range params {
		params[i] = fmt.Sprintf("x%d", i+1)
	}
	d, err := NewMorrisDesign(params, 1000, 4, rng(1))
	if err != nil {
		b.Fatal(err)
	}
	y := make([]float64, d.Len())
	for i, x := range d.Points {
		y[i] = ishigamiUnit(x)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := d.Analyze("y", y, Bootstrap{Rng: rng(2)}); err != nil {
			b.Fatal(err)
		}
	}
}
