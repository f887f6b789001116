package sample

import (
	"math/rand/v2"
	"testing"
)

// Points per second: b.N points of the given dimension (ns/op is per point).
func benchSobolNext(b *testing.B, dim int, scramble bool) {
	s, err := NewSobol(dim, scramble, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		b.Fatal(err)
	}
	x := make([]float64, dim)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if s.next == MaxSobolPoints {
			s.Reset()
		}
		s.Next(x)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "points/s")
}

func BenchmarkSobolNext10(b *testing.B)          { benchSobolNext(b, 10, false) }
func BenchmarkSobolNext10Scrambled(b *testing.B) { benchSobolNext(b, 10, true) }
func BenchmarkSobolNext100(b *testing.B)         { benchSobolNext(b, 100, true) }

func BenchmarkSobolPoint10(b *testing.B) {
	s, _ := NewSobol(10, true, rand.New(rand.NewPCG(1, 2)))
	x := make([]float64, 10)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		s.Point(uint64(i)&(MaxSobolPoints-1), x)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "points/s")
}

// Building a scrambled sequence: the 64×64 matrix product per direction number.
func BenchmarkNewSobolScrambled10(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < b.N; i++ {
		if _, err := NewSobol(10, true, rng); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLatinHypercube1e4x10(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < b.N; i++ {
		if _, err := LatinHypercube(10000, 10, rng); err != nil {
			b.Fatal(err)
		}
	}
}
