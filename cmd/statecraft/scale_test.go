package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/model/ishigami"
	"github.com/statecraft/statecraft/sweep"
)

// TestMain lets the tests run the test binary itself as the statecraft
// command (SC_TEST_RUN_CLI=1), so that a real process can be killed.
func TestMain(m *testing.M) {
	if os.Getenv("SC_TEST_RUN_CLI") == "1" {
		main()
	}
	os.Exit(m.Run())
}

const scaleConfig = `model: espionage
params: {horizon: 30}
sweep:
  grid:
    - {param: strategy, values: [grim, punish]}
    - {param: false_alarm, values: [0.05, 0.1, 0.75]}
  uncertain:
    - {param: detection, dist: uniform, min: 0.55, max: 0.95}
    - {param: discount, dist: beta, alpha: 8, beta: 2, min: 0.5, max: 0.99}
  sampling: lhs
  samples: 5
  replications: 16
  seed: 21
  invalid: skip
  raw: true
`

var outputs = []string{"results.csv", "results.parquet", "replications.parquet", "design.csv"}

func mustRun(t *testing.T, environ []string, args ...string) string {
	t.Helper()
	code, out, stderr := runCLI(t, environ, args...)
	if code != 0 {
		t.Fatalf("statecraft %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	return out
}

func sameFiles(t *testing.T, a, b string, names ...string) {
	t.Helper()
	for _, n := range names {
		x, err1 := os.ReadFile(filepath.Join(a, n))
		y, err2 := os.ReadFile(filepath.Join(b, n))
		if err1 != nil || err2 != nil {
			t.Errorf("%s: %v %v", n, err1, err2)
			continue
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s", n, a, b)
		}
	}
}

// Shards 1/3, 2/3, 3/3 (run with different worker counts, in any order)
// merge into the bytes of the unsharded run: results.csv, results.parquet,
// replications.parquet and design.csv.
func TestShardsMergeEqualWholeRun(t *testing.T) {
	cfg := writeConfig(t, scaleConfig)
	whole := t.TempDir()
	mustRun(t, nil, "sweep", cfg, "-o", whole, "--workers", "2")
	if _, err := os.Stat(filepath.Join(whole, "parts")); !os.IsNotExist(err) {
		t.Errorf("a single-machine run leaves its parts: %v", err)
	}
	sharded := t.TempDir()
	for _, s := range []struct{ shard, workers string }{{"3/3", "1"}, {"1/3", "3"}, {"2/3", "2"}} {
		out := mustRun(t, nil, "sweep", cfg, "-o", sharded, "--shard", s.shard, "--workers", s.workers)
		if !strings.Contains(out, "parts/part-000"+s.shard[:1]+"-of-0003.csv") {
			t.Errorf("shard %s printed %q", s.shard, out)
		}
	}
	if _, err := os.Stat(filepath.Join(sharded, "results.csv")); !os.IsNotExist(err) {
		t.Error("a shard wrote results.csv")
	}
	mustRun(t, nil, "merge", sharded)
	sameFiles(t, whole, sharded, outputs...)

	// Cells with false_alarm ≥ detection are invalid (NaN): count them in
	// the design.
	df, _ := os.Open(filepath.Join(whole, "design.csv"))
	design, _ := csv.NewReader(df).ReadAll()
	df.Close()
	invalid := 0
	for _, r := range design[1:] {
		q, _ := strconv.ParseFloat(r[2], 64)
		p, _ := strconv.ParseFloat(r[3], 64)
		if q >= p {
			invalid++
		}
	}
	data, _ := os.ReadFile(filepath.Join(sharded, "manifest.json"))
	var man map[string]any
	json.Unmarshal(data, &man)
	if invalid == 0 || man["cells"] != 30.0 || man["grid_cells"] != 6.0 || man["samples"] != 5.0 || man["shards"] != 3.0 ||
		len(man["parts"].([]any)) != 3 || man["invalid_cells"] != float64(invalid) || man["raw_records"] != 480.0 {
		t.Errorf("manifest (want %d invalid cells): %v", invalid, man)
	}
}

// results.parquet holds the rows of results.csv, typed, with the config hash
// and version in its metadata.
func TestParquetMatchesCSV(t *testing.T) {
	cfg := writeConfig(t, scaleConfig)
	dir := t.TempDir()
	mustRun(t, nil, "sweep", cfg, "-o", dir)
	c, err := config.Load(cfg, config.Overrides{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Bind()
	if err != nil {
		t.Fatal(err)
	}
	plan, err := sweep.NewPlan(&st.Spec)
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := readTable(t, filepath.Join(dir, "results.csv"))
	pq, err := os.ReadFile(filepath.Join(dir, "results.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	names, rows, meta, err := sweep.ReadParquetRows(bytes.NewReader(pq), int64(len(pq)), plan.Schema)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, ",") != strings.Join(recs[0], ",") || len(rows) != len(recs)-1 {
		t.Fatalf("parquet has columns %v and %d rows", names, len(rows))
	}
	for i, row := range rows {
		if strings.Join(row, ",") != strings.Join(recs[i+1], ",") {
			t.Fatalf("row %d:\nparquet %v\ncsv     %v", i, row, recs[i+1])
		}
	}
	if meta["statecraft.config_sha256"] != c.Hash() || meta["statecraft.version"] == "" || !strings.Contains(meta["statecraft.config"], `"seed":21`) {
		t.Errorf("metadata %v", meta)
	}
	if !bytes.Contains(pq, []byte("statecraft")) {
		t.Error("no created-by")
	}
}

// Inside a Slurm job array the shard comes from the environment.
func TestShardFromSlurmEnvironment(t *testing.T) {
	cfg := writeConfig(t, scaleConfig)
	dir := t.TempDir()
	for id := 5; id <= 6; id++ {
		env := []string{"SLURM_ARRAY_TASK_ID=" + strconv.Itoa(id), "SLURM_ARRAY_TASK_COUNT=2", "SLURM_ARRAY_TASK_MIN=5"}
		code, out, stderr := runCLI(t, env, "sweep", cfg, "-o", dir)
		if code != 0 || !strings.Contains(out, fmt.Sprintf("part-%04d-of-0002.csv", id-4)) || !strings.Contains(stderr, "from the Slurm job array") {
			t.Fatalf("task %d: exit %d %s %s", id, code, out, stderr)
		}
	}
	whole := t.TempDir()
	mustRun(t, nil, "sweep", cfg, "-o", whole)
	mustRun(t, nil, "merge", dir)
	sameFiles(t, whole, dir, outputs...)
	code, _, stderr := runCLI(t, []string{"SLURM_ARRAY_TASK_ID=7", "SLURM_ARRAY_TASK_COUNT=2", "SLURM_ARRAY_TASK_MIN=5"}, "sweep", cfg, "-o", dir)
	if code != 2 || !strings.Contains(stderr, "SLURM_ARRAY_TASK_ID") {
		t.Errorf("task outside the array: exit %d %s", code, stderr)
	}
}

// merge refuses, naming what is wrong: a missing part, a cell in two parts,
// parts of two configs, a part changed after it finished.
func TestMergeErrors(t *testing.T) {
	cfg := writeConfig(t, scaleConfig)
	fresh := func(shards ...string) string {
		dir := t.TempDir()
		for _, s := range shards {
			mustRun(t, nil, "sweep", cfg, "-o", dir, "--shard", s)
		}
		return dir
	}
	expect := func(dir string, want ...string) {
		t.Helper()
		code, _, stderr := runCLI(t, nil, "merge", dir)
		if code != 2 {
			t.Errorf("exit %d, want 2: %s", code, stderr)
		}
		for _, w := range want {
			if !strings.Contains(stderr, w) {
				t.Errorf("merge error %q does not mention %q", stderr, w)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "results.csv")); !os.IsNotExist(err) {
			t.Error("a refused merge wrote results.csv")
		}
	}
	expect(fresh("1/3", "3/3"), "cells 10–19 are in no part", "part-0002-of-0003.json")
	expect(fresh("1/3", "2/3"), "cells 20–29 are in no part", "part-0003-of-0003.json")
	expect(fresh("1/3", "2/3", "3/3", "1/2"), "cells 0–9 are in two parts", "part-0001-of-0002", "part-0001-of-0003", "cells 10–14 are in two parts")
	expect(t.TempDir(), "no finished parts")

	dir := fresh("1/2")
	mustRun(t, nil, "sweep", cfg, "-o", dir, "--shard", "2/2", "--set", "sweep.seed=22")
	expect(dir, "different configs", "part-0001-of-0002", "part-0002-of-0002")

	dir = fresh("1/2", "2/2")
	part := filepath.Join(dir, "parts", "part-0002-of-0002.csv")
	data, _ := os.ReadFile(part)
	k := bytes.LastIndex(data, []byte(",punish,"))
	os.WriteFile(part, append(append(bytes.Clone(data[:k]), ",punisx,"...), data[k+8:]...), 0o644)
	expect(dir, "part-0002-of-0002.csv", "SHA-256")
}

// waitRows polls a journal until it holds at least n rows.
func waitRows(t *testing.T, path string, n int, deadline time.Duration) bool {
	t.Helper()
	end := time.Now().Add(deadline)
	for time.Now().Before(end) {
		if data, err := os.ReadFile(path); err == nil && bytes.Count(data, []byte("\n")) > n {
			return true
		}
		time.Sleep(2 * time.Millisecond)
	}
	return false
}

const killConfig = `model: espionage
params: {horizon: 200, discount: 0.95}
sweep:
  grid:
    - {param: strategy, values: [grim, punish, probabilistic]}
    - {param: false_alarm, from: 0, to: 0.2, steps: 5}
  uncertain:
    - {param: detection, dist: uniform, min: 0.6, max: 0.95}
  sampling: sobol
  samples: 16
  replications: 400
  seed: 9
  raw: true
`

// A sweep killed with SIGKILL in the middle of the run and resumed ends with
// the same bytes as an uninterrupted one. The killed process is this test
// binary acting as statecraft (see TestMain).
func TestResumeAfterSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the sweep three times")
	}
	cfg := writeConfig(t, killConfig)
	dir := filepath.Join(t.TempDir(), "run")
	cmd := exec.Command(os.Args[0], "sweep", cfg, "-o", dir, "--workers", "1")
	cmd.Env = append(os.Environ(), "SC_TEST_RUN_CLI=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	journal := filepath.Join(dir, "parts", "part-0001-of-0001.csv.partial")
	if !waitRows(t, journal, 3, 60*time.Second) {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("no rows journalled: %s", stderr.String())
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the run was not killed (it finished first?): %v", err)
	}
	data, _ := os.ReadFile(journal)
	rows := bytes.Count(data, []byte("\n")) - 1
	if rows >= 240 {
		t.Fatalf("the journal already holds all %d rows", rows)
	}
	if _, err := os.Stat(filepath.Join(dir, "results.csv")); !os.IsNotExist(err) {
		t.Fatal("a killed run left results.csv")
	}

	// Resume with a changed config: refused, the journal untouched.
	code, _, msg := runCLI(t, nil, "sweep", cfg, "-o", dir, "--resume", "--set", "sweep.replications=401")
	if code != 2 || !strings.Contains(msg, "cannot resume") || !strings.Contains(msg, "different config") {
		t.Errorf("changed config: exit %d %s", code, msg)
	}
	// Resume with the same config: the same bytes as a run never killed.
	code, _, msg = runCLI(t, nil, "sweep", cfg, "-o", dir, "--resume", "--workers", "2")
	if code != 0 {
		t.Fatalf("resume: exit %d %s", code, msg)
	}
	whole := t.TempDir()
	mustRun(t, nil, "sweep", cfg, "-o", whole)
	sameFiles(t, whole, dir, outputs...)
	var man struct {
		Parts []struct {
			ResumedAt int `json:"resumed_at_cell"`
		} `json:"parts"`
	}
	data, _ = os.ReadFile(filepath.Join(dir, "manifest.json"))
	json.Unmarshal(data, &man)
	if len(man.Parts) != 1 || man.Parts[0].ResumedAt < rows-1 || man.Parts[0].ResumedAt == 0 {
		t.Errorf("manifest parts %+v (journal had %d rows)", man.Parts, rows)
	}

	// A finished run: --resume does nothing with the same config and
	// refuses another.
	code, _, msg = runCLI(t, nil, "sweep", cfg, "-o", dir, "--resume")
	if code != 0 || !strings.Contains(msg, "already complete") {
		t.Errorf("resume of a finished run: %d %s", code, msg)
	}
	code, _, msg = runCLI(t, nil, "sweep", cfg, "-o", dir, "--resume", "--set", "sweep.seed=10")
	if code != 2 || !strings.Contains(msg, "different config") {
		t.Errorf("resume of a finished run with another config: %d %s", code, msg)
	}
}

// An interrupted shard resumes too; its journal is named in merge's error
// until then.
func TestShardResume(t *testing.T) {
	cfg := writeConfig(t, killConfig)
	dir := t.TempDir()
	mustRun(t, nil, "sweep", cfg, "-o", dir, "--shard", "1/2")
	ctx, cancel := context.WithCancel(context.Background())
	journal := filepath.Join(dir, "parts", "part-0002-of-0002.csv.partial")
	go func() {
		waitRows(t, journal, 2, 60*time.Second)
		cancel()
	}()
	var out, errb bytes.Buffer
	code := execute(ctx, []string{"sweep", cfg, "-o", dir, "--shard", "2/2", "--workers", "1"}, &out, &errb, nil)
	cancel()
	if code != 1 || !strings.Contains(errb.String(), "--resume") {
		t.Fatalf("interrupted shard: exit %d %s", code, errb.String())
	}
	code, _, msg := runCLI(t, nil, "merge", dir)
	if code != 2 || !strings.Contains(msg, "part-0002-of-0002.json (a journal exists") {
		t.Errorf("merge with an unfinished part: %d %s", code, msg)
	}
	code, _, msg = runCLI(t, nil, "sweep", cfg, "-o", dir, "--shard", "2/2", "--resume", "--set", "sweep.seed=1")
	if code != 2 || !strings.Contains(msg, "part-0002-of-0002.start.json") {
		t.Errorf("changed config on a shard: %d %s", code, msg)
	}
	mustRun(t, nil, "sweep", cfg, "-o", dir, "--shard", "2/2", "--resume")
	code, _, msg = runCLI(t, nil, "sweep", cfg, "-o", dir, "--shard", "2/2", "--resume")
	if code != 0 || !strings.Contains(msg, "already complete") {
		t.Errorf("resume of a complete shard: %d %s", code, msg)
	}
	mustRun(t, nil, "merge", dir)
	whole := t.TempDir()
	mustRun(t, nil, "sweep", cfg, "-o", whole)
	sameFiles(t, whole, dir, outputs...)
}

// LHS and Sobol designs through the command line: the same config gives the
// same design and results whatever the workers; another seed another design;
// LHS has one point in each of the N strata of every parameter, and the first
// 16 scrambled Sobol points one in each sixteenth of every parameter's range
// (a (0, m, 1)-net in each coordinate).
func TestSampledDesigns(t *testing.T) {
	for _, method := range []string{"lhs", "sobol", "random"} {
		cfg := writeConfig(t, fmt.Sprintf(`model: espionage
sweep:
  grid: [{param: strategy, values: [grim, punish]}]
  uncertain:
    - {param: detection, dist: uniform, min: 0.5, max: 0.9}
    - {param: discount, dist: uniform, min: 0.6, max: 0.99}
  sampling: %s
  samples: 16
  replications: 4
  seed: 77
`, method))
		a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
		mustRun(t, nil, "sweep", cfg, "-o", a, "--workers", "1")
		mustRun(t, nil, "sweep", cfg, "-o", b, "--workers", "3")
		mustRun(t, nil, "sweep", cfg, "-o", c, "--set", "sweep.seed=78")
		sameFiles(t, a, b, "design.csv", "results.csv", "results.parquet")
		da, _ := os.ReadFile(filepath.Join(a, "design.csv"))
		dc, _ := os.ReadFile(filepath.Join(c, "design.csv"))
		if bytes.Equal(da, dc) {
			t.Errorf("%s: the seed does not change the design", method)
		}
		recs, err := csv.NewReader(bytes.NewReader(da)).ReadAll()
		if err != nil || len(recs) != 33 || strings.Join(recs[0], ",") != "cell,strategy,detection,discount" {
			t.Fatalf("%s design: %v %v", method, recs[:1], err)
		}
		for i := 0; i < 16; i++ { // the same points for both strategies
			if recs[1+i][1] != "grim" || recs[17+i][1] != "punish" || recs[1+i][2] != recs[17+i][2] || recs[1+i][3] != recs[17+i][3] {
				t.Fatalf("%s: cells %d and %d: %v %v", method, i, 16+i, recs[1+i], recs[17+i])
			}
		}
		if method == "random" {
			continue
		}
		for k, rng := range [][2]float64{{0.5, 0.9}, {0.6, 0.99}} {
			seen := map[int]bool{}
			for i := 0; i < 16; i++ {
				x, _ := strconv.ParseFloat(recs[1+i][2+k], 64)
				seen[int(16*(x-rng[0])/(rng[1]-rng[0]))] = true
			}
			if len(seen) != 16 {
				t.Errorf("%s: parameter %d fills %d of 16 strata", method, k, len(seen))
			}
		}
	}
}

// statecraft sensitivity on configs/ishigami.yaml: the exact Sobol indices of
// the Ishigami function (closed form, model/ishigami.Exact: S1 = 0.3139,
// 0.4424, 0; ST3 = 0.2437; S13 = 0.2437) lie in the bootstrap intervals.
func TestIshigamiSensitivity(t *testing.T) {
	dir := t.TempDir()
	out := mustRun(t, nil, "sensitivity", "../../configs/ishigami.yaml", "--json", "-o", dir)
	var raw struct {
		Indices     []map[string]any `json:"indices"`
		SecondOrder []map[string]any `json:"second_order"`
		Confidence  float64          `json:"confidence"`
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	ex := ishigami.Exact(7, 0.1)
	if math.Abs(ex.First[0]-0.3139) > 5e-5 || math.Abs(ex.Total[2]-0.2437) > 5e-5 {
		t.Fatalf("exact indices %+v", ex)
	}
	if len(raw.Indices) != 3 || len(raw.SecondOrder) != 3 || raw.Confidence != 0.95 {
		t.Fatalf("json: %s", out)
	}
	within := func(name string, exact float64, row map[string]any, key string) {
		v, lo, hi := row[key].(float64), row[key+"_lo"].(float64), row[key+"_hi"].(float64)
		if !(lo <= exact && exact <= hi) || hi-lo > 0.1 {
			t.Errorf("%s = %.4f [%.4f, %.4f], exact %.4f", name, v, lo, hi, exact)
		}
	}
	for k, row := range raw.Indices {
		if row["metric"] != "y" || row["param"] != fmt.Sprintf("x%d", k+1) {
			t.Fatalf("row %v", row)
		}
		within(fmt.Sprintf("S1[%d]", k+1), ex.First[k], row, "S1")
		within(fmt.Sprintf("ST[%d]", k+1), ex.Total[k], row, "ST")
	}
	for _, row := range raw.SecondOrder {
		i, _ := strconv.Atoi(strings.TrimPrefix(row["param_i"].(string), "x"))
		j, _ := strconv.Atoi(strings.TrimPrefix(row["param_j"].(string), "x"))
		within(fmt.Sprintf("S%d%d", i, j), ex.Second[i-1][j-1], row, "S2")
	}
	for _, f := range []string{"indices.csv", "sensitivity.json", "sensitivity.txt", "results.csv", "design.csv", "manifest.json", "figures/sensitivity-y.svg", "figures/sensitivity-y.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	// Reproducible: the same command gives the same table.
	dir2 := t.TempDir()
	if out2 := mustRun(t, nil, "sensitivity", "../../configs/ishigami.yaml", "--json", "-o", dir2, "--workers", "1"); out2 != out {
		t.Error("sensitivity output differs between runs")
	}
	sameFiles(t, dir, dir2, "figures/sensitivity-y.svg", "indices.csv", "results.csv")

	// Morris ranks x1 and x2 above x3 by μ*... and errors name their key.
	code, _, stderr := runCLI(t, nil, "sensitivity", "../../configs/ishigami.yaml", "--method", "morriss", "-o", t.TempDir())
	if code != 2 || !strings.Contains(stderr, "--method") {
		t.Errorf("bad method: %d %s", code, stderr)
	}
	code, _, stderr = runCLI(t, nil, "sensitivity", writeConfig(t, "model: ishigami\n"), "-o", t.TempDir())
	if code != 2 || !strings.Contains(stderr, "sweep.uncertain") {
		t.Errorf("no uncertain parameters: %d %s", code, stderr)
	}
}

// Two processes never run the same part at once.
func TestPartLock(t *testing.T) {
	cfg := writeConfig(t, killConfig)
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "sweep", cfg, "-o", dir, "--workers", "1", "--shard", "1/2")
	cmd.Env = append(os.Environ(), "SC_TEST_RUN_CLI=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	if !waitRows(t, filepath.Join(dir, "parts", "part-0001-of-0002.csv.partial"), 1, 60*time.Second) {
		t.Fatal("the first run journalled nothing")
	}
	code, _, msg := runCLI(t, nil, "sweep", cfg, "-o", dir, "--shard", "1/2", "--resume")
	if code == 0 || !strings.Contains(msg, "is being run by pid") {
		t.Errorf("second run of a running part: exit %d %s", code, msg)
	}
}
