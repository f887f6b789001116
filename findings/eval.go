package findings

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/statecraft/statecraft/figure"
	"github.com/statecraft/statecraft/schema"
)

// Run is one run's results as findings see them: its table and which of
// its columns are swept or sampled parameters (the rest are fixed
// parameters, metrics and outputs).
type Run struct {
	Table  *figure.Table
	Params []string
}

// Result is an evaluated finding.
type Result struct {
	Name  string `json:"name"`
	Run   string `json:"run"`
	Query string `json:"query"`
	// Value is the answer: a number, or text (a level, a JSON output, NaN);
	// nil when a first: query found no row.
	Value any `json:"value"`
	// Before is first's value of the row before, max_rise's lower value.
	Before any `json:"before,omitempty"`
	// At is the row the answer comes from, column by column.
	At    map[string]string `json:"at,omitempty"`
	Table [][]string        `json:"table,omitempty"`
	Text  string            `json:"text"`
}

// Error is a finding that cannot be evaluated on its runs' results: a
// column they lack, rows that do not single out one answer. It is the
// experiment's to fix (bad input).
type Error struct {
	Finding string
	Err     error
}

func (e *Error) Error() string  { return "finding " + e.Finding + ": " + e.Err.Error() }
func (e *Error) Unwrap() error  { return e.Err }
func (e *Error) BadInput() bool { return true }

// Evaluate answers the finding from its runs' results. refs holds the
// findings its text refers to, by name (see Spec.References).
func Evaluate(s Spec, runs map[string]Run, refs map[string]*Result) (*Result, error) {
	r, err := evaluate(s, runs, refs)
	if err != nil {
		return nil, &Error{Finding: s.Name, Err: err}
	}
	return r, nil
}

func evaluate(s Spec, runs map[string]Run, refs map[string]*Result) (*Result, error) {
	q, col := s.Query()
	res := &Result{Name: s.Name, Run: strings.Join(s.Run, ", "), Query: q}
	var names []string
	for n := range runs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range s.Run {
		if _, ok := runs[name]; !ok {
			msg := fmt.Sprintf("no run %q", name)
			if n := schema.Nearest(name, names); n != "" {
				msg += fmt.Sprintf("; did you mean %q?", n)
			}
			return nil, fmt.Errorf("%s (runs: %s)", msg, strings.Join(names, ", "))
		}
	}
	if q == "table" {
		return res, table(s, runs, refs, res)
	}
	run := runs[s.Run[0]]
	t := run.Table
	rows, err := selectRows(t, s.Where)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("no row of run %s meets where %v", s.Run[0], s.Where)
	}
	c := ""
	if col != "" {
		if c, err = column(t, col); err != nil {
			return nil, err
		}
	}
	row := -1
	text := s.Text
	switch q {
	case "value":
		if len(rows) > 1 {
			return nil, fmt.Errorf("%d rows of run %s meet where %v; name one cell (the swept parameters: %s)", len(rows), s.Run[0], s.Where, strings.Join(run.Params, ", "))
		}
		row = rows[0]
		res.Value = cellValue(t.Str(row, c))
	case "min", "max":
		for _, r := range rows {
			x := t.Num(r, c)
			if math.IsNaN(x) {
				continue
			}
			if row < 0 || (q == "min" && x < t.Num(row, c)) || (q == "max" && x > t.Num(row, c)) {
				row = r
			}
		}
		if row < 0 {
			return nil, fmt.Errorf("%s is not a number in any row", c)
		}
		res.Value = t.Num(row, c)
	case "first":
		if row, err = first(s, t, rows, c, res); err != nil {
			return nil, err
		}
		if row < 0 {
			text = s.Otherwise
		}
	case "max_rise":
		if row, err = maxRise(s, run, rows, c, res); err != nil {
			return nil, err
		}
	case "count":
		meeting, err := selectRows(t, s.Count)
		if err != nil {
			return nil, err
		}
		n := 0
		for _, r := range meeting {
			if slices.Contains(rows, r) {
				n++
			}
		}
		res.Value = float64(n)
	}
	if row >= 0 {
		res.At = map[string]string{}
		for i, h := range t.Columns {
			res.At[h] = t.Rows[row][i]
		}
	}
	res.Text, err = render(text, s.Format, res, rowLookup(t, row), refs)
	return res, err
}

// lookup gives a template's {at.X}: the value of column X where the answer
// lies.
type lookup func(col string) (any, error)

// rowLookup reads {at.X} from one row of t; row −1 has none.
func rowLookup(t *figure.Table, row int) lookup {
	return func(col string) (any, error) {
		if row < 0 {
			return nil, fmt.Errorf("{at.%s}: the answer has no row", col)
		}
		c, err := column(t, col)
		if err != nil {
			return nil, err
		}
		return cellValue(t.Str(row, c)), nil
	}
}

// column resolves a column name: as written, or a simulated metric's mean or
// mode.
func column(t *figure.Table, name string) (string, error) {
	for _, c := range []string{name, name + "_mean", name + "_mode"} {
		if t.Has(c) {
			return c, nil
		}
	}
	msg := fmt.Sprintf("the results have no column %q", name)
	if n := schema.Nearest(name, t.Columns); n != "" {
		msg += fmt.Sprintf("; did you mean %q?", n)
	}
	return "", fmt.Errorf("%s", msg)
}

// selectRows returns the rows, in cell order, that meet every condition.
func selectRows(t *figure.Table, conds map[string]any) ([]int, error) {
	cs, err := parseConditions(conds)
	if err != nil {
		return nil, err
	}
	for i := range cs {
		if cs[i].column, err = column(t, cs[i].column); err != nil {
			return nil, err
		}
	}
	var rows []int
	for r := range t.Rows {
		ok, err := meets(t, r, cs)
		if err != nil {
			return nil, err
		}
		if ok {
			rows = append(rows, r)
		}
	}
	return rows, nil
}

// meets reports whether row r meets every condition.
func meets(t *figure.Table, r int, cs []condition) (bool, error) {
	for _, c := range cs {
		field := t.Str(r, c.column)
		x := t.Num(r, c.column)
		var ok bool
		switch c.op {
		case "is":
			ok = same(field, c.values[0])
		case "not":
			ok = !same(field, c.values[0])
		case "in":
			ok = slices.ContainsFunc(c.values, func(v any) bool { return same(field, v) })
		case "above", "below":
			th, err := threshold(t, r, c.values[0])
			if err != nil {
				return false, err
			}
			ok = (c.op == "above" && x > th) || (c.op == "below" && x < th)
		case "range":
			lo, okLo := number(c.values[0])
			hi, okHi := number(c.values[1])
			if !okLo || !okHi {
				return false, fmt.Errorf("%s: a range needs numbers, {from: 0.2, to: 0.5}", c.column)
			}
			ok = (x >= lo || near(x, lo)) && (x <= hi || near(x, hi))
		}
		if !ok {
			return false, nil
		}
	}
	return true, nil
}

// threshold is an above/below bound: a number, or another column's value in
// the same row.
func threshold(t *figure.Table, r int, v any) (float64, error) {
	if x, ok := number(v); ok {
		return x, nil
	}
	name, ok := v.(string)
	if !ok {
		return 0, fmt.Errorf("a bound is a number or a column, got %v", v)
	}
	c, err := column(t, name)
	if err != nil {
		return 0, err
	}
	return t.Num(r, c), nil
}

// same compares a field with a value: as numbers to a relative 1e-9 when
// both are numbers (0.3 is 0.30000000000000004), else as text.
func same(field string, v any) bool {
	want, ok := number(v)
	x, err := strconv.ParseFloat(field, 64)
	if ok && err == nil {
		return x == want || near(x, want)
	}
	return field == fmt.Sprint(v)
}

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

// number is a condition's value as a number: YAML gives numbers as float64
// or int; text is never one (a bound given as text names a column).
func number(v any) (float64, bool) {
	switch v.(type) {
	case string, bool, nil:
		return 0, false
	}
	x, err := strconv.ParseFloat(fmt.Sprint(v), 64)
	return x, err == nil
}

// cellValue is a field as a result value: a number when it is one (NaN and
// infinities as text, which JSON can hold), else the text.
func cellValue(field string) any {
	x, err := strconv.ParseFloat(field, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return field
	}
	return x
}

// ordered sorts rows by a numeric column and refuses ties, which would make
// "the first" or "the next" ambiguous.
func ordered(t *figure.Table, rows []int, c, hint string) ([]int, error) {
	rows = slices.Clone(rows)
	sort.SliceStable(rows, func(a, b int) bool { return t.Num(rows[a], c) < t.Num(rows[b], c) })
	for i := 1; i < len(rows); i++ {
		if t.Num(rows[i], c) == t.Num(rows[i-1], c) {
			return nil, fmt.Errorf("rows %s and %s both have %s = %s; %s", t.Str(rows[i-1], "cell"), t.Str(rows[i], "cell"), c, t.Str(rows[i], c), hint)
		}
		if math.IsNaN(t.Num(rows[i], c)) {
			return nil, fmt.Errorf("%s is not a number in row %s", c, t.Str(rows[i], "cell"))
		}
	}
	return rows, nil
}

// first finds the first row, by x = c, that meets when; -1 when none does.
func first(s Spec, t *figure.Table, rows []int, c string, res *Result) (int, error) {
	rows, err := ordered(t, rows, c, "fix the other swept parameters with where")
	if err != nil {
		return -1, err
	}
	cs, _ := parseConditions(s.When)
	for i := range cs {
		if cs[i].column, err = column(t, cs[i].column); err != nil {
			return -1, err
		}
	}
	for i, r := range rows {
		ok, err := meets(t, r, cs)
		if err != nil {
			return -1, err
		}
		if !ok {
			continue
		}
		x := t.Num(r, c)
		res.Value = x
		if i == 0 {
			return r, nil
		}
		prev := rows[i-1]
		x0 := t.Num(prev, c)
		res.Before = x0
		if s.Interpolate {
			th0, err0 := threshold(t, prev, cs[0].values[0])
			th1, err1 := threshold(t, r, cs[0].values[0])
			if err0 != nil || err1 != nil {
				return -1, fmt.Errorf("%v %v", err0, err1)
			}
			q0, q1 := t.Num(prev, cs[0].column)-th0, t.Num(r, cs[0].column)-th1
			if !math.IsNaN(q0) && !math.IsNaN(q1) && q1 != q0 {
				res.Value = x0 + (x-x0)*(0-q0)/(q1-q0)
			}
		}
		return r, nil
	}
	if s.Otherwise == "" {
		lo, hi := t.Str(rows[0], c), t.Str(rows[len(rows)-1], c)
		return -1, fmt.Errorf("no row meets when %v for %s from %s to %s (give otherwise: a text for that case, or widen the run's grid)", s.When, c, lo, hi)
	}
	return -1, nil
}

// maxRise finds the largest increase of c from one value of along to the
// next, the other swept parameters fixed; it returns the upper row.
func maxRise(s Spec, run Run, rows []int, c string, res *Result) (int, error) {
	t := run.Table
	along, err := column(t, s.Along)
	if err != nil {
		return -1, err
	}
	groups := map[string][]int{}
	var keys []string
	for _, r := range rows {
		var k []string
		for _, p := range run.Params {
			if p != along {
				k = append(k, t.Str(r, p))
			}
		}
		key := strings.Join(k, "\x00")
		if _, ok := groups[key]; !ok {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], r)
	}
	best, bestRise := -1, math.Inf(-1)
	for _, k := range keys {
		g, err := ordered(t, groups[k], along, along+" is not the only parameter left free")
		if err != nil {
			return -1, err
		}
		for i := 1; i < len(g); i++ {
			rise := t.Num(g[i], c) - t.Num(g[i-1], c)
			if rise > bestRise {
				best, bestRise = g[i], rise
				res.Before, res.Value = t.Num(g[i-1], along), rise
			}
		}
	}
	if best < 0 {
		return -1, fmt.Errorf("no two rows differ only in %s", along)
	}
	return best, nil
}

// table lays out the rows of each run as a table of the asked columns.
func table(s Spec, runs map[string]Run, refs map[string]*Result, res *Result) error {
	var header []string
	if len(s.Run) > 1 {
		header = append(header, "run")
	}
	header = append(header, s.Table...)
	res.Table = [][]string{header}
	for _, name := range s.Run {
		t := runs[name].Table
		rows, err := selectRows(t, s.Where)
		if err != nil {
			return err
		}
		var cols []string
		for _, c := range s.Table {
			rc, err := column(t, c)
			if err != nil {
				return fmt.Errorf("run %s: %v", name, err)
			}
			cols = append(cols, rc)
		}
		for _, r := range rows {
			var line []string
			if len(s.Run) > 1 {
				line = append(line, name)
			}
			for _, c := range cols {
				line = append(line, formatValue(cellValue(t.Str(r, c)), s.Format))
			}
			res.Table = append(res.Table, line)
		}
	}
	if len(res.Table) == 1 {
		return fmt.Errorf("no row meets where %v", s.Where)
	}
	// {at.X} in a caption: the value of X that every row of the table shares.
	common := func(col string) (any, error) {
		var v string
		for i, name := range s.Run {
			t := runs[name].Table
			c, err := column(t, col)
			if err != nil {
				return nil, err
			}
			rows, _ := selectRows(t, s.Where)
			for j, r := range rows {
				if i+j == 0 {
					v = t.Str(r, c)
				} else if t.Str(r, c) != v {
					return nil, fmt.Errorf("{at.%s}: the rows of the table differ in %s", col, c)
				}
			}
		}
		return cellValue(v), nil
	}
	var err error
	res.Text, err = render(s.Text, s.Format, res, common, refs)
	return err
}

// render fills a template.
func render(text, format string, res *Result, at lookup, refs map[string]*Result) (string, error) {
	fields, err := parseTemplate(text)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, f := range fields {
		if f.name == "" {
			b.WriteString(f.literal)
			continue
		}
		verb := f.verb
		if verb == "" {
			verb = format
		}
		r, get, label := res, at, "{"+f.name+"}"
		if f.ref != "" {
			label = "{" + f.ref + "." + f.name + "}"
			if r = refs[f.ref]; r == nil {
				return "", fmt.Errorf("%s: no finding %q declared before this one", label, f.ref)
			}
			get = func(col string) (any, error) {
				for _, c := range []string{col, col + "_mean", col + "_mode"} {
					if v, ok := r.At[c]; ok {
						return cellValue(v), nil
					}
				}
				return nil, fmt.Errorf("%s: finding %s has no column %s in its row", label, f.ref, col)
			}
		}
		switch {
		case f.name == "value":
			b.WriteString(formatValue(r.Value, verb))
		case f.name == "before":
			if r.Before == nil {
				return "", fmt.Errorf("%s: the answer is the first row, which has none before it", label)
			}
			b.WriteString(formatValue(r.Before, verb))
		default:
			v, err := get(strings.TrimPrefix(f.name, "at."))
			if err != nil {
				return "", err
			}
			b.WriteString(formatValue(v, verb))
		}
	}
	return strings.Join(strings.Fields(b.String()), " "), nil
}

// formatValue writes a value with a Go fmt verb (without %), or by default
// to 4 significant digits without exponent for everyday magnitudes; a JSON
// list of pairs as (x, y), (x, y).
func formatValue(v any, verb string) string {
	switch x := v.(type) {
	case nil:
		return "none"
	case float64:
		return formatNumber(x, verb)
	case string:
		var pts [][]float64
		if strings.HasPrefix(x, "[[") && json.Unmarshal([]byte(x), &pts) == nil {
			var parts []string
			for _, p := range pts {
				var xs []string
				for _, c := range p {
					xs = append(xs, formatNumber(c, verb))
				}
				parts = append(parts, "("+strings.Join(xs, ", ")+")")
			}
			return strings.Join(parts, ", ")
		}
		return x
	}
	return fmt.Sprint(v)
}

func formatNumber(x float64, verb string) string {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return strconv.FormatFloat(x, 'g', -1, 64)
	case strings.HasSuffix(verb, "d"):
		return fmt.Sprintf("%"+verb, int64(math.Round(x)))
	case verb != "":
		return fmt.Sprintf("%"+verb, x)
	}
	a := math.Abs(x)
	if x == 0 || a < 1e-3 || a >= 1e6 {
		return strconv.FormatFloat(x, 'g', 4, 64)
	}
	decimals := max(0, 3-int(math.Floor(math.Log10(a))))
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}
