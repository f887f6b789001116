package runtest

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/run"
	"github.com/statecraft/statecraft/sweep"
)

// Study loads the config text.
func Study(t testing.TB, yaml string) *config.Study {
	t.Helper()
	path := filepath.Join(t.TempDir(), "study.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := config.Load(path, config.Overrides{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Bind()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// Sweep runs the config on this machine with the given workers and returns
// the run directory.
func Sweep(t testing.TB, yaml string, workers int) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := run.Sweep(context.Background(), Study(t, yaml), dir, run.Options{Workers: workers}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Sharded runs the config as n shards, the last first, and merges them.
func Sharded(t testing.TB, yaml string, n int) string {
	t.Helper()
	dir := t.TempDir()
	st := Study(t, yaml)
	for i := n; i >= 1; i-- {
		if _, err := run.RunPart(context.Background(), st, dir, sweep.Shard{I: i, N: n}, run.Options{Workers: 1 + i%2}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := run.Merge(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// JSON is v as JSON without its "run" key (the run directory), to compare
// analyses of different directories holding the same run.
func JSON(t testing.TB, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "run")
	data, err = json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// ResultsCSV reads dir/results.csv: its rows after the header, and the
// index of each column by name.
func ResultsCSV(t testing.TB, dir string) ([][]string, map[string]int) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "results.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	return rows[1:], col
}
