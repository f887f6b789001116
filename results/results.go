package results

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/run"
	"github.com/statecraft/statecraft/schema"
	"github.com/statecraft/statecraft/sweep"
)

// Table is the results table of a finished run, open for reading.
type Table struct {
	Dir      string
	Path     string // results.parquet
	Manifest *run.Manifest
	// Rows is the number of cells; GridCells × Samples.
	Rows      int
	GridCells int
	Samples   int
	// Levers are the grid axes, Uncertain the sampled parameters, each in
	// column order.
	Levers    []string
	Uncertain []string

	file  *os.File
	pq    *parquet.File
	index map[string]int // column name → leaf index
	kinds map[string]parquet.Kind
}

// Open opens the results of the finished run in dir. Its errors about the
// directory (not a finished run, no results.parquet, a table that does not
// match the manifest) are bad input.
func Open(dir string) (*Table, error) {
	m, err := run.ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "results.parquet")
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, &config.Error{File: path, Err: fmt.Errorf("the run has no results.parquet")}
		}
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	pq, err := parquet.OpenFile(f, st.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		f.Close()
		return nil, &config.Error{File: path, Err: fmt.Errorf("not a readable Parquet file: %v", err)}
	}
	t := &Table{Dir: dir, Path: path, Manifest: m, Rows: int(pq.NumRows()), GridCells: m.GridCells, Samples: m.Samples,
		Uncertain: m.Uncertain, file: f, pq: pq, index: map[string]int{}, kinds: map[string]parquet.Kind{}}
	for _, col := range pq.Schema().Columns() {
		leaf, _ := pq.Schema().Lookup(col...)
		name := strings.Join(col, ".")
		t.index[name] = leaf.ColumnIndex
		t.kinds[name] = leaf.Node.Type().Kind()
	}
	if err := t.check(); err != nil {
		f.Close()
		return nil, &config.Error{File: path, Err: err}
	}
	return t, nil
}

func (t *Table) check() error {
	m := t.Manifest
	if t.Rows != m.Cells {
		return fmt.Errorf("%d rows, but the manifest says %d cells", t.Rows, m.Cells)
	}
	if m.Samples < 1 || m.GridCells*m.Samples != m.Cells {
		return fmt.Errorf("the manifest's design (%d grid cells × %d samples) does not make its %d cells", m.GridCells, m.Samples, m.Cells)
	}
	for _, c := range m.Columns {
		if _, ok := t.index[c]; !ok {
			return fmt.Errorf("column %s of the manifest is missing", c)
		}
	}
	// The levers are the grid's axes, named in the recorded config and
	// written after the cell column.
	if sw, ok := m.Config["sweep"].(map[string]any); ok {
		grid, _ := sw["grid"].([]any)
		for _, a := range grid {
			if ax, ok := a.(map[string]any); ok {
				if p, ok := ax["param"].(string); ok {
					t.Levers = append(t.Levers, p)
				}
			}
		}
	}
	if len(m.Columns) < 1+len(t.Levers)+len(m.Uncertain) || !slices.Equal(m.Columns[1:1+len(t.Levers)], t.Levers) ||
		!slices.Equal(m.Columns[1+len(t.Levers):1+len(t.Levers)+len(m.Uncertain)], m.Uncertain) {
		return fmt.Errorf("the columns %v do not start with the grid's axes %v and the uncertain parameters %v", m.Columns, t.Levers, m.Uncertain)
	}
	return nil
}

// Close closes the file.
func (t *Table) Close() error { return t.file.Close() }

// Has reports whether the table has the column.
func (t *Table) Has(column string) bool { _, ok := t.index[column]; return ok }

// IsText reports whether a column holds text (a string lever or the level
// of a categorical metric) or booleans rather than numbers.
func (t *Table) IsText(column string) bool {
	k := t.kinds[column]
	return k == parquet.ByteArray || k == parquet.Boolean
}

// Subject says what an analysis of a run is about, at the head of its JSON.
type Subject struct {
	Run          string `json:"run"`
	ConfigSHA256 string `json:"config_sha256"`
	Model        string `json:"model"`
	Metric       string `json:"metric"`
	Column       string `json:"column"`
}

// Subject returns the subject of an analysis of metric m of the run.
func (t *Table) Subject(m Metric) Subject {
	return Subject{Run: t.Dir, ConfigSHA256: t.Manifest.ConfigSHA256, Model: t.Manifest.Model, Metric: m.Name, Column: m.Column}
}

// Metric is a metric of the run resolved to the column that holds it.
type Metric struct {
	Name   string   // as the user wrote it
	Column string   // its column: the metric, <metric>_mean or <metric>_mode, or an aggregate column itself
	Levels []string // the levels of a categorical metric, else empty
}

// Metric resolves a metric name: a deterministic metric is its own column,
// a simulated one its mean over the replications (<metric>_mean), a
// categorical simulated one its most frequent level (<metric>_mode). An
// aggregate column (coop_rate_lo, winner_share_tft) may be named directly.
// An unknown name is bad input naming the metrics.
func (t *Table) Metric(name string) (Metric, error) {
	for _, m := range t.Manifest.Metrics {
		if m.Name != name {
			continue
		}
		col := name
		if m.Simulated {
			col = name + "_mean"
			if len(m.Levels) > 0 {
				col = name + "_mode"
			}
		}
		if !t.Has(col) {
			return Metric{}, &config.Error{File: t.Path, Err: fmt.Errorf("metric %s has no column %s (was the run made with replications: 0?)", name, col)}
		}
		return Metric{Name: name, Column: col, Levels: m.Levels}, nil
	}
	for _, m := range t.Manifest.Metrics {
		if m.Simulated && strings.HasPrefix(name, m.Name+"_") && t.Has(name) && !t.IsText(name) {
			return Metric{Name: name, Column: name}, nil
		}
	}
	msg := fmt.Sprintf("unknown metric %q", name)
	if n := schema.Nearest(name, t.MetricNames()); n != "" {
		msg += fmt.Sprintf("; did you mean %q?", n)
	}
	return Metric{}, model.Invalid("--metric", "%s; the run's metrics are %s", msg, strings.Join(t.MetricNames(), ", "))
}

// MetricNames lists the metrics that have a column in the table.
func (t *Table) MetricNames() []string {
	var out []string
	for _, m := range t.Manifest.Metrics {
		if _, err := t.Metric(m.Name); err == nil {
			out = append(out, m.Name)
		}
	}
	return out
}

// chunk is the number of values handed to a callback at once.
const chunk = 1024

// scan streams the column's values in row order, chunk by chunk.
func (t *Table) scan(column string, each func(row int, vals []parquet.Value) error) error {
	idx, ok := t.index[column]
	if !ok {
		return fmt.Errorf("%s: no column %s", t.Path, column)
	}
	buf := make([]parquet.Value, chunk)
	row := 0
	for _, rg := range t.pq.RowGroups() {
		pages := rg.ColumnChunks()[idx].Pages()
		for {
			page, err := pages.ReadPage()
			if err == io.EOF {
				break
			}
			if err != nil {
				pages.Close()
				return fmt.Errorf("%s: column %s: %v", t.Path, column, err)
			}
			vr := page.Values()
			for {
				n, err := vr.ReadValues(buf)
				if n > 0 {
					if cerr := each(row, buf[:n]); cerr != nil {
						parquet.Release(page)
						pages.Close()
						return cerr
					}
					row += n
				}
				if err == io.EOF {
					break
				}
				if err != nil {
					parquet.Release(page)
					pages.Close()
					return fmt.Errorf("%s: column %s: %v", t.Path, column, err)
				}
			}
			parquet.Release(page)
		}
		if err := pages.Close(); err != nil {
			return err
		}
	}
	if row != t.Rows {
		return fmt.Errorf("%s: column %s has %d values for %d rows", t.Path, column, row, t.Rows)
	}
	return nil
}

// Floats streams a numeric column in row order: each receives the row of
// the first value and up to 1024 values (null as NaN; booleans as 0 and 1).
// The slice is reused between calls.
func (t *Table) Floats(column string, each func(row int, vals []float64) error) error {
	if k := t.kinds[column]; k == parquet.ByteArray {
		return fmt.Errorf("%s: column %s holds text, not numbers", t.Path, column)
	}
	out := make([]float64, chunk)
	return t.scan(column, func(row int, vals []parquet.Value) error {
		for i, v := range vals {
			out[i] = float(v)
		}
		return each(row, out[:len(vals)])
	})
}

func float(v parquet.Value) float64 {
	switch {
	case v.IsNull():
		return math.NaN()
	case v.Kind() == parquet.Double:
		return v.Double()
	case v.Kind() == parquet.Int64:
		return float64(v.Int64())
	case v.Kind() == parquet.Boolean:
		if v.Boolean() {
			return 1
		}
		return 0
	}
	return math.NaN()
}

// Strings streams a column in row order as the text results.csv holds
// (numbers in their shortest form, null as NaN). The slice is reused.
func (t *Table) Strings(column string, each func(row int, vals []string) error) error {
	out := make([]string, chunk)
	return t.scan(column, func(row int, vals []parquet.Value) error {
		for i, v := range vals {
			out[i] = text(v)
		}
		return each(row, out[:len(vals)])
	})
}

func text(v parquet.Value) string {
	switch {
	case v.IsNull():
		return "NaN"
	case v.Kind() == parquet.ByteArray:
		return string(v.ByteArray())
	case v.Kind() == parquet.Boolean:
		return strconv.FormatBool(v.Boolean())
	case v.Kind() == parquet.Int64:
		return strconv.FormatInt(v.Int64(), 10)
	}
	return sweep.FormatFloat(float(v))
}
