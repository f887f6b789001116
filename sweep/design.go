package sweep

import (
	"fmt"
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
