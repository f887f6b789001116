package findings

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/statecraft/statecraft/figure"
	"github.com/statecraft/statecraft/schema"
)

// Spec declares one finding in an experiment's findings list.
type Spec struct {
	Name        string         `key:"name" doc:"the finding's id (lower-case letters, digits, -): its key in findings.json and expected/findings.json"`
	Run         figure.Names   `key:"run" doc:"the run whose results.csv is asked (a table may list several)"`
	Where       map[string]any `key:"where" doc:"keep the rows whose columns meet these conditions: a value, {not: v}, {in: [v, …]}, {above: t}, {below: t} (t a number or a column), {from: a, to: b}"`
	Value       string         `key:"value" default:"" doc:"query: the value of this column in the one row where keeps"`
	Min         string         `key:"min" default:"" doc:"query: the smallest value of this column over the rows; {at.X} is its row"`
	Max         string         `key:"max" default:"" doc:"query: the largest value of this column over the rows; {at.X} is its row"`
	First       string         `key:"first" default:"" doc:"query: over the rows sorted by this column, its first value at which when holds; {before} is the value before it, {at.X} its row"`
	When        map[string]any `key:"when" doc:"first: the conditions, as in where"`
	Interpolate bool           `key:"interpolate" default:"false" doc:"first: place the crossing of a single {above: t} or {below: t} condition linearly between the rows on either side"`
	Otherwise   string         `key:"otherwise" default:"" doc:"first: the text when no row meets when (without it, that is an error)"`
	MaxRise     string         `key:"max_rise" default:"" doc:"query: the largest increase of this column from one value of along to the next, the other swept parameters fixed; {before} is the lower value of along, {at.X} the upper row"`
	Along       string         `key:"along" default:"" doc:"max_rise: the swept parameter to step along"`
	Table       []string       `key:"table" doc:"query: the rows as a Markdown table of these columns, after the text (its caption)"`
	Count       map[string]any `key:"count" doc:"query: how many of the rows meet these conditions (as in where)"`
	Format      string         `key:"format" default:"" doc:"Go fmt verb without % for numbers without their own ({value:.2f}) and table cells, e.g. .3f; default 4 significant digits"`
	Text        string         `key:"text" default:"" doc:"the sentence: {value}, {before}, {at.X}, and another finding's {NAME}, {NAME.before}, {NAME.at.X}, each optionally with a Go fmt verb after a colon, e.g. {value:.2f}; without text the finding is checked but not shown (other findings' sentences can use it)"`
}

// Queries are the query keys of a finding, exactly one of which it gives.
var Queries = []string{"value", "min", "max", "first", "max_rise", "count", "table"}

var (
	nameRE   = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	formatRE = regexp.MustCompile(`^[+\- 0#]*[0-9]*(\.[0-9]+)?[fgeEGd]$`)
)

// Query returns the query key the finding gives and its column.
func (s *Spec) Query() (key, column string) {
	switch {
	case s.Value != "":
		return "value", s.Value
	case s.Min != "":
		return "min", s.Min
	case s.Max != "":
		return "max", s.Max
	case s.First != "":
		return "first", s.First
	case s.MaxRise != "":
		return "max_rise", s.MaxRise
	case len(s.Count) > 0:
		return "count", ""
	case len(s.Table) > 0:
		return "table", ""
	}
	return "", ""
}

// Validate checks the finding's form: one query and the keys it takes, well
// formed conditions and text.
func (s *Spec) Validate() error {
	if !nameRE.MatchString(s.Name) {
		return schema.Errorf("name", "each finding needs a name of lower-case letters, digits and - (its key in findings.json); got %q", s.Name)
	}
	if len(s.Run) == 0 {
		return schema.Errorf("run", "finding %s needs run: the run whose results it asks", s.Name)
	}
	n := 0
	for _, given := range []bool{s.Value != "", s.Min != "", s.Max != "", s.First != "", s.MaxRise != "", len(s.Count) > 0, len(s.Table) > 0} {
		if given {
			n++
		}
	}
	if n != 1 {
		return schema.Errorf("value", "finding %s needs exactly one query of %s (it gives %d), e.g. value: delta_star with where: {detection: 0.8}", s.Name, strings.Join(Queries, ", "), n)
	}
	q, _ := s.Query()
	if len(s.Run) > 1 && q != "table" {
		return schema.Errorf("run", "finding %s: only a table can ask several runs", s.Name)
	}
	if q != "first" && (len(s.When) > 0 || s.Interpolate || s.Otherwise != "") {
		return schema.Errorf("when", "finding %s: when, interpolate and otherwise go with first", s.Name)
	}
	if q == "first" && len(s.When) == 0 {
		return schema.Errorf("when", "finding %s: first needs when: the condition, e.g. when: {sustainable: 0}", s.Name)
	}
	if (q == "max_rise") != (s.Along != "") {
		return schema.Errorf("along", "finding %s: max_rise and along go together (max_rise: p_attack, along: detection)", s.Name)
	}
	if s.Format != "" && !formatRE.MatchString(s.Format) {
		return schema.Errorf("format", "finding %s: %q is not a number format; write a Go fmt verb without %%, e.g. .3f or .2g", s.Name, s.Format)
	}
	if strings.TrimSpace(s.Text) == "" && s.Otherwise != "" {
		return schema.Errorf("text", "finding %s has otherwise but no text", s.Name)
	}
	for key, conds := range map[string]map[string]any{"where": s.Where, "when": s.When, "count": s.Count} {
		if _, err := parseConditions(conds); err != nil {
			return schema.Prefix(key, err)
		}
	}
	if s.Interpolate {
		cs, _ := parseConditions(s.When)
		if len(cs) != 1 || (cs[0].op != "above" && cs[0].op != "below") {
			return schema.Errorf("interpolate", "finding %s: interpolation needs when: to be one {above: t} or {below: t} condition", s.Name)
		}
	}
	for key, text := range map[string]string{"text": s.Text, "otherwise": s.Otherwise} {
		if _, err := parseTemplate(text); err != nil {
			return schema.Errorf(key, "finding %s: %v", s.Name, err)
		}
	}
	return nil
}

// condition is one test of a column.
type condition struct {
	column string
	op     string // is, not, in, above, below, range
	values []any  // is, not: one; in: several; above, below: the threshold; range: from, to
}

var condKeys = []string{"not", "in", "above", "below", "from", "to"}

// parseConditions reads where: or when:, sorted by column for a fixed order.
func parseConditions(m map[string]any) ([]condition, error) {
	cols := make([]string, 0, len(m))
	for c := range m {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	var out []condition
	for _, col := range cols {
		v := m[col]
		sub, ok := v.(map[string]any)
		if !ok {
			if _, list := v.([]any); list {
				return nil, schema.Errorf(col, "write {in: %v} for one of several values", v)
			}
			out = append(out, condition{column: col, op: "is", values: []any{v}})
			continue
		}
		for k := range sub {
			if !slices.Contains(condKeys, k) {
				msg := fmt.Sprintf("unknown test %q", k)
				if n := schema.Nearest(k, condKeys); n != "" {
					msg += fmt.Sprintf("; did you mean %q?", n)
				}
				return nil, schema.Errorf(col+"."+k, "%s (tests: a value, or {not: v}, {in: [v, …]}, {above: t}, {below: t}, {from: a, to: b})", msg)
			}
		}
		_, from := sub["from"]
		_, to := sub["to"]
		switch {
		case from || to:
			if !from || !to || len(sub) != 2 {
				return nil, schema.Errorf(col, "a range is {from: a, to: b}, with nothing else")
			}
			out = append(out, condition{column: col, op: "range", values: []any{sub["from"], sub["to"]}})
		case len(sub) != 1:
			return nil, schema.Errorf(col, "give one test per column, e.g. {above: 0}")
		default:
			for k, x := range sub {
				vals := []any{x}
				if k == "in" {
					list, ok := x.([]any)
					if !ok || len(list) == 0 {
						return nil, schema.Errorf(col+".in", "want a list of values, e.g. {in: [grim, punish]}")
					}
					vals = list
				}
				out = append(out, condition{column: col, op: k, values: vals})
			}
		}
	}
	return out, nil
}

// field is one {name:verb} of a template, or literal text (name "").
type field struct {
	literal string
	ref     string // another finding's name; "" for this one's
	name    string // value, before, at.X
	verb    string
}

// References lists the other findings the finding's texts use.
func (s *Spec) References() []string {
	var out []string
	for _, text := range []string{s.Text, s.Otherwise} {
		fields, _ := parseTemplate(text)
		for _, f := range fields {
			if f.ref != "" && !slices.Contains(out, f.ref) {
				out = append(out, f.ref)
			}
		}
	}
	return out
}

// parseTemplate splits text into literal parts and fields.
func parseTemplate(text string) ([]field, error) {
	var out []field
	var lit strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '{' && i+1 < len(text) && text[i+1] == '{', c == '}' && i+1 < len(text) && text[i+1] == '}':
			lit.WriteByte(c)
			i++
		case c == '{':
			end := strings.IndexByte(text[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("unclosed { in %q (write {{ for a brace)", text)
			}
			name, verb, _ := strings.Cut(text[i+1:i+end], ":")
			name = strings.TrimSpace(name)
			full, ref := name, ""
			if name != "value" && name != "before" && !strings.HasPrefix(name, "at.") {
				// Another finding: NAME, NAME.before, NAME.at.X.
				var rest string
				ref, rest, _ = strings.Cut(name, ".")
				name = "value"
				if rest != "" {
					name = rest
				}
				if !nameRE.MatchString(ref) {
					return nil, fmt.Errorf("{%s} is not a field: write {value}, {before}, {at.COLUMN} or another finding's {NAME}", full)
				}
			}
			if name != "value" && name != "before" && !(strings.HasPrefix(name, "at.") && len(name) > 3) {
				return nil, fmt.Errorf("{%s} is not a field: write {value}, {before}, {at.COLUMN} or another finding's {NAME}", full)
			}
			if verb != "" && !formatRE.MatchString(verb) {
				return nil, fmt.Errorf("{%s:%s}: %q is not a number format; write a Go fmt verb without %%, e.g. .3f", name, verb, verb)
			}
			if lit.Len() > 0 {
				out = append(out, field{literal: lit.String()})
				lit.Reset()
			}
			out = append(out, field{ref: ref, name: name, verb: verb})
			i += end
		case c == '}':
			return nil, fmt.Errorf("unmatched } in %q (write }} for a brace)", text)
		default:
			lit.WriteByte(c)
		}
	}
	if lit.Len() > 0 {
		out = append(out, field{literal: lit.String()})
	}
	return out, nil
}

// CheckColumns checks that every column the finding names is among the
// columns of its run's results (see the package documentation for how a
// simulated metric is named).
func (s *Spec) CheckColumns(columns []string) error {
	t := figure.NewTable(columns, nil)
	var names []string
	if _, c := s.Query(); c != "" {
		names = append(names, c)
	}
	names = append(names, s.Table...)
	if s.Along != "" {
		names = append(names, s.Along)
	}
	for _, conds := range []map[string]any{s.Where, s.When, s.Count} {
		cs, _ := parseConditions(conds)
		for _, c := range cs {
			names = append(names, c.column)
			if b, ok := c.values[0].(string); ok && (c.op == "above" || c.op == "below") {
				names = append(names, b)
			}
		}
	}
	for _, text := range []string{s.Text, s.Otherwise} {
		fields, _ := parseTemplate(text)
		for _, f := range fields {
			if c, ok := strings.CutPrefix(f.name, "at."); ok && f.ref == "" {
				names = append(names, c)
			}
		}
	}
	for _, n := range names {
		if _, err := column(t, n); err != nil {
			return err
		}
	}
	return nil
}
