package main

import (
	"encoding/json"
	"math"
	"path/filepath"
	"testing"

	"github.com/statecraft/statecraft/internal/runtest"
)

type discoverJSON struct {
	Cases, Interest int
	Boxes           []struct {
		Coverage, Density float64
		Limits            []struct {
			Dim          string
			Lower, Upper float64
			LR           bool `json:"lower_restricted"`
			UR           bool `json:"upper_restricted"`
		}
		Trajectory []struct {
			Density, Coverage float64
			Restricted        int
		}
	}
}

type robustJSON struct {
	Settings []struct {
		Label             string
		Mean, Satisficing float64
		MaxRegret         float64 `json:"max_regret"`
	}
	MinimaxRegret string `json:"minimax_regret"`
}

// experiments/scenario-discovery: its README's commands give the numbers
// and the conclusions it states.
func TestScenarioDiscoveryExperiment(t *testing.T) {
	out := t.TempDir()
	mustRun(t, nil, "reproduce", "../../experiments/scenario-discovery", "-o", out)
	run := filepath.Join(out, "uncertain")
	near := func(what string, got, want, tol float64) {
		t.Helper()
		if math.Abs(got-want) > tol {
			t.Errorf("%s: %v, README says %v", what, got, want)
		}
	}
	discover := func(args ...string) discoverJSON {
		var d discoverJSON
		js := mustRun(t, nil, append([]string{"discover", run, "--json", "-o", t.TempDir()}, args...)...)
		if err := json.Unmarshal([]byte(js), &d); err != nil {
			t.Fatal(err)
		}
		return d
	}

	// Not self-enforcing under grim trigger.
	d := discover("--metric", "sustainable", "--where", "sustainable == 0", "--at", "strategy=grim")
	b := d.Boxes[0]
	if d.Cases != 2000 || d.Interest != 770 || len(b.Limits) != 3 {
		t.Fatalf("grim failures: %d of %d, limits %+v", d.Interest, d.Cases, b.Limits)
	}
	near("coverage", b.Coverage, 0.80, 0.005)
	near("density", b.Density, 0.67, 0.005)
	for k, w := range []struct {
		dim   string
		upper bool
		at    float64
	}{{"discount", true, 0.822}, {"false_alarm", false, 0.030}, {"detection", true, 0.955}} {
		l := b.Limits[k]
		v := l.Lower
		if w.upper {
			v = l.Upper
		}
		if l.Dim != w.dim || l.UR != w.upper || l.LR == w.upper {
			t.Errorf("limit %d: %+v, README says %s %v", k, l, w.dim, w.at)
		}
		near(w.dim, v, w.at, 0.0005)
	}
	last := b.Trajectory[len(b.Trajectory)-1]
	if len(b.Trajectory) != 40 || last.Density != 1 || last.Restricted != 4 || math.Abs(last.Coverage-1.0/3) > 0.01 {
		t.Errorf("step 39: %+v of %d steps", last, len(b.Trajectory))
	}
	if p := discover("--metric", "sustainable", "--where", "sustainable == 0", "--at", "strategy=probabilistic"); p.Interest != 770 {
		t.Errorf("probabilistic fails in %d scenarios", p.Interest)
	}
	p := discover("--metric", "sustainable", "--where", "sustainable == 0", "--at", "strategy=punish")
	if p.Interest != 1481 || p.Boxes[0].Limits[0].Dim != "detection" || p.Boxes[0].Limits[1].Dim != "false_alarm" {
		t.Errorf("punish fails in %d scenarios, box %+v", p.Interest, p.Boxes[0].Limits)
	}
	near("punish detection", p.Boxes[0].Limits[0].Upper, 0.91, 0.005)
	near("punish false alarms", p.Boxes[0].Limits[1].Lower, 0.04, 0.005)

	// Breakdown in play under grim trigger.
	d = discover("--metric", "coop_rate", "--where", "coop_rate < 0.5", "--at", "strategy=grim")
	b = d.Boxes[0]
	if d.Interest != 454 || len(b.Limits) != 1 || b.Limits[0].Dim != "discount" || !b.Limits[0].LR {
		t.Fatalf("breakdown: %d, %+v", d.Interest, b.Limits)
	}
	near("breakdown discount", b.Limits[0].Lower, 0.894, 0.0005)
	near("breakdown coverage", b.Coverage, 0.82, 0.005)
	near("breakdown density", b.Density, 0.75, 0.005)

	// Robustness.
	robust := func(args ...string) robustJSON {
		var r robustJSON
		js := mustRun(t, nil, append([]string{"robust", run, "--json", "-o", t.TempDir()}, args...)...)
		if err := json.Unmarshal([]byte(js), &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := robust("--metric", "sustainable", "--threshold", "1")
	for g, w := range [][2]float64{{0.615, 0}, {0.2595, 1}, {0.615, 0}} {
		near(r.Settings[g].Label+" self-enforcing", r.Settings[g].Satisficing, w[0], 0.0005)
		near(r.Settings[g].Label+" regret", r.Settings[g].MaxRegret, w[1], 0)
	}
	r = robust("--metric", "value", "--threshold", "2")
	for g, w := range [][3]float64{{2.03, 0.573, 1.53}, {2.41, 0.986, 0.25}, {2.28, 0.8015, 0.96}} {
		near(r.Settings[g].Label+" mean", r.Settings[g].Mean, w[0], 0.005)
		near(r.Settings[g].Label+" share ≥ 2", r.Settings[g].Satisficing, w[1], 0.0005)
		near(r.Settings[g].Label+" regret", r.Settings[g].MaxRegret, w[2], 0.005)
	}
	if r.MinimaxRegret != "strategy=punish" {
		t.Errorf("minimax regret by value: %s", r.MinimaxRegret)
	}

	// The probabilistic trigger is self-enforcing where grim is, and worth
	// at least as much in every scenario (more in 1230).
	rows, col := runtest.ResultsCSV(t, run)
	more := 0
	for s := 0; s < 2000; s++ {
		grim, prob := rows[s], rows[4000+s]
		gv, _ := json.Number(grim[col["value"]]).Float64()
		pv, _ := json.Number(prob[col["value"]]).Float64()
		if grim[col["sustainable"]] != prob[col["sustainable"]] || pv < gv-1e-12 {
			t.Fatalf("scenario %d: grim %v %s, probabilistic %v %s", s, gv, grim[col["sustainable"]], pv, prob[col["sustainable"]])
		}
		if pv > gv+1e-12 {
			more++
		}
	}
	if more != 1230 {
		t.Errorf("probabilistic worth more than grim in %d scenarios", more)
	}
}
