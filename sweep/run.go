package sweep

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"sync"

	"github.com/statecraft/statecraft/model"
)

// Spec is a sweep: a model, its base parameters and a design of cells.
type Spec struct {
	Model model.Model
	// Base holds the parameters every cell starts from (raw config values).
	Base   map[string]any
	Design Design
	// Replications per cell for simulated metrics (ignored by models without
	// a simulator).
	Replications int
	Seed         uint64
	// Workers is the number of goroutines; 0 means one per core.
	Workers int
	// SkipInvalid writes NaN metrics for cells whose parameters fail
	// validation instead of stopping the run.
	SkipInvalid bool
	// Fixed are the parameters every cell shares, written as constant
	// columns after the design's, so that a results table alone says every
	// input it was made with (and tables of several runs can be stacked).
	Fixed []Fixed
	// Keep names structured outputs of Solve (keys of Solution.Extra, see
	// model.Info.Outputs) written as JSON text columns after the
	// deterministic metrics; "NaN" where a cell has none.
	Keep []string
	// Start and End restrict the run to the cells [Start, End) — a shard, or
	// what is left of an interrupted run. End 0 means the last cell.
	Start, End int
	// Raw, when set, receives every replication's simulated values as
	// fixed-size binary records ([RawRecordSize]), in cell order, each cell's
	// records before its row is written to the sink. Memory stays bounded
	// whatever the replications: a cell's records go to a buffer of
	// [SpillBytes] and beyond that to a temporary file in SpillDir.
	Raw io.Writer
	// SpillDir holds the temporary files of Raw (default os.TempDir());
	// SpillPrefix starts their names.
	SpillDir, SpillPrefix string
	// Progress, when set, is called from one goroutine after each row with
	// the number of rows written so far and the number to write.
	Progress func(done, total int)
}

// Fixed is a parameter that every cell of a sweep shares: its column name,
// its value as written in results.csv ("NaN" when it is not set, e.g. an
// optional parameter the model derives) and its column type.
type Fixed struct {
	Name  string
	Value string
	Kind  ColumnKind
}

// Sink receives the header once, then one row per cell in cell order.
type Sink interface {
	WriteHeader(columns []string) error
	WriteRow(fields []string) error
}

// Checkpointer is implemented by sinks that buffer: Run calls Checkpoint
// whenever every row that is ready has been written and none is waiting, so
// that a journal can hand its buffer to the operating system. A process killed
// then loses only the cells still being computed.
type Checkpointer interface {
	Checkpoint() error
}

// InvalidNoter is implemented by sinks that record why cells were skipped as
// invalid; Run calls NoteInvalid just before writing such a cell's row.
type InvalidNoter interface {
	NoteInvalid(cell int, reason string) error
}

// Stats reports what a run did.
type Stats struct {
	Cells        int // in the design
	Ran          int // cells run (End − Start)
	Replications int // per cell; 0 when the model has no simulated metrics
	Workers      int
	Invalid      int      // cells skipped as invalid
	InvalidNotes []string // the first few reasons
	Columns      []string
	Metrics      []model.Metric
}

// CellError is an error in one cell, with the cell's parameter values.
type CellError struct {
	Cell   int
	Values string
	Err    error
}

func (e *CellError) Error() string {
	return fmt.Sprintf("cell %d (%s): %v", e.Cell, e.Values, e.Err)
}

func (e *CellError) Unwrap() error { return e.Err }

// Plan is the column layout of a sweep, fixed before any cell runs.
type Plan struct {
	Metrics       []model.Metric
	Deterministic []model.Metric
	Simulated     []model.Metric
	Columns       []string
	// Schema types every column, for typed outputs (Parquet).
	Schema       []Column
	Replications int
}

// NewPlan prepares the first valid cell to learn the model's metrics and lays
// out the columns.
func NewPlan(s *Spec) (*Plan, error) {
	n := s.Design.Len()
	var firstErr error
	for i := 0; i < n; i++ {
		params, err := s.Design.Params(s.Base, i)
		if err != nil {
			return nil, model.Invalid("sweep.grid", "%v", err)
		}
		inst, err := s.Model.Prepare(params)
		if err != nil {
			if firstErr == nil {
				firstErr = &CellError{Cell: i, Values: s.Design.Describe(i), Err: err}
			}
			if !s.SkipInvalid {
				return nil, firstErr
			}
			continue
		}
		return planFor(s, inst.Metrics()), nil
	}
	if firstErr == nil {
		return nil, model.Invalid("sweep.samples", "the design has no cells")
	}
	return nil, fmt.Errorf("no valid cell in the design: %w", firstErr)
}

func planFor(s *Spec, metrics []model.Metric) *Plan {
	p := &Plan{Metrics: metrics}
	p.Deterministic, p.Simulated = model.Split(metrics)
	if len(p.Simulated) > 0 {
		p.Replications = s.Replications
	}
	add := func(name string, kind ColumnKind, nullable bool, metric, stat string) {
		p.Columns = append(p.Columns, name)
		p.Schema = append(p.Schema, Column{Name: name, Kind: kind, Nullable: nullable, Metric: metric, Stat: stat})
	}
	add("cell", Int, false, "", "")
	for _, a := range s.Design.Grid.Axes {
		add(a.Param, axisKind(a.Values), false, "", "")
	}
	for _, u := range s.Design.Uncertain {
		add(u, Float, false, "", "")
	}
	for _, f := range s.Fixed {
		add(f.Name, f.Kind, f.Value == "NaN", "", "")
	}
	for _, m := range p.Deterministic {
		if len(m.Levels) > 0 {
			add(m.Name, String, true, m.Name, "")
		} else {
			add(m.Name, Float, false, m.Name, "")
		}
	}
	for _, k := range s.Keep {
		add(k, String, true, "", "")
	}
	if p.Replications > 0 {
		for _, m := range p.Simulated {
			if len(m.Levels) > 0 {
				add(m.Name+"_mode", String, true, m.Name, "mode")
				for _, l := range m.Levels {
					add(m.Name+"_share_"+l, Float, false, m.Name, "share_"+l)
				}
				continue
			}
			for _, stat := range []string{"mean", "sd", "se", "lo", "hi"} {
				add(m.Name+"_"+stat, Float, false, m.Name, stat)
			}
			add(m.Name+"_n", Int, true, m.Name, "n") // NaN in the rows of invalid cells
		}
	}
	return p
}

type rowResult struct {
	cell    int
	fields  []string
	invalid string
	raw     *spill
	err     error
}

// Run executes the sweep and streams rows to sink in cell order. On error no
// further rows are written; the caller discards the partial output (or keeps
// it to resume from, see [Journal]).
func Run(ctx context.Context, s Spec, sink Sink) (Stats, error) {
	workers := s.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if s.Replications < 0 {
		return Stats{}, model.Invalid("sweep.replications", "must be ≥ 0, got %d", s.Replications)
	}
	n := s.Design.Len()
	start, end := s.Start, s.End
	if end == 0 {
		end = n
	}
	if start < 0 || start > end || end > n {
		return Stats{}, fmt.Errorf("sweep: cell range [%d, %d) is outside the design's %d cells", start, end, n)
	}
	plan, err := NewPlan(&s)
	if err != nil {
		return Stats{}, err
	}
	stats := Stats{Cells: n, Ran: end - start, Replications: plan.Replications, Workers: workers, Columns: plan.Columns, Metrics: plan.Metrics}
	if err := sink.WriteHeader(plan.Columns); err != nil {
		return stats, err
	}
	raw := s.Raw != nil && plan.Replications > 0 && len(plan.Simulated) > 0
	checkpoint, _ := sink.(Checkpointer)
	noter, _ := sink.(InvalidNoter)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Cells travel in blocks of consecutive cells, so that cheap cells do
	// not pay a round of channel operations each. Simulated cells go one at
	// a time: they are slow enough, and a kill loses at most the cells in
	// flight.
	block := 1
	if plan.Replications == 0 {
		block = min(64, max(1, (end-start)/(16*workers)))
	}
	window := 4*workers + 16 // blocks in flight or waiting to be written
	tokens := make(chan struct{}, window)
	blocks := make(chan int)
	results := make(chan []rowResult, window)
	var spills *spillPool
	if raw {
		spills = newSpillPool(s.SpillDir, s.SpillPrefix)
	}

	go func() {
		defer close(blocks)
		for i := start; i < end; i += block {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case blocks <- i:
			case <-ctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newCellRunner(&s, plan)
			for b := range blocks {
				rows := make([]rowResult, 0, block)
				for i := b; i < min(b+block, end); i++ {
					var sp *spill
					if raw {
						sp = spills.get()
					}
					r := c.run(i, sp)
					rows = append(rows, r)
					if r.err != nil {
						break // the cells after it will not be written
					}
				}
				select {
				case results <- rows:
				case <-ctx.Done():
					for _, r := range rows {
						spills.put(r.raw)
					}
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	pending := map[int][]rowResult{}
	next := start
	var runErr error
	for rows := range results {
		if runErr != nil {
			for _, r := range rows {
				spills.put(r.raw)
			}
			continue // drain
		}
		// Errors wait their turn like rows, so the error reported is the one
		// of the first failing cell whatever the worker count.
		pending[rows[0].cell] = rows
	write:
		for {
			rows, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			for k, row := range rows {
				if row.err == nil && row.raw != nil {
					row.err = row.raw.copyTo(s.Raw)
				}
				spills.put(row.raw)
				if row.err == nil && row.invalid != "" {
					stats.Invalid++
					if len(stats.InvalidNotes) < 5 {
						stats.InvalidNotes = append(stats.InvalidNotes, row.invalid)
					}
					if noter != nil {
						row.err = noter.NoteInvalid(row.cell, row.invalid)
					}
				}
				if row.err == nil {
					row.err = sink.WriteRow(row.fields)
				}
				if row.err != nil {
					for _, r := range rows[k+1:] {
						spills.put(r.raw)
					}
					runErr = row.err
					cancel()
					break write
				}
				next++
				if s.Progress != nil {
					s.Progress(next-start, end-start)
				}
			}
			<-tokens
		}
		if runErr == nil && checkpoint != nil && len(results) == 0 {
			if err := checkpoint.Checkpoint(); err != nil {
				runErr = err
				cancel()
			}
		}
	}
	for _, rows := range pending {
		for _, r := range rows {
			spills.put(r.raw)
		}
	}
	if runErr == nil && next != end {
		runErr = ctx.Err()
		if runErr == nil {
			runErr = errors.New("sweep ended before every cell was written")
		}
	}
	return stats, runErr
}

// cellRunner holds one worker's reusable state.
type cellRunner struct {
	s      *Spec
	plan   *Plan
	stream *Stream
	out    []float64
	acc    []Welford
	counts [][]int // per categorical simulated metric: count per level
	tq     TQuantiles
	rec    []byte
}

func newCellRunner(s *Spec, plan *Plan) *cellRunner {
	c := &cellRunner{s: s, plan: plan, stream: NewStream()}
	c.out = make([]float64, len(plan.Simulated))
	c.acc = make([]Welford, len(plan.Simulated))
	c.counts = make([][]int, len(plan.Simulated))
	for k, m := range plan.Simulated {
		if len(m.Levels) > 0 {
			c.counts[k] = make([]int, len(m.Levels))
		}
	}
	c.rec = make([]byte, RawRecordSize(len(plan.Simulated)))
	return c
}

func (c *cellRunner) fail(i int, sp *spill, err error) rowResult {
	return rowResult{cell: i, raw: sp, err: &CellError{Cell: i, Values: c.s.Design.Describe(i), Err: err}}
}

// nanRow completes a row of NaN for a cell without results (invalid
// parameters skipped, or no solution), with reason as its note. It still
// writes the cell's R raw records, all NaN, so that every cell holds the same
// number of records.
func (c *cellRunner) nanRow(i int, sp *spill, fields []string, reason string) rowResult {
	for len(fields) < len(c.plan.Columns) {
		fields = append(fields, "NaN")
	}
	if sp != nil {
		for k := range c.out {
			c.out[k] = math.NaN()
		}
		for r := 0; r < c.plan.Replications; r++ {
			if err := sp.write(EncodeRaw(c.rec, uint64(i), uint64(r), c.out)); err != nil {
				return rowResult{cell: i, raw: sp, err: err}
			}
		}
	}
	return rowResult{cell: i, fields: fields, raw: sp, invalid: reason}
}

func (c *cellRunner) run(i int, sp *spill) rowResult {
	s, plan := c.s, c.plan
	fields := make([]string, 0, len(plan.Columns))
	fields = append(fields, FormatValue(i))
	fields = s.Design.AppendValues(fields, i)
	for _, f := range s.Fixed {
		fields = append(fields, f.Value)
	}
	params, err := s.Design.Params(s.Base, i)
	if err != nil {
		return rowResult{cell: i, raw: sp, err: model.Invalid("sweep.grid", "%v", err)}
	}
	inst, err := s.Model.Prepare(params)
	if err != nil {
		cerr := &CellError{Cell: i, Values: s.Design.Describe(i), Err: err}
		if !s.SkipInvalid {
			return rowResult{cell: i, raw: sp, err: cerr}
		}
		return c.nanRow(i, sp, fields, cerr.Error())
	}
	if err := sameMetrics(plan.Metrics, inst.Metrics()); err != nil {
		return c.fail(i, sp, err)
	}
	sol, err := inst.Solve()
	if model.IsUndefined(err) {
		// No outcome exists here (e.g. no equilibrium): a result, not a
		// failure. The cell is recorded like a skipped invalid one.
		return c.nanRow(i, sp, fields, "no solution: "+err.Error())
	}
	if err != nil {
		return c.fail(i, sp, err)
	}
	if len(sol.Values) != len(plan.Deterministic) {
		return rowResult{cell: i, raw: sp, err: fmt.Errorf("model %s returned %d values for %d metrics", s.Model.Info().Name, len(sol.Values), len(plan.Deterministic))}
	}
	for k, m := range plan.Deterministic {
		fields = append(fields, formatMetric(m, sol.Values[k]))
	}
	for _, k := range s.Keep {
		v, ok := sol.Extra[k]
		if !ok {
			fields = append(fields, "NaN")
			continue
		}
		text, err := json.Marshal(v)
		if err != nil {
			return c.fail(i, sp, fmt.Errorf("output %s: %v", k, err))
		}
		fields = append(fields, string(text))
	}
	if plan.Replications == 0 {
		return rowResult{cell: i, fields: fields, raw: sp}
	}
	sim, ok := inst.(model.Simulator)
	if !ok {
		return rowResult{cell: i, raw: sp, err: fmt.Errorf("model %s lists simulated metrics but has no simulator", s.Model.Info().Name)}
	}
	for k := range c.acc {
		c.acc[k] = Welford{}
		for l := range c.counts[k] {
			c.counts[k][l] = 0
		}
	}
	for r := 0; r < plan.Replications; r++ {
		c.stream.Reset(s.Seed, uint64(i), uint64(r))
		if err := sim.Simulate(c.stream.Rng, c.out); err != nil {
			return c.fail(i, sp, err)
		}
		if sp != nil {
			if err := sp.write(EncodeRaw(c.rec, uint64(i), uint64(r), c.out)); err != nil {
				return rowResult{cell: i, raw: sp, err: err}
			}
		}
		for k, v := range c.out {
			if c.counts[k] != nil {
				if l := int(v); v == float64(l) && l >= 0 && l < len(c.counts[k]) {
					c.counts[k][l]++
				}
				continue
			}
			c.acc[k].Add(v)
		}
	}
	for k, m := range plan.Simulated {
		if c.counts[k] != nil {
			fields = append(fields, modeAndShares(m, c.counts[k])...)
			continue
		}
		a := c.acc[k].Summarise(&c.tq)
		fields = append(fields, FormatFloat(a.Mean), FormatFloat(a.SD), FormatFloat(a.SE),
			FormatFloat(a.Lo), FormatFloat(a.Hi), FormatValue(a.N))
	}
	return rowResult{cell: i, fields: fields, raw: sp}
}

func sameMetrics(plan, got []model.Metric) error {
	if len(plan) != len(got) {
		return fmt.Errorf("metrics changed across cells (%d, then %d): a sweep cannot vary the structure of the parameters", len(plan), len(got))
	}
	for k := range plan {
		if plan[k].Name != got[k].Name {
			return fmt.Errorf("metrics changed across cells (%s, then %s): a sweep cannot vary the structure of the parameters", plan[k].Name, got[k].Name)
		}
	}
	return nil
}

// formatMetric writes a deterministic metric value: the level name of a
// categorical metric, else the number.
func formatMetric(m model.Metric, v float64) string {
	if len(m.Levels) > 0 {
		if l := int(v); v == float64(l) && l >= 0 && l < len(m.Levels) {
			return m.Levels[l]
		}
		return "NaN"
	}
	return FormatFloat(v)
}

func modeAndShares(m model.Metric, counts []int) []string {
	total, best := 0, -1
	for l, c := range counts {
		total += c
		if best < 0 || c > counts[best] {
			best = l
		}
	}
	out := make([]string, 0, len(counts)+1)
	if total == 0 {
		out = append(out, "NaN")
	} else {
		out = append(out, m.Levels[best])
	}
	for _, c := range counts {
		share := math.NaN()
		if total > 0 {
			share = float64(c) / float64(total)
		}
		out = append(out, FormatFloat(share))
	}
	return out
}
