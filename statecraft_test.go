package statecraft_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/statecraft/statecraft"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/sweep"
)

// fewReplications keeps the simulated metrics (and so every kind of column)
// while making each base config's sweep take a fraction of a second.
const fewReplications = 8

// TestSweepIsResultsCSV: the in-memory sweep of every base config is the
// results.csv that statecraft sweep writes — byte for byte through
// WriteCSV, and value for value through the typed columns — and every
// figure drawn from the table is the file the run directory holds.
func TestSweepIsResultsCSV(t *testing.T) {
	configs, _ := filepath.Glob("configs/*.yaml")
	if len(configs) < 9 {
		t.Fatalf("found %d base configs", len(configs))
	}
	for _, path := range configs {
		t.Run(filepath.Base(path), func(t *testing.T) {
			sets := []string{"sweep.replications=" + strconv.Itoa(fewReplications)}
			if filepath.Base(path) == "tournament.yaml" {
				sets = append(sets, "params.turns=20") // the exact scores of 200 turns take seconds
			}
			s, err := statecraft.Load(path, sets...)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			m, err := s.SweepTo(context.Background(), dir, statecraft.Options{Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			tab, err := s.SweepContext(context.Background(), statecraft.Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(dir, "results.csv"))
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := tab.WriteCSV(&got); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Fatalf("WriteCSV differs from results.csv (%d vs %d bytes)", got.Len(), len(want))
			}
			if tab.Len() != m.Cells {
				t.Errorf("Len = %d, the manifest has %d cells", tab.Len(), m.Cells)
			}
			checkTyped(t, tab, want)
			for _, f := range s.Figures() {
				for _, format := range []string{"png", "svg"} {
					file, err := os.ReadFile(filepath.Join(dir, "figures", f.Spec.Name+"."+format))
					if err != nil {
						t.Fatal(err)
					}
					data, err := f.Draw(tab, format)
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(data, file) {
						t.Errorf("figure %s.%s drawn from the table differs from the run's file", f.Spec.Name, format)
					}
				}
			}
		})
	}
}

// checkTyped compares every typed value of the table with the CSV's field.
func checkTyped(t *testing.T, tab *statecraft.Table, csvBytes []byte) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(csvBytes)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header, rows := recs[0], recs[1:]
	cols := tab.Columns()
	if len(cols) != len(header) {
		t.Fatalf("%d columns, results.csv has %d", len(cols), len(header))
	}
	for k, c := range cols {
		if c.Name != header[k] {
			t.Fatalf("column %d is %s, results.csv has %s", k, c.Name, header[k])
		}
		if c.Numeric() {
			vals := tab.Float(c.Name)
			for i, r := range rows {
				want, err := strconv.ParseFloat(r[k], 64)
				if err != nil {
					t.Fatalf("%s row %d: %q is not a number", c.Name, i, r[k])
				}
				if math.Float64bits(vals[i]) != math.Float64bits(want) && !(math.IsNaN(vals[i]) && math.IsNaN(want)) {
					t.Fatalf("%s row %d: %v, results.csv has %s", c.Name, i, vals[i], r[k])
				}
			}
			continue
		}
		vals := tab.String(c.Name)
		for i, r := range rows {
			if want := r[k]; vals[i] != want && !(vals[i] == "" && want == "NaN") {
				t.Fatalf("%s row %d: %q, results.csv has %q", c.Name, i, vals[i], want)
			}
		}
	}
}

func TestTableColumns(t *testing.T) {
	s := statecraft.Must(statecraft.Load("configs/espionage.yaml", "sweep.replications=4"))
	tab := statecraft.Must(s.Sweep())
	cases := []struct {
		name         string
		kind         sweep.ColumnKind
		param        bool
		metric, stat string
		unit         string
	}{
		{"cell", sweep.Int, false, "", "", ""},
		{"strategy", sweep.String, true, "", "", ""},
		{"detection", sweep.Float, true, "", "", "probability"},
		{"delta_star", sweep.Float, false, "delta_star", "", ""},
		{"coop_rate_mean", sweep.Float, false, "coop_rate", "mean", "share of periods"},
		{"coop_rate_n", sweep.Int, false, "coop_rate", "n", "share of periods"},
	}
	for _, c := range cases {
		got := tab.Column(c.name)
		if got.Kind != c.kind || got.Param != c.param || got.Metric != c.metric || got.Stat != c.stat || got.Unit != c.unit {
			t.Errorf("%s: %+v, want kind %v param %v metric %q stat %q unit %q", c.name, got, c.kind, c.param, c.metric, c.stat, c.unit)
		}
	}
	if doc := tab.Column("coop_rate_se").Doc; !strings.Contains(doc, "both states restrained") {
		t.Errorf("coop_rate_se doc %q", doc)
	}
	// Invalid cells (false_alarm ≥ detection, sweep.invalid: skip) are NaN
	// rows, counted in Stats.
	grid := []any{
		map[string]any{"param": "strategy", "values": []any{"grim"}},
		map[string]any{"param": "false_alarm", "values": []any{0.1, 0.3}},
		map[string]any{"param": "detection", "values": []any{0.2, 0.8}},
	}
	tab = statecraft.Must(statecraft.Must(s.With("sweep.grid", grid)).Sweep())
	if tab.Len() != 4 || tab.Stats().Invalid != 1 || len(tab.Stats().InvalidNotes) != 1 {
		t.Fatalf("%d rows, %d invalid (%v); want 4 rows, 1 invalid", tab.Len(), tab.Stats().Invalid, tab.Stats().InvalidNotes)
	}
	inv := tab.Where("false_alarm", 0.3).Where("detection", 0.2)
	if inv.Len() != 1 || !math.IsNaN(inv.Float("value")[0]) || !math.IsNaN(inv.Float("coop_rate_n")[0]) {
		t.Errorf("the invalid cell should be NaN: %d rows, value %v, n %v", inv.Len(), inv.Float("value"), inv.Float("coop_rate_n"))
	}
}

func TestWhere(t *testing.T) {
	s := statecraft.Must(statecraft.Load("configs/espionage.yaml", "sweep.replications=0"))
	tab := statecraft.Must(s.Sweep())
	grim := tab.Where("strategy", "grim")
	if grim.Len() != 7*11 {
		t.Fatalf("grim: %d rows, want 77", grim.Len())
	}
	// 0.8 is 0.5 + 6 × 0.05 computed on a linear range: found all the same.
	cell := grim.Where("detection", 0.8).Where("false_alarm", 0.1)
	if cell.Len() != 1 {
		t.Fatalf("%d rows at p = 0.8, q = 0.1", cell.Len())
	}
	// MODELS.md §1: δ* = 0.625 and grim V = 2.052632 at p = 0.8, q = 0.1, δ = 0.9.
	if d := cell.Float("delta_star")[0]; math.Abs(d-0.625) > 1e-12 {
		t.Errorf("δ* = %v, want 0.625", d)
	}
	if v := cell.Float("value")[0]; math.Abs(v-2.052632) > 5e-7 {
		t.Errorf("V = %v, want 2.052632", v)
	}
	if got := tab.Where("cell", 3).Float("cell"); !slices.Equal(got, []float64{3}) {
		t.Errorf("Where on an int column: %v", got)
	}
	if n := grim.Where("strategy", "punish").Len(); n != 0 {
		t.Errorf("grim and punish: %d rows", n)
	}
}

func TestPanicsNameTheNearest(t *testing.T) {
	s := statecraft.Must(statecraft.Load("configs/espionage.yaml", "sweep.replications=0"))
	tab := statecraft.Must(s.Sweep())
	sol := statecraft.Must(s.Solve())
	for _, c := range []struct {
		name string
		f    func()
		want string
	}{
		{"Float unknown", func() { tab.Float("delta_str") }, `no column named "delta_str"; did you mean "delta_star"?`},
		{"Float of text", func() { tab.Float("strategy") }, "holds text"},
		{"String of numbers", func() { tab.String("value") }, "is numeric"},
		{"Column unknown", func() { tab.Column("valeu") }, `did you mean "value"?`},
		{"Where wrong type", func() { tab.Where("detection", "0.8") }, "needs a number"},
		{"Where text wrong type", func() { tab.Where("strategy", 1) }, "needs a string"},
		{"Value unknown", func() { sol.Value("vbr") }, `no metric of model espionage named "vbr"; did you mean "vbar"?`},
		{"Level numeric", func() { sol.Level("value") }, "numeric, not categorical"},
		{"Must", func() { statecraft.Must(statecraft.Load("nope.yaml")) }, "nope.yaml: no such file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				r := recover()
				msg := ""
				switch x := r.(type) {
				case string:
					msg = x
				case error:
					msg = x.Error()
				}
				if !strings.Contains(msg, c.want) {
					t.Errorf("panic %v, want it to contain %q", r, c.want)
				}
			}()
			c.f()
		})
	}
}

func TestErrorsAreTheCLIs(t *testing.T) {
	esp := statecraft.Must(statecraft.Load("configs/espionage.yaml"))
	for _, c := range []struct {
		name string
		f    func() error
		want string
	}{
		{"missing file", func() error { _, err := statecraft.Load("configs/nope.yaml"); return err }, "configs/nope.yaml: no such file"},
		{"bad set", func() error { _, err := statecraft.Load("configs/espionage.yaml", "params.detectoin=0.9"); return err }, `did you mean "detection"?`},
		{"env", func() error {
			_, err := statecraft.LoadEnv("configs/espionage.yaml", []string{"STATECRAFT_PARAMS_DETECTOIN=0.9"})
			return err
		}, "environment variable STATECRAFT_PARAMS_DETECTOIN"},
		{"With unknown", func() error { _, err := esp.With("params.detectoin", 0.9); return err }, `configs/espionage.yaml: params.detectoin: unknown parameter of model espionage; did you mean "detection"?`},
		{"With range", func() error { _, err := statecraft.Must(esp.With("params.detection", 1.5)).Solve(); return err }, "configs/espionage.yaml: params.detection"},
		{"Parse YAML", func() error { _, err := statecraft.Parse("model: [espionage"); return err }, "(config): not a YAML mapping"},
		{"Parse model", func() error { _, err := statecraft.Parse("model: espionag"); return err }, `did you mean "espionage"?`},
		{"New model", func() error { _, err := statecraft.New("sanction", nil); return err }, `sanction (in code): model: unknown model "sanction"; did you mean "sanctions"?`},
		{"New params", func() error {
			_, err := statecraft.Must(statecraft.New("timing", map[string]any{"stealth": 1.5})).Solve()
			return err
		}, "timing (in code): params.stealth"},
		{"Figure name", func() error { _, err := esp.Figure("coop"); return err }, `no figure "coop"; did you mean "coop-rate"?`},
		{"ParseFigure key", func() error {
			_, err := statecraft.ParseFigure("{kind: line, x: detection, y: value, seires: strategy}")
			return err
		}, `did you mean "series"?`},
		{"ParseFigure kind", func() error { _, err := statecraft.ParseFigure("{kind: pie, x: a, y: b}"); return err }, "figure.kind"},
		{"Draw column", func() error {
			tab := statecraft.Must(statecraft.Must(esp.With("sweep.replications", 0)).Sweep())
			f := statecraft.Must(statecraft.ParseFigure("{kind: line, x: detecton, y: value}"))
			_, err := f.Draw(tab, "png")
			return err
		}, `did you mean "detection"?`},
		{"Draw format", func() error {
			tab := statecraft.Must(statecraft.Must(esp.With("sweep.replications", 0)).Sweep())
			_, err := statecraft.Must(esp.Figure("value-grim")).Draw(tab, "gif")
			return err
		}, `unknown format "gif"`},
		{"Sensitivity without uncertain", func() error { _, err := esp.Sensitivity(statecraft.SensitivityOptions{}); return err }, "sweep.uncertain"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.f()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to contain %q", err, c.want)
			}
		})
	}
	// Bad input stays bad input (exit code 2 in the CLI).
	_, err := statecraft.Must(esp.With("params.detection", 1.5)).Solve()
	if !model.IsBadInput(err) {
		t.Errorf("%v is not bad input", err)
	}
}

// TestWithDoesNotChangeTheStudy: a study is a value; With makes another.
func TestWithDoesNotChangeTheStudy(t *testing.T) {
	s := statecraft.Must(statecraft.Load("configs/espionage.yaml"))
	s95 := statecraft.Must(s.With("params.detection", 0.95))
	if p := statecraft.Must(s.Solve()).Params["detection"]; p != 0.8 {
		t.Errorf("the original study's detection became %v", p)
	}
	if p := statecraft.Must(s95.Solve()).Params["detection"]; p != 0.95 {
		t.Errorf("With: detection %v", p)
	}
	// The same study, from a file with --set, from With and from code.
	viaSet := statecraft.Must(statecraft.Load("configs/espionage.yaml", "params.detection=0.95"))
	if a, b := viaSet.Config().Hash(), s95.Config().Hash(); a != b {
		t.Errorf("--set and With give different configs: %s vs %s", a, b)
	}
	inCode := statecraft.Must(statecraft.New("espionage", map[string]any{"detection": 0.95, "false_alarm": 0.1, "discount": 0.9}))
	a, b := statecraft.Must(inCode.Solve()), statecraft.Must(s95.Solve())
	if !reflect.DeepEqual(a.Values, b.Values) {
		t.Errorf("New and Load+With solve differently: %v vs %v", a.Values, b.Values)
	}
}

// TestSensitivityIsTheCLIs: the in-memory analysis gives the indices, model
// runs and figures statecraft sensitivity writes.
func TestSensitivityIsTheCLIs(t *testing.T) {
	s := statecraft.Must(statecraft.Load("configs/ishigami.yaml", "sweep.samples=256"))
	for _, opt := range []statecraft.SensitivityOptions{
		{Method: "sobol", SecondOrder: true, Resamples: 100},
		{Method: "morris", Levels: 4, Resamples: 100},
	} {
		t.Run(opt.Method, func(t *testing.T) {
			dir := t.TempDir()
			rep, err := s.SensitivityTo(context.Background(), dir, opt)
			if err != nil {
				t.Fatal(err)
			}
			a, err := s.Sensitivity(opt)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a.Result, rep.Result) {
				t.Errorf("indices differ:\n%+v\n%+v", a.Result, rep.Result)
			}
			if a.Design.Len() != rep.Manifest.Evaluations || !slices.Equal(a.Analysed, rep.Manifest.Metrics) {
				t.Errorf("analysis %d runs of %v, manifest %d of %v", a.Design.Len(), a.Analysed, rep.Manifest.Evaluations, rep.Manifest.Metrics)
			}
			want, _ := os.ReadFile(filepath.Join(dir, "results.csv"))
			var got bytes.Buffer
			if err := a.Runs.WriteCSV(&got); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("the model runs differ from results.csv")
			}
			for _, format := range []string{"png", "svg"} {
				figs, err := a.Figures(format)
				if err != nil {
					t.Fatal(err)
				}
				if len(figs) != 1 || figs[0].Metric != "y" {
					t.Fatalf("figures %+v", figs)
				}
				file, _ := os.ReadFile(filepath.Join(dir, "figures", figs[0].Name+"."+format))
				if !bytes.Equal(figs[0].Data, file) {
					t.Errorf("%s.%s differs from the file", figs[0].Name, format)
				}
			}
		})
	}
}
