package attribution

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/internal/mctest"
	"github.com/statecraft/statecraft/internal/modeltest"
	"github.com/statecraft/statecraft/model"
)

// Every simulated metric agrees with its solved counterpart within 4
// standard errors, in both defender modes.
func TestSimulationAgreesWithSolver(t *testing.T) {
	cases := []struct {
		name   string
		values map[string]any
	}{
		{"one attacker", oneAttacker()},
		{"two attackers", twoAttackers(0.94, 0.02)},
		{"issue example", with(issueExample(), map[string]any{"attackers.1.damage": 2})},
		{"issue example, commitment", with(issueExample(), map[string]any{"defender": "commitment"})},
		{"two attackers, commitment", with(twoAttackers(0.94, 0.02), map[string]any{"defender": "commitment"})},
		{"multiple equilibria (least)", threeEquilibria()},
	}
	for ci, c := range cases {
		v := with(c.values, map[string]any{"sim_rounds": 2000})
		g := modeltest.Prepare[*Game](t, Model{}, v)
		m, _ := solve(t, v)
		_, sim := model.Split(g.Metrics())
		mean, se := mctest.Moments(t, g.Simulate, 200, rand.New(rand.NewPCG(uint64(40+ci), 0x5eed)), len(sim))
		checked := 0
		for j, metric := range sim {
			want := m[strings.TrimSuffix(metric.Name, "_sim")]
			// A metric undefined in the solution, or defined in fewer than
			// two replications, has nothing to compare.
			if math.IsNaN(want) || math.IsNaN(se[j]) {
				continue
			}
			checked++
			mctest.Within(t, c.name+": "+metric.Name, mean[j], se[j], want, 4)
		}
		if checked < len(sim)-2 {
			t.Errorf("%s: only %d of %d simulated metrics checked", c.name, checked, len(sim))
		}
	}
}

func TestSimulateDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items under the race detector")
	}
	g := modeltest.Prepare[*Game](t, Model{}, with(issueExample(), map[string]any{"sim_rounds": 100}))
	_, sim := model.Split(g.Metrics())
	out := make([]float64, len(sim))
	rng := rand.New(rand.NewPCG(1, 2))
	if err := g.Simulate(rng, out); err != nil { // solves and warms the pool
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(50, func() { _ = g.Simulate(rng, out) }); n != 0 {
		t.Errorf("Simulate allocates %g times a replication", n)
	}
}

func TestSimulateIsDeterministic(t *testing.T) {
	g := modeltest.Prepare[*Game](t, Model{}, with(twoAttackers(0.94, 0.02), map[string]any{"sim_rounds": 500}))
	_, sim := model.Split(g.Metrics())
	a, b := make([]float64, len(sim)), make([]float64, len(sim))
	if err := g.Simulate(rand.New(rand.NewPCG(7, 7)), a); err != nil {
		t.Fatal(err)
	}
	if err := g.Simulate(rand.New(rand.NewPCG(7, 7)), b); err != nil {
		t.Fatal(err)
	}
	for k := range a {
		if a[k] != b[k] && !(math.IsNaN(a[k]) && math.IsNaN(b[k])) {
			t.Errorf("%s: %g then %g with the same seed", sim[k].Name, a[k], b[k])
		}
	}
	if err := g.Simulate(rand.New(rand.NewPCG(7, 7)), a[:3]); err == nil {
		t.Errorf("short output slice accepted")
	}
}

// Solve and Simulate may run on one instance from several goroutines: the
// solution is computed once and each replication has its own counters.
func TestConcurrentUse(t *testing.T) {
	g := modeltest.Prepare[*Game](t, Model{}, with(twoAttackers(0.94, 0.02), map[string]any{"sim_rounds": 200}))
	_, sim := model.Split(g.Metrics())
	want := make([]float64, len(sim))
	if err := g.Simulate(rand.New(rand.NewPCG(3, 3)), want); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for w := 0; w < 4; w++ {
		go func() {
			out := make([]float64, len(sim))
			for r := 0; r < 20; r++ {
				if _, err := g.Solve(); err != nil {
					errs <- err
					return
				}
				if err := g.Simulate(rand.New(rand.NewPCG(3, 3)), out); err != nil {
					errs <- err
					return
				}
				for k := range out {
					if out[k] != want[k] && !(math.IsNaN(out[k]) && math.IsNaN(want[k])) {
						errs <- fmt.Errorf("%s: %g, want %g", sim[k].Name, out[k], want[k])
						return
					}
				}
			}
			errs <- nil
		}()
	}
	for w := 0; w < 4; w++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
