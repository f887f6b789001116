package run

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/internal/atomicfile"
	"github.com/statecraft/statecraft/internal/version"
	"github.com/statecraft/statecraft/sweep"
)

// Merge combines the finished parts in dir/parts into the run directory's
// outputs (design.csv, results.csv, results.parquet, replications.parquet
// with sweep.raw, manifest.json, then the figures), byte-identical to a run of the
// whole design on one machine. It refuses, naming the cells and parts
// concerned, when a cell is in no part or in two, when parts come from
// different configs, or when a part's file does not match its manifest. The
// parts are kept.
func Merge(dir string) (*Manifest, error) {
	parts, unfinished, err := ReadParts(dir)
	if err != nil {
		return nil, err
	}
	pdir := filepath.Join(dir, PartsDir)
	if len(parts) == 0 {
		msg := "no finished parts (run statecraft sweep CONFIG --shard i/n -o " + dir + " first)"
		if len(unfinished) > 0 {
			msg = fmt.Sprintf("no finished parts; unfinished: %s (still running, or killed: continue with statecraft sweep CONFIG --shard i/n --resume)", strings.Join(unfinished, ", "))
		}
		return nil, &config.Error{File: pdir, Err: errors.New(msg)}
	}
	// One config.
	byHash := map[string][]string{}
	var hashes []string
	for _, p := range parts {
		if _, ok := byHash[p.ConfigSHA256]; !ok {
			hashes = append(hashes, p.ConfigSHA256)
		}
		byHash[p.ConfigSHA256] = append(byHash[p.ConfigSHA256], p.Name())
	}
	if len(hashes) > 1 {
		var groups []string
		for _, h := range hashes {
			groups = append(groups, fmt.Sprintf("config %.12s… in %s", h, strings.Join(byHash[h], ", ")))
		}
		return nil, &config.Error{File: pdir, Err: fmt.Errorf("the parts come from different configs — %s; remove the parts of the config you do not want, or run those shards again with the right one", strings.Join(groups, "; "))}
	}
	c, err := config.Decode(jsonToConfigMap(parts[0].Config))
	if err != nil {
		return nil, &config.Error{File: parts[0].Path, Err: fmt.Errorf("the recorded config: %v", err)}
	}
	c.File = parts[0].ConfigFile
	if h := c.Hash(); h != parts[0].ConfigSHA256 {
		return nil, &config.Error{File: parts[0].Path, Err: fmt.Errorf("the recorded config hashes to %.12s…, not to the recorded %.12s…", h, parts[0].ConfigSHA256)}
	}
	st, err := c.Bind()
	if err != nil {
		return nil, err
	}
	m, err := mergeParts(dir, st, parts, unfinished...)
	if err != nil {
		return nil, err
	}
	if err := finishFigures(dir, st, m, nil); err != nil {
		return nil, err
	}
	return m, nil
}

// coverage checks that the parts hold every cell of a design of n cells
// exactly once, and orders them by first cell.
func coverage(parts []*Part, n int, pdir string, unfinished []string) error {
	sort.SliceStable(parts, func(a, b int) bool {
		if parts[a].First != parts[b].First {
			return parts[a].First < parts[b].First
		}
		return parts[a].End < parts[b].End
	})
	var problems []string
	cells := func(a, b int) string { // [a, b)
		if b-a == 1 {
			return fmt.Sprintf("cell %d", a)
		}
		return fmt.Sprintf("cells %d–%d", a, b-1)
	}
	// Which shards of the common shard count would hold [a, b)?
	shards := parts[0].Shards
	for _, p := range parts {
		if p.Shards != shards {
			shards = 0
		}
	}
	isUnfinished := map[string]bool{}
	for _, u := range unfinished {
		isUnfinished[u] = true
	}
	missing := func(a, b int) {
		msg := cells(a, b) + " are in no part"
		if b-a == 1 {
			msg = cells(a, b) + " is in no part"
		}
		if shards > 0 {
			var names []string
			for i := 1; i <= shards; i++ {
				sh := sweep.Shard{I: i, N: shards}
				lo, hi := sh.Range(n)
				if lo < b && a < hi {
					name := sh.Name() + ".json"
					if isUnfinished[sh.Name()] {
						name += " (a journal exists: still running, or killed — continue it with --shard " + sh.String() + " --resume)"
					}
					names = append(names, name)
				}
			}
			msg += " (missing: " + strings.Join(names, ", ") + ")"
		}
		problems = append(problems, msg)
	}
	next := 0
	var prev *Part
	for _, p := range parts {
		if p.DesignCells != n {
			problems = append(problems, fmt.Sprintf("%s is of a design of %d cells, not %d", p.Name(), p.DesignCells, n))
			continue
		}
		if p.First > next {
			missing(next, p.First)
		}
		if p.First < next {
			problems = append(problems, fmt.Sprintf("%s are in two parts: %s and %s", cells(p.First, min(next, p.End)), prev.Name(), p.Name()))
		}
		if p.End > next {
			next, prev = p.End, p
		}
	}
	if next < n {
		missing(next, n)
	}
	if len(problems) > 0 {
		return &config.Error{File: pdir, Err: fmt.Errorf("cannot merge: %s", strings.Join(problems, "; "))}
	}
	return nil
}

// teeSink writes each row to several sinks.
type teeSink []sweep.Sink

func (t teeSink) WriteHeader(c []string) error {
	for _, s := range t {
		if err := s.WriteHeader(c); err != nil {
			return err
		}
	}
	return nil
}

func (t teeSink) WriteRow(f []string) error {
	for _, s := range t {
		if err := s.WriteRow(f); err != nil {
			return err
		}
	}
	return nil
}

// ParquetMetadata is the key-value metadata of a run's Parquet files.
func ParquetMetadata(c *config.Config, model string) sweep.Metadata {
	return sweep.Metadata{
		{"statecraft.config", string(c.HashedJSON())},
		{"statecraft.config_sha256", c.Hash()},
		{"statecraft.model", model},
		{"statecraft.seed", strconv.Itoa(c.Sweep.Seed)},
		{"statecraft.version", version.Version},
	}
}

func mergeParts(dir string, st *config.Study, parts []*Part, unfinished ...string) (*Manifest, error) {
	pdir := filepath.Join(dir, PartsDir)
	spec := st.Spec
	plan, err := sweep.NewPlan(&spec)
	if err != nil {
		return nil, st.Wrap(err)
	}
	n := spec.Design.Len()
	if err := coverage(parts, n, pdir, unfinished); err != nil {
		return nil, err
	}
	raw := false
	for i, p := range parts {
		if !slices.Equal(p.Columns, plan.Columns) || p.Replications != plan.Replications {
			return nil, &config.Error{File: p.Path, Err: fmt.Errorf("the part's columns or replications differ from the config's (was the model changed?)")}
		}
		if (p.Raw != "") != (parts[0].Raw != "") {
			return nil, &config.Error{File: p.Path, Err: fmt.Errorf("some parts have raw replication records and some do not")}
		}
		raw = raw || (i == 0 && p.Raw != "")
	}
	if err := os.Remove(filepath.Join(dir, "manifest.json")); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	meta := ParquetMetadata(st.Config, st.Model.Info().Name)
	outputs := []string{"design.csv", "results.csv", "results.parquet"}

	// design.csv and results.csv (the parts' rows, byte for byte) are
	// written in their own goroutines while the parts are checked and
	// converted to Parquet.
	df, err := atomicfile.Create(filepath.Join(dir, "design.csv"))
	if err != nil {
		return nil, err
	}
	defer df.Abort()
	cf, err := atomicfile.Create(filepath.Join(dir, "results.csv"))
	if err != nil {
		return nil, err
	}
	defer cf.Abort()
	pf, err := atomicfile.Create(filepath.Join(dir, "results.parquet"))
	if err != nil {
		return nil, err
	}
	defer pf.Abort()
	var wg sync.WaitGroup
	var designErr, concatErr error
	wg.Add(2)
	go func() { defer wg.Done(); designErr = spec.Design.WriteCSV(df) }()
	go func() { defer wg.Done(); concatErr = concatParts(cf, plan.Columns, pdir, parts) }()
	pqBuf := bufio.NewWriterSize(pf, 1<<16)
	pqSink := sweep.NewParquetSink(pqBuf, plan.Schema, meta)
	err = pqSink.WriteHeader(plan.Columns)
	for _, p := range parts {
		if err != nil {
			break
		}
		err = copyPart(filepath.Join(pdir, p.CSV), p, pqSink)
	}
	if err == nil {
		err = pqSink.Close()
	}
	if err == nil {
		err = pqBuf.Flush()
	}
	wg.Wait()
	for _, e := range []error{err, concatErr, designErr} {
		if e != nil {
			return nil, e
		}
	}

	// replications.parquet
	var rawRecords int64
	var rf *atomicfile.File
	if raw {
		rf, err = atomicfile.Create(filepath.Join(dir, "replications.parquet"))
		if err != nil {
			return nil, err
		}
		defer rf.Abort()
		size := int64(sweep.RawRecordSize(len(plan.Simulated)))
		var readers []io.Reader
		for _, p := range parts {
			path := filepath.Join(pdir, p.Raw)
			fi, err := os.Stat(path)
			if err != nil {
				return nil, &config.Error{File: p.Path, Err: fmt.Errorf("its raw records: %v", err)}
			}
			want := int64(p.End-p.First) * int64(p.Replications)
			if fi.Size() != want*size || p.RawRecords != want {
				return nil, &config.Error{File: path, Err: fmt.Errorf("holds %d bytes, want %d records of %d bytes", fi.Size(), want, size)}
			}
			f, err := os.Open(path)
			if err != nil {
				return nil, err
			}
			defer f.Close()
			readers = append(readers, bufio.NewReaderSize(f, 1<<16))
		}
		bw := bufio.NewWriterSize(rf, 1<<16)
		if rawRecords, err = sweep.WriteRawParquet(bw, io.MultiReader(readers...), plan.Simulated, meta); err != nil {
			return nil, err
		}
		if err := bw.Flush(); err != nil {
			return nil, err
		}
		outputs = append(outputs, "replications.parquet")
	} else {
		os.Remove(filepath.Join(dir, "replications.parquet"))
	}
	for _, f := range []*atomicfile.File{df, pf, rf, cf} {
		if f != nil {
			if err := f.Commit(); err != nil {
				return nil, err
			}
		}
	}
	params := paramLabels(st.Model.Info().Params, spec.Design.Columns())
	end := time.Now()
	m := &Manifest{
		Tool:         "statecraft",
		Build:        version.Get("."),
		ConfigFile:   st.Config.File,
		ConfigSHA256: st.Config.Hash(),
		Model:        st.Model.Info().Name,
		Seed:         spec.Seed,
		Cells:        n,
		GridCells:    spec.Design.Grid.Len(),
		Samples:      spec.Design.Samples(),
		Uncertain:    spec.Design.Uncertain,
		Replications: plan.Replications,
		Shards:       parts[0].Shards,
		Columns:      plan.Columns,
		Parameters:   params,
		Metrics:      plan.Metrics,
		Outputs:      outputs,
		Kept:         spec.Keep,
		RawRecords:   rawRecords,
		End:          end.UTC().Format(time.RFC3339Nano),
		Config:       config.Canonical(st.Config.Raw),
	}
	if len(spec.Design.Uncertain) > 0 {
		m.Sampling = st.Config.Sweep.Sampling
	}
	var first time.Time
	for _, p := range parts {
		m.Parts = append(m.Parts, PartSummary{Name: p.Name(), FirstCell: p.First, EndCell: p.End, Workers: p.Workers, Host: p.Host,
			ResumedAt: p.Resumed, Start: p.Started, End: p.Ended, WallSeconds: p.WallSeconds})
		m.Invalid += p.Invalid
		for _, note := range p.InvalidNotes {
			if len(m.InvalidNotes) < 5 {
				m.InvalidNotes = append(m.InvalidNotes, note)
			}
		}
		m.Workers = max(m.Workers, p.Workers)
		if t, err := time.Parse(time.RFC3339Nano, p.Started); err == nil && (first.IsZero() || t.Before(first)) {
			first = t
		}
	}
	if first.IsZero() {
		first = end
	}
	m.Start = first.UTC().Format(time.RFC3339Nano)
	m.WallSeconds = end.Sub(first).Seconds()
	if err := writeJSON(filepath.Join(dir, "manifest.json"), m); err != nil {
		return nil, err
	}
	return m, nil
}

// concatParts writes the header, then each part's rows byte for byte (its
// file after its header line), to w.
func concatParts(w io.Writer, columns []string, pdir string, parts []*Part) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	if err := cw.Write(columns); err != nil {
		return err
	}
	cw.Flush()
	for _, p := range parts {
		f, err := os.Open(filepath.Join(pdir, p.CSV))
		if err != nil {
			return err
		}
		r := csv.NewReader(bufio.NewReader(f))
		if _, err := r.Read(); err != nil {
			f.Close()
			return err
		}
		if _, err := f.Seek(r.InputOffset(), io.SeekStart); err != nil {
			f.Close()
			return err
		}
		_, err = io.Copy(bw, f)
		f.Close()
		if err != nil {
			return err
		}
	}
	return bw.Flush()
}

// copyPart streams a part's rows into out, checking the file against the
// part's manifest: its SHA-256, its header, and that it holds exactly the
// cells First…End−1 in order.
func copyPart(path string, p *Part, out sweep.Sink) error {
	f, err := os.Open(path)
	if err != nil {
		return &config.Error{File: p.Path, Err: fmt.Errorf("its rows: %v", err)}
	}
	defer f.Close()
	h := sha256.New()
	r := csv.NewReader(bufio.NewReaderSize(io.TeeReader(f, h), 1<<16))
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil || !slices.Equal(header, p.Columns) {
		return &config.Error{File: path, Err: fmt.Errorf("its header differs from its manifest's columns")}
	}
	want := p.First
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return &config.Error{File: path, Err: err}
		}
		if rec[0] != strconv.Itoa(want) || want >= p.End {
			return &config.Error{File: path, Err: fmt.Errorf("row %d is cell %s, want cell %d (of %d–%d)", want-p.First+1, rec[0], want, p.First, p.End-1)}
		}
		if err := out.WriteRow(rec); err != nil {
			return err
		}
		want++
	}
	if want != p.End {
		return &config.Error{File: path, Err: fmt.Errorf("holds cells %d–%d, its manifest says %d–%d", p.First, want-1, p.First, p.End-1)}
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != p.CSVSHA256 {
		return &config.Error{File: path, Err: fmt.Errorf("its SHA-256 %.12s… differs from its manifest's %.12s… (the file was changed after the part finished)", got, p.CSVSHA256)}
	}
	return nil
}
