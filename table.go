package statecraft

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"

	"github.com/statecraft/statecraft/figure"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/sweep"
)

// Column describes one column of a [Table].
type Column struct {
	Name string
	// Kind is the column's type in results.parquet. Int and Float columns
	// read as float64 (Float), String and Bool columns as text (String).
	Kind sweep.ColumnKind
	// Param is set for the swept and sampled parameters, Fixed for the
	// parameters every cell shares (constant columns: the config's value or
	// the default).
	Param, Fixed bool
	// Metric is the metric the column holds or aggregates ("" for the cell
	// number, parameters and kept structured outputs), Stat its aggregate
	// for a simulated metric (mean, sd, se, lo, hi, n, mode, share_<level>;
	// "" for a deterministic metric's value).
	Metric, Stat string
	// Doc and Unit describe the metric or parameter; Levels name the values
	// of a categorical metric.
	Doc, Unit string
	Levels    []string
}

// Numeric reports whether the column reads as numbers (Table.Float).
func (c Column) Numeric() bool { return c.Kind == sweep.Int || c.Kind == sweep.Float }

// Table is a sweep's results: one row per cell, in cell order, with the
// columns of results.csv. Numeric columns hold float64 (NaN where a value
// is undefined), the others strings ("" where undefined).
type Table struct {
	cols   []Column
	index  map[string]int
	fields [][]string // the rows as written to results.csv
	floats [][]float64
	text   [][]string
	stats  sweep.Stats
	labels figure.Labels // the columns' labels and units, for figures
}

// newTable types the rows of a sweep with its plan.
func newTable(plan *sweep.Plan, design sweep.Design, info model.Info, labels figure.Labels, rows [][]string, stats sweep.Stats) *Table {
	metrics := map[string]model.Metric{}
	for _, m := range plan.Metrics {
		metrics[m.Name] = m
	}
	params := design.Columns()
	t := &Table{index: map[string]int{}, fields: rows, stats: stats, labels: labels}
	for k, sc := range plan.Schema {
		c := Column{Name: sc.Name, Kind: sc.Kind, Metric: sc.Metric, Stat: sc.Stat, Param: slices.Contains(params, sc.Name)}
		if m, ok := metrics[sc.Metric]; ok {
			c.Doc, c.Unit, c.Levels = m.Doc, m.Unit, m.Levels
		} else if f, ok := info.Params.Field(sc.Name); ok {
			c.Doc, c.Unit = f.Doc, f.Unit
			c.Fixed = !c.Param
		}
		t.cols = append(t.cols, c)
		t.index[c.Name] = k
		var fl []float64
		var tx []string
		if c.Numeric() {
			fl = make([]float64, len(rows))
			for i, r := range rows {
				x, err := strconv.ParseFloat(r[k], 64)
				if err != nil {
					x = math.NaN()
				}
				fl[i] = x
			}
		} else {
			tx = make([]string, len(rows))
			for i, r := range rows {
				if !(sc.Nullable && r[k] == "NaN") {
					tx[i] = r[k]
				}
			}
		}
		t.floats, t.text = append(t.floats, fl), append(t.text, tx)
	}
	return t
}

// Len is the number of rows.
func (t *Table) Len() int { return len(t.fields) }

// Columns describes the columns, in order.
func (t *Table) Columns() []Column { return slices.Clone(t.cols) }

// Column describes the named column. It panics if there is none.
func (t *Table) Column(name string) Column { return t.cols[t.col(name)] }

// Float returns a numeric column's values (a copy). It panics if the column
// does not exist or holds text.
func (t *Table) Float(name string) []float64 {
	k := t.col(name)
	if !t.cols[k].Numeric() {
		panic(fmt.Sprintf("statecraft: column %s holds text (%s): use String", name, t.cols[k].Kind))
	}
	return slices.Clone(t.floats[k])
}

// String returns a text column's values (a copy): string parameters, the
// levels of categorical metrics, kept structured outputs as JSON. It panics
// if the column does not exist or is numeric.
func (t *Table) String(name string) []string {
	k := t.col(name)
	if t.cols[k].Numeric() {
		panic(fmt.Sprintf("statecraft: column %s is numeric: use Float", name))
	}
	return slices.Clone(t.text[k])
}

// Where returns the rows whose column equals value: a number for a numeric
// column (equal to a relative 1e-9, so 0.3 finds 0.30000000000000004 of a
// linear range), a string for a text column. It panics if the column does not
// exist or value has the wrong type.
func (t *Table) Where(name string, value any) *Table {
	k := t.col(name)
	var keep func(i int) bool
	if t.cols[k].Numeric() {
		want, ok := toFloat(value)
		if !ok {
			panic(fmt.Sprintf("statecraft: column %s is numeric; Where needs a number, got %T", name, value))
		}
		keep = func(i int) bool {
			x := t.floats[k][i]
			return x == want || math.Abs(x-want) <= 1e-9*math.Max(math.Abs(x), math.Abs(want))
		}
	} else {
		want, ok := value.(string)
		if !ok {
			panic(fmt.Sprintf("statecraft: column %s holds text; Where needs a string, got %T", name, value))
		}
		keep = func(i int) bool { return t.text[k][i] == want }
	}
	out := &Table{cols: t.cols, index: t.index, stats: t.stats, labels: t.labels}
	out.floats, out.text = make([][]float64, len(t.cols)), make([][]string, len(t.cols))
	for i := range t.fields {
		if !keep(i) {
			continue
		}
		out.fields = append(out.fields, t.fields[i])
		for c := range t.cols {
			if t.floats[c] != nil {
				out.floats[c] = append(out.floats[c], t.floats[c][i])
			} else {
				out.text[c] = append(out.text[c], t.text[c][i])
			}
		}
	}
	return out
}

// toFloat reads any Go number.
func toFloat(v any) (float64, bool) {
	r := reflect.ValueOf(v)
	switch {
	case r.CanFloat():
		return r.Float(), true
	case r.CanInt():
		return float64(r.Int()), true
	case r.CanUint():
		return float64(r.Uint()), true
	}
	return 0, false
}

// Stats reports what the sweep did: cells, replications, workers, and the
// cells skipped as invalid (sweep.invalid: skip) with the first reasons.
func (t *Table) Stats() sweep.Stats { return t.stats }

// WriteCSV writes the table as CSV: for a whole sweep, the bytes of the
// results.csv statecraft sweep writes for the same config.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.names()); err != nil {
		return err
	}
	if err := cw.WriteAll(t.fields); err != nil {
		return err
	}
	return cw.Error()
}

func (t *Table) col(name string) int {
	k, ok := t.index[name]
	if !ok {
		panic(unknown("column", name, t.names()))
	}
	return k
}

// figureTable is the table as the figure package reads results.csv.
func (t *Table) figureTable() *figure.Table {
	return figure.NewTable(t.names(), t.fields)
}

func (t *Table) names() []string {
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.Name
	}
	return names
}

// rowSink keeps a sweep's rows in memory.
type rowSink struct{ rows [][]string }

func (r *rowSink) WriteHeader([]string) error { return nil }

func (r *rowSink) WriteRow(fields []string) error {
	r.rows = append(r.rows, slices.Clone(fields))
	return nil
}
