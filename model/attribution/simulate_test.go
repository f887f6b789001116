package attribution

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/model"
)

// moments runs reps replications and returns, per simulated metric, the mean
// and standard error over replications (NaN values left out, as the sweep
// engine does).
func moments(t *testing.T, g *Game, reps int, seed uint64) (names []string, mean, se []float64) {
	t.Helper()
	_, sim := model.Split(g.Metrics())
	k := len(sim)
	out := make([]float64, k)
	sum, sum2, cnt := make([]float64, k), make([]float64, k), make([]float64, k)
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	for r := 0; r < reps; r++ {
		if err := g.Simulate(rng, out); err != nil {
			t.Fatal(err)
		}
		for j, v := range out {
			if !math.IsNaN(v) {
				sum[j] += v
				sum2[j] += v * v
				cnt[j]++
			}
		}
	}
	mean, se = make([]float64, k), make([]float64, k)
	for j := range sim {
		names = append(names, sim[j].Name)
		mean[j] = sum[j] / cnt[j]
		v := (sum2[j] - cnt[j]*mean[j]*mean[j]) / (cnt[j] - 1)
		se[j] = math.Sqrt(math.Max(v, 0) / cnt[j])
		if cnt[j] < 2 {
			mean[j], se[j] = math.NaN(), math.NaN()
		}
	}
	return names, mean, se
}

// Every simulated metric agrees with its solved counterpart within 4
// standard errors, in both defender modes.
func TestSimulationAgreesWithSolver(t *testing.T) {
	multi := map[string]any{
		"signals": []any{"none", "alarm"},
		"attackers": []any{map[string]any{"name": "a", "opportunity": 0.3, "harm": 1,
			"benefit":          map[string]any{"dist": "uniform", "min": 0, "max": 0.3},
			"retaliation_cost": map[string]any{"dist": "truncnormal", "mean": 0.05, "sd": 0.03, "min": 0, "max": 1},
			"signal":           map[string]any{"none": 0.3, "alarm": 0.7}}},
		"no_attack": map[string]any{"none": 0.9, "alarm": 0.1},
	}
	cases := []struct {
		name   string
		values map[string]any
	}{
		{"one attacker", oneAttacker()},
		{"two attackers", twoAttackers(0.94, 0.02)},
		{"issue example", with(issueExample(), map[string]any{"attackers.1.damage": 2})},
		{"issue example, commitment", with(issueExample(), map[string]any{"defender": "commitment"})},
		{"two attackers, commitment", with(twoAttackers(0.94, 0.02), map[string]any{"defender": "commitment"})},
		{"multiple equilibria (least)", multi},
	}
	for ci, c := range cases {
		v := with(c.values, map[string]any{"sim_rounds": 2000})
		g := prepare(t, v)
		m, _ := solve(t, v)
		names, mean, se := moments(t, g, 200, uint64(40+ci))
		checked := 0
		for j, name := range names {
			want := m[strings.TrimSuffix(name, "_sim")]
			if math.IsNaN(want) || math.IsNaN(mean[j]) {
				continue
			}
			checked++
			if se[j] == 0 {
				if mean[j] != want {
					t.Errorf("%s: %s = %g with no variation, solver %g", c.name, name, mean[j], want)
				}
				continue
			}
			if d := math.Abs(mean[j]-want) / se[j]; d > 4 {
				t.Errorf("%s: %s = %.6f ± %.6f, solver %.6f (%.1f se)", c.name, name, mean[j], se[j], want, d)
			}
		}
		if checked < len(names)-2 {
			t.Errorf("%s: only %d of %d simulated metrics checked", c.name, checked, len(names))
		}
	}
}

func TestSimulateDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items under the race detector")
	}
	g := prepare(t, with(issueExample(), map[string]any{"sim_rounds": 100}))
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
	g := prepare(t, with(twoAttackers(0.94, 0.02), map[string]any{"sim_rounds": 500}))
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
	g := prepare(t, with(twoAttackers(0.94, 0.02), map[string]any{"sim_rounds": 200}))
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
