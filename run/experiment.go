package run

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/findings"
	"github.com/statecraft/statecraft/internal/atomicfile"
	"github.com/statecraft/statecraft/schema"
	"github.com/statecraft/statecraft/sweep"
)

// Experiment is an experiment.yaml: a titled list of runs, each a config
// (usually extending a base config from configs/) with a name, and the
// findings its README states, computed from the runs.
type Experiment struct {
	Title       string
	Description string
	Runs        []ExperimentRun
	Findings    []findings.Spec
	Dir         string
}

// ExperimentRun is one named run of an experiment.
type ExperimentRun struct {
	Name  string
	Study *config.Study
}

var runName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

var experimentKeys = []string{"title", "description", "runs", "findings"}

var findingSchema = schema.MustOf(findings.Spec{})

// FindingSchema is the schema of an experiment's findings, for docs.
func FindingSchema() *schema.Schema { return findingSchema }

// LoadExperiment reads dir/experiment.yaml, binds every run and checks the
// findings against the runs' columns.
func LoadExperiment(dir string, ov config.Overrides) (*Experiment, error) {
	path := filepath.Join(dir, "experiment.yaml")
	raw, err := config.ReadFile(path)
	if err != nil {
		return nil, err
	}
	bad := func(key, format string, args ...any) error {
		return &config.Error{File: path, Err: schema.Errorf(key, format, args...)}
	}
	for k := range raw {
		if !slices.Contains(experimentKeys, k) {
			msg := "unknown key"
			if n := schema.Nearest(k, experimentKeys); n != "" {
				msg += fmt.Sprintf("; did you mean %q?", n)
			}
			return nil, bad(k, "%s (valid keys: %s)", msg, strings.Join(experimentKeys, ", "))
		}
	}
	e := &Experiment{Dir: dir}
	e.Title, _ = raw["title"].(string)
	e.Description, _ = raw["description"].(string)
	runs, ok := raw["runs"].([]any)
	if !ok || len(runs) == 0 {
		return nil, bad("runs", "an experiment needs runs: a list of configs, each with a name")
	}
	seen := map[string]bool{}
	for i, r := range runs {
		m, ok := r.(map[string]any)
		if !ok {
			return nil, bad(fmt.Sprintf("runs.%d", i), "each run is a mapping: name plus config keys")
		}
		name, _ := m["name"].(string)
		if !runName.MatchString(name) {
			return nil, bad(fmt.Sprintf("runs.%d.name", i), "each run needs a name of lower-case letters, digits, - and _ (it names the run's directory); got %q", name)
		}
		if seen[name] {
			return nil, bad(fmt.Sprintf("runs.%d.name", i), "two runs are named %q", name)
		}
		seen[name] = true
		cfg := make(map[string]any, len(m))
		for k, v := range m {
			if k != "name" {
				cfg[k] = v
			}
		}
		label := fmt.Sprintf("%s: runs.%d (%s)", path, i, name)
		c, err := config.LoadMap(cfg, dir, label, ov)
		if err != nil {
			return nil, err
		}
		c.File = label
		st, err := c.Bind()
		if err != nil {
			return nil, err
		}
		e.Runs = append(e.Runs, ExperimentRun{Name: name, Study: st})
	}
	if err := e.loadFindings(path, raw["findings"]); err != nil {
		return nil, err
	}
	return e, nil
}

// loadFindings decodes the findings list and checks each against the
// columns its runs will have, so that a misspelt column is found before the
// runs run.
func (e *Experiment) loadFindings(path string, raw any) error {
	if raw == nil {
		return nil
	}
	list, ok := raw.([]any)
	if !ok {
		return &config.Error{File: path, Err: schema.Errorf("findings", "want a list of findings, e.g. [{name: delta-star, run: base, where: {detection: 0.8}, value: delta_star, text: 'δ* = {value}'}]")}
	}
	columns := map[string][]string{}
	names := map[string]bool{}
	for i, f := range list {
		at := fmt.Sprintf("findings.%d", i)
		m, ok := f.(map[string]any)
		if !ok {
			return &config.Error{File: path, Err: schema.Errorf(at, "each finding is a mapping: name, run, a query and text")}
		}
		var s findings.Spec
		if err := findingSchema.Decode(m, &s); err != nil {
			return &config.Error{File: path, Err: schema.Prefix(at, err)}
		}
		if names[s.Name] {
			return &config.Error{File: path, Err: schema.Errorf(at+".name", "two findings are named %q", s.Name)}
		}
		for _, ref := range s.References() {
			if !names[ref] {
				return &config.Error{File: path, Err: schema.Errorf(at+".text", "finding %s uses {%s}, which is not a finding declared before it", s.Name, ref)}
			}
		}
		names[s.Name] = true
		for _, run := range s.Run {
			r := e.run(run)
			if r == nil {
				msg := fmt.Sprintf("no run %q in this experiment", run)
				if n := schema.Nearest(run, e.RunNames()); n != "" {
					msg += fmt.Sprintf("; did you mean %q?", n)
				}
				return &config.Error{File: path, Err: schema.Errorf(at+".run", "%s (runs: %s)", msg, strings.Join(e.RunNames(), ", "))}
			}
			if _, done := columns[run]; !done {
				spec := r.Study.Spec
				plan, err := sweep.NewPlan(&spec)
				if err != nil {
					return r.Study.Wrap(err)
				}
				columns[run] = plan.Columns
			}
			if err := s.CheckColumns(columns[run]); err != nil {
				return &config.Error{File: path, Err: schema.Errorf(at, "finding %s, run %s: %v", s.Name, run, err)}
			}
		}
		e.Findings = append(e.Findings, s)
	}
	return nil
}

func (e *Experiment) run(name string) *ExperimentRun {
	for i := range e.Runs {
		if e.Runs[i].Name == name {
			return &e.Runs[i]
		}
	}
	return nil
}

// RunNames lists the experiment's runs in order.
func (e *Experiment) RunNames() []string {
	var out []string
	for _, r := range e.Runs {
		out = append(out, r.Name)
	}
	return out
}

// ReproduceOptions tune a reproduction.
type ReproduceOptions struct {
	Options
	// Only, when given, names the runs to reproduce; findings of the other
	// runs use their finished run directories, or are left unchecked.
	Only []string
	// RunProgress, when set, gives each run its own progress callback.
	RunProgress func(run string) func(done, total int)
	// Report is called after each run.
	Report func(run string, m *Manifest)
	// UpdateExpected records the reproduction in the experiment's expected/
	// and rewrites its README's findings block, instead of checking them.
	UpdateExpected bool
}

// Reproduction is what a reproduction found.
type Reproduction struct {
	Dir      string // where the runs are
	Runs     []RunCheck
	Findings []*findings.Result
	// Unchecked are findings not evaluated: their runs were not reproduced.
	Unchecked []string
	// FindingDiffs say how the findings differ from the record.
	FindingDiffs []string
	// README is the state of the README's findings block: "up to date",
	// "differs", "missing", "unchecked" (some findings not evaluated),
	// "updated" or "" (no findings).
	README string
	// FindingsUnrecorded, when set, says why the findings were not compared
	// (no expected/findings.json).
	FindingsUnrecorded string
	// Written lists the files --update-expected wrote.
	Written []string
}

// OK reports whether the reproduction matches the record: every run
// identical or equal within Tolerance, the findings as recorded and the
// README's block up to date.
func (r *Reproduction) OK() bool {
	for _, rc := range r.Runs {
		if rc.Status == "differs" {
			return false
		}
	}
	return len(r.FindingDiffs) == 0 && r.README != "differs"
}

// Complete reports whether everything had a record to compare with: every
// run, every finding, the README's block.
func (r *Reproduction) Complete() bool {
	for _, rc := range r.Runs {
		if rc.Status == "unrecorded" {
			return false
		}
	}
	return len(r.Unchecked) == 0 && r.FindingsUnrecorded == "" && r.README != "missing"
}

// Identical reports whether every run's results are byte-identical to the
// record, and the rest is as recorded.
func (r *Reproduction) Identical() bool {
	for _, rc := range r.Runs {
		if rc.Status != "identical" {
			return false
		}
	}
	return r.OK() && r.Complete()
}

// NotReproduced is the error of a reproduction that differs from its record.
type NotReproduced struct {
	Experiment string
	Problems   []string
}

func (e *NotReproduced) Error() string {
	return fmt.Sprintf("%s not reproduced: %s; if the change is intended, record it with statecraft reproduce %s --update-expected", e.Experiment, strings.Join(e.Problems, "; "), e.Experiment)
}

// Reproduce runs the experiment's runs into out/<run name>, evaluates its
// findings (out/findings.md and out/findings.json) and compares everything
// with the experiment's expected/ record and README block — or, with
// UpdateExpected, rewrites them. A reproduction that differs from the record
// returns its Reproduction with a *NotReproduced error.
func Reproduce(ctx context.Context, e *Experiment, out string, opt ReproduceOptions) (*Reproduction, error) {
	for _, name := range opt.Only {
		if e.run(name) == nil {
			msg := fmt.Sprintf("--run %s: no such run", name)
			if n := schema.Nearest(name, e.RunNames()); n != "" {
				msg += fmt.Sprintf("; did you mean %q?", n)
			}
			return nil, &config.Error{File: filepath.Join(e.Dir, "experiment.yaml"), Err: fmt.Errorf("%s (runs: %s)", msg, strings.Join(e.RunNames(), ", "))}
		}
	}
	if opt.UpdateExpected && len(opt.Only) > 0 {
		return nil, &config.Error{Err: errors.New("--update-expected records every run: leave out --run")}
	}
	rep := &Reproduction{Dir: out}
	manifests := map[string]*Manifest{}
	for _, r := range e.Runs {
		dir := filepath.Join(out, r.Name)
		if len(opt.Only) > 0 && !slices.Contains(opt.Only, r.Name) {
			// Not reproduced now: a finished run of the same config still
			// answers its findings.
			if m, err := ReadManifest(dir); err == nil && m.ConfigSHA256 == r.Study.Config.Hash() {
				manifests[r.Name] = m
			}
			continue
		}
		o := opt.Options
		if opt.RunProgress != nil {
			o.Progress = opt.RunProgress(r.Name)
		}
		m, err := Sweep(ctx, r.Study, dir, o)
		if err != nil {
			return nil, err
		}
		manifests[r.Name] = m
		if opt.Report != nil {
			opt.Report(r.Name, m)
		}
		rep.Runs = append(rep.Runs, RunCheck{Run: r.Name, Manifest: m})
	}
	if err := rep.evaluate(e, out, manifests); err != nil {
		return rep, err
	}
	if opt.UpdateExpected {
		return rep, rep.update(e, out)
	}
	return rep, rep.compare(e, out)
}

// evaluate answers the findings from the runs at hand and writes
// out/findings.md and out/findings.json.
func (rep *Reproduction) evaluate(e *Experiment, out string, manifests map[string]*Manifest) error {
	tables := map[string]findings.Run{}
	for name, m := range manifests {
		t, err := readTable(filepath.Join(out, name))
		if err != nil {
			return err
		}
		tables[name] = findings.Run{Table: t, Params: designColumns(m)}
	}
	done := map[string]*findings.Result{}
	for _, s := range e.Findings {
		missing := slices.ContainsFunc(s.Run, func(r string) bool { _, ok := tables[r]; return !ok }) ||
			slices.ContainsFunc(s.References(), func(f string) bool { return done[f] == nil })
		if missing {
			rep.Unchecked = append(rep.Unchecked, s.Name)
			continue
		}
		r, err := findings.Evaluate(s, tables, done)
		if err != nil {
			return &config.Error{File: filepath.Join(e.Dir, "experiment.yaml"), Err: err}
		}
		done[s.Name] = r
		rep.Findings = append(rep.Findings, r)
	}
	if len(e.Findings) == 0 {
		return nil
	}
	title := e.Title
	if title == "" {
		title = filepath.Base(e.Dir)
	}
	md := "# Findings: " + title + "\n\nComputed from the runs in this directory by statecraft reproduce.\n\n" + findings.Markdown(rep.Findings)
	if err := atomicfile.WriteFile(filepath.Join(out, "findings.md"), []byte(md)); err != nil {
		return err
	}
	return writeJSON(filepath.Join(out, "findings.json"), map[string]any{"experiment": e.Dir, "findings": rep.Findings})
}

func expectedDir(e *Experiment) string { return filepath.Join(e.Dir, "expected") }

// recorded is the findings as expected/findings.json holds them: without the
// rows they come from.
func recorded(rs []*findings.Result) []*findings.Result {
	out := make([]*findings.Result, len(rs))
	for i, r := range rs {
		c := *r
		c.At = nil
		out[i] = &c
	}
	return out
}

// update writes expected/ and the README's findings block.
func (rep *Reproduction) update(e *Experiment, out string) error {
	dir := expectedDir(e)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i, rc := range rep.Runs {
		rec, err := recordRun(rc.Run, filepath.Join(out, rc.Run), rc.Manifest)
		if err != nil {
			return err
		}
		path := filepath.Join(dir, rc.Run+".json")
		if err := writeJSON(path, rec); err != nil {
			return err
		}
		rep.Written = append(rep.Written, path)
		rep.Runs[i].Status = "recorded"
	}
	// Records of runs that no longer exist would be checked against nothing.
	old, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	for _, p := range old {
		name := strings.TrimSuffix(filepath.Base(p), ".json")
		if name != "findings" && e.run(name) == nil {
			os.Remove(p)
		}
	}
	fpath := filepath.Join(dir, "findings.json")
	if len(e.Findings) == 0 {
		os.Remove(fpath)
		return nil
	}
	if err := writeJSON(fpath, map[string]any{"findings": recorded(rep.Findings)}); err != nil {
		return err
	}
	rep.Written = append(rep.Written, fpath)
	readme := filepath.Join(e.Dir, "README.md")
	data, err := os.ReadFile(readme)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	if err := atomicfile.WriteFile(readme, findings.ReplaceBlock(data, findings.Block(rep.Findings))); err != nil {
		return err
	}
	rep.Written = append(rep.Written, readme)
	rep.README = "updated"
	return nil
}

// compare checks the reproduction against expected/ and the README.
func (rep *Reproduction) compare(e *Experiment, out string) error {
	dir := expectedDir(e)
	var problems []string
	for i, rc := range rep.Runs {
		var rec Expected
		ok, err := readExpected(filepath.Join(dir, rc.Run+".json"), &rec)
		if err != nil {
			return err
		}
		if !ok {
			rep.Runs[i].Status = "unrecorded"
			continue
		}
		checked, err := compareRun(rc.Run, filepath.Join(out, rc.Run), rc.Manifest, &rec)
		if err != nil {
			return err
		}
		rep.Runs[i] = checked
		if checked.Status == "differs" {
			problems = append(problems, fmt.Sprintf("run %s differs", rc.Run))
		}
	}
	if len(e.Findings) > 0 {
		var rec struct {
			Findings []*findings.Result `json:"findings"`
		}
		ok, err := readExpected(filepath.Join(dir, "findings.json"), &rec)
		if err != nil {
			return err
		}
		if ok {
			var want []*findings.Result
			for _, w := range rec.Findings {
				if !slices.Contains(rep.Unchecked, w.Name) {
					want = append(want, w)
				}
			}
			rep.FindingDiffs = compareFindings(rep.Findings, want)
		} else {
			rep.FindingsUnrecorded = "no record of the findings in " + filepath.Join(dir, "findings.json")
		}
		if n := len(rep.FindingDiffs); n == 1 {
			problems = append(problems, rep.FindingDiffs[0])
		} else if n > 1 {
			problems = append(problems, fmt.Sprintf("%d findings differ from the record", n))
		}
		rep.README = readmeState(e, rep)
		switch rep.README {
		case "differs":
			problems = append(problems, "the findings block of "+filepath.Join(e.Dir, "README.md")+" is not what the runs give")
		}
	}
	if len(problems) > 0 {
		return &NotReproduced{Experiment: e.Dir, Problems: problems}
	}
	return nil
}

// readmeState compares the README's findings block with the findings.
func readmeState(e *Experiment, rep *Reproduction) string {
	if len(rep.Unchecked) > 0 {
		return "unchecked"
	}
	data, err := os.ReadFile(filepath.Join(e.Dir, "README.md"))
	if err != nil {
		return "missing"
	}
	block, err := findings.ReadBlock(data)
	if err != nil {
		return "missing"
	}
	if block != findings.Block(rep.Findings) {
		return "differs"
	}
	return "up to date"
}

// RecordedFindings reads an experiment's expected/findings.json.
func RecordedFindings(e *Experiment) ([]*findings.Result, error) {
	var rec struct {
		Findings []*findings.Result `json:"findings"`
	}
	path := filepath.Join(expectedDir(e), "findings.json")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return rec.Findings, nil
}
