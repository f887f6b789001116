package config

import (
	"math"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/sweep"
)

// sweep.uncertain: the flat form decodes to a distribution per parameter,
// the design crosses the grid with sweep.samples points drawn from the seed,
// and every mistake is one bad-input error naming its key.
func TestUncertain(t *testing.T) {
	path := write(t, t.TempDir(), "c.yaml", `model: espionage
sweep:
  grid: [{param: strategy, values: [grim, punish]}]
  uncertain:
    - {param: detection, dist: uniform, min: 0.6, max: 0.9}
    - {param: discount, dist: triangular, min: 0.8, mode: 0.9, max: 0.95}
  sampling: sobol
  samples: 8
  seed: 4
`)
	c, err := Load(path, Overrides{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Bind()
	if err != nil {
		t.Fatal(err)
	}
	d := st.Spec.Design
	if d.Len() != 16 || len(d.Points) != 8 || strings.Join(d.Columns(), ",") != "strategy,detection,discount" {
		t.Fatalf("design %d cells, columns %v", d.Len(), d.Columns())
	}
	want, err := sweep.Sample("sobol", 8, []dist.Dist{c.Sweep.Uncertain[0].Dist, c.Sweep.Uncertain[1].Dist}, 4)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range d.Points {
		if p[0] != want[i][0] || p[1] != want[i][1] || p[0] < 0.6 || p[0] > 0.9 || p[1] < 0.8 || p[1] > 0.95 {
			t.Errorf("point %d = %v, want %v", i, p, want[i])
		}
	}
	if m := c.Sweep.Uncertain[1].Dist.Mean(); math.Abs(m-(0.8+0.9+0.95)/3) > 1e-12 {
		t.Errorf("triangular mean %g", m)
	}
	if c.Sweep.Sampling != "sobol" || c.Sweep.Samples != 8 {
		t.Errorf("sweep %+v", c.Sweep)
	}

	for _, tc := range []struct{ body, want string }{
		{"  uncertain: [{dist: uniform, min: 0, max: 1}]\n", "sweep.uncertain.0.param"},
		{"  uncertain: [{param: detection, min: 0, max: 1}]\n", "sweep.uncertain.0.dist"},
		{"  uncertain: [{param: detection, dist: {dist: uniform, min: 0, max: 1}}]\n", "not nested"},
		{"  uncertain: [{param: detection, dist: unifrom, min: 0, max: 1}]\n", `"uniform"`},
		{"  uncertain: [{param: detection, dist: uniform, min: 0, maxx: 1}]\n", "sweep.uncertain.0.maxx"},
		{"  uncertain: [{param: detecton, dist: uniform, min: 0, max: 1}]\n", `did you mean "detection"`},
		{"  grid: [{param: detection, values: [0.5]}]\n  uncertain: [{param: detection, dist: uniform, min: 0, max: 1}]\n", "either a lever of the grid or uncertain"},
		{"  uncertain: [{param: detection, dist: uniform, min: 0, max: 1}, {param: detection, dist: uniform, min: 0, max: 1}]\n", "listed twice"},
		{"  uncertain: [{param: strategy, dist: uniform, min: 0, max: 1}]\n", "make it a grid axis"},
		{"  sampling: halton\n", "sweep.sampling"},
		{"  samples: 0\n", "sweep.samples"},
		{"  uncertain: 3\n", "sweep.uncertain"},
	} {
		path := write(t, t.TempDir(), "c.yaml", "model: espionage\nsweep:\n"+tc.body)
		c, err := Load(path, Overrides{})
		if err == nil {
			_, err = c.Bind()
		}
		if err == nil || !model.IsBadInput(err) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "c.yaml") {
			t.Errorf("%q: error %v, want one naming %q", tc.body, err, tc.want)
		}
	}
}
