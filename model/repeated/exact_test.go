package repeated

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/statecraft/statecraft/internal/mctest"
	"github.com/statecraft/statecraft/internal/modeltest"
)

// simulate plays n matches and returns statistics of the per-turn row score,
// column score, row coop, column coop and mutual coop (under continuation,
// (1−δ) times the totals).
func simulate(m *Match, n int, rng *rand.Rand) [5]mctest.Stats {
	var out [5]mctest.Stats
	for i := 0; i < n; i++ {
		r := m.Play(rng)
		k := 1 / float64(r.Turns)
		if m.Turns == 0 {
			k = 1 - m.Continuation
		}
		out[0].Add(k * r.RowTotal(m.Payoffs))
		out[1].Add(k * r.ColTotal(m.Payoffs))
		out[2].Add(k * float64(r.RowCoops()))
		out[3].Add(k * float64(r.ColCoops()))
		out[4].Add(k * float64(r.Counts[CC]))
	}
	return out
}

func (e Expectation) values() [5]float64 {
	return [5]float64{e.RowScore, e.ColScore, e.RowCoop, e.ColCoop, e.Mutual}
}

var quantity = [5]string{"row score", "col score", "row coop", "col coop", "mutual coop"}

func allStrategies(t testing.TB) []Strategy {
	p := DefaultStrategyParams()
	p.MemoryOne = []float64{0.9, 0.2, 0.6, 0.1}
	p.PunishLength = 2
	p.TriggerProb = 0.3
	p.CoopProb = 0.3
	var out []Strategy
	for _, id := range IDs() {
		s, err := New(id, p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// The noisy workload of BENCHMARKS.md: the exact propagation gives TFT
// 1.09576125 and ALLD 1.34213625 (TestNoisyReferenceScores); the simulation
// of 4000 matches must agree within 4 standard errors.
func TestNoisyReferenceSimulation(t *testing.T) {
	m := &Match{Row: TitForTat{}, Col: AllD{}, Payoffs: Axelrod, Turns: 200, Noise: Noise{Execution: 0.05}}
	s := simulate(m, 4000, rand.New(rand.NewPCG(4, 2024)))
	mctest.Within(t, "TFT score", s[0].Mean(), s[0].SE(), 1.09576125, 4)
	mctest.Within(t, "ALLD score", s[1].Mean(), s[1].SE(), 1.34213625, 4)
}

// Every pair of strategies, under private noise (execution and perception)
// and under public monitoring: the simulated per-turn scores over 30-turn
// matches agree with the exact propagation within 4 standard errors. With
// 684 comparisons a seed has a few per cent chance of one beyond 4 SE by
// chance alone; a failure after a change of the random stream should be
// rerun with a larger sample before it is taken for a bug.
func TestSimulationAgreesWithExact(t *testing.T) {
	all := allStrategies(t)
	noises := []Noise{
		{Execution: 0.05, Perception: 0.03},
		{Execution: 0.02, Public: true, Detection: 0.8, FalseAlarm: 0.1},
	}
	rng := rand.New(rand.NewPCG(1, 7))
	for ni, nz := range noises {
		for _, pr := range Pairs(len(all)) {
			m := &Match{Row: all[pr[0]], Col: all[pr[1]], Payoffs: Axelrod, Noise: nz, Turns: 30}
			e, err := Exact(m, 0)
			if err != nil {
				t.Fatal(err)
			}
			s := simulate(m, 1500, rng)
			ex := e.values()
			for q := 0; q < 2; q++ {
				mctest.Within(t, m.Row.Info().ID+" vs "+m.Col.Info().ID+" "+quantity[q]+" noise "+string(rune('0'+ni)), s[q].Mean(), s[q].SE(), ex[q], 4)
			}
		}
	}
}

// Coop shares and random continuation, on a few pairs: 180 comparisons, so
// (as for TestSimulationAgreesWithExact) a new random stream has a few per
// cent chance of one beyond 4 SE by chance alone.
func TestSimulationAgreesWithExactContinuation(t *testing.T) {
	p := DefaultStrategyParams()
	pairs := [][2]string{{"TFT", "ALLD"}, {"CTFT", "GTFT"}, {"WSLS", "PTRIGGER"}, {"GRADUAL", "RANDOM"}, {"ZDEXTORT", "TF2T"}, {"SOFTMAJORITY", "ALTERNATOR"}}
	rng := rand.New(rand.NewPCG(1, 8))
	for _, nz := range []Noise{{Execution: 0.05}, {Execution: 0.01, Perception: 0.1}, {Public: true, Detection: 0.9, FalseAlarm: 0.05}} {
		for _, pr := range pairs {
			a, _ := New(pr[0], p)
			b, _ := New(pr[1], p)
			for _, m := range []*Match{
				{Row: a, Col: b, Payoffs: Axelrod, Noise: nz, Continuation: 0.9},
				{Row: a, Col: b, Payoffs: Axelrod, Noise: nz, Turns: 25},
			} {
				e, err := Exact(m, 0)
				if err != nil {
					t.Fatal(err)
				}
				if m.Turns == 0 && e.Residual > 1e-15 {
					t.Errorf("continuation tail %g", e.Residual)
				}
				s := simulate(m, 3000, rng)
				ex := e.values()
				for q := range ex {
					mctest.Within(t, pr[0]+" vs "+pr[1]+" "+quantity[q], s[q].Mean(), s[q].SE(), ex[q], 4)
				}
			}
		}
	}
}

// Under random continuation the expected length is 1/(1−δ): the exact
// propagation of ALLC against itself counts it.
func TestContinuationLength(t *testing.T) {
	m := &Match{Row: AllC{}, Col: AllC{}, Payoffs: Axelrod, Continuation: 0.95}
	e, err := Exact(m, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !modeltest.Near(e.RowScore, 3, 1e-12) || !modeltest.Near(e.Mutual, 1, 1e-12) {
		t.Errorf("ALLC pair under continuation: score %g, mutual %g", e.RowScore, e.Mutual)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	var s mctest.Stats
	for i := 0; i < 20000; i++ {
		s.Add(float64(Length(rng, 0.95)))
	}
	mctest.Within(t, "match length", s.Mean(), s.SE(), 20, 4)
}

// Long-run payoffs: the 4-state chain and the joint automaton chain agree
// for every memory-one pair under every kind of noise; and both agree with
// the average of the exactly propagated expected payoff over turns
// T … 2T−1, which converges geometrically for these (aperiodic, noisy)
// chains.
func TestLongRunMethodsAgree(t *testing.T) {
	var m1s []MemoryOneStrategy
	for _, s := range allStrategies(t) {
		if m, ok := s.(MemoryOneStrategy); ok {
			m1s = append(m1s, m)
		}
	}
	noises := []Noise{{}, {Execution: 0.05}, {Execution: 0.02, Perception: 0.1}, {Execution: 0.01, Public: true, Detection: 0.7, FalseAlarm: 0.2}}
	for ni, nz := range noises {
		for _, pr := range Pairs(len(m1s)) {
			a, b := m1s[pr[0]], m1s[pr[1]]
			e4, err := LongRunMemoryOne(a, b, Axelrod, nz)
			if err != nil {
				t.Fatal(err)
			}
			m := &Match{Row: a, Col: b, Payoffs: Axelrod, Noise: nz}
			ej, err := LongRun(m, 0)
			if err != nil {
				t.Fatal(err)
			}
			v4, vj := e4.values(), ej.values()
			for q := range v4 {
				if !modeltest.Near(v4[q], vj[q], 1e-9) {
					t.Errorf("noise %d %s vs %s %s: 4-state %.12f, joint %.12f", ni, a.Info().ID, b.Info().ID, quantity[q], v4[q], vj[q])
				}
			}
			if e4.Residual > 1e-10 || ej.Residual > 1e-10 {
				t.Errorf("residuals %g, %g", e4.Residual, ej.Residual)
			}
			if ni == 0 {
				continue
			}
			const T = 3000
			m.Turns = T
			e1, _ := Exact(m, 0)
			m.Turns = 2 * T
			e2, _ := Exact(m, 0)
			w1, w2 := e1.values(), e2.values()
			for q := range v4 {
				window := (w2[q]*2*T - w1[q]*T) / T
				if !modeltest.Near(window, v4[q], 1e-8) {
					t.Errorf("noise %d %s vs %s %s: long run %.10f, turns T…2T−1 average %.10f", ni, a.Info().ID, b.Info().ID, quantity[q], v4[q], window)
				}
			}
		}
	}
}

// Long runs of reducible or periodic chains without noise, known by hand.
func TestLongRunReducible(t *testing.T) {
	cases := []struct {
		a, b     Strategy
		row, col float64
	}{
		{TitForTat{}, TitForTat{}, 3, 3},
		{TitForTat{}, AllD{}, 1, 1},
		{TitForTat{}, SuspiciousTFT{}, 2.5, 2.5},                      // (C,D),(D,C),…: (S+T)/2 each
		{WinStayLoseShift{}, AllD{}, 0.5, 3},                          // WSLS alternates C, D: (S+P)/2 and (T+P)/2
		{Alternator{}, AllC{}, 4, 1.5},                                // (R+T)/2 and (R+S)/2
		{Memory1{P: [4]float64{1, 0.5, 0, 0}}, SuspiciousTFT{}, 2, 2}, // half to (C,C) for ever, half to (D,D)
		{Grudger{}, Alternator{}, 3, 0.5},                             // (D,C),(D,D),…: (T+P)/2 and (S+P)/2
		{TitForTwoTats{}, Alternator{}, 1.5, 4},                       // never two defections in a row: TF2T always cooperates
		{Punisher{L: 2}, Alternator{}, 2.25, 2.25},                    // period 4: (C,C),(C,D),(D,C),(D,D)
	}
	for _, c := range cases {
		e, err := Expect(&Match{Row: c.a, Col: c.b, Payoffs: Axelrod}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !modeltest.Near(e.RowScore, c.row, 1e-12) || !modeltest.Near(e.ColScore, c.col, 1e-12) {
			t.Errorf("%s vs %s: long run (%.12g, %.12g), want (%g, %g)", c.a.Info().ID, c.b.Info().ID, e.RowScore, e.ColScore, c.row, c.col)
		}
		// The general chain agrees with the 4-state chain where both apply.
		g, err := LongRun(&Match{Row: c.a, Col: c.b, Payoffs: Axelrod}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !modeltest.Near(g.RowScore, c.row, 1e-12) || !modeltest.Near(g.ColScore, c.col, 1e-12) {
			t.Errorf("%s vs %s: joint chain (%.12g, %.12g), want (%g, %g)", c.a.Info().ID, c.b.Info().ID, g.RowScore, g.ColScore, c.row, c.col)
		}
	}
	if _, err := LongRun(&Match{Row: Gradual{}, Col: TitForTat{}, Payoffs: Axelrod}, 0); !errors.Is(err, ErrStateSpace) {
		t.Errorf("long run of GRADUAL: error %v, want ErrStateSpace", err)
	}
}

// Press & Dyson's theorem: against any opponent, in the long run without
// noise, an extortioner's score satisfies s_X − P = χ(s_Y − P).
func TestZDExtortion(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	opps := allStrategies(t)
	for i := 0; i < 10; i++ {
		opps = append(opps, Memory1{P: [4]float64{rng.Float64(), rng.Float64(), rng.Float64(), rng.Float64()}})
	}
	for _, chi := range []float64{1, 2, 3, 7.5} {
		for _, share := range []float64{0.2, 0.5, 1} {
			z, err := NewZDExtortioner(Axelrod, chi, share)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range opps {
				if o.Info().States == 0 {
					continue // unbounded state: no finite long run
				}
				e, err := Expect(&Match{Row: z, Col: o, Payoffs: Axelrod}, 0)
				if err != nil {
					t.Fatal(err)
				}
				if d := (e.RowScore - 1) - chi*(e.ColScore-1); math.Abs(d) > 1e-9 {
					t.Errorf("χ=%g φ share %g vs %s %s: s_X−P − χ(s_Y−P) = %g (scores %g, %g)", chi, share, o.Info().ID, o.Info().Params, d, e.RowScore, e.ColScore)
				}
			}
		}
	}
}

// The espionage model's closed forms (derived in model/espionage's package
// documentation), reached by two players of one strategy under public
// monitoring with continuation δ:
// V − P = (1−δ)(R−P) / (1 − δ + δqx), x = 1 for grim, 1−δᴸ for L-period
// punishment, τ for the probabilistic trigger. Known answer: p=0.8, q=0.1,
// δ=0.9, grim: V = 2.052632.
func TestEspionageClosedForms(t *testing.T) {
	value := func(q, d, x float64) float64 { return 1 + (1-d)*(3-1)/(1-d+d*q*x) }
	mon := func(p, q float64) Noise { return Noise{Public: true, Detection: p, FalseAlarm: q} }
	e, err := Exact(&Match{Row: Grudger{}, Col: Grudger{}, Payoffs: Axelrod, Noise: mon(0.8, 0.1), Continuation: 0.9}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !modeltest.Near(e.RowScore, 2.052632, 5e-7) || !modeltest.Near(e.ColScore, e.RowScore, 1e-15) {
		t.Errorf("grim pair: %.7f, want 2.052632", e.RowScore)
	}
	for _, c := range []struct{ p, q, d float64 }{{0.8, 0.1, 0.9}, {0.5, 0.05, 0.95}, {0.9, 0.3, 0.7}} {
		cases := []struct {
			s Strategy
			x float64
		}{
			{Grudger{}, 1},
			{Punisher{L: 1}, 1 - c.d},
			{Punisher{L: 3}, 1 - math.Pow(c.d, 3)},
			{ProbabilisticTrigger{Tau: 0.4}, 0.4},
		}
		for _, k := range cases {
			e, err := Exact(&Match{Row: k.s, Col: k.s, Payoffs: Axelrod, Noise: mon(c.p, c.q), Continuation: c.d}, 0)
			if err != nil {
				t.Fatal(err)
			}
			if want := value(c.q, c.d, k.x); !modeltest.Near(e.RowScore, want, 1e-12) {
				t.Errorf("%s pair p=%g q=%g δ=%g: %.14f, closed form %.14f", k.s.Info().ID, c.p, c.q, c.d, e.RowScore, want)
			}
		}
	}
}

func TestExactStateLimit(t *testing.T) {
	m := &Match{Row: Gradual{}, Col: Gradual{}, Payoffs: Axelrod, Noise: Noise{Execution: 0.05}, Turns: 200}
	if _, err := Exact(m, 1000); !errors.Is(err, ErrStateSpace) {
		t.Errorf("error %v, want ErrStateSpace", err)
	}
}

// plain hides a strategy's Truncate method.
type plain struct{ Strategy }

// Merging states by Truncate changes nothing but the number of states.
func TestTruncationExact(t *testing.T) {
	pairs := [][2]Strategy{{Gradual{}, Gradual{}}, {Gradual{}, SoftMajority{}}, {SoftMajority{}, TitForTwoTats{}}, {Gradual{}, Random{P: 0.4}}}
	for _, nz := range []Noise{{Execution: 0.1}, {Execution: 0.02, Perception: 0.05}, {Public: true, Detection: 0.8, FalseAlarm: 0.2}} {
		for _, pr := range pairs {
			m := &Match{Row: pr[0], Col: pr[1], Payoffs: Axelrod, Noise: nz, Turns: 30}
			e, err := Exact(m, 0)
			if err != nil {
				t.Fatal(err)
			}
			full, err := Exact(&Match{Row: plain{pr[0]}, Col: plain{pr[1]}, Payoffs: Axelrod, Noise: nz, Turns: 30}, 0)
			if err != nil {
				t.Fatal(err)
			}
			a, b := e.values(), full.values()
			for q := range a {
				if !modeltest.Near(a[q], b[q], 1e-12) {
					t.Errorf("%s vs %s %s: merged %.15f, full %.15f", pr[0].Info().ID, pr[1].Info().ID, quantity[q], a[q], b[q])
				}
			}
			if e.States >= full.States {
				t.Errorf("%s vs %s: merging kept %d of %d states", pr[0].Info().ID, pr[1].Info().ID, e.States, full.States)
			}
		}
	}
}

// The table-driven loop for memory-one pairs plays exactly the same matches
// as the automata, draw for draw.
func TestMemoryOneFastPathIdentical(t *testing.T) {
	var m1s []Strategy
	for _, s := range allStrategies(t) {
		if _, ok := s.(MemoryOneStrategy); ok {
			m1s = append(m1s, s)
		}
	}
	for _, nz := range []Noise{{}, {Execution: 0.05, Perception: 0.1}, {Execution: 0.02, Public: true, Detection: 0.8, FalseAlarm: 0.1}} {
		for _, pr := range Pairs(len(m1s)) {
			fast := &Match{Row: m1s[pr[0]], Col: m1s[pr[1]], Payoffs: Axelrod, Noise: nz, Turns: 100}
			slow := &Match{Row: plain{m1s[pr[0]]}, Col: plain{m1s[pr[1]]}, Payoffs: Axelrod, Noise: nz, Turns: 100}
			for seed := uint64(0); seed < 20; seed++ {
				a := fast.Play(rand.New(rand.NewPCG(seed, 1)))
				b := slow.Play(rand.New(rand.NewPCG(seed, 1)))
				if a != b {
					t.Fatalf("%s vs %s seed %d: fast %v, automata %v", m1s[pr[0]].Info().ID, m1s[pr[1]].Info().ID, seed, a, b)
				}
			}
		}
	}
}
