package sweep

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/statecraft/statecraft/model/espionage"
)

type discard struct{}

func (discard) WriteHeader([]string) error { return nil }
func (discard) WriteRow([]string) error    { return nil }

// closedFormSpec is a 100 × 100 grid of the espionage model's closed forms
// (no replications): the cost per cell is prepare + solve + formatting.
func closedFormSpec(workers int) Spec {
	axis := func(param string, a, b float64, n int) Axis {
		var vals []any
		for _, x := range Linspace(a, b, n) {
			vals = append(vals, x)
		}
		return Axis{Param: param, Values: vals}
	}
	return Spec{
		Model:   espionage.Model{},
		Base:    map[string]any{"false_alarm": 0.05},
		Design:  Design{Grid: Grid{Axes: []Axis{axis("discount", 0.5, 0.99, 100), axis("detection", 0.2, 1, 100)}}},
		Seed:    1,
		Workers: workers,
	}
}

// BenchmarkClosedFormCells reports cells per second of a closed-form sweep
// on 1 and 2 workers; the ratio is the parallel speed-up.
func BenchmarkClosedFormCells(b *testing.B) {
	for _, w := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(w), func(b *testing.B) {
			s := closedFormSpec(w)
			cells := s.Design.Len()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := Run(context.Background(), s, discard{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*cells)/b.Elapsed().Seconds(), "cells/s")
		})
	}
}

// BenchmarkSimulatedCells: 24 cells × 400 replications of 100-period plays.
func BenchmarkSimulatedCells(b *testing.B) {
	for _, w := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(w), func(b *testing.B) {
			s := Spec{
				Model: espionage.Model{},
				Base:  map[string]any{"horizon": 100, "discount": 0.95},
				Design: Design{Grid: Grid{Axes: []Axis{
					{Param: "strategy", Values: []any{"grim", "punish", "probabilistic"}},
					{Param: "false_alarm", Values: []any{0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35}},
				}}},
				Replications: 400,
				Seed:         1,
				Workers:      w,
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := Run(context.Background(), s, discard{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*24*400)/b.Elapsed().Seconds(), "replications/s")
		})
	}
}

// BenchmarkJournalCells is BenchmarkClosedFormCells writing to a journal
// (the path of every sweep): the cost of the crash-safe output per cell.
func BenchmarkJournalCells(b *testing.B) {
	for _, w := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(w), func(b *testing.B) {
			s := closedFormSpec(w)
			cells := s.Design.Len()
			plan, err := NewPlan(&s)
			if err != nil {
				b.Fatal(err)
			}
			dir := b.TempDir()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				j, err := CreateJournal(filepath.Join(dir, "j"), plan.Columns, 0, cells, 0, 0)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := Run(context.Background(), s, j); err != nil {
					b.Fatal(err)
				}
				if _, err := j.Finish(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*cells)/b.Elapsed().Seconds(), "cells/s")
		})
	}
}
