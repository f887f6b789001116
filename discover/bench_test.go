package discover

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/run"
	"github.com/statecraft/statecraft/sweep"
)

// writeFixture writes a finished run of n cases in dir: four uncertain
// parameters x0…x3 uniform on [0, 1] and a metric "value", 0 in the box
// 0.2 ≤ x0 ≤ 0.6, x1 ≥ 0.5 and 1 outside, flipped in 5% of the cases.
func writeFixture(tb testing.TB, dir string, n int) {
	tb.Helper()
	names := []string{"x0", "x1", "x2", "x3"}
	cols := []sweep.Column{{Name: "cell", Kind: sweep.Int}}
	for _, x := range names {
		cols = append(cols, sweep.Column{Name: x, Kind: sweep.Float})
	}
	cols = append(cols, sweep.Column{Name: "value", Kind: sweep.Float})
	f, err := os.Create(filepath.Join(dir, "results.parquet"))
	if err != nil {
		tb.Fatal(err)
	}
	w := parquet.NewGenericWriter[any](f, sweep.ParquetSchema("results", cols), parquet.MaxRowsPerRowGroup(sweep.ParquetRowGroup))
	rng := rand.New(rand.NewPCG(2015, 10))
	batch := make([]parquet.Row, 4096)
	for i := 0; i < n; {
		k := 0
		for ; k < len(batch) && i < n; k, i = k+1, i+1 {
			row := batch[k][:0]
			row = append(row, parquet.Int64Value(int64(i)).Level(0, 0, 0))
			var x [4]float64
			for j := range x {
				x[j] = rng.Float64()
				row = append(row, parquet.DoubleValue(x[j]).Level(0, 0, 1+j))
			}
			v := 1.0
			if x[0] >= 0.2 && x[0] <= 0.6 && x[1] >= 0.5 {
				v = 0
			}
			if rng.Float64() < 0.05 {
				v = 1 - v
			}
			batch[k] = append(row, parquet.DoubleValue(v).Level(0, 0, 5))
		}
		if _, err := w.WriteRows(batch[:k]); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
	var colNames []string
	for _, c := range cols {
		colNames = append(colNames, c.Name)
	}
	m := run.Manifest{Tool: "statecraft", Model: "fixture", Cells: n, GridCells: 1, Samples: n, Uncertain: names,
		Columns: colNames, Metrics: []model.Metric{{Name: "value"}}, Config: map[string]any{"sweep": map[string]any{}}}
	data, _ := json.Marshal(m)
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// peakHeap samples the heap in use every millisecond while f runs and
// returns its peak above what was in use before.
func peakHeap(f func()) uint64 {
	runtime.GC()
	debug.FreeOSMemory()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				metrics.Read(s)
				if v := s[0].Value.Uint64(); v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	}()
	f()
	close(done)
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// BenchmarkAnalyzeMemory runs discover.Analyze over a results.parquet of
// SC_PRIM_CASES cases (default 10⁶; BENCHMARKS.md records 10⁷) with four
// uncertain dimensions and reports the peak heap above the baseline, in MB
// and in bytes per case. SC_PRIM_FIXTURE names a directory to keep the
// fixture in (it is reused when it exists), e.g. to time the command on it.
func BenchmarkAnalyzeMemory(b *testing.B) {
	n := 1_000_000
	if s := os.Getenv("SC_PRIM_CASES"); s != "" {
		fmt.Sscan(s, &n)
	}
	dir := os.Getenv("SC_PRIM_FIXTURE")
	if dir == "" {
		dir = b.TempDir()
	}
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
		os.MkdirAll(dir, 0o755)
		writeFixture(b, dir, n)
	}
	b.ResetTimer()
	var peak uint64
	for range b.N {
		var a *Analysis
		var err error
		peak = max(peak, peakHeap(func() { a, err = Analyze(dir, Options{Metric: "value", Where: "value < 0.5"}) }))
		if err != nil {
			b.Fatal(err)
		}
		if a.Cases != n || len(a.Boxes[0].Limits) < 2 {
			b.Fatalf("%d cases, limits %+v", a.Cases, a.Boxes[0].Limits)
		}
	}
	b.ReportMetric(float64(peak)/1e6, "peak-MB")
	b.ReportMetric(float64(peak)/float64(n), "peak-B/case")
}

// BenchmarkRun is PRIM itself (peeling, pasting, quasi-p) on 10⁶ cases in
// four dimensions, data already in rank form.
func BenchmarkRun(b *testing.B) {
	const n = 1_000_000
	x := uniformCases(n, 4, 3)
	d, _ := NewData(n)
	for i := range n {
		if x[0][i] >= 0.2 && x[0][i] <= 0.6 && x[1][i] >= 0.5 {
			d.SetInterest(i)
		}
	}
	for j := range x {
		d.AddNumeric(fmt.Sprint("x", j), x[j])
	}
	b.ResetTimer()
	for range b.N {
		if _, err := Run(d, Params{}); err != nil {
			b.Fatal(err)
		}
	}
}
