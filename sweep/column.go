package sweep

// ColumnKind is the type of a results column in typed outputs.
type ColumnKind uint8

// Column kinds.
const (
	Int    ColumnKind = iota // whole numbers (cell, _n, integer axes)
	Float                    // float64, NaN allowed
	String                   // text: string axes, levels of categorical metrics
	Bool                     // true/false axes
)

func (k ColumnKind) String() string {
	return [...]string{"int", "float", "string", "bool"}[k]
}

// Column is one column of a results table.
type Column struct {
	Name string
	Kind ColumnKind
	// Nullable columns hold "NaN" in CSV where a value is undefined (an
	// invalid cell, a categorical metric without a level); typed outputs
	// write null there.
	Nullable bool
	// Metric names the metric the column holds or aggregates ("" for the
	// cell number, parameters and kept outputs); Stat is the aggregate of a
	// simulated metric (mean, sd, se, lo, hi, n, mode, share_<level>), ""
	// for a deterministic metric's value.
	Metric, Stat string
}

// axisKind types an axis by its values: all whole numbers → Int, all numbers
// → Float, all booleans → Bool, anything else → String.
func axisKind(values []any) ColumnKind {
	allInt, allNum, allBool := true, true, true
	for _, v := range values {
		switch v.(type) {
		case int, int64:
			allBool = false
		case float64:
			allInt, allBool = false, false
		case bool:
			allInt, allNum = false, false
		default:
			allInt, allNum, allBool = false, false, false
		}
	}
	switch {
	case len(values) == 0:
		return String
	case allInt:
		return Int
	case allNum:
		return Float
	case allBool:
		return Bool
	}
	return String
}
