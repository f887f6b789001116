package sweep

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"

	"github.com/statecraft/statecraft/model"
)

// Spec is a sweep: a model, its base parameters and a design of cells.
type Spec struct {
	Model model.Model
	// Base holds the parameters every cell starts from (raw config values).
	Base map[string]any
	Grid Grid
	// Replications per cell for simulated metrics (ignored by models without
	// a simulator).
	Replications int
	Seed         uint64
	// Workers is the number of goroutines; 0 means one per core.
	Workers int
	// SkipInvalid writes NaN metrics for cells whose parameters fail
	// validation instead of stopping the run.
	SkipInvalid bool
	// Progress, when set, is called from one goroutine after each row with
	// the number of rows written so far.
	Progress func(done, total int)
}

// Sink receives the header once, then one row per cell in cell order.
type Sink interface {
	WriteHeader(columns []string) error
	WriteRow(fields []string) error
}

// Stats reports what a run did.
type Stats struct {
	Cells        int
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
	Replications  int
}

// NewPlan prepares the first valid cell to learn the model's metrics and lays
// out the columns.
func NewPlan(s *Spec) (*Plan, error) {
	n := s.Grid.Len()
	var firstErr error
	for i := 0; i < n; i++ {
		params, err := s.Grid.Params(s.Base, i)
		if err != nil {
			return nil, model.Invalid("sweep.grid", "%v", err)
		}
		inst, err := s.Model.Prepare(params)
		if err != nil {
			if firstErr == nil {
				firstErr = &CellError{Cell: i, Values: s.describe(i), Err: err}
			}
			if !s.SkipInvalid {
				return nil, firstErr
			}
			continue
		}
		return planFor(s, inst.Metrics()), nil
	}
	return nil, fmt.Errorf("no valid cell in the design: %w", firstErr)
}

func planFor(s *Spec, metrics []model.Metric) *Plan {
	p := &Plan{Metrics: metrics}
	p.Deterministic, p.Simulated = model.Split(metrics)
	if len(p.Simulated) > 0 {
		p.Replications = s.Replications
	}
	p.Columns = append(p.Columns, "cell")
	for _, a := range s.Grid.Axes {
		p.Columns = append(p.Columns, a.Param)
	}
	for _, m := range p.Deterministic {
		p.Columns = append(p.Columns, m.Name)
	}
	if p.Replications > 0 {
		for _, m := range p.Simulated {
			if len(m.Levels) > 0 {
				p.Columns = append(p.Columns, m.Name+"_mode")
				for _, l := range m.Levels {
					p.Columns = append(p.Columns, m.Name+"_share_"+l)
				}
				continue
			}
			for _, suf := range []string{"_mean", "_sd", "_se", "_lo", "_hi", "_n"} {
				p.Columns = append(p.Columns, m.Name+suf)
			}
		}
	}
	return p
}

func (s *Spec) describe(i int) string {
	vals := s.Grid.Cell(i)
	parts := make([]string, len(vals))
	for k, v := range vals {
		parts[k] = s.Grid.Axes[k].Param + "=" + FormatValue(v)
	}
	return strings.Join(parts, ", ")
}

type rowResult struct {
	cell    int
	fields  []string
	invalid string
	err     error
}

// Run executes the sweep and streams rows to sink in cell order. On error no
// further rows are written; the caller discards the partial output.
func Run(ctx context.Context, s Spec, sink Sink) (Stats, error) {
	workers := s.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if s.Replications < 0 {
		return Stats{}, model.Invalid("sweep.replications", "must be ≥ 0, got %d", s.Replications)
	}
	plan, err := NewPlan(&s)
	if err != nil {
		return Stats{}, err
	}
	stats := Stats{Cells: s.Grid.Len(), Replications: plan.Replications, Workers: workers, Columns: plan.Columns, Metrics: plan.Metrics}
	if err := sink.WriteHeader(plan.Columns); err != nil {
		return stats, err
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	n := s.Grid.Len()
	window := 4*workers + 16 // cells in flight or waiting to be written
	tokens := make(chan struct{}, window)
	cells := make(chan int)
	results := make(chan rowResult, window)

	go func() {
		defer close(cells)
		for i := 0; i < n; i++ {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case cells <- i:
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
			for i := range cells {
				r := c.run(i)
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	pending := map[int]rowResult{}
	next := 0
	var runErr error
	for r := range results {
		if runErr != nil {
			continue // drain
		}
		// Errors wait their turn like rows, so the error reported is the one
		// of the first failing cell whatever the worker count.
		pending[r.cell] = r
		for {
			row, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if row.err != nil {
				runErr = row.err
				cancel()
				break
			}
			if row.invalid != "" {
				stats.Invalid++
				if len(stats.InvalidNotes) < 5 {
					stats.InvalidNotes = append(stats.InvalidNotes, row.invalid)
				}
			}
			if err := sink.WriteRow(row.fields); err != nil {
				runErr = err
				cancel()
				break
			}
			next++
			<-tokens
			if s.Progress != nil {
				s.Progress(next, n)
			}
		}
	}
	if runErr == nil && next != n {
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
	return c
}

func (c *cellRunner) run(i int) rowResult {
	s, plan := c.s, c.plan
	fields := make([]string, 0, len(plan.Columns))
	fields = append(fields, FormatValue(i))
	for _, v := range s.Grid.Cell(i) {
		fields = append(fields, FormatValue(v))
	}
	params, err := s.Grid.Params(s.Base, i)
	if err != nil {
		return rowResult{cell: i, err: model.Invalid("sweep.grid", "%v", err)}
	}
	inst, err := s.Model.Prepare(params)
	if err != nil {
		cerr := &CellError{Cell: i, Values: s.describe(i), Err: err}
		if !s.SkipInvalid {
			return rowResult{cell: i, err: cerr}
		}
		for len(fields) < len(plan.Columns) {
			fields = append(fields, "NaN")
		}
		return rowResult{cell: i, fields: fields, invalid: cerr.Error()}
	}
	if err := sameMetrics(plan.Metrics, inst.Metrics()); err != nil {
		return rowResult{cell: i, err: &CellError{Cell: i, Values: s.describe(i), Err: err}}
	}
	sol, err := inst.Solve()
	if err != nil {
		return rowResult{cell: i, err: &CellError{Cell: i, Values: s.describe(i), Err: err}}
	}
	if len(sol.Values) != len(plan.Deterministic) {
		return rowResult{cell: i, err: fmt.Errorf("model %s returned %d values for %d metrics", s.Model.Info().Name, len(sol.Values), len(plan.Deterministic))}
	}
	for k, m := range plan.Deterministic {
		fields = append(fields, formatMetric(m, sol.Values[k]))
	}
	if plan.Replications == 0 {
		return rowResult{cell: i, fields: fields}
	}
	sim, ok := inst.(model.Simulator)
	if !ok {
		return rowResult{cell: i, err: fmt.Errorf("model %s lists simulated metrics but has no simulator", s.Model.Info().Name)}
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
			return rowResult{cell: i, err: &CellError{Cell: i, Values: s.describe(i), Err: err}}
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
	return rowResult{cell: i, fields: fields}
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
