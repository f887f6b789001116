package results

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/internal/runtest"
	"github.com/statecraft/statecraft/model"
)

const study = `model: espionage
sweep:
  grid:
    - {param: strategy, values: [grim, punish]}
    - {param: punish_length, values: [1, 2]}
  uncertain:
    - {param: detection, dist: uniform, min: 0.5, max: 1}
    - {param: discount, dist: uniform, min: 0.5, max: 0.99}
  samples: 17000
  replications: 0
  seed: 5
`

// Columns streamed from results.parquet (68 000 rows: two row groups) hold, row by row, the text of
// results.csv; the roles of the columns come from the manifest.
func TestColumnsMatchCSV(t *testing.T) {
	dir := runtest.Sweep(t, study, 2)
	tab, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	if tab.Rows != 68000 || tab.GridCells != 4 || tab.Samples != 17000 ||
		!slices.Equal(tab.Levers, []string{"strategy", "punish_length"}) || !slices.Equal(tab.Uncertain, []string{"detection", "discount"}) {
		t.Fatalf("table %d rows, %d × %d, levers %v, uncertain %v", tab.Rows, tab.GridCells, tab.Samples, tab.Levers, tab.Uncertain)
	}
	f, _ := os.Open(filepath.Join(dir, "results.csv"))
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for k, name := range rows[0] {
		if !slices.Contains([]string{"cell", "strategy", "punish_length", "detection", "sustainable", "min_punishment", "vbar"}, name) {
			continue
		}
		var got []string
		calls := 0
		err := tab.Strings(name, func(row int, vals []string) error {
			if row != len(got) {
				t.Fatalf("%s: chunk at row %d after %d values", name, row, len(got))
			}
			calls++
			got = append(got, vals...)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows[1:] {
			if got[i] != r[k] {
				t.Fatalf("%s row %d: %q, CSV %q", name, i, got[i], r[k])
			}
		}
		if calls < 2 {
			t.Errorf("%s came in %d chunks", name, calls)
		}
		if !tab.IsText(name) {
			n := 0
			tab.Floats(name, func(row int, vals []float64) error { n += len(vals); return nil })
			if n != tab.Rows {
				t.Errorf("%s: %d floats", name, n)
			}
		}
	}
	if err := tab.Floats("strategy", func(int, []float64) error { return nil }); err == nil {
		t.Error("a text column read as numbers")
	}
}

// A simulated metric means its mean; aggregate columns may be named.
func TestMetric(t *testing.T) {
	tab, err := Open(runtest.Sweep(t, small, 1))
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	for name, want := range map[string]string{"sustainable": "sustainable", "coop_rate": "coop_rate_mean", "coop_rate_lo": "coop_rate_lo"} {
		if m, err := tab.Metric(name); err != nil || m.Column != want {
			t.Errorf("metric %s: %+v %v", name, m, err)
		}
	}
	_, err = tab.Metric("coop_rat")
	if err == nil || !model.IsBadInput(err) || !strings.Contains(err.Error(), `did you mean "coop_rate"`) || !strings.Contains(err.Error(), "first_breakdown") {
		t.Errorf("unknown metric: %v", err)
	}
}

const small = "model: espionage\nparams: {horizon: 5}\nsweep:\n  uncertain: [{param: detection, dist: uniform, min: 0.5, max: 1}]\n  samples: 4\n  replications: 2\n"

func TestOpenErrors(t *testing.T) {
	empty := t.TempDir()
	if _, err := Open(empty); err == nil || !model.IsBadInput(err) || !strings.Contains(err.Error(), "not a finished run") {
		t.Errorf("empty directory: %v", err)
	}
	dir := runtest.Sweep(t, small, 1)
	os.WriteFile(filepath.Join(dir, "results.parquet"), []byte("not parquet"), 0o644)
	if _, err := Open(dir); err == nil || !model.IsBadInput(err) || !strings.Contains(err.Error(), "results.parquet") {
		t.Errorf("bad parquet: %v", err)
	}
	os.Remove(filepath.Join(dir, "results.parquet"))
	if _, err := Open(dir); err == nil || !model.IsBadInput(err) || !strings.Contains(err.Error(), "no results.parquet") {
		t.Errorf("no parquet: %v", err)
	}
}
