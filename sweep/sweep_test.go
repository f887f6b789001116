package sweep

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/model/espionage"
)

func runCSV(t *testing.T, s Spec) (string, Stats, error) {
	t.Helper()
	var buf bytes.Buffer
	sink := NewCSVSink(&buf)
	st, err := Run(context.Background(), s, sink)
	if err == nil {
		if ferr := sink.Flush(); ferr != nil {
			t.Fatal(ferr)
		}
	}
	return buf.String(), st, err
}

func espionageSpec() Spec {
	return Spec{
		Model: espionage.Model{},
		Base:  map[string]any{"horizon": 50},
		Design: Design{Grid: Grid{Axes: []Axis{
			{Param: "strategy", Values: []any{"grim", "punish", "probabilistic"}},
			{Param: "false_alarm", Values: []any{0.0, 0.05, 0.1, 0.2}},
			{Param: "discount", Values: []any{0.6, 0.9}},
		}}},
		Replications: 50,
		Seed:         7,
	}
}

// The same design and seed give byte-identical CSV for any number of workers.
func TestWorkerCountDoesNotChangeBytes(t *testing.T) {
	var first string
	for _, w := range []int{1, 2, 8} {
		s := espionageSpec()
		s.Workers = w
		out, st, err := runCSV(t, s)
		if err != nil {
			t.Fatal(err)
		}
		if st.Cells != 24 || st.Replications != 50 {
			t.Fatalf("stats %+v", st)
		}
		if first == "" {
			first = out
			continue
		}
		if out != first {
			t.Errorf("workers=%d output differs from workers=1", w)
		}
	}
	// A different seed changes the simulated columns.
	s := espionageSpec()
	s.Seed = 8
	out, _, _ := runCSV(t, s)
	if out == first {
		t.Error("seed does not affect output")
	}
}

// Each cell's aggregates equal a direct two-pass computation over the same
// streams, and deterministic columns equal Solve at the cell's parameters.
func TestRowsMatchDirectComputation(t *testing.T) {
	s := espionageSpec()
	out, _, err := runCSV(t, s)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := recs[0]
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, cell := range []int{0, 5, 23} {
		row := recs[cell+1]
		params, _ := s.Design.Params(s.Base, cell)
		inst, err := espionage.Model{}.Prepare(params)
		if err != nil {
			t.Fatal(err)
		}
		sol, _ := inst.Solve()
		det, simm := model.Split(inst.Metrics())
		for k, m := range det {
			if got := row[col[m.Name]]; got != FormatFloat(sol.Values[k]) {
				t.Errorf("cell %d %s = %s, want %v", cell, m.Name, got, sol.Values[k])
			}
		}
		vals := make([][]float64, len(simm))
		buf := make([]float64, len(simm))
		for r := 0; r < s.Replications; r++ {
			s1, s2 := StreamSeed(s.Seed, uint64(cell), uint64(r))
			rng := rand.New(rand.NewPCG(s1, s2))
			inst.(model.Simulator).Simulate(rng, buf)
			for k, v := range buf {
				if !math.IsNaN(v) {
					vals[k] = append(vals[k], v)
				}
			}
		}
		for k, m := range simm {
			mean, sd := twoPass(vals[k])
			got, _ := strconv.ParseFloat(row[col[m.Name+"_mean"]], 64)
			if len(vals[k]) > 0 && math.Abs(got-mean) > 1e-12*math.Max(1, math.Abs(mean)) {
				t.Errorf("cell %d %s_mean = %v, two-pass %v", cell, m.Name, got, mean)
			}
			gotSD, _ := strconv.ParseFloat(row[col[m.Name+"_sd"]], 64)
			if len(vals[k]) > 1 && math.Abs(gotSD-sd) > 1e-9*math.Max(1, sd) {
				t.Errorf("cell %d %s_sd = %v, two-pass %v", cell, m.Name, gotSD, sd)
			}
			if n := row[col[m.Name+"_n"]]; n != strconv.Itoa(len(vals[k])) {
				t.Errorf("cell %d %s_n = %s, want %d", cell, m.Name, n, len(vals[k]))
			}
		}
	}
}

func twoPass(x []float64) (mean, sd float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for _, v := range x {
		sd += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(sd / float64(len(x)-1))
}

func TestStudentTInterval(t *testing.T) {
	var w Welford
	for _, x := range []float64{1, 2, 3, 4} {
		w.Add(x)
	}
	var tq TQuantiles
	s := w.Summarise(&tq)
	// t_{0.975, 3} = 3.182446 (standard tables); mean 2.5, sd √(5/3).
	h := 3.182446305284263 * math.Sqrt(5.0/3) / 2
	if math.Abs(s.Lo-(2.5-h)) > 1e-9 || math.Abs(s.Hi-(2.5+h)) > 1e-9 {
		t.Errorf("interval [%g, %g], want 2.5 ± %g", s.Lo, s.Hi, h)
	}
	w.Add(math.NaN())
	if w.N != 4 {
		t.Errorf("NaN counted")
	}
}

func TestInvalidCells(t *testing.T) {
	s := Spec{
		Model:        espionage.Model{},
		Base:         map[string]any{"detection": 0.3},
		Design:       Design{Grid: Grid{Axes: []Axis{{Param: "false_alarm", Values: []any{0.1, 0.3, 0.5}}}}},
		Replications: 2,
		Seed:         1,
	}
	_, _, err := runCSV(t, s)
	if err == nil || !model.IsBadInput(err) || !strings.Contains(err.Error(), "false_alarm=0.3") {
		t.Fatalf("invalid cell: err = %v, want bad input naming the cell", err)
	}
	s.SkipInvalid = true
	out, st, err := runCSV(t, s)
	if err != nil {
		t.Fatal(err)
	}
	if st.Invalid != 2 || strings.Count(out, "NaN,NaN,NaN") < 2 {
		t.Errorf("skip: %d invalid, output\n%s", st.Invalid, out)
	}
}

func TestGridOrderAndSetPath(t *testing.T) {
	g := Grid{Axes: []Axis{{Param: "a", Values: []any{1, 2}}, {Param: "b.c", Values: []any{"x", "y", "z"}}}}
	if g.Len() != 6 {
		t.Fatal(g.Len())
	}
	if got := g.Cell(4); !reflect.DeepEqual(got, []any{2, "y"}) {
		t.Errorf("cell 4 = %v, want [2 y] (last axis fastest)", got)
	}
	base := map[string]any{"b": map[string]any{"c": "old", "d": 1}, "l": []any{map[string]any{"h": 1}}}
	m, err := g.Params(base, 4)
	if err != nil {
		t.Fatal(err)
	}
	if m["a"] != 2 || m["b"].(map[string]any)["c"] != "y" || m["b"].(map[string]any)["d"] != 1 {
		t.Errorf("params %v", m)
	}
	if base["b"].(map[string]any)["c"] != "old" {
		t.Error("SetPath modified its input")
	}
	m2, err := SetPath(base, "l.0.h", 5)
	if err != nil || m2["l"].([]any)[0].(map[string]any)["h"] != 5 || base["l"].([]any)[0].(map[string]any)["h"] != 1 {
		t.Errorf("list path: %v %v", m2, err)
	}
	if _, err := SetPath(base, "l.3.h", 5); err == nil {
		t.Error("missing list element accepted")
	}
	if _, err := SetPath(map[string]any{"x": 1.0}, "x.y", 5); err == nil {
		t.Error("path through a number accepted")
	}
	if got := Linspace(0, 1, 11); got[3] != 0.3 || got[10] != 1 {
		t.Errorf("linspace %v", got)
	}
	if got := Linspace(0, 0.3, 13); got[1] != 0.025 || got[12] != 0.3 {
		t.Errorf("linspace %v", got)
	}
	if got := Logspace(0.01, 1, 3); math.Abs(got[1]-0.1) > 1e-15 || got[0] != 0.01 || got[2] != 1 {
		t.Errorf("logspace %v", got)
	}
}
