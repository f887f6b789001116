package discover

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Condition selects the cases of interest by one metric: a comparison with
// a number (coop_rate < 0.5, sustainable == 0) or, for a categorical metric,
// equality with a level (regime == comply, case != pooling).
type Condition struct {
	Metric string
	Op     string  // one of <, <=, >, >=, ==, !=
	Value  float64 // the number compared with, unless Level is set
	Level  string  // the level compared with (a categorical metric)
}

var ops = []string{"<=", ">=", "==", "!=", "<", ">"}

// ParseCondition reads "METRIC OP VALUE". VALUE is a number, or a level
// name: a bare word of letters, digits, '_', '-' and '.', or any text in
// single or double quotes. Only == and != compare levels.
func ParseCondition(s string) (Condition, error) {
	var c Condition
	rest := strings.TrimSpace(s)
	i := 0
	for i < len(rest) && isNameByte(rest[i], i == 0) {
		i++
	}
	if i == 0 {
		return c, fmt.Errorf("%q does not start with a metric name", s)
	}
	c.Metric, rest = rest[:i], strings.TrimLeft(rest[i:], " \t")
	for _, op := range ops {
		if strings.HasPrefix(rest, op) {
			c.Op, rest = op, strings.TrimSpace(rest[len(op):])
			break
		}
	}
	switch {
	case c.Op == "" && strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "=>") && !strings.HasPrefix(rest, "=<"):
		return c, fmt.Errorf("%q: write == for equality", s)
	case c.Op == "":
		return c, fmt.Errorf("%q: after %s comes one of %s", s, c.Metric, strings.Join(ops, " "))
	case rest == "":
		return c, fmt.Errorf("%q: nothing to compare %s with", s, c.Metric)
	}
	if q := rest[0]; q == '\'' || q == '"' {
		if len(rest) < 2 || rest[len(rest)-1] != q || strings.IndexByte(rest[1:len(rest)-1], q) >= 0 {
			return c, fmt.Errorf("%q: unbalanced quotes", s)
		}
		c.Level = rest[1 : len(rest)-1]
		if c.Level == "" {
			return c, fmt.Errorf("%q: empty level", s)
		}
	} else if v, err := strconv.ParseFloat(rest, 64); err == nil {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return c, fmt.Errorf("%q: compare with a finite number", s)
		}
		c.Value = v
	} else {
		for k := 0; k < len(rest); k++ {
			if !isNameByte(rest[k], false) && rest[k] != '-' {
				return c, fmt.Errorf("%q: %q is neither a number nor a level name (quote a level with spaces or symbols)", s, rest)
			}
		}
		c.Level = rest
	}
	if c.Level != "" && c.Op != "==" && c.Op != "!=" {
		return c, fmt.Errorf("%q: a level is compared with == or != only", s)
	}
	return c, nil
}

func isNameByte(b byte, first bool) bool {
	switch {
	case b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z':
		return true
	case b >= '0' && b <= '9' || b == '.':
		return !first
	}
	return false
}

// String writes the condition so that ParseCondition reads it back.
func (c Condition) String() string {
	if c.Level != "" {
		q := `"`
		if strings.Contains(c.Level, q) {
			q = "'"
		}
		return c.Metric + " " + c.Op + " " + q + c.Level + q
	}
	return c.Metric + " " + c.Op + " " + strconv.FormatFloat(c.Value, 'g', -1, 64)
}

// Holds reports whether a numeric value meets the condition. NaN (an
// undefined value) meets none.
func (c Condition) Holds(v float64) bool {
	switch c.Op {
	case "<":
		return v < c.Value
	case "<=":
		return v <= c.Value
	case ">":
		return v > c.Value
	case ">=":
		return v >= c.Value
	case "==":
		return v == c.Value
	case "!=":
		return v != c.Value && !math.IsNaN(v)
	}
	return false
}

// HoldsLevel reports whether a level meets the condition.
func (c Condition) HoldsLevel(level string) bool {
	if c.Op == "==" {
		return level == c.Level
	}
	return level != c.Level
}
