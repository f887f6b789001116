package discover

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/results"
	"github.com/statecraft/statecraft/sweep"
)

// Options say what to discover in a run.
type Options struct {
	// Metric is the outcome; Where the condition on it that marks a case
	// of interest (see ParseCondition), which must name Metric.
	Metric, Where string
	// Dims are the dimensions searched: uncertain parameters or levers of
	// the run (default: every uncertain parameter).
	Dims []string
	// At restricts the analysis to the cases with given lever values,
	// each "lever=value".
	At     []string
	Params Params
}

// Analysis is scenario discovery over one run.
type Analysis struct {
	results.Subject
	Where       string   `json:"where"`
	At          []string `json:"at,omitempty"`
	Undefined   int      `json:"undefined_cases"` // left out: the metric is undefined (NaN)
	PeelAlpha   float64  `json:"peel_alpha"`
	PasteAlpha  float64  `json:"paste_alpha"`
	MassMin     float64  `json:"mass_min"`
	MinCoverage float64  `json:"min_coverage"`
	Objective   string   `json:"objective"`
	*Report
}

// Analyze runs PRIM over the finished run in dir. It reads results.parquet
// column by column: first the metric (and the levers of At), then each
// dimension into one reused float64 buffer that becomes its rank form, then
// again only the values at the boxes' limits. Peak memory is about 8 bytes
// per case for the buffer plus what [Data] holds (4⅛ bytes per case per
// dimension and 1⅛ bytes per case). Bad options and runs that cannot be
// analysed are bad input.
func Analyze(dir string, opt Options) (*Analysis, error) {
	t, err := results.Open(dir)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	if len(t.Uncertain) == 0 {
		return nil, &config.Error{File: filepath.Join(dir, "manifest.json"), Err: fmt.Errorf(
			"the run has no uncertain parameters: scenario discovery searches the values drawn for sweep.uncertain (e.g. {param: detection, dist: uniform, min: 0.5, max: 1}); rerun the sweep with some")}
	}
	if err := opt.Params.Check(); err != nil {
		return nil, err
	}
	m, err := t.Metric(opt.Metric)
	if err != nil {
		return nil, err
	}
	cond, err := condition(t, m, opt.Where)
	if err != nil {
		return nil, err
	}
	dims := opt.Dims
	if len(dims) == 0 {
		dims = t.Uncertain
	}
	for k, d := range dims {
		if !slices.Contains(t.Uncertain, d) && !slices.Contains(t.Levers, d) {
			return nil, model.Invalid("--dims", "%s is not a parameter of the run; uncertain: %s%s", d, strings.Join(t.Uncertain, ", "), leverList(t))
		}
		if slices.Contains(dims[:k], d) {
			return nil, model.Invalid("--dims", "%s is given twice", d)
		}
	}
	if len(dims) > MaxDims {
		return nil, model.Invalid("--dims", "at most %d dimensions", MaxDims)
	}
	p := opt.Params.withDefaults()
	a := &Analysis{Subject: t.Subject(m), Where: cond.String(), At: opt.At, PeelAlpha: p.PeelAlpha, PasteAlpha: p.PasteAlpha, MassMin: p.MassMin, MinCoverage: p.MinCoverage, Objective: p.Objective}

	// Which rows take part, and which of them are of interest.
	include := make(bits, (t.Rows+63)/64)
	for i := range include {
		include[i] = ^uint64(0)
	}
	for _, at := range opt.At {
		if err := restrict(t, at, include); err != nil {
			return nil, err
		}
	}
	interest := newBits(t.Rows)
	n, coi := 0, 0
	lo, hi := 0.0, 0.0
	mark := func(row int, ok, defined bool) {
		if !include.get(row) {
			return
		}
		if !defined {
			include.clear(row)
			a.Undefined++
			return
		}
		n++
		if ok {
			interest.set(row)
			coi++
		}
	}
	if len(m.Levels) > 0 {
		err = t.Strings(m.Column, func(row int, vals []string) error {
			for i, v := range vals {
				mark(row+i, cond.HoldsLevel(v), v != "NaN")
			}
			return nil
		})
	} else {
		first := true
		err = t.Floats(m.Column, func(row int, vals []float64) error {
			for i, v := range vals {
				defined := v == v
				mark(row+i, cond.Holds(v), defined)
				if defined && include.get(row+i) {
					if first || v < lo {
						lo = v
					}
					if first || v > hi {
						hi = v
					}
					first = false
				}
			}
			return nil
		})
	}
	if err != nil {
		return nil, err
	}
	where := fmt.Sprintf("--where '%s'", cond)
	switch {
	case n == 0 && a.Undefined > 0:
		return nil, model.Invalid("--metric", "%s is undefined (NaN) in every case%s", m.Name, atNote(opt.At))
	case n == 0:
		return nil, model.Invalid("--at", "%s selects no case", strings.Join(opt.At, " "))
	case coi == 0:
		return nil, model.Invalid("--where", "%s selects no case of the %d%s%s; PRIM needs some cases of interest", where, n, atNote(opt.At), metricRange(m, lo, hi))
	case coi == n:
		return nil, model.Invalid("--where", "%s selects every one of the %d cases%s%s; PRIM needs some cases that are not of interest", where, n, atNote(opt.At), metricRange(m, lo, hi))
	}

	d, err := NewData(n)
	if err != nil {
		return nil, err
	}
	c := 0
	for row := 0; row < t.Rows; row++ {
		if include.get(row) {
			if interest.get(row) {
				d.SetInterest(c)
			}
			c++
		}
	}
	interest = nil
	buf := make([]float64, 0, n)
	for _, name := range dims {
		if t.IsText(name) {
			if err := addCategorical(t, d, name, include); err != nil {
				return nil, err
			}
			continue
		}
		buf = buf[:0]
		err := t.Floats(name, func(row int, vals []float64) error {
			for i, v := range vals {
				if include.get(row + i) {
					buf = append(buf, v)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if err := d.AddNumeric(name, buf); err != nil {
			return nil, &config.Error{File: t.Path, Err: err}
		}
	}
	buf = nil
	r, err := Run(d, p)
	if err != nil {
		return nil, err
	}
	value, err := lookup(t, r, dims, include)
	if err != nil {
		return nil, err
	}
	a.Report = r.Describe(value)
	return a, nil
}

func leverList(t *results.Table) string {
	if len(t.Levers) == 0 {
		return ""
	}
	return "; levers: " + strings.Join(t.Levers, ", ")
}

func atNote(at []string) string {
	if len(at) == 0 {
		return ""
	}
	return " at " + strings.Join(at, ", ")
}

func metricRange(m results.Metric, lo, hi float64) string {
	if len(m.Levels) > 0 {
		return fmt.Sprintf(" (levels of %s: %s)", m.Name, strings.Join(m.Levels, ", "))
	}
	return fmt.Sprintf(" (%s ranges from %g to %g)", m.Name, lo, hi)
}

// condition parses --where and checks it against the metric.
func condition(t *results.Table, m results.Metric, where string) (Condition, error) {
	example := m.Name + " < 0.5"
	if len(m.Levels) > 0 {
		example = m.Name + " == " + m.Levels[0]
	}
	if strings.TrimSpace(where) == "" {
		return Condition{}, model.Invalid("--where", "say which cases are of interest, e.g. --where '%s'", example)
	}
	c, err := ParseCondition(where)
	if err != nil {
		return c, model.Invalid("--where", "%v; e.g. --where '%s' (metrics: %s)", err, example, strings.Join(t.MetricNames(), ", "))
	}
	if c.Metric != m.Name {
		return c, model.Invalid("--where", "the condition is on %s but --metric is %s; e.g. --where '%s'", c.Metric, m.Name, example)
	}
	switch {
	case len(m.Levels) > 0 && c.Level == "":
		return c, model.Invalid("--where", "%s is categorical (levels %s): compare it with == or != and a level, e.g. --where '%s'", m.Name, strings.Join(m.Levels, ", "), example)
	case len(m.Levels) > 0 && !slices.Contains(m.Levels, c.Level):
		return c, model.Invalid("--where", "%s has no level %q; its levels are %s", m.Name, c.Level, strings.Join(m.Levels, ", "))
	case len(m.Levels) == 0 && c.Level != "":
		return c, model.Invalid("--where", "%s is a number: compare it with a number, e.g. --where '%s'", m.Name, example)
	}
	return c, nil
}

// restrict clears the rows whose lever does not have the value of at
// ("lever=value").
func restrict(t *results.Table, at string, include bits) error {
	k, v, ok := strings.Cut(at, "=")
	k, v = strings.TrimSpace(k), strings.TrimSpace(v)
	if !ok || k == "" || v == "" {
		return model.Invalid("--at", "%q: write lever=value, e.g. --at strategy=grim", at)
	}
	if !slices.Contains(t.Levers, k) {
		if len(t.Levers) == 0 {
			return model.Invalid("--at", "%s: the run has no levers (sweep.grid)", k)
		}
		return model.Invalid("--at", "%s is not a lever of the run; levers: %s", k, strings.Join(t.Levers, ", "))
	}
	if !t.IsText(k) {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return model.Invalid("--at", "%s is a number, not %q", k, v)
		}
		v = sweep.FormatFloat(x) // as Strings writes it
	}
	seen := map[string]bool{}
	var order []string
	matched := 0
	err := t.Strings(k, func(row int, vals []string) error {
		for i, s := range vals {
			if !seen[s] {
				seen[s] = true
				order = append(order, s)
			}
			if s == v {
				matched++
			} else {
				include.clear(row + i)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if matched == 0 {
		return model.Invalid("--at", "no case has %s=%s; its values are %s", k, v, strings.Join(order, ", "))
	}
	return nil
}

// addCategorical adds a text lever as a categorical dimension, its levels
// in the order they first appear (the grid's order).
func addCategorical(t *results.Table, d *Data, name string, include bits) error {
	codes := make([]uint16, 0, d.Len())
	index := map[string]uint16{}
	var levels []string
	err := t.Strings(name, func(row int, vals []string) error {
		for i, s := range vals {
			if !include.get(row + i) {
				continue
			}
			l, ok := index[s]
			if !ok {
				if len(levels) == 1<<16-1 {
					return fmt.Errorf("%s: %s has more than %d levels", t.Path, name, 1<<16-1)
				}
				l = uint16(len(levels))
				index[s] = l
				levels = append(levels, s)
			}
			codes = append(codes, l)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return d.AddCategorical(name, codes, levels)
}

// lookup reads the values Describe needs in one more pass per numeric
// dimension.
func lookup(t *results.Table, r *Result, dims []string, include bits) (func(j, c int) float64, error) {
	needs := r.Needs()
	vals := make([][]float64, len(dims))
	for j, name := range dims {
		want := needs[j]
		if len(want) == 0 {
			continue
		}
		got := make([]float64, 0, len(want))
		c := 0
		err := t.Floats(name, func(row int, xs []float64) error {
			for i, x := range xs {
				if !include.get(row + i) {
					continue
				}
				if len(got) < len(want) && want[len(got)] == c {
					got = append(got, x)
				}
				c++
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		vals[j] = got
	}
	return func(j, c int) float64 {
		k, _ := slices.BinarySearch(needs[j], c)
		return vals[j][k]
	}, nil
}
