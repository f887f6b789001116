package run

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/internal/atomicfile"
	"github.com/statecraft/statecraft/internal/version"
	"github.com/statecraft/statecraft/sweep"
)

// PartsDir is the subdirectory of a run directory that holds parts.
const PartsDir = "parts"

// Part is the manifest of one finished part of a sweep,
// parts/part-IIII-of-NNNN.json. It is written last, after the part's rows,
// so its presence means the part is complete; merge checks the part's CSV
// against CSVSHA256.
type Part struct {
	Tool         string         `json:"tool"`
	Build        version.Info   `json:"build"`
	ConfigFile   string         `json:"config_file"`
	ConfigSHA256 string         `json:"config_sha256"`
	Model        string         `json:"model"`
	Seed         uint64         `json:"seed"`
	Shard        int            `json:"shard"`
	Shards       int            `json:"shards"`
	First        int            `json:"first_cell"`
	End          int            `json:"end_cell"` // one past the last cell
	DesignCells  int            `json:"design_cells"`
	Replications int            `json:"replications"`
	Columns      []string       `json:"columns"`
	CSV          string         `json:"csv"` // file name in parts/
	CSVSHA256    string         `json:"csv_sha256"`
	Raw          string         `json:"raw,omitempty"`
	RawRecords   int64          `json:"raw_records,omitempty"`
	Invalid      int            `json:"invalid_cells"`
	InvalidNotes []string       `json:"invalid_notes,omitempty"`
	Workers      int            `json:"workers"`
	Host         string         `json:"host"`
	Resumed      int            `json:"resumed_at_cell,omitempty"` // where a resumed run picked up (0: not resumed)
	Started      string         `json:"start"`
	Ended        string         `json:"end"`
	WallSeconds  float64        `json:"wall_seconds"`
	Config       map[string]any `json:"config"`

	// Skipped is set when --resume found the part already complete.
	Skipped bool `json:"-"`
	// Path is the manifest's path when read from disk.
	Path string `json:"-"`
}

// Name is the part's file-name stem.
func (p *Part) Name() string { return sweep.Shard{I: p.Shard, N: p.Shards}.Name() }

// startRecord is written when a part starts (parts/<name>.start.json) so that
// --resume can check that the journal belongs to the same config.
type startRecord struct {
	ConfigSHA256 string   `json:"config_sha256"`
	Shard        int      `json:"shard"`
	Shards       int      `json:"shards"`
	First        int      `json:"first_cell"`
	End          int      `json:"end_cell"`
	Columns      []string `json:"columns"`
	RawRecord    int      `json:"raw_record_bytes"`
	Replications int      `json:"replications"`
	Started      string   `json:"start"`
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return &config.Error{File: path, Err: fmt.Errorf("malformed: %v", err)}
	}
	return nil
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, append(data, '\n'))
}

// refuse is the error of a resume that would mix configs: bad input (exit
// code 2), naming the file that records the other config.
func refuse(path, what, was, now string) error {
	return &config.Error{File: path, Err: fmt.Errorf("cannot resume: %s was made with a different config (SHA-256 %.12s…, now %.12s…); run without --resume to start over, or restore the config it was made with", what, was, now)}
}

// Interrupted is returned when a run stops on a signal or cancellation. Its
// journal is kept: the same command with --resume continues it.
type Interrupted struct {
	Part string // the part's name
	Done int    // cells of the part written
	Of   int
	Err  error
}

func (e *Interrupted) Error() string {
	return fmt.Sprintf("interrupted (%v) with %d of %d cells of %s written; run the same command with --resume to continue", e.Err, e.Done, e.Of, e.Part)
}

func (e *Interrupted) Unwrap() error { return e.Err }

// RunPart runs one shard of the study's design into dir/parts: a journal
// while it runs (see sweep.Journal), then the part's CSV (and raw records)
// and its manifest. With opt.Resume it continues an interrupted journal of
// the same shard, skips a part that is already complete, and refuses either
// when it was made with a different config.
func RunPart(ctx context.Context, st *config.Study, dir string, sh sweep.Shard, opt Options) (*Part, error) {
	if err := st.CheckSweptOverrides(); err != nil {
		return nil, err
	}
	spec := st.Spec
	if opt.Workers > 0 {
		spec.Workers = opt.Workers
	}
	plan, err := sweep.NewPlan(&spec)
	if err != nil {
		return nil, st.Wrap(err)
	}
	if opt.Warn != nil {
		for _, p := range FigureProblems(st, plan.Metrics, plan.Columns) {
			if p != nil {
				opt.Warn(p.Error() + " (it will be skipped; the results are not affected)")
			}
		}
	}
	n := spec.Design.Len()
	lo, hi := sh.Range(n)
	pdir := filepath.Join(dir, PartsDir)
	if err := os.MkdirAll(pdir, 0o755); err != nil {
		return nil, err
	}
	base := filepath.Join(pdir, sh.Name())
	hash := st.Config.Hash()
	rawSize := 0
	if st.Config.Sweep.Raw && plan.Replications > 0 && len(plan.Simulated) > 0 {
		rawSize = sweep.RawRecordSize(len(plan.Simulated))
	}

	release, err := lockPart(base + ".lock")
	if err != nil {
		return nil, err
	}
	defer release()

	// A complete part: done already (--resume), or to be redone.
	var done Part
	if err := readJSON(base+".json", &done); err == nil {
		if opt.Resume {
			if done.ConfigSHA256 != hash {
				return nil, refuse(base+".json", "part "+sh.String(), done.ConfigSHA256, hash)
			}
			done.Skipped, done.Path = true, base+".json"
			return &done, nil
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		if opt.Resume {
			return nil, err
		}
	}
	if opt.Resume {
		// Killed between renaming a finished journal and writing the
		// manifest: the files are complete; take them back as the journal.
		if exists(base+".csv") && !sweep.JournalExists(base) {
			os.Rename(base+".csv", base+".csv.partial")
		}
		if exists(base+".raw") && !exists(base+".raw.partial") {
			os.Rename(base+".raw", base+".raw.partial")
		}
	} else {
		for _, suffix := range []string{".json", ".csv", ".raw"} {
			if err := os.Remove(base + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, err
			}
		}
	}
	removeSpills(pdir, sh.Name())

	start := time.Now()
	var j *sweep.Journal
	resumed := 0
	if opt.Resume && (sweep.JournalExists(base) || exists(base+".start.json")) {
		var rec startRecord
		if err := readJSON(base+".start.json", &rec); err != nil {
			return nil, &config.Error{File: base + ".start.json", Err: fmt.Errorf("cannot resume: the journal's start record is missing or unreadable (%v); run without --resume to start over", err)}
		}
		if rec.ConfigSHA256 != hash {
			return nil, refuse(base+".start.json", "the interrupted part "+sh.String(), rec.ConfigSHA256, hash)
		}
		if rec.First != lo || rec.End != hi || !slices.Equal(rec.Columns, plan.Columns) || rec.RawRecord != rawSize || rec.Replications != plan.Replications {
			return nil, &config.Error{File: base + ".start.json", Err: errors.New("cannot resume: the interrupted part has other cells or columns than this run (was the model changed?); run without --resume to start over")}
		}
		if t, err := time.Parse(time.RFC3339Nano, rec.Started); err == nil {
			start = t
		}
		if !sweep.JournalExists(base) {
			// Nothing was written yet beyond the start record.
			if j, err = sweep.CreateJournal(base, plan.Columns, lo, hi, rawSize, plan.Replications); err != nil {
				return nil, err
			}
		} else if j, err = sweep.OpenJournal(base, plan.Columns, lo, hi, rawSize, plan.Replications); err != nil {
			if errors.Is(err, sweep.ErrJournal) {
				return nil, &config.Error{File: base + ".csv.partial", Err: fmt.Errorf("%v; run without --resume to start over", err)}
			}
			return nil, err
		}
		resumed = j.Next()
		if resumed == lo {
			resumed = 0
		}
	} else {
		rec := startRecord{ConfigSHA256: hash, Shard: sh.I, Shards: max(sh.N, 1), First: lo, End: hi,
			Columns: plan.Columns, RawRecord: rawSize, Replications: plan.Replications, Started: start.UTC().Format(time.RFC3339Nano)}
		if err := writeJSON(base+".start.json", rec); err != nil {
			return nil, err
		}
		if j, err = sweep.CreateJournal(base, plan.Columns, lo, hi, rawSize, plan.Replications); err != nil {
			return nil, err
		}
	}

	spec.Start, spec.End = j.Next(), hi
	spec.SpillDir, spec.SpillPrefix = pdir, "."+sh.Name()+"."
	if rawSize > 0 {
		spec.Raw = j.RawWriter()
	}
	spec.Progress = opt.Progress
	stats := sweep.Stats{Workers: spec.Workers}
	if spec.Start < spec.End {
		stats, err = sweep.Run(ctx, spec, j)
		if err != nil {
			written := j.Next() - lo
			cerr := j.Close()
			if ctx.Err() != nil {
				if cerr != nil {
					return nil, cerr
				}
				return nil, &Interrupted{Part: sh.Name(), Done: written, Of: hi - lo, Err: ctx.Err()}
			}
			// A failure that would recur (an invalid cell, a model error):
			// nothing worth resuming.
			sweep.RemoveJournal(base)
			os.Remove(base + ".start.json")
			os.Remove(base + ".lock")
			os.Remove(pdir) // only if empty
			return nil, st.Wrap(err)
		}
	}
	if stats.Workers == 0 {
		stats.Workers = spec.Workers
	}
	sum, err := j.Finish()
	if err != nil {
		return nil, err
	}
	end := time.Now()
	host, _ := os.Hostname()
	p := &Part{
		Tool:         "statecraft",
		Build:        version.Get("."),
		ConfigFile:   st.Config.File,
		ConfigSHA256: hash,
		Model:        st.Model.Info().Name,
		Seed:         spec.Seed,
		Shard:        max(sh.I, 1),
		Shards:       max(sh.N, 1),
		First:        lo,
		End:          hi,
		DesignCells:  n,
		Replications: plan.Replications,
		Columns:      plan.Columns,
		CSV:          filepath.Base(sum.CSV),
		CSVSHA256:    sum.CSVSHA256,
		RawRecords:   sum.RawRecords,
		Invalid:      sum.Invalid,
		InvalidNotes: sum.InvalidNotes,
		Workers:      stats.Workers,
		Host:         host,
		Resumed:      resumed,
		Started:      start.UTC().Format(time.RFC3339Nano),
		Ended:        end.UTC().Format(time.RFC3339Nano),
		WallSeconds:  end.Sub(start).Seconds(),
		Config:       config.Canonical(st.Config.Raw),
		Path:         base + ".json",
	}
	if sum.Raw != "" {
		p.Raw = filepath.Base(sum.Raw)
	}
	if err := writeJSON(base+".json", p); err != nil {
		return nil, err
	}
	sweep.RemoveJournal(base)
	os.Remove(base + ".start.json")
	return p, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// removeSpills deletes temporary raw files a killed run of this shard left.
func removeSpills(pdir, name string) {
	matches, _ := filepath.Glob(filepath.Join(pdir, "."+name+".spill-*"))
	for _, m := range matches {
		os.Remove(m)
	}
}

// ReadParts reads the manifests of the finished parts in dir/parts, and
// lists the shards that have a journal but no manifest (running, or killed).
func ReadParts(dir string) (parts []*Part, unfinished []string, err error) {
	pdir := filepath.Join(dir, PartsDir)
	entries, err := os.ReadDir(pdir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil, nil
		}
		return nil, nil, err
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "part-") && strings.HasSuffix(name, ".start.json"):
			stem := strings.TrimSuffix(name, ".start.json")
			if !exists(filepath.Join(pdir, stem+".json")) {
				unfinished = append(unfinished, stem)
			}
		case strings.HasPrefix(name, "part-") && strings.HasSuffix(name, ".json"):
			var p Part
			path := filepath.Join(pdir, name)
			if err := readJSON(path, &p); err != nil {
				return nil, nil, err
			}
			p.Path = path
			if p.Name()+".json" != name {
				return nil, nil, &config.Error{File: path, Err: fmt.Errorf("the manifest describes shard %d/%d, not its file name", p.Shard, p.Shards)}
			}
			parts = append(parts, &p)
		}
	}
	return parts, unfinished, nil
}
