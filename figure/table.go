package figure

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Table is a results table as written by a sweep: a header and string fields.
type Table struct {
	Columns []string
	Rows    [][]string
	index   map[string]int
}

// ReadCSV reads a results table.
func ReadCSV(r io.Reader) (*Table, error) {
	recs, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("empty results table")
	}
	return NewTable(recs[0], recs[1:]), nil
}

// NewTable builds a table from its header and rows.
func NewTable(columns []string, rows [][]string) *Table {
	t := &Table{Columns: columns, Rows: rows, index: map[string]int{}}
	for i, c := range columns {
		t.index[c] = i
	}
	return t
}

// Has reports whether the table has the column.
func (t *Table) Has(col string) bool { _, ok := t.index[col]; return ok }

// Str returns the field of row r in column col ("" if there is no such
// column or the row is short).
func (t *Table) Str(r int, col string) string {
	i, ok := t.index[col]
	if !ok || i >= len(t.Rows[r]) {
		return ""
	}
	return t.Rows[r][i]
}

// Num returns the field as a number; NaN when it is not one.
func (t *Table) Num(r int, col string) float64 {
	x, err := strconv.ParseFloat(t.Str(r, col), 64)
	if err != nil {
		return math.NaN()
	}
	return x
}

// sameValue compares a table field with a config value: numerically (to a
// relative 1e-9, so 0.3 matches 0.30000000000000004 from a linear range) when
// both are numbers, else as text.
func sameValue(field string, want any) bool {
	var w string
	switch x := want.(type) {
	case float64:
		w = strconv.FormatFloat(x, 'g', -1, 64)
	case int:
		w = strconv.Itoa(x)
	default:
		w = fmt.Sprint(x)
	}
	a, errA := strconv.ParseFloat(field, 64)
	b, errB := strconv.ParseFloat(w, 64)
	if errA == nil && errB == nil {
		return a == b || math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
	}
	return field == w
}
