package payoffset

import "testing"

// The prisoner's dilemma of QuantEcon's test suite at δ = 0.9.
var benchPD = [][][2]float64{{{9, 9}, {1, 10}}, {{10, 1}, {3, 3}}}

func benchGame(b *testing.B) *Game {
	g, err := NewGame(benchPD)
	if err != nil {
		b.Fatal(err)
	}
	return g
}

func BenchmarkExactPD(b *testing.B) {
	g := benchGame(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Exact(g, 0.9, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOuterPD64(b *testing.B) {
	g := benchGame(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Outer(g, 0.9, 64, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInnerPD64(b *testing.B) {
	g := benchGame(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Inner(g, 0.9, 64, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
