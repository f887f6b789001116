package run

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/statecraft/statecraft/figure"
	"github.com/statecraft/statecraft/findings"
)

// Expected is the record of one run of an experiment that statecraft
// reproduce checks a reproduction against: experiments/NAME/expected/RUN.json.
// It holds digests of results.csv (whole, and column by column) and the
// values of a few cells, so that a difference can be shown cell by cell and
// value by value, and told apart from last-digit differences (another CPU
// architecture's floating point).
type Expected struct {
	Run           string            `json:"run"`
	ConfigSHA256  string            `json:"config_sha256"`
	Cells         int               `json:"cells"`
	ResultsSHA256 string            `json:"results_sha256"`
	Columns       []string          `json:"columns"`
	ColumnSHA256  map[string]string `json:"column_sha256"`
	Values        []ExpectedCell    `json:"values"`
}

// ExpectedCell is the recorded values of one cell: its parameters, and its
// metrics as written in results.csv.
type ExpectedCell struct {
	Cell   int               `json:"cell"`
	Params string            `json:"params"`
	Values map[string]string `json:"values"`
}

// Tolerance is how far (relatively; absolutely near zero) a reproduced
// value may be from the recorded one and still count as equal.
const Tolerance = 1e-9

// recordRun reads a finished run directory into its Expected record.
func recordRun(name, dir string, m *Manifest) (*Expected, error) {
	data, err := os.ReadFile(filepath.Join(dir, "results.csv"))
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	t, err := readTable(dir)
	if err != nil {
		return nil, err
	}
	e := &Expected{Run: name, ConfigSHA256: m.ConfigSHA256, Cells: len(t.Rows), ResultsSHA256: hex.EncodeToString(sum[:]),
		Columns: t.Columns, ColumnSHA256: map[string]string{}}
	for i, c := range t.Columns {
		h := sha256.New()
		for _, r := range t.Rows {
			h.Write([]byte(r[i]))
			h.Write([]byte{'\n'})
		}
		e.ColumnSHA256[c] = hex.EncodeToString(h.Sum(nil))[:16]
	}
	params := designColumns(m)
	var cells []int
	for _, c := range []int{0, len(t.Rows) / 2, len(t.Rows) - 1} {
		if c >= 0 && !slices.Contains(cells, c) {
			cells = append(cells, c)
		}
	}
	for _, c := range cells {
		ec := ExpectedCell{Cell: c, Params: describeRow(t, c, params), Values: map[string]string{}}
		for _, col := range keyColumns(t.Columns, m) {
			ec.Values[col] = t.Str(c, col)
		}
		e.Values = append(e.Values, ec)
	}
	return e, nil
}

func readTable(dir string) (*figure.Table, error) {
	f, err := os.Open(filepath.Join(dir, "results.csv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t, err := figure.ReadCSV(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "results.csv"), err)
	}
	return t, nil
}

// designColumns are the swept and sampled parameters of a run.
func designColumns(m *Manifest) []string {
	var out []string
	if sw, ok := m.Config["sweep"].(map[string]any); ok {
		if grid, ok := sw["grid"].([]any); ok {
			for _, a := range grid {
				if am, ok := a.(map[string]any); ok {
					if p, ok := am["param"].(string); ok {
						out = append(out, p)
					}
				}
			}
		}
	}
	return append(out, m.Uncertain...)
}

// keyColumns are the columns whose values are recorded: the metrics (means
// and modes of simulated ones) and kept outputs, not the parameters or the
// spread of simulated metrics.
func keyColumns(columns []string, m *Manifest) []string {
	isMetric := map[string]bool{}
	for _, mt := range m.Metrics {
		isMetric[mt.Name] = true
		isMetric[mt.Name+"_mean"] = true
		isMetric[mt.Name+"_mode"] = true
	}
	var out []string
	for _, c := range columns {
		if isMetric[c] || slices.Contains(m.Kept, c) {
			out = append(out, c)
		}
	}
	return out
}

func describeRow(t *figure.Table, r int, params []string) string {
	var parts []string
	for _, p := range params {
		if t.Has(p) {
			parts = append(parts, p+"="+t.Str(r, p))
		}
	}
	return strings.Join(parts, ", ")
}

// sameValue compares a reproduced field with a recorded one: numbers within
// Tolerance, anything else as text.
func sameValue(got, want string) bool {
	if got == want {
		return true
	}
	a, errA := strconv.ParseFloat(got, 64)
	b, errB := strconv.ParseFloat(want, 64)
	if errA != nil || errB != nil {
		return false
	}
	return math.Abs(a-b) <= Tolerance*math.Max(math.Max(math.Abs(a), math.Abs(b)), 1e-3)
}

// RunCheck is how one run of a reproduction compares with its record.
type RunCheck struct {
	Run      string
	Manifest *Manifest
	// Status is "identical" (results.csv byte for byte), "equal" (every
	// recorded value within Tolerance, some digits differ), "differs", or
	// "unrecorded" (no expected/ record).
	Status string
	// Differences say what differs: columns, cells and values.
	Differences []string
}

// compareRun compares a finished run directory with its record.
func compareRun(name, dir string, m *Manifest, e *Expected) (RunCheck, error) {
	rc := RunCheck{Run: name, Manifest: m}
	got, err := recordRun(name, dir, m)
	if err != nil {
		return rc, err
	}
	if got.ResultsSHA256 == e.ResultsSHA256 {
		rc.Status = "identical"
		return rc, nil
	}
	if got.ConfigSHA256 != e.ConfigSHA256 {
		rc.Differences = append(rc.Differences, fmt.Sprintf("the run's config changed since it was recorded (SHA-256 %.12s…, recorded %.12s…)", got.ConfigSHA256, e.ConfigSHA256))
	}
	if got.Cells != e.Cells {
		rc.Differences = append(rc.Differences, fmt.Sprintf("%d cells, recorded %d", got.Cells, e.Cells))
	}
	var added, removed, changed []string
	for _, c := range got.Columns {
		if !slices.Contains(e.Columns, c) {
			added = append(added, c)
		} else if got.ColumnSHA256[c] != e.ColumnSHA256[c] {
			changed = append(changed, c)
		}
	}
	for _, c := range e.Columns {
		if !slices.Contains(got.Columns, c) {
			removed = append(removed, c)
		}
	}
	for what, list := range map[string][]string{"new columns": added, "columns gone": removed} {
		if len(list) > 0 {
			rc.Differences = append(rc.Differences, what+": "+strings.Join(list, ", "))
		}
	}
	t, err := readTable(dir)
	if err != nil {
		return rc, err
	}
	valueDiffs := 0
	for _, ec := range e.Values {
		if ec.Cell >= len(t.Rows) {
			continue
		}
		for _, col := range sortedKeys(ec.Values) {
			want := ec.Values[col]
			if !t.Has(col) {
				continue
			}
			if g := t.Str(ec.Cell, col); !sameValue(g, want) {
				valueDiffs++
				rc.Differences = append(rc.Differences, fmt.Sprintf("cell %d (%s): %s = %s, recorded %s", ec.Cell, ec.Params, col, g, want))
			}
		}
	}
	switch {
	case len(rc.Differences) == 0 && valueDiffs == 0:
		rc.Status = "equal"
		if len(changed) > 0 {
			rc.Differences = append(rc.Differences, "last digits differ in "+listShort(changed))
		}
	default:
		rc.Status = "differs"
		if len(changed) > 0 {
			rc.Differences = append(rc.Differences, "columns that differ: "+listShort(changed))
		}
	}
	return rc, nil
}

func listShort(list []string) string {
	if len(list) > 8 {
		return strings.Join(list[:8], ", ") + fmt.Sprintf(" and %d more", len(list)-8)
	}
	return strings.Join(list, ", ")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// compareFindings compares reproduced findings with recorded ones, by name:
// values within Tolerance, texts and tables exactly.
func compareFindings(got, want []*findings.Result) []string {
	byName := map[string]*findings.Result{}
	for _, w := range want {
		byName[w.Name] = w
	}
	var out []string
	for _, g := range got {
		w, ok := byName[g.Name]
		if !ok {
			out = append(out, fmt.Sprintf("finding %s is not recorded", g.Name))
			continue
		}
		delete(byName, g.Name)
		if !sameValue(valueText(g.Value), valueText(w.Value)) || g.Text != w.Text || !slices.EqualFunc(g.Table, w.Table, slices.Equal) {
			out = append(out, fmt.Sprintf("finding %s: %q, recorded %q", g.Name, g.Text, w.Text))
		}
	}
	for _, w := range want {
		if _, gone := byName[w.Name]; gone {
			out = append(out, fmt.Sprintf("recorded finding %s is no longer declared", w.Name))
		}
	}
	return out
}

func valueText(v any) string {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case nil:
		return "none"
	}
	return fmt.Sprint(v)
}

// readExpected reads a JSON record of expected/, or returns nil if absent.
func readExpected(path string, v any) (bool, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return false, fmt.Errorf("%s: malformed: %v", path, err)
	}
	return true, nil
}
