package timing

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/internal/mctest"
	"github.com/statecraft/statecraft/internal/modeltest"
	"github.com/statecraft/statecraft/model"
)

// solve returns the deterministic metrics by name.
func solve(t *testing.T, values map[string]any) map[string]float64 {
	t.Helper()
	m, _ := modeltest.Solve(t, Model{}, values)
	return m
}

func with(base map[string]any, kv ...any) map[string]any {
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

func uniform(lo, hi float64) map[string]any {
	return map[string]any{"dist": "uniform", "min": lo, "max": hi}
}

// Known answer from the project's model specification: S=0.5, P=0.9, w=0.9,
// U[0,1] → T* = 0.372743, V = 1.035398 (to 6 decimals), by the closed form,
// by value iteration, and by value iteration on beta(1,1) — the same law
// through the general quadrature.
func TestKnownAnswer(t *testing.T) {
	for _, vals := range []map[string]any{
		nil,
		{"solver": "value_iteration"},
		{"stakes": map[string]any{"dist": "beta", "alpha": 1, "beta": 1}},
	} {
		m := solve(t, vals)
		if !modeltest.Near(m["threshold"], 0.372743, 5e-7) || !modeltest.Near(m["value_sum"], 1.035398, 5e-7) {
			t.Errorf("%v: T* = %.7f, V = %.7f; want 0.372743, 1.035398", vals, m["threshold"], m["value_sum"])
		}
		// The normalised per-period value is (1−w)V.
		if !modeltest.Near(m["value"], 0.1*m["value_sum"], 1e-15) {
			t.Errorf("%v: value %.15g, want (1−w)·value_sum = %.15g", vals, m["value"], 0.1*m["value_sum"])
		}
	}
}

// The closed form for U[0,1] and Π = 0 reduces to
// T* = [(1−wS) − √((1−wP)(1+wP−2wS))]/(w(P−S)), with V = T*/(w(P−S)).
func TestUniformThresholdFormula(t *testing.T) {
	for _, w := range []float64{0.5, 0.9, 0.99, 1} {
		for _, S := range []float64{0, 0.3, 0.5, 0.8} {
			for _, P := range []float64{0.2, 0.6, 0.9, 0.99} {
				if S >= P {
					continue
				}
				want := ((1 - w*S) - math.Sqrt((1-w*P)*(1+w*P-2*w*S))) / (w * (P - S))
				m := solve(t, map[string]any{"stealth": S, "persistence": P, "discount": w})
				if !modeltest.Near(m["threshold"], want, 1e-12) {
					t.Errorf("S=%g P=%g w=%g: T* = %.15g, formula %.15g", S, P, w, m["threshold"], want)
				}
				if !modeltest.Near(m["value_sum"], want/(w*(P-S)), 1e-10) {
					t.Errorf("S=%g P=%g w=%g: V = %.15g, T*/(w(P−S)) = %.15g", S, P, w, m["value_sum"], want/(w*(P-S)))
				}
			}
		}
	}
}

// Closed form (every piece: interior, always use, never use; stakes that can
// be negative) against value iteration through the quadrature.
func TestClosedFormAgainstValueIteration(t *testing.T) {
	pieces := map[string]int{}
	for _, st := range []map[string]any{uniform(0, 1), uniform(-1, 2), uniform(2, 3)} {
		for _, S := range []float64{0, 0.5, 0.95} {
			for _, P := range []float64{0, 0.7, 0.99, 1} {
				for _, w := range []float64{0.6, 0.95, 1} {
					if P == 1 && w == 1 {
						continue // undefined, refused (TestBadInput)
					}
					for _, pen := range []float64{0, 0.4, 5} {
						base := map[string]any{"stakes": st, "stealth": S, "persistence": P, "discount": w, "penalty": pen}
						cf := solve(t, base)
						vi := solve(t, with(base, "solver", "value_iteration"))
						for _, k := range []string{"threshold", "value", "value_sum", "use_prob", "expected_uses"} {
							if !modeltest.Near(cf[k], vi[k], 1e-9*math.Max(1, math.Abs(cf[k]))) {
								t.Errorf("%v: %s closed form %.15g, value iteration %.15g", base, k, cf[k], vi[k])
							}
						}
						switch p := cf["use_prob"]; {
						case p == 0:
							pieces["never"]++
						case p == 1:
							pieces["always"]++
						default:
							pieces["interior"]++
						}
					}
				}
			}
		}
	}
	if len(pieces) != 3 {
		t.Errorf("the grid did not reach every piece of the closed form: %v", pieces)
	}
}

// bisect solves V = wPV + e(α + βV) by bisection, sharing nothing with the
// package but the equation.
func bisect(S, P, w, pen float64, e func(c float64) float64) float64 {
	a, b := 0.0, 1.0
	f := func(v float64) float64 { return (1-w*P)*v - e((1-S)*pen+w*(P-S)*v) }
	for f(b) < 0 {
		b *= 2
	}
	for i := 0; i < 200; i++ {
		m := (a + b) / 2
		if f(m) < 0 {
			a = m
		} else {
			b = m
		}
	}
	return (a + b) / 2
}

var (
	stdPhi = func(z float64) float64 { return math.Exp(-z*z/2) / math.Sqrt(2*math.Pi) }
	stdCDF = func(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }
)

// Value iteration with quadrature against textbook closed forms of E[(X−c)⁺]
// solved by bisection: normal (σφ(z) + (μ−c)(1−Φ(z))), lognormal (the
// Black–Scholes call price), exponential (e^{−λc}/λ for c ≥ 0), and the exact
// discrete enumeration against the same bisection with the sum.
func TestValueIterationAgainstIndependentSolutions(t *testing.T) {
	type lawCase struct {
		spec   map[string]any
		excess func(c float64) float64
	}
	laws := []lawCase{
		{map[string]any{"dist": "normal", "mean": 0.5, "sd": 0.3}, func(c float64) float64 {
			z := (c - 0.5) / 0.3
			return 0.3*stdPhi(z) + (0.5-c)*(1-stdCDF(z))
		}},
		{map[string]any{"dist": "lognormal", "mu": -0.5, "sigma": 0.8}, func(c float64) float64 {
			if c <= 0 {
				return math.Exp(-0.5+0.32) - c
			}
			d1 := (-0.5 - math.Log(c) + 0.64) / 0.8
			return math.Exp(-0.5+0.32)*stdCDF(d1) - c*stdCDF(d1-0.8)
		}},
		{map[string]any{"dist": "exponential", "rate": 2}, func(c float64) float64 {
			if c <= 0 {
				return 0.5 - c
			}
			return math.Exp(-2*c) / 2
		}},
		{map[string]any{"dist": "discrete", "values": []any{0.1, 0.5, 2}, "weights": []any{0.6, 0.3, 0.1}}, func(c float64) float64 {
			return 0.6*math.Max(0.1-c, 0) + 0.3*math.Max(0.5-c, 0) + 0.1*math.Max(2-c, 0)
		}},
	}
	for _, l := range laws {
		for _, c := range []struct{ S, P, w, pen float64 }{{0.5, 0.9, 0.9, 0}, {0.2, 0.95, 0.97, 0.3}, {0.9, 0.4, 0.8, 0}, {0.7, 0.99, 1, 1}} {
			base := map[string]any{"stakes": l.spec, "stealth": c.S, "persistence": c.P, "discount": c.w, "penalty": c.pen}
			want := bisect(c.S, c.P, c.w, c.pen, l.excess)
			for _, vals := range []map[string]any{base, with(base, "solver", "value_iteration")} {
				got := solve(t, vals)["value_sum"]
				if !modeltest.Near(got, want, 1e-9*math.Max(1, want)) {
					t.Errorf("%v: V = %.15g, independent %.15g", vals, got, want)
				}
			}
		}
	}
}

// The threshold policy with T* is optimal among threshold policies: the value
// of using iff X ≥ T, evaluated exactly for U[lo,hi] stakes,
// V_T = (E[X; X ≥ T] − α·p_T)/(1 − wS·p_T − wP(1−p_T)), never beats V.
func TestNoBetterThreshold(t *testing.T) {
	for _, c := range []map[string]any{nil, {"penalty": 0.6, "stealth": 0.3}, {"stakes": uniform(-1, 2), "persistence": 0.99, "discount": 0.98}} {
		r := modeltest.Prepare[*Problem](t, Model{}, c)
		sol, _ := r.Solution()
		lo, hi := r.s.Lo, r.s.Hi
		S, P, w := r.P.Stealth, r.P.Persistence, r.P.Discount
		alpha := (1 - S) * r.P.Penalty
		eval := func(T float64) float64 {
			T = math.Min(math.Max(T, lo), hi)
			p := (hi - T) / (hi - lo)
			partial := (hi*hi - T*T) / (2 * (hi - lo))
			return (partial - alpha*p) / (1 - w*S*p - w*P*(1-p))
		}
		if !modeltest.Near(eval(sol.Threshold), sol.ValueSum, 1e-12) {
			t.Errorf("%v: policy evaluation at T* %.15g, V %.15g", c, eval(sol.Threshold), sol.ValueSum)
		}
		for i := 0; i <= 400; i++ {
			T := lo - 0.5 + float64(i)/400*(hi-lo+1)
			if v := eval(T); v > sol.ValueSum+1e-12 {
				t.Errorf("%v: threshold %g is worth %.15g > V = %.15g", c, T, v, sol.ValueSum)
			}
		}
	}
}

// The penalty raises the threshold and lowers the use probability and the
// value; stealth lowers the threshold (Axelrod & Iliev's comparative
// statics, and the effect of an agreement).
func TestComparativeStatics(t *testing.T) {
	prev := solve(t, nil)
	for _, pen := range []float64{0.1, 0.3, 0.6} {
		m := solve(t, map[string]any{"penalty": pen})
		if !(m["threshold"] > prev["threshold"] && m["use_prob"] < prev["use_prob"] && m["value"] < prev["value"]) {
			t.Errorf("Π=%g: threshold %g→%g, use %g→%g, value %g→%g", pen, prev["threshold"], m["threshold"], prev["use_prob"], m["use_prob"], prev["value"], m["value"])
		}
		prev = m
	}
	prev = solve(t, map[string]any{"stealth": 0.1})
	for _, S := range []float64{0.3, 0.5, 0.8} {
		m := solve(t, map[string]any{"stealth": S})
		if !(m["threshold"] < prev["threshold"]) {
			t.Errorf("S=%g: threshold %g→%g", S, prev["threshold"], m["threshold"])
		}
		prev = m
	}
}

// The simulated life agrees with the closed forms within 4 standard errors
// (fixed seeds); a metric the simulation makes constant must equal its
// closed form.
func TestSimulationAgreesWithClosedForm(t *testing.T) {
	cases := []map[string]any{
		nil,
		{"penalty": 0.5},
		{"stealth": 0.95, "persistence": 0.5},
		{"stakes": map[string]any{"dist": "discrete", "values": []any{0.1, 0.5, 2}, "weights": []any{0.6, 0.3, 0.1}}, "penalty": 0.2},
		{"stakes": map[string]any{"dist": "lognormal", "mu": 0, "sigma": 1}, "persistence": 0.97, "discount": 1},
		{"stakes": map[string]any{"dist": "normal", "mean": 0.2, "sd": 1}, "stealth": 0.2},
	}
	pairs := []struct {
		sim    int
		metric string
	}{{simUses, "expected_uses"}, {simLifetime, "expected_lifetime"}, {simFirstUse, "expected_wait"}, {simBurned, "p_burned"}, {simPayoff, "value_sum"}}
	for i, c := range cases {
		r := modeltest.Prepare[*Problem](t, Model{}, c)
		m := solve(t, c)
		mean, se := lives(t, r, 40000, uint64(20+i))
		for _, p := range pairs {
			mctest.Within(t, fmt.Sprintf("%v %s", c, p.metric), mean[p.sim], se[p.sim], m[p.metric], 4)
		}
	}
}

// lives simulates n lives with PCG(seed, 0x71e).
func lives(t *testing.T, r *Problem, n int, seed uint64) (mean, se []float64) {
	t.Helper()
	return mctest.Moments(t, r.Simulate, n, rand.New(rand.NewPCG(seed, 0x71e)), numSimulated)
}

// A penalty above every stake stops all use: V = 0, the wait is undefined,
// and the simulation never uses the resource.
func TestNeverUse(t *testing.T) {
	m := solve(t, map[string]any{"penalty": 3})
	if m["value"] != 0 || m["value_sum"] != 0 || m["use_prob"] != 0 || !math.IsNaN(m["expected_wait"]) || !modeltest.Near(m["expected_lifetime"], 10, 1e-12) {
		t.Errorf("never use: %v", m)
	}
	mean, _ := lives(t, modeltest.Prepare[*Problem](t, Model{}, map[string]any{"penalty": 3}), 1000, 1)
	if mean[simUses] != 0 || !math.IsNaN(mean[simFirstUse]) {
		t.Errorf("simulated uses %g, first use %g", mean[simUses], mean[simFirstUse])
	}
}

// Sweeps set nested keys inside the stakes mapping.
func TestScaledStakes(t *testing.T) {
	full := solve(t, map[string]any{"stakes": map[string]any{"dist": "uniform", "min": 0, "max": 2}})
	// Scaling the stakes by 2 scales T* and V by 2.
	if !modeltest.Near(full["threshold"], 2*0.3727431729837895, 1e-12) {
		t.Errorf("stakes U[0,2]: T* %v, want twice the known answer", full["threshold"])
	}
}

func TestBadInput(t *testing.T) {
	modeltest.BadInput(t, Model{}, []modeltest.BadCase{
		{Values: map[string]any{"stakes": uniform(1, 1)}, Want: []string{"stakes.max", "min < max"}},
		{Values: map[string]any{"stakes": map[string]any{"dist": "uniform", "max": -1}}, Want: []string{"stakes.min", "required"}},
		{Values: map[string]any{"stakes": map[string]any{"max": 2}}, Want: []string{"stakes.dist", "uniform, normal"}},
		{Values: map[string]any{"stakes": map[string]any{"dist": "discrete", "values": []any{1, 2}, "weights": []any{1}}}, Want: []string{"stakes.weights", "2 values but 1 weights"}},
		{Values: map[string]any{"stakes": map[string]any{"dist": "triangular", "min": 0, "mode": 2, "max": 1}}, Want: []string{"stakes.mode", "min ≤ mode ≤ max"}},
		{Values: map[string]any{"stealth": 1}, Want: []string{"stealth", "0 ≤ x < 1"}},
		{Values: map[string]any{"persistence": -0.1}, Want: []string{"persistence", "0 ≤ x ≤ 1"}},
		{Values: map[string]any{"persistence": 1, "discount": 1}, Want: []string{"persistence", "discount", "undefined"}},
		{Values: map[string]any{"discount": 1.5}, Want: []string{"discount", "0 ≤ x ≤ 1"}},
		{Values: map[string]any{"penalty": -1}, Want: []string{"penalty", "x ≥ 0"}},
		{Values: map[string]any{"solver": "newton"}, Want: []string{"solver", "auto, value_iteration"}},
		{Values: map[string]any{"stelth": 0.5}, Want: []string{"stelth", `did you mean "stealth"`}},
	})
}

func TestMetricsLayout(t *testing.T) {
	r := modeltest.Prepare[*Problem](t, Model{}, nil)
	det, sim := model.Split(r.Metrics())
	if len(det) != 8 || len(sim) != numSimulated {
		t.Fatalf("%d deterministic, %d simulated", len(det), len(sim))
	}
	for i, m := range r.Metrics() {
		if m.Simulated != (i >= len(det)) {
			t.Errorf("metric %s out of order", m.Name)
		}
	}
	if fmt.Sprint(modeltest.Prepare[*Problem](t, Model{}, map[string]any{"stakes": 3}).Metrics()) != fmt.Sprint(r.Metrics()) {
		t.Errorf("metrics depend on parameters")
	}
	if err := r.Simulate(rand.New(rand.NewPCG(1, 1)), make([]float64, 2)); err == nil {
		t.Errorf("Simulate accepted a short output slice")
	}
}

func TestCertificate(t *testing.T) {
	for _, c := range []struct {
		vals   map[string]any
		method string
	}{
		{nil, "closed form"},
		{map[string]any{"stakes": map[string]any{"dist": "discrete", "values": []any{0, 1}, "weights": []any{1, 1}}}, "exact enumeration"},
		{map[string]any{"stakes": map[string]any{"dist": "triangular", "min": 0, "mode": 0.2, "max": 1}}, "value iteration"},
	} {
		sol, err := modeltest.Prepare[*Problem](t, Model{}, c.vals).Solve()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(sol.Certificate.Method, c.method) || !sol.Certificate.Converged || sol.Certificate.Residual > 1e-11 {
			t.Errorf("%v: certificate %+v", c.vals, sol.Certificate)
		}
	}
}

// E[(X−c)⁺] by quadrature against closed forms, across the support and
// beyond both ends, for bounded and unbounded laws.
func TestExcess(t *testing.T) {
	mk := func(spec any) *stakes {
		var d dist.Dist
		if err := d.DecodeValue(spec); err != nil {
			t.Fatal(err)
		}
		s := newStakes(d)
		return &s
	}
	n := mk(map[string]any{"dist": "normal", "mean": 1, "sd": 2})
	u := mk(uniform(-1, 3))
	tri := mk(map[string]any{"dist": "triangular", "min": 0, "mode": 1, "max": 3})
	for _, c := range []float64{-8, -1, 0, 0.5, 1, 2.5, 3, 9} {
		z := (c - 1) / 2
		if w := 2*stdPhi(z) + (1-c)*(1-stdCDF(z)); !modeltest.Near(n.excess(c), w, 1e-12) {
			t.Errorf("normal excess(%g) = %.15g, want %.15g", c, n.excess(c), w)
		}
		w := 0.0
		switch {
		case c <= -1:
			w = 1 - c
		case c < 3:
			w = (3 - c) * (3 - c) / 8
		}
		if !modeltest.Near(u.excess(c), w, 1e-13) {
			t.Errorf("uniform excess(%g) = %.15g, want %.15g", c, u.excess(c), w)
		}
		// Triangular(0,1,3): E[(X−c)⁺] = ∫_c^3 (1−F); for c ≥ 1, 1−F(x) = (3−x)²/6,
		// so the excess is (3−c)³/18; for c ≤ 0 it is 4/3 − c.
		if c >= 1 && c <= 3 {
			if w := math.Pow(3-c, 3) / 18; !modeltest.Near(tri.excess(c), w, 1e-13) {
				t.Errorf("triangular excess(%g) = %.15g, want %.15g", c, tri.excess(c), w)
			}
		}
		if c <= 0 && !modeltest.Near(tri.excess(c), 4.0/3-c, 1e-13) {
			t.Errorf("triangular excess(%g) = %.15g", c, tri.excess(c))
		}
	}
	// The walker that carries the integral forward agrees with fresh
	// evaluations along a wandering path.
	w := excessWalker{s: tri}
	for _, c := range []float64{0.5, 0.7, 0.2, 2.9, 1, 3.5, 1.5, -1, 0.9} {
		if !modeltest.Near(w.at(c), tri.excess(c), 1e-13) {
			t.Errorf("walker at %g: %.15g, fresh %.15g", c, w.at(c), tri.excess(c))
		}
	}
}

func BenchmarkSolve(b *testing.B) {
	for _, c := range []struct {
		name string
		vals map[string]any
	}{
		{"uniform_closed_form", nil},
		{"discrete_exact", map[string]any{"stakes": map[string]any{"dist": "discrete", "values": []any{0.1, 0.5, 2}, "weights": []any{0.6, 0.3, 0.1}}}},
		{"uniform_value_iteration", map[string]any{"solver": "value_iteration"}},
		{"lognormal_value_iteration", map[string]any{"stakes": map[string]any{"dist": "lognormal", "mu": 0, "sigma": 1}}},
		{"beta_value_iteration", map[string]any{"stakes": map[string]any{"dist": "beta", "alpha": 2, "beta": 5}}},
		{"beta_value_iteration_slow_contraction", map[string]any{"stakes": map[string]any{"dist": "beta", "alpha": 2, "beta": 5}, "persistence": 0.99, "discount": 0.995}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				inst, err := Model{}.Prepare(c.vals)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := inst.Solve(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSimulate(b *testing.B) {
	r := modeltest.Prepare[*Problem](b, Model{}, nil)
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]float64, numSimulated)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = r.Simulate(rng, out)
	}
}

// Robustness: over random parameters and laws the solver always returns a
// solution whose Bellman residual is small, for both solver settings.
func TestRandomParametersAlwaysSolve(t *testing.T) {
	n := 400
	if testing.Short() {
		n = 100
	}
	randomTiming(t, 8, n)
}

func randomTiming(t *testing.T, seed uint64, n int) {
	rng := rand.New(rand.NewPCG(seed, seed))
	u := func(lo, hi float64) float64 { return lo + (hi-lo)*rng.Float64() }
	for i := 0; i < n; i++ {
		lo := u(-1, 1)
		laws := []any{
			u(-1, 2),
			uniform(lo, lo+u(0.01, 3)),
			map[string]any{"dist": "normal", "mean": u(-1, 2), "sd": u(0.05, 2)},
			map[string]any{"dist": "truncnormal", "mean": u(-0.3, 2), "sd": u(0.1, 2), "min": 0},
			map[string]any{"dist": "lognormal", "mu": u(-1, 1), "sigma": u(0.1, 1.5)},
			map[string]any{"dist": "exponential", "rate": u(0.2, 5)},
			map[string]any{"dist": "beta", "alpha": u(0.3, 4), "beta": u(0.3, 4)},
			map[string]any{"dist": "triangular", "min": lo, "mode": lo + 0.3, "max": lo + 1},
			map[string]any{"dist": "loguniform", "min": 0.01, "max": u(0.1, 10)},
			map[string]any{"dist": "discrete", "values": []any{u(-1, 1), u(0, 2), u(1, 5)}, "weights": []any{u(0, 1), u(0, 1), u(0.1, 1)}},
		}
		vals := map[string]any{
			"stealth": u(0, 0.99), "persistence": u(0, 0.99), "discount": u(0, 1), "penalty": u(0, 1) * float64(rng.IntN(2)),
			"stakes": laws[rng.IntN(len(laws))],
		}
		if rng.IntN(4) == 0 { // the optimal-stopping case
			vals["persistence"], vals["discount"] = 1.0, u(0, 0.999)
		}
		for _, solver := range []string{"auto", "value_iteration"} {
			vals["solver"] = solver
			inst, err := Model{}.Prepare(vals)
			if err != nil {
				t.Fatalf("%v: %v", vals, err)
			}
			sol, err := inst.Solve()
			if err != nil {
				t.Fatalf("%v: %v", vals, err)
			}
			if p := sol.Values[3]; !(p >= 0 && p <= 1) || !(sol.Values[1] >= 0) || !(sol.Values[2] >= sol.Values[1]) {
				t.Fatalf("%v: use_prob %g, value %g, value_sum %g", vals, p, sol.Values[1], sol.Values[2])
			}
		}
	}
}

// Persistence 1 is the classic optimal-stopping problem of a one-shot
// resource. With S = 0, Π = 0 and X ~ U[0, 1] the reservation value solves
// T* = w·E[max(X, T*)] = w(1 + T*²)/2, so T* = (1 − √(1 − w²))/w and
// V = T*/w (derived in the package documentation); e.g. w = 0.9 gives
// T* = 0.626789, V = 0.696432. The closed form, value iteration through the
// quadrature and the simulated lives agree with it, and the exact
// enumeration with value iteration on discrete stakes: the resource is used
// exactly once (uses 1, p_burned 1) after a geometric wait of mean
// 1/(1 − T*).
func TestOptimalStopping(t *testing.T) {
	for _, w := range []float64{0.5, 0.9, 0.99} {
		tStar := (1 - math.Sqrt(1-w*w)) / w
		base := map[string]any{"stealth": 0, "persistence": 1, "discount": w}
		for _, vals := range []map[string]any{base, with(base, "solver", "value_iteration")} {
			m := solve(t, vals)
			if !modeltest.Near(m["threshold"], tStar, 1e-10) || !modeltest.Near(m["value_sum"], tStar/w, 1e-10) ||
				!modeltest.Near(m["value"], (1-w)*tStar/w, 1e-10) {
				t.Errorf("%v: T* %.12g, V %.12g, value %.12g; want %.12g, %.12g, %.12g", vals, m["threshold"], m["value_sum"], m["value"], tStar, tStar/w, (1-w)*tStar/w)
			}
			if !modeltest.Near(m["expected_wait"], 1/(1-tStar), 1e-9) || m["expected_uses"] != 1 || m["p_burned"] != 1 ||
				!modeltest.Near(m["expected_lifetime"], 1/(1-tStar), 1e-9) {
				t.Errorf("%v: wait %g, uses %g, p_burned %g, lifetime %g", vals, m["expected_wait"], m["expected_uses"], m["p_burned"], m["expected_lifetime"])
			}
		}
	}
	if m := solve(t, map[string]any{"stealth": 0, "persistence": 1, "discount": 0.9}); !modeltest.Near(m["threshold"], 0.626789, 5e-7) || !modeltest.Near(m["value_sum"], 0.696432, 5e-7) {
		t.Errorf("w = 0.9: T* %.7f, V %.7f; want 0.626789, 0.696432", m["threshold"], m["value_sum"])
	}
	// Discrete stakes: the reservation value of {0, 1} with weights ½, ½ at
	// w = 0.9 uses only the stake 1, V = w·V/2 + 1/2 ⇒ V = 1/(2 − w).
	stakes := map[string]any{"dist": "discrete", "values": []any{0, 1}, "weights": []any{1, 1}}
	for _, solver := range []string{"auto", "value_iteration"} {
		m := solve(t, map[string]any{"stealth": 0, "persistence": 1, "discount": 0.9, "stakes": stakes, "solver": solver})
		if !modeltest.Near(m["value_sum"], 1/1.1, 1e-10) || m["use_prob"] != 0.5 {
			t.Errorf("discrete, %s: V %.12g, use_prob %g; want 1/1.1, 0.5", solver, m["value_sum"], m["use_prob"])
		}
	}
	// Simulation: mean payoff V, one use, wait 1/(1 − T*).
	c := map[string]any{"stealth": 0, "persistence": 1, "discount": 0.9}
	r := modeltest.Prepare[*Problem](t, Model{}, c)
	m := solve(t, c)
	mean, se := lives(t, r, 40000, 77)
	mctest.Within(t, "payoff_sim", mean[simPayoff], se[simPayoff], m["value_sum"], 4)
	mctest.Within(t, "first_use_sim", mean[simFirstUse], se[simFirstUse], m["expected_wait"], 4)
	if mean[simUses] != 1 || mean[simBurned] != 1 {
		t.Errorf("simulated uses %g, burned %g; want 1, 1", mean[simUses], mean[simBurned])
	}
}

// A resource that never decays and is never worth using (every stake below
// the expected penalty) lives for ever: its lifetime is NaN, it is never
// used, and the simulation returns at once instead of looping.
func TestNeverLost(t *testing.T) {
	c := map[string]any{"persistence": 1, "discount": 0.9, "penalty": 3}
	m := solve(t, c)
	if m["use_prob"] != 0 || m["value_sum"] != 0 || m["expected_uses"] != 0 || m["p_burned"] != 0 || !math.IsNaN(m["expected_lifetime"]) {
		t.Errorf("never lost: %v", m)
	}
	mean, _ := lives(t, modeltest.Prepare[*Problem](t, Model{}, c), 10, 1)
	if mean[simUses] != 0 || !math.IsNaN(mean[simLifetime]) || mean[simPayoff] != 0 {
		t.Errorf("simulated: %v", mean)
	}
}
