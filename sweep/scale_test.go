package sweep

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
)

// toy is a small model with every kind of metric: deterministic numeric and
// categorical, simulated numeric and categorical. Cells with x > 5 are
// invalid.
type toyParams struct {
	X float64 `key:"x" default:"1" range:"[0,5]" doc:"input"`
	N int     `key:"n" default:"1" range:"[0,)" doc:"a whole number"`
}

var toySchema = schema.MustOf(toyParams{})

type toy struct{}

var toyMetrics = []model.Metric{
	{Name: "double", Doc: "2x"},
	{Name: "side", Doc: "low or high", Levels: []string{"low", "high"}},
	{Name: "draw", Doc: "x times a uniform", Simulated: true},
	{Name: "coin", Doc: "heads or tails; undefined when x = 0", Simulated: true, Levels: []string{"heads", "tails"}},
}

func (toy) Info() model.Info {
	return model.Info{Name: "toy", Params: toySchema, Metrics: toyMetrics}
}

func (toy) Prepare(v map[string]any) (model.Instance, error) {
	var p toyParams
	if err := toySchema.Decode(v, &p); err != nil {
		return nil, err
	}
	return &toyInst{p}, nil
}

type toyInst struct{ p toyParams }

func (t *toyInst) Params() any             { return t.p }
func (t *toyInst) Metrics() []model.Metric { return toyMetrics }
func (t *toyInst) Solve() (model.Solution, error) {
	side := 0.0
	if t.p.X > 2.5 {
		side = 1
	}
	return model.Solution{Values: []float64{2 * t.p.X, side}}, nil
}
func (t *toyInst) Simulate(rng *rand.Rand, out []float64) error {
	out[0] = t.p.X * rng.Float64()
	if t.p.X == 0 {
		out[1] = math.NaN()
	} else {
		out[1] = float64(rng.IntN(2))
	}
	return nil
}

func toySpec() Spec {
	return Spec{
		Model: toy{},
		Design: Design{
			Grid:      Grid{Axes: []Axis{{Param: "n", Values: []any{1, 2, 3}}}},
			Uncertain: []string{"x"},
			Points:    [][]float64{{0}, {1.5}, {3}, {6}}, // 6 is invalid
		},
		Replications: 7,
		Seed:         5,
		SkipInvalid:  true,
	}
}

// Cells are grid cell major, sample minor; the sampled values reach the model
// and the results.
func TestDesignOrder(t *testing.T) {
	d := toySpec().Design
	if d.Len() != 12 || d.Samples() != 4 {
		t.Fatalf("len %d samples %d", d.Len(), d.Samples())
	}
	for i := 0; i < d.Len(); i++ {
		g, s := d.Locate(i)
		if g != i/4 || s != i%4 {
			t.Errorf("cell %d → (%d, %d)", i, g, s)
		}
		p, err := d.Params(map[string]any{"x": 9.0}, i)
		if err != nil {
			t.Fatal(err)
		}
		if p["n"] != []int{1, 2, 3}[i/4] || p["x"] != d.Points[i%4][0] {
			t.Errorf("cell %d params %v", i, p)
		}
	}
	var buf bytes.Buffer
	if err := d.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if lines[0] != "cell,n,x" || lines[7] != "6,2,3" || len(lines) != 13 {
		t.Errorf("design.csv:\n%s", buf.String())
	}
	if got := (Design{Grid: Grid{Axes: []Axis{{Param: "a", Values: []any{1, 2}}}}}).Len(); got != 2 {
		t.Errorf("a grid without uncertainty has %d cells", got)
	}
}

func runRows(t *testing.T, s Spec) (Stats, [][]string) {
	t.Helper()
	var buf bytes.Buffer
	sink := NewCSVSink(&buf)
	st, err := Run(context.Background(), s, sink)
	if err != nil {
		t.Fatal(err)
	}
	sink.Flush()
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return st, recs
}

// The raw records of a run are the replications Simulate produces on each
// cell's own streams, in cell order, for any number of workers, and a cell
// with more than SpillBytes of records goes through a temporary file.
func TestRawRecords(t *testing.T) {
	s := toySpec()
	reps := SpillBytes/RawRecordSize(2) + 100 // forces a spill file per cell
	s.Replications = reps
	s.SpillDir = t.TempDir()
	var first []byte
	for _, w := range []int{1, 3} {
		var raw bytes.Buffer
		s.Raw, s.Workers = &raw, w
		st, rows := runRows(t, s)
		if st.Invalid != 3 {
			t.Errorf("invalid %d, want 3", st.Invalid)
		}
		if raw.Len() != 12*reps*RawRecordSize(2) {
			t.Fatalf("raw holds %d bytes", raw.Len())
		}
		if first == nil {
			first = bytes.Clone(raw.Bytes())
			// Check every record of cells 5 and 11 against Simulate.
			vals := make([]float64, 2)
			want := make([]float64, 2)
			for _, cell := range []int{5, 11} {
				params, _ := s.Design.Params(nil, cell)
				inst, _ := toy{}.Prepare(params)
				for r := 0; r < reps; r++ {
					off := (cell*reps + r) * RawRecordSize(2)
					c, rep := DecodeRaw(raw.Bytes()[off:off+RawRecordSize(2)], vals)
					if cell == 11 { // invalid: NaN records
						if c != 11 || !math.IsNaN(vals[0]) || !math.IsNaN(vals[1]) {
							t.Fatalf("invalid cell record %d %d %v", c, rep, vals)
						}
						continue
					}
					s1, s2 := StreamSeed(s.Seed, uint64(cell), uint64(r))
					inst.(model.Simulator).Simulate(rand.New(rand.NewPCG(s1, s2)), want)
					if c != uint64(cell) || rep != uint64(r) || vals[0] != want[0] || vals[1] != want[1] {
						t.Fatalf("cell %d rep %d: record (%d, %d, %v), want %v", cell, r, c, rep, vals, want)
					}
				}
			}
			if rows[0][0] != "cell" || rows[6][2] != "1.5" {
				t.Errorf("row 6: %v", rows[6])
			}
		} else if !bytes.Equal(first, raw.Bytes()) {
			t.Errorf("workers=%d: raw records differ", w)
		}
	}
	left, _ := os.ReadDir(s.SpillDir)
	if len(left) != 0 {
		t.Errorf("spill files left: %v", left)
	}
}

// Results and raw records written to Parquet read back as the CSV fields,
// nulls where the CSV says NaN in nullable columns.
func TestParquetRoundTrip(t *testing.T) {
	s := toySpec()
	var raw bytes.Buffer
	s.Raw = &raw
	plan, err := NewPlan(&s)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, c := range plan.Schema {
		kinds[c.Name] = fmt.Sprint(c.Kind, c.Nullable)
	}
	want := map[string]string{"cell": "int false", "n": "int false", "x": "float false", "double": "float false",
		"side": "string true", "draw_mean": "float false", "draw_n": "int true", "coin_mode": "string true", "coin_share_heads": "float false"}
	for k, v := range want {
		if kinds[k] != v {
			t.Errorf("column %s is %q, want %q", k, kinds[k], v)
		}
	}
	_, rows := runRows(t, s)
	var pq bytes.Buffer
	sink := NewParquetSink(&pq, plan.Schema, Metadata{{"k", "v"}})
	if err := sink.WriteHeader(rows[0]); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		if err := sink.WriteRow(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	names, got, meta, err := ReadParquetRows(bytes.NewReader(pq.Bytes()), int64(pq.Len()), plan.Schema)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(names, rows[0]) || !reflect.DeepEqual(got, rows[1:]) || meta["k"] != "v" {
		t.Errorf("parquet differs from CSV:\nnames %v\nrows %v\nwant %v", names, got, rows[1:])
	}
	if !strings.Contains(strings.Join(rows[12], ","), "NaN") || rows[1][len(rows[1])-3] != "NaN" {
		t.Errorf("test rows lack the NaN cases: %v / %v", rows[12], rows[1])
	}

	// Raw: cell, replication, draw, coin (level name; null where NaN).
	var rp bytes.Buffer
	n, err := WriteRawParquet(&rp, bytes.NewReader(raw.Bytes()), plan.Simulated, nil)
	if err != nil || n != 12*7 {
		t.Fatalf("raw parquet: %d rows, %v", n, err)
	}
	_, rrows, _, err := ReadParquetRows(bytes.NewReader(rp.Bytes()), int64(rp.Len()), RawColumns(plan.Simulated))
	if err != nil {
		t.Fatal(err)
	}
	vals := make([]float64, 2)
	for i, r := range rrows {
		rec := raw.Bytes()[i*RawRecordSize(2) : (i+1)*RawRecordSize(2)]
		c, rep := DecodeRaw(rec, vals)
		coin := "NaN"
		if !math.IsNaN(vals[1]) {
			coin = []string{"heads", "tails"}[int(vals[1])]
		}
		w := []string{strconv.FormatUint(c, 10), strconv.FormatUint(rep, 10), FormatFloat(vals[0]), coin}
		if !reflect.DeepEqual(r, w) {
			t.Fatalf("raw row %d = %v, want %v", i, r, w)
		}
	}
}

func TestShards(t *testing.T) {
	for _, cells := range []int{0, 1, 7, 100, 1000003} {
		for _, n := range []int{1, 2, 3, 8} {
			next := 0
			for i := 1; i <= n; i++ {
				lo, hi := Shard{I: i, N: n}.Range(cells)
				if lo != next || hi < lo || hi-lo > cells/n+1 || hi-lo < cells/n {
					t.Fatalf("%d cells, shard %d/%d: [%d, %d) after %d", cells, i, n, lo, hi, next)
				}
				next = hi
			}
			if next != cells {
				t.Fatalf("%d cells, %d shards end at %d", cells, n, next)
			}
		}
	}
	if s, err := ParseShard("3/8"); err != nil || s != (Shard{3, 8}) || s.Name() != "part-0003-of-0008" {
		t.Errorf("ParseShard: %v %v", s, err)
	}
	for _, bad := range []string{"0/3", "4/3", "3", "a/b", "1/0"} {
		if _, err := ParseShard(bad); err == nil || !model.IsBadInput(err) || !strings.Contains(err.Error(), "--shard") {
			t.Errorf("ParseShard(%q): %v", bad, err)
		}
	}
	env := func(kv ...string) []string { return append([]string{"PATH=/bin"}, kv...) }
	cases := []struct {
		env  []string
		want Shard
		ok   bool
		bad  bool
	}{
		{env(), Shard{}, false, false},
		{env("SLURM_ARRAY_TASK_ID=0", "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=0"), Shard{1, 4}, true, false},
		{env("SLURM_ARRAY_TASK_ID=4", "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=1"), Shard{4, 4}, true, false},
		{env("SLURM_ARRAY_TASK_ID=14", "SLURM_ARRAY_TASK_COUNT=8", "SLURM_ARRAY_TASK_MIN=0", "SLURM_ARRAY_TASK_STEP=2"), Shard{8, 8}, true, false},
		{env("SLURM_ARRAY_TASK_ID=3", "SLURM_ARRAY_TASK_COUNT=2", "SLURM_ARRAY_TASK_MIN=0"), Shard{}, true, true},
		{env("SLURM_ARRAY_TASK_ID=3"), Shard{}, true, true},
	}
	for _, c := range cases {
		s, ok, err := ShardFromEnv(c.env)
		if s != c.want || ok != c.ok || (err != nil) != c.bad {
			t.Errorf("%v: %v %v %v", c.env, s, ok, err)
		}
	}
}

// A journal cut anywhere — in the middle of a row, of a raw record, of a
// note — reopens at its last complete cell, and continuing it gives the same
// bytes as an uninterrupted journal.
func TestJournalRecovery(t *testing.T) {
	s := toySpec()
	s.Replications = 3
	plan, err := NewPlan(&s)
	if err != nil {
		t.Fatal(err)
	}
	rec := RawRecordSize(len(plan.Simulated))
	write := func(base string, from int) *Journal {
		j, err := CreateJournal(base, plan.Columns, 2, 11, rec, 3)
		if err != nil {
			t.Fatal(err)
		}
		return j
	}
	dir := t.TempDir()
	full := filepath.Join(dir, "full")
	j := write(full, 2)
	s.Start, s.End, s.Raw = 2, 11, j.RawWriter()
	if _, err := Run(context.Background(), s, j); err != nil {
		t.Fatal(err)
	}
	sum, err := j.Finish()
	if err != nil || sum.Rows != 9 || sum.Invalid != 2 || sum.RawRecords != 27 {
		t.Fatalf("finish: %+v %v", sum, err)
	}
	wantCSV, _ := os.ReadFile(full + ".csv")
	wantRaw, _ := os.ReadFile(full + ".raw")
	notes, _ := os.ReadFile(full + ".invalid.partial")
	if !strings.HasPrefix(string(notes), "3\t") || strings.Count(string(notes), "\n") != 2 {
		t.Fatalf("invalid notes %q", notes)
	}

	header := strings.Index(string(wantCSV), "\n") + 1
	for _, cut := range []struct{ csv, raw int }{
		{header + 10, 4 * 3 * rec},           // inside the first row
		{len(wantCSV) - 3, len(wantRaw) - 5}, // inside the last row and record
		{len(wantCSV) / 2, 2 * 3 * rec},      // raw behind the rows: rows cut back
		{header - 2, 0},                      // the header torn
	} {
		base := filepath.Join(dir, fmt.Sprintf("cut%d", cut.csv))
		os.WriteFile(base+".csv.partial", wantCSV[:cut.csv], 0o644)
		os.WriteFile(base+".raw.partial", wantRaw[:cut.raw], 0o644)
		os.WriteFile(base+".invalid.partial", append(bytes.Clone(notes), "1"...), 0o644)
		j, err := OpenJournal(base, plan.Columns, 2, 11, rec, 3)
		if err != nil {
			t.Fatalf("cut %v: %v", cut, err)
		}
		rows := strings.Count(string(wantCSV[:max(cut.csv, 0)]), "\n") - 1
		rows = max(0, min(rows, cut.raw/(3*rec)))
		if j.Next() != 2+rows {
			t.Errorf("cut %v: next %d, want %d", cut, j.Next(), 2+rows)
		}
		s.Start, s.Raw = j.Next(), j.RawWriter()
		if _, err := Run(context.Background(), s, j); err != nil {
			t.Fatal(err)
		}
		sum, err := j.Finish()
		if err != nil {
			t.Fatal(err)
		}
		gotCSV, _ := os.ReadFile(base + ".csv")
		gotRaw, _ := os.ReadFile(base + ".raw")
		if !bytes.Equal(gotCSV, wantCSV) || !bytes.Equal(gotRaw, wantRaw) || sum.Invalid != 2 {
			t.Errorf("cut %v: resumed journal differs (invalid %d)", cut, sum.Invalid)
		}
	}
	// Other columns: refused.
	base := filepath.Join(dir, "cols")
	os.WriteFile(base+".csv.partial", wantCSV, 0o644)
	os.WriteFile(base+".raw.partial", wantRaw, 0o644)
	if _, err := OpenJournal(base, append(plan.Columns[:1:1], "other"), 2, 11, rec, 3); err == nil || !strings.Contains(err.Error(), "columns differ") {
		t.Errorf("other columns: %v", err)
	}
}

// Sample draws from the design stream: the same seed gives the same points,
// LHS puts one point in each of the n strata of every parameter's law.
func TestSample(t *testing.T) {
	dists := []dist.Dist{dist.Uniform(0, 10), mustDist(t, map[string]any{"dist": "normal", "mean": 1, "sd": 2})}
	a, err := Sample("lhs", 50, dists, 9)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Sample("lhs", 50, dists, 9)
	c, _ := Sample("lhs", 50, dists, 10)
	if !reflect.DeepEqual(a, b) || reflect.DeepEqual(a, c) {
		t.Error("Sample is not a function of the seed")
	}
	for k, d := range dists {
		seen := make([]bool, 50)
		for _, p := range a {
			seen[int(d.CDF(p[k])*50)] = true
		}
		for s, ok := range seen {
			if !ok {
				t.Errorf("parameter %d: stratum %d empty", k, s)
			}
		}
	}
	if _, err := Sample("sobolx", 4, dists, 1); err == nil || !strings.Contains(err.Error(), `"sobol"`) {
		t.Errorf("unknown method: %v", err)
	}
}

func mustDist(t *testing.T, v any) dist.Dist {
	var d dist.Dist
	if err := d.DecodeValue(v); err != nil {
		t.Fatal(err)
	}
	return d
}
