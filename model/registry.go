package model

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"github.com/statecraft/statecraft/schema"
)

// Model is a registered model: its description, and how to turn a parameter
// set into a ready-to-solve [Instance].
type Model interface {
	// Info describes the model: name, parameter schema and metrics.
	Info() Info
	// Prepare decodes values (as read from a config: numbers, strings, lists,
	// maps) against the parameter schema, fills in defaults, checks ranges and
	// cross-parameter constraints, and precomputes what Solve and Simulate need.
	// Its errors are bad input.
	Prepare(values map[string]any) (Instance, error)
}

// Info describes a model for the catalogue, `statecraft describe` and the docs.
type Info struct {
	Name    string // short registry name, e.g. "espionage"
	Title   string // one line
	Doc     string // a paragraph: the question, the method
	Source  string // the paper and section the model follows, or "this project"
	Params  *schema.Schema
	Metrics []Metric // the documented metrics; names may contain patterns like alpha_<attacker>
	// Outputs documents the structured outputs Solve puts in Solution.Extra
	// (e.g. a polygon's vertices), which a sweep can keep as JSON columns.
	Outputs []Output
}

// Output is a named structured output of Solve.
type Output struct {
	Name string `json:"name"`
	Doc  string `json:"doc"`
}

// Metric is a named scalar output.
type Metric struct {
	Name string `json:"name"`
	// Label is a short name for figures' axes and legends, e.g. "P(attack)";
	// without one, figures use the first clause of Doc when it is short.
	Label string `json:"label,omitempty"`
	Doc   string `json:"doc"`
	Unit  string `json:"unit,omitempty"`
	// Simulated metrics come from [Simulator.Simulate] and are aggregated over
	// replications; the others come from [Instance.Solve].
	Simulated bool `json:"simulated,omitempty"`
	// Levels names the values of a categorical metric: the value i means
	// Levels[i]. Empty for numeric metrics.
	Levels []string `json:"levels,omitempty"`
}

// Instance is a model at one validated parameter set.
type Instance interface {
	// Params returns the decoded parameters (a struct), for reports.
	Params() any
	// Metrics lists the metrics of this instance: the deterministic ones in the
	// order of Solution.Values, then the simulated ones in the order Simulate
	// fills them. The list depends only on the structure of the parameters
	// (e.g. the names of attackers), never on numeric values, so that every
	// cell of a sweep has the same columns.
	Metrics() []Metric
	// Solve computes the deterministic metrics. It is deterministic: the same
	// parameters always give the same bytes.
	Solve() (Solution, error)
}

// Simulator is implemented by instances with stochastic metrics.
type Simulator interface {
	// Simulate plays one replication with randomness from rng only and writes
	// one value per simulated metric to out (len(out) equals the number of
	// simulated metrics). A metric that is undefined in this replication (for
	// example a breakdown time when no breakdown happened) is NaN and is left
	// out of that metric's aggregate. Simulate must not allocate per period.
	Simulate(rng *rand.Rand, out []float64) error
}

// Solution is the deterministic outcome of an instance.
type Solution struct {
	// Values holds one value per deterministic metric. NaN means "undefined
	// here" (documented per metric); it is written as NaN in CSV and null in JSON.
	Values      []float64
	Certificate Certificate
	// Extra holds structured outputs beyond scalar metrics (e.g. polygon
	// vertices) that `solve --json` prints beside the metrics.
	Extra map[string]any
}

// Certificate records how an outcome was obtained and how far to trust it.
type Certificate struct {
	Method string `json:"method"`
	// Concept names the solution concept the outcome satisfies (e.g.
	// "perfect Bayesian equilibrium", "strongly symmetric perfect public
	// equilibrium"), or starts with "none" when Solve evaluates given
	// strategies or a formula rather than computing an equilibrium
	// ([ConceptNone]).
	Concept   string `json:"concept"`
	Converged bool   `json:"converged"`
	// Unique is true only when the outcome is proven to be the only one of
	// its Concept at these parameters, by an argument that applies here (a
	// closed form, a contraction, an exhaustive enumeration, coinciding least
	// and greatest equilibria of a monotone map whose monotonicity is
	// checked…), named in Notes or the model's documentation. It is false
	// when several exist, when uniqueness is not proven, and when no
	// equilibrium is computed.
	Unique     bool     `json:"unique"`
	Residual   float64  `json:"residual"`
	Iterations int      `json:"iterations"`
	Notes      []string `json:"notes,omitempty"`
}

// ConceptNone is the Concept of outcomes that are not equilibria: expected
// payoffs of given strategies, or a closed-form function.
const ConceptNone = "none: expected outcome of the given strategies, no equilibrium is computed"

// Split returns the deterministic and simulated metrics of a list, in order.
func Split(metrics []Metric) (deterministic, simulated []Metric) {
	for _, m := range metrics {
		if m.Simulated {
			simulated = append(simulated, m)
		} else {
			deterministic = append(deterministic, m)
		}
	}
	return deterministic, simulated
}

// IsBadInput reports whether err (or an error it wraps) is the user's to fix:
// a malformed file, an unknown key, an out-of-range value. Such errors exit
// with code 2.
func IsBadInput(err error) bool {
	var b interface{ BadInput() bool }
	return errors.As(err, &b) && b.BadInput()
}

// IsUndefined reports whether err (or an error it wraps) says that the
// model's outcome does not exist at these parameters — for example a game
// with no pure-strategy equilibrium — rather than that the method failed. A
// sweep records such a cell with NaN metrics and goes on.
func IsUndefined(err error) bool {
	var u interface{ Undefined() bool }
	return errors.As(err, &u) && u.Undefined()
}

// Invalid returns a bad-input error about a constraint between parameters.
// key names the parameter a user should change.
func Invalid(key, format string, args ...any) error {
	return &schema.Error{Path: key, Msg: fmt.Sprintf(format, args...)}
}
