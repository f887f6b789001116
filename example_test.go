package statecraft_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/statecraft/statecraft"
	"github.com/statecraft/statecraft/run"
	"github.com/statecraft/statecraft/sweep"
)

// Known answers are from the model catalogue (MODELS.md), each cited where
// it is printed.

func ExampleLoad() {
	// The espionage base config: p = 0.8, q = 0.1, δ = 0.9, grim trigger.
	s, err := statecraft.Load("configs/espionage.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	sol, err := s.Solve()
	if err != nil {
		fmt.Println(err)
		return
	}
	// MODELS.md §1: δ* = 0.625 and grim V = 2.052632.
	fmt.Printf("δ* = %.6f, V = %.6f\n", sol.Value("delta_star"), sol.Value("value"))

	// Overrides are --set pairs.
	s, _ = statecraft.Load("configs/espionage.yaml", "params.detection=1", "params.false_alarm=0")
	sol, _ = s.Solve()
	fmt.Printf("perfect monitoring: δ* = %.6f\n", sol.Value("delta_star")) // (T−R)/(T−P) = 0.5
	// Output:
	// δ* = 0.625000, V = 2.052632
	// perfect monitoring: δ* = 0.500000
}

func ExampleLoadEnv() {
	environ := []string{"STATECRAFT_PARAMS_FALSE_ALARM=0.05", "HOME=/root"}
	s, _ := statecraft.LoadEnv("configs/espionage.yaml", environ, "params.detection=0.5")
	sol, _ := s.Solve()
	// MODELS.md §1: δ* = 0.714286 at p = 0.5, q = 0.05.
	fmt.Printf("q = %v, p = %v: δ* = %.6f\n", sol.Params["false_alarm"], sol.Params["detection"], sol.Value("delta_star"))
	// Output: q = 0.05, p = 0.5: δ* = 0.714286
}

func ExampleParse() {
	// The basic inspection game of MODELS.md §5 with perfect inspection.
	s, err := statecraft.Parse(`
model: inspection
params:
  violation_gain: 1        # d
  penalty: 1               # b
  inspect_cost: 1          # k
  inspector_detect_loss: 2 # a
  inspector_miss_loss: 10  # c
  miss_prob: 0             # β
  false_alarm_prob: 0      # α
`)
	if err != nil {
		fmt.Println(err)
		return
	}
	sol, _ := s.Solve()
	fmt.Printf("p* = %.3f, q* = %.3f\n", sol.Value("inspect_prob"), sol.Value("violate_prob"))
	// Output: p* = 0.500, q* = 0.125
}

func ExampleNew() {
	s, err := statecraft.New("timing", map[string]any{"stealth": 0.5, "persistence": 0.9, "discount": 0.9})
	if err != nil {
		fmt.Println(err)
		return
	}
	sol, _ := s.Solve()
	// MODELS.md §6: T* = 0.372743, V = 1.035398.
	fmt.Printf("T* = %.6f, V = %.6f\n", sol.Value("threshold"), sol.Value("value_sum"))
	// Output: T* = 0.372743, V = 1.035398
}

func ExampleMust() {
	s := statecraft.Must(statecraft.Load("configs/sanctions.yaml"))
	sol := statecraft.Must(s.Solve())
	fmt.Printf("P(threat) = %.2f\n", sol.Value("p_threat"))
	// Output: P(threat) = 0.50
}

func ExampleStudy_With() {
	s := statecraft.Must(statecraft.Load("configs/espionage.yaml"))
	// MODELS.md §1: δ* at (p, q) = (1, 0), (0.8, 0.1), (0.5, 0.05).
	for _, pq := range [][2]float64{{1, 0}, {0.8, 0.1}, {0.5, 0.05}} {
		at := statecraft.Must(s.With("params.detection", pq[0]))
		at = statecraft.Must(at.With("params.false_alarm", pq[1]))
		fmt.Printf("p = %.1f, q = %.2f: δ* = %.6f\n", pq[0], pq[1], statecraft.Must(at.Solve()).Value("delta_star"))
	}
	// Output:
	// p = 1.0, q = 0.00: δ* = 0.500000
	// p = 0.8, q = 0.10: δ* = 0.625000
	// p = 0.5, q = 0.05: δ* = 0.714286
}

func ExampleStudy_Solve() {
	// MODELS.md §4: v = 1, a = 0.5, g = 1, c_T = 2, c_S ~ U[0, 2] — the
	// sanctions base config — is semi-separating with P(threat) = 0.5 and
	// P(comply) = P(impose) = P(back down) = 1/6.
	s := statecraft.Must(statecraft.Load("configs/sanctions.yaml"))
	sol := statecraft.Must(s.Solve())
	fmt.Println(sol.Model, sol.Level("case"), sol.Certificate.Method)
	for _, m := range []string{"p_threat", "p_comply", "p_impose", "p_back_down"} {
		fmt.Printf("%s = %.6f\n", m, sol.Value(m))
	}
	// Output:
	// sanctions semi_separating closed form (target cost common knowledge)
	// p_threat = 0.500000
	// p_comply = 0.166667
	// p_impose = 0.166667
	// p_back_down = 0.166667
}

func ExampleSolution_Value() {
	sol := statecraft.Must(statecraft.Must(statecraft.Load("configs/espionage.yaml")).Solve())
	fmt.Printf("V̄ = %.6f\n", sol.Value("vbar")) // MODELS.md §1: 2.714286
	// Output: V̄ = 2.714286
}

func ExampleSolution_Level() {
	s := statecraft.Must(statecraft.Load("configs/sanctions.yaml", "params.target_cost=0.5"))
	fmt.Println(statecraft.Must(s.Solve()).Level("case")) // c_T ≤ g: no threat can coerce
	// Output: no_coercion
}

func ExampleStudy_Info() {
	info := statecraft.Must(statecraft.Load("configs/timing.yaml")).Info()
	fmt.Println(info.Name, "—", info.Metrics[0].Name, "in units of", info.Metrics[0].Unit)
	// Output: timing — threshold in units of payoff
}

func ExampleStudy_Config() {
	c := statecraft.Must(statecraft.Load("configs/espionage.yaml")).Config()
	fmt.Println(c.Model, c.Sweep.Replications, c.Sweep.Seed, len(c.Sweep.Grid))
	// Output: espionage 400 2015 3
}

func ExampleStudy_OutputDir() {
	s := statecraft.Must(statecraft.Load("configs/espionage.yaml"))
	fmt.Println(s.OutputDir(""), s.OutputDir("/tmp/run"))
	// Output: runs/espionage /tmp/run
}

// The sweep of a config written in code: two strategies against the
// false-alarm rate, simulated 200 times a cell. V is the closed form
// (MODELS.md §1: 2.052632 for grim at q = 0.1; 1 + 0.2/(0.1 + 0.09(1 − 0.9³))
// for three periods of punishment); the restraint rates are the seeded
// simulation's.
func ExampleStudy_Sweep() {
	s := statecraft.Must(statecraft.Parse(`
model: espionage
params: {detection: 0.8, discount: 0.9}
sweep:
  grid:
    - {param: strategy, values: [grim, punish]}
    - {param: false_alarm, values: [0, 0.1]}
  replications: 200
  seed: 7
`))
	t := statecraft.Must(s.Sweep())
	fmt.Println(t.Len(), "cells")
	for i, strategy := range t.String("strategy") {
		fmt.Printf("%-6s q = %.1f  V = %.4f  restraint %.3f ± %.3f\n", strategy, t.Float("false_alarm")[i],
			t.Float("value")[i], t.Float("coop_rate_mean")[i], t.Float("coop_rate_se")[i])
	}
	// Output:
	// 4 cells
	// grim   q = 0.0  V = 3.0000  restraint 1.000 ± 0.000
	// grim   q = 0.1  V = 2.0526  restraint 0.697 ± 0.026
	// punish q = 0.0  V = 3.0000  restraint 1.000 ± 0.000
	// punish q = 0.1  V = 2.6078  restraint 0.825 ± 0.015
}

func ExampleStudy_SweepContext() {
	s := statecraft.Must(statecraft.Load("configs/espionage.yaml", "sweep.replications=50"))
	var last int
	t, err := s.SweepContext(context.Background(), statecraft.Options{
		Workers:  2,
		Progress: func(done, total int) { last = done },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.Len(), "cells;", last, "reported done;", t.Stats().Workers, "workers")
	// Output: 231 cells; 231 reported done; 2 workers
}

func ExampleStudy_SweepTo() {
	dir, _ := os.MkdirTemp("", "statecraft-example")
	defer os.RemoveAll(dir)
	s := statecraft.Must(statecraft.Load("configs/espionage.yaml", "sweep.replications=20"))
	m, err := s.SweepTo(context.Background(), dir, statecraft.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	sort.Strings(m.Figures)
	fmt.Println(m.Cells, "cells:", strings.Join(m.Outputs, " "))
	fmt.Println(strings.Join(m.Figures, " "))

	// The table in memory holds the same bytes as results.csv.
	var buf bytes.Buffer
	statecraft.Must(s.Sweep()).WriteCSV(&buf)
	file, _ := os.ReadFile(filepath.Join(dir, "results.csv"))
	fmt.Println("identical:", bytes.Equal(buf.Bytes(), file))
	// Output:
	// 231 cells: design.csv results.csv results.parquet
	// figures/coop-rate.png figures/coop-rate.svg figures/sustainable-grim.png figures/sustainable-grim.svg figures/value-grim.png figures/value-grim.svg
	// identical: true
}

func ExampleStudy_SweepShard() {
	dir, _ := os.MkdirTemp("", "statecraft-example")
	defer os.RemoveAll(dir)
	s := statecraft.Must(statecraft.Load("configs/espionage.yaml", "sweep.replications=20"))
	p, err := s.SweepShard(context.Background(), dir, sweep.Shard{I: 2, N: 3}, statecraft.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("shard %d of %d: cells %d–%d in parts/%s\n", p.Shard, p.Shards, p.First, p.End-1, p.CSV)
	// Output: shard 2 of 3: cells 77–153 in parts/part-0002-of-0003.csv
}

func ExampleTable_Where() {
	t := statecraft.Must(statecraft.Must(statecraft.Load("configs/espionage.yaml", "sweep.replications=0")).Sweep())
	cell := t.Where("strategy", "grim").Where("detection", 0.8).Where("false_alarm", 0.1)
	fmt.Printf("%d row: δ* = %.3f\n", cell.Len(), cell.Float("delta_star")[0]) // MODELS.md §1
	// Output: 1 row: δ* = 0.625
}

func ExampleTable_Float() {
	t := statecraft.Must(statecraft.Must(statecraft.Load("configs/timing.yaml", "sweep.replications=0")).Sweep())
	th := t.Where("stealth", 0.5).Where("persistence", 0.9).Float("threshold")
	fmt.Printf("T* = %.6f\n", th[0]) // MODELS.md §6
	// Output: T* = 0.372743
}

func ExampleTable_String() {
	t := statecraft.Must(statecraft.Must(statecraft.Load("configs/sanctions.yaml", "sweep.replications=0")).Sweep())
	seen := map[string]bool{}
	var cases []string
	for _, c := range t.String("case") {
		if !seen[c] {
			seen[c] = true
			cases = append(cases, c)
		}
	}
	sort.Strings(cases)
	fmt.Println(cases)
	// Output: [pooling semi_separating]
}

func ExampleTable_Column() {
	t := statecraft.Must(statecraft.Must(statecraft.Load("configs/espionage.yaml", "sweep.replications=10")).Sweep())
	c := t.Column("coop_rate_hi")
	fmt.Printf("%s: %s of %s (%s), %s\n", c.Name, c.Stat, c.Metric, c.Unit, c.Doc)
	fmt.Println(t.Column("sustainable").Doc)
	// Output:
	// coop_rate_hi: hi of coop_rate (share of periods), share of periods in which both states restrained
	// 1 if the chosen strategy pair is self-enforcing (ic_slack ≥ 0), else 0
}

func ExampleTable_Columns() {
	t := statecraft.Must(statecraft.Must(statecraft.Load("configs/ishigami.yaml", "sweep.samples=8")).Sweep())
	for _, c := range t.Columns() {
		fmt.Printf("%s %v param=%v fixed=%v\n", c.Name, c.Kind, c.Param, c.Fixed)
	}
	// Output:
	// cell int param=false fixed=false
	// x1 float param=true fixed=false
	// x2 float param=true fixed=false
	// x3 float param=true fixed=false
	// a float param=false fixed=true
	// b float param=false fixed=true
	// y float param=false fixed=false
}

func ExampleColumn_Numeric() {
	t := statecraft.Must(statecraft.Must(statecraft.Load("configs/espionage.yaml", "sweep.replications=0")).Sweep())
	fmt.Println(t.Column("strategy").Numeric(), t.Column("detection").Numeric(), t.Column("cell").Numeric())
	// Output: false true true
}

func ExampleTable_Len() {
	t := statecraft.Must(statecraft.Must(statecraft.Load("configs/espionage.yaml", "sweep.replications=0")).Sweep())
	fmt.Println(t.Len(), t.Where("strategy", "punish").Len()) // 3 strategies × 7 q × 11 p
	// Output: 231 77
}

func ExampleTable_Stats() {
	s := statecraft.Must(statecraft.Load("configs/espionage.yaml", "sweep.replications=30"))
	st := statecraft.Must(s.Sweep()).Stats()
	fmt.Println(st.Cells, "cells ×", st.Replications, "replications;", st.Invalid, "invalid")
	// Output: 231 cells × 30 replications; 0 invalid
}

func ExampleTable_WriteCSV() {
	s := statecraft.Must(statecraft.Parse(`
model: timing
sweep:
  grid: [{param: stealth, values: [0.5, 0.9]}]
  replications: 0
`))
	statecraft.Must(s.Sweep()).WriteCSV(os.Stdout)
	// Output:
	// cell,stealth,persistence,discount,stakes,penalty,solver,threshold,value,value_sum,use_prob,expected_wait,expected_uses,expected_lifetime,p_burned
	// 0,0.5,0.9,0.9,"{""dist"":""uniform"",""max"":1,""min"":0}",0,auto,0.37274317298378945,0.10353977027327481,1.0353977027327483,0.6272568270162105,1.5048203662921167,1.7875518539698398,2.8497925841206397,0.8937759269849199
	// 1,0.9,0.9,0.9,"{""dist"":""uniform"",""max"":1,""min"":0}",0,auto,0,0.2631578947368421,2.6315789473684217,1,1,10.000000000000002,10.000000000000002,1
}

func ExampleStudy_Figure() {
	s := statecraft.Must(statecraft.Load("configs/espionage.yaml", "sweep.replications=20"))
	t := statecraft.Must(s.Sweep())
	fig := statecraft.Must(s.Figure("coop-rate"))
	png := statecraft.Must(fig.Draw(t, "png"))
	fmt.Printf("%s: %q…\n", fig.Spec.Title, png[1:4])
	// In a GoNB notebook: gonbui.DisplayPNG(png)
	// Output: Simulated restraint as false alarms grow (p = 0.8, δ = 0.9): "PNG"…
}

func ExampleStudy_Figures() {
	for _, f := range statecraft.Must(statecraft.Load("configs/espionage.yaml")).Figures() {
		fmt.Println(f.Spec.Name, f.Spec.Kind)
	}
	// Output:
	// sustainable-grim regime
	// coop-rate line
	// value-grim heatmap
}

func ExampleParseFigure() {
	fig, err := statecraft.ParseFigure("{kind: line, x: detection, y: delta_star, series: false_alarm, where: {strategy: grim}}")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fig.Spec.Name, fig.Spec.Kind, fig.Spec.Width, fig.Spec.Height, fig.Spec.Formats)
	// Output: figure line 12 9 [png svg]
}

func ExampleFigure_Draw() {
	t := statecraft.Must(statecraft.Must(statecraft.Load("configs/espionage.yaml", "sweep.replications=0")).Sweep())
	fig := statecraft.Must(statecraft.ParseFigure("{kind: line, x: detection, y: delta_star, series: false_alarm, where: {strategy: grim}, title: Threshold discount factor}"))
	svg, err := fig.Draw(t, "svg")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(bytes.HasPrefix(svg, []byte("<?xml")), bytes.Contains(svg, []byte("Threshold discount factor")))
	// In a GoNB notebook: gonbui.DisplaySVG(string(svg))
	// Output: true true
}

func ExamplePlot() {
	dir, _ := os.MkdirTemp("", "statecraft-example")
	defer os.RemoveAll(dir)
	s := statecraft.Must(statecraft.Load("configs/timing.yaml", "sweep.replications=10"))
	statecraft.Must(s.SweepTo(context.Background(), dir, statecraft.Options{}))
	paths, skipped, err := statecraft.Plot(dir, statecraft.PlotOptions{})
	if err != nil || len(skipped) > 0 {
		fmt.Println(err)
		return
	}
	for _, p := range paths {
		fmt.Println(p) // relative to dir
	}
	// Output:
	// figures/threshold.png
	// figures/threshold.svg
}

// The Ishigami function's Sobol indices; exact S1 = 0.3139, 0.4424, 0 and
// ST = 0.5576, 0.4424, 0.2437 (Homma & Saltelli 1996).
func ExampleStudy_Sensitivity() {
	s := statecraft.Must(statecraft.Load("configs/ishigami.yaml", "sweep.samples=4096"))
	a, err := s.Sensitivity(statecraft.SensitivityOptions{Resamples: 200})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Method, a.Design.Len(), "runs")
	for _, ix := range a.Result.Indices {
		fmt.Printf("%s: S1 = %.2f, ST = %.2f\n", ix.Param, ix.S1, ix.ST)
	}
	// Output:
	// sobol 20480 runs
	// x1: S1 = 0.31, ST = 0.56
	// x2: S1 = 0.44, ST = 0.44
	// x3: S1 = 0.00, ST = 0.24
}

func ExampleStudy_SensitivityContext() {
	s := statecraft.Must(statecraft.Load("configs/ishigami.yaml", "sweep.samples=64"))
	a, err := s.SensitivityContext(context.Background(), statecraft.SensitivityOptions{Method: "morris", Workers: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Method, a.Runs.Len(), "runs of", a.Params, "on", a.Stats.Workers, "worker")
	// Output: morris 256 runs of [x1 x2 x3] on 1 worker
}

func ExampleStudy_SensitivityTo() {
	dir, _ := os.MkdirTemp("", "statecraft-example")
	defer os.RemoveAll(dir)
	s := statecraft.Must(statecraft.Load("configs/ishigami.yaml", "sweep.samples=256"))
	rep, err := s.SensitivityTo(context.Background(), dir, statecraft.SensitivityOptions{Resamples: 100})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Join(rep.Manifest.Outputs, " "))
	// Output: design.csv results.csv indices.csv sensitivity.json sensitivity.txt figures/sensitivity-y.png figures/sensitivity-y.svg
}

func ExampleAnalysis_Index() {
	s := statecraft.Must(statecraft.Load("configs/ishigami.yaml", "sweep.samples=4096"))
	a := statecraft.Must(s.Sensitivity(statecraft.SensitivityOptions{Resamples: 200}))
	ix := a.Index("y", "x3")
	fmt.Printf("x3 alone explains %.2f of the variance, with its interactions %.2f\n", ix.S1, ix.ST)
	// Output: x3 alone explains 0.00 of the variance, with its interactions 0.24
}

func ExampleAnalysis_Morris() {
	s := statecraft.Must(statecraft.Load("configs/ishigami.yaml", "sweep.samples=200"))
	a := statecraft.Must(s.Sensitivity(statecraft.SensitivityOptions{Method: "morris", Resamples: 100}))
	// x3 acts only through its interaction with x1 (b x3⁴ sin x1): its
	// effects change sign with x1, so μ is near 0 and σ exceeds μ*.
	x3 := a.Morris("y", "x3")
	fmt.Println(math.Abs(x3.Mu) < 0.1*x3.MuStar, x3.Sigma > x3.MuStar)
	// Output: true true
}

func ExampleAnalysis_Figures() {
	s := statecraft.Must(statecraft.Load("configs/ishigami.yaml", "sweep.samples=256"))
	a := statecraft.Must(s.Sensitivity(statecraft.SensitivityOptions{Resamples: 100}))
	for _, f := range statecraft.Must(a.Figures("svg")) {
		fmt.Println(f.Name, f.Metric, bytes.HasPrefix(f.Data, []byte("<?xml")))
		// In a GoNB notebook: gonbui.DisplaySVG(string(f.Data))
	}
	// Output: sensitivity-y y true
}

func ExampleLoadExperiment() {
	e, err := statecraft.LoadExperiment("experiments/espionage-restraint")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Title)
	fmt.Println(e.Runs())
	// Output:
	// Espionage restraint under noisy attribution
	// [regime-p-delta coop-vs-false-alarm delta-star]
}

func ExampleLoadExperimentEnv() {
	e := statecraft.Must(statecraft.LoadExperimentEnv("experiments/espionage-restraint", []string{"STATECRAFT_SWEEP_SEED=9"}))
	s := statecraft.Must(e.Study("coop-vs-false-alarm"))
	fmt.Println(s.Config().Sweep.Seed)
	// Output: 9
}

func ExampleExperiment_Study() {
	e := statecraft.Must(statecraft.LoadExperiment("experiments/espionage-restraint"))
	s, err := e.Study("regime-p-delta")
	if err != nil {
		fmt.Println(err)
		return
	}
	// Grim trigger at q = 0.1 (MODELS.md §1): restraint is self-enforcing
	// at p = 0.8 from δ* = 0.625 on. The run's grid, narrowed to those cells:
	s = statecraft.Must(s.With("sweep.grid", []map[string]any{
		{"param": "discount", "values": []float64{0.61, 0.62, 0.63, 0.64}},
		{"param": "detection", "values": []float64{0.8}},
	}))
	t := statecraft.Must(s.Sweep())
	for i, d := range t.Float("discount") {
		fmt.Printf("δ = %.2f: sustainable %v\n", d, t.Float("sustainable")[i])
	}
	_, err = e.Study("regime")
	fmt.Println(err)
	// Output:
	// δ = 0.61: sustainable 0
	// δ = 0.62: sustainable 0
	// δ = 0.63: sustainable 1
	// δ = 0.64: sustainable 1
	// experiments/espionage-restraint: no run "regime"; did you mean "regime-p-delta"? (runs: regime-p-delta, coop-vs-false-alarm, delta-star)
}

func ExampleExperiment_ReproduceTo() {
	out, _ := os.MkdirTemp("", "statecraft-example")
	defer os.RemoveAll(out)
	e := statecraft.Must(statecraft.LoadExperiment("experiments/espionage-restraint"))
	rep, err := e.ReproduceTo(context.Background(), out, statecraft.ReproduceOptions{
		Report: func(name string, m *run.Manifest) {
			fmt.Println(name, m.Cells, "cells,", len(m.Figures), "figure files")
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("README findings:", rep.README)
	// Output:
	// regime-p-delta 10000 cells, 2 figure files
	// coop-vs-false-alarm 39 cells, 2 figure files
	// delta-star 10201 cells, 2 figure files
	// README findings: up to date
}

func ExampleExperiment_Runs() {
	e := statecraft.Must(statecraft.LoadExperiment("experiments/payoff-sets"))
	for _, name := range e.Runs() {
		s := statecraft.Must(e.Study(name))
		var swept []string
		for _, a := range s.Config().Sweep.Grid {
			swept = append(swept, a.Param)
		}
		fmt.Println(name, swept)
	}
	// Output:
	// restraint-area [discount]
	// restraint-polygons [discount]
	// crisis-area [discount]
	// crisis-polygons [discount]
	// bounds [method directions]
	// bounds-exact []
}
