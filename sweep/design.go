package sweep

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Axis is one swept parameter and its values, in order.
type Axis struct {
	Param  string // parameter path, e.g. "detection" or "attackers.0.harm"
	Values []any  // numbers (float64 or int) or strings
}

// Linspace returns n evenly spaced values from a to b inclusive. The end
// points are exact, and interior points are rounded to 12 significant digits
// so that a range from 0 to 0.3 in 13 steps holds 0.025, not
// 0.024999999999999998: results tables and filters then show the values a
// user would type.
func Linspace(a, b float64, n int) []float64 {
	if n == 1 {
		return []float64{a}
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = round12(a + (b-a)*float64(i)/float64(n-1))
	}
	out[0], out[n-1] = a, b
	return out
}

func round12(x float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	if err != nil {
		return x
	}
	return r
}

// Logspace returns n values from a to b inclusive, evenly spaced in log. a and
// b must be positive.
func Logspace(a, b float64, n int) []float64 {
	out := make([]float64, n)
	la, lb := math.Log(a), math.Log(b)
	for i := range out {
		out[i] = math.Exp(la + (lb-la)*float64(i)/float64(max(n-1, 1)))
	}
	out[0] = a
	out[len(out)-1] = b
	return out
}

// Grid is the Cartesian product of its axes.
type Grid struct {
	Axes []Axis
}

// Len returns the number of cells (1 for a grid without axes: one cell at the
// base parameters).
func (g Grid) Len() int {
	n := 1
	for _, a := range g.Axes {
		n *= len(a.Values)
	}
	return n
}

// Index writes the per-axis value indices of cell i into idx (len(idx) ==
// len(g.Axes)); the last axis varies fastest.
func (g Grid) Index(i int, idx []int) {
	for k := len(g.Axes) - 1; k >= 0; k-- {
		n := len(g.Axes[k].Values)
		idx[k] = i % n
		i /= n
	}
}

// Cell returns the values of cell i, one per axis.
func (g Grid) Cell(i int) []any {
	idx := make([]int, len(g.Axes))
	g.Index(i, idx)
	out := make([]any, len(idx))
	for k, j := range idx {
		out[k] = g.Axes[k].Values[j]
	}
	return out
}

// Params returns base with the values of cell i set at their axis paths. base
// is not modified: maps and lists along each path are copied.
func (g Grid) Params(base map[string]any, i int) (map[string]any, error) {
	vals := g.Cell(i)
	out := base
	for k, a := range g.Axes {
		var err error
		if out, err = SetPath(out, a.Param, vals[k]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SetPath returns a copy of m with the value at the dotted path replaced by v.
// Maps and lists along the path are copied, so m is never modified. List
// elements are addressed by their index. Intermediate maps are created when
// absent; a missing list element is an error.
func SetPath(m map[string]any, path string, v any) (map[string]any, error) {
	parts := strings.Split(path, ".")
	out, err := setIn(m, parts, v, "")
	if err != nil {
		return nil, err
	}
	return out.(map[string]any), nil
}

func setIn(node any, parts []string, v any, done string) (any, error) {
	if len(parts) == 0 {
		return v, nil
	}
	key, rest := parts[0], parts[1:]
	here := key
	if done != "" {
		here = done + "." + key
	}
	switch n := node.(type) {
	case nil:
		child, err := setIn(nil, rest, v, here)
		if err != nil {
			return nil, err
		}
		return map[string]any{key: child}, nil
	case map[string]any:
		cp := make(map[string]any, len(n)+1)
		for k, x := range n {
			cp[k] = x
		}
		child, err := setIn(n[key], rest, v, here)
		if err != nil {
			return nil, err
		}
		cp[key] = child
		return cp, nil
	case []any:
		i, err := strconv.Atoi(key)
		if err != nil || i < 0 || i >= len(n) {
			return nil, fmt.Errorf("%s: no list element %q (the list has %d)", done, key, len(n))
		}
		cp := append([]any(nil), n...)
		child, err := setIn(n[i], rest, v, here)
		if err != nil {
			return nil, err
		}
		cp[i] = child
		return cp, nil
	}
	return nil, fmt.Errorf("%s is a single value, not a mapping or list, so %s cannot be set", done, here)
}

// FormatValue writes an axis value for CSV and figure labels: numbers in the
// shortest form that reads back exactly, strings as they are.
func FormatValue(v any) string {
	switch x := v.(type) {
	case float64:
		return FormatFloat(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

// FormatFloat writes x in the shortest decimal form that parses back to x;
// NaN is "NaN" and infinities "+Inf" / "-Inf".
func FormatFloat(x float64) string {
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// Design is the list of cells of a sweep: every cell of the grid of levers
// crossed with every sampled point of the uncertain parameters.
//
// Cell i is grid cell i / S with sample point i % S, where S = Samples():
// grid cell major, sample minor, so the S draws for one setting of the levers
// are adjacent. A design without uncertain parameters is its grid, cell for
// cell. The sample points are the same for every grid cell (common random
// numbers), so differences between lever settings are not blurred by
// different draws.
type Design struct {
	Grid Grid
	// Uncertain lists the paths of the sampled parameters.
	Uncertain []string
	// Points holds the sampled values: one row per sample point, one column
	// per uncertain parameter.
	Points [][]float64
}

// Samples is the number of sample points per grid cell (1 without uncertain
// parameters).
func (d Design) Samples() int {
	if len(d.Uncertain) == 0 {
		return 1
	}
	return len(d.Points)
}

// Len is the number of cells.
func (d Design) Len() int { return d.Grid.Len() * d.Samples() }

// Locate returns the grid cell and the sample point of cell i.
func (d Design) Locate(i int) (gridCell, sample int) {
	s := d.Samples()
	return i / s, i % s
}

// Columns names the design's parameter columns: the grid axes in order, then
// the uncertain parameters.
func (d Design) Columns() []string {
	out := make([]string, 0, len(d.Grid.Axes)+len(d.Uncertain))
	for _, a := range d.Grid.Axes {
		out = append(out, a.Param)
	}
	return append(out, d.Uncertain...)
}

// Params returns base with the values of cell i set at their paths: the
// grid's first, then the sampled ones. base is not modified.
func (d Design) Params(base map[string]any, i int) (map[string]any, error) {
	g, s := d.Locate(i)
	out, err := d.Grid.Params(base, g)
	if err != nil {
		return nil, err
	}
	for k, p := range d.Uncertain {
		if out, err = SetPath(out, p, d.Points[s][k]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// AppendValues appends the formatted parameter values of cell i, in the
// order of Columns, to dst.
func (d Design) AppendValues(dst []string, i int) []string {
	g, s := d.Locate(i)
	for _, v := range d.Grid.Cell(g) {
		dst = append(dst, FormatValue(v))
	}
	if len(d.Uncertain) > 0 {
		for _, x := range d.Points[s] {
			dst = append(dst, FormatFloat(x))
		}
	}
	return dst
}

// Describe writes cell i's parameters as "a=1, b=x" for messages.
func (d Design) Describe(i int) string {
	vals := d.AppendValues(nil, i)
	parts := make([]string, len(vals))
	for k, c := range d.Columns() {
		parts[k] = c + "=" + vals[k]
	}
	return strings.Join(parts, ", ")
}

// WriteCSV writes the design as CSV: a header "cell" plus Columns, then one
// row per cell in cell order, numbers in the shortest form that reads back
// exactly (the values the model receives).
func (d Design) WriteCSV(w io.Writer) error {
	sink := NewCSVSink(w)
	if err := sink.WriteHeader(append([]string{"cell"}, d.Columns()...)); err != nil {
		return err
	}
	row := make([]string, 0, 1+len(d.Grid.Axes)+len(d.Uncertain))
	for i, n := 0, d.Len(); i < n; i++ {
		row = d.AppendValues(append(row[:0], strconv.Itoa(i)), i)
		if err := sink.WriteRow(row); err != nil {
			return err
		}
	}
	return sink.Flush()
}
