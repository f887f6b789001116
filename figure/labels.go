package figure

import (
	"errors"
	"fmt"
	"strings"
)

// Label says what a column of a results table is, for the axis labels,
// legend titles and colour-bar titles of figures: a short text and a unit
// (from the model's schema: a parameter's label, a metric's label or doc),
// and, for a categorical metric, the names of its values.
type Label struct {
	Name   string   `json:"name"`             // the column: a parameter path or a metric name
	Label  string   `json:"label,omitempty"`  // short text, e.g. "detection p"
	Unit   string   `json:"unit,omitempty"`   // e.g. "payoff per turn"
	Levels []string `json:"levels,omitempty"` // a categorical metric's values, in order
}

// Labels are the labels of a table's columns by column name. A column
// without one is named after its column, underscores as spaces.
type Labels map[string]Label

// Text is the label of a column as figures print it: the label, then the
// unit in parentheses unless the label already says it or it is
// "probability" (a label such as "P(attack)" or "detection p" says what
// the probability is of).
func (l Labels) Text(col string) string {
	text := l.Name(col)
	if u := l[col].Unit; u != "" && u != "probability" && !strings.Contains(text, u) {
		text += " (" + u + ")"
	}
	return text
}

// Name is the label of a column without its unit, as legend entries give
// it.
func (l Labels) Name(col string) string {
	if lb := l[col]; lb.Label != "" {
		return lb.Label
	}
	return humanize(col)
}

// humanize turns a column name into words: sender_cost.max → "sender cost
// max".
func humanize(name string) string {
	return strings.NewReplacer("_", " ", ".", " ").Replace(name)
}

// Error is a figure that cannot be drawn from the table it was given: a
// column it names is missing (Column says which), or the rows do not fit
// its kind. A caller drawing many figures can report it and go on.
type Error struct {
	Figure string
	Column string // the missing column, if that is the reason
	Err    error
}

func (e *Error) Error() string { return "figure " + e.Figure + ": " + e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }

// missing is the error for a column the table does not have.
func missing(col, what string) error {
	return &columnError{col: col, msg: fmt.Sprintf("the results have no %s %q", what, col)}
}

type columnError struct{ col, msg string }

func (e *columnError) Error() string { return e.msg }

// figureError wraps err as an *Error of figure name, with the missing
// column if err names one.
func figureError(name string, err error) error {
	if err == nil {
		return nil
	}
	var fe *Error
	if errors.As(err, &fe) {
		return err
	}
	e := &Error{Figure: name, Err: err}
	var ce *columnError
	if errors.As(err, &ce) {
		e.Column = ce.col
	}
	return e
}
