package repeated

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/internal/modeltest"
)

// script is a scripted opponent: it plays moves[t] on turn t (cycling).
type script struct{ moves []Move }

func (s script) Info() Info           { return Info{ID: "SCRIPT", MemoryDepth: -1} }
func (script) Start() State           { return 0 }
func (s script) Coop(t State) float64 { return float64(1 - s.moves[int(t)%len(s.moves)]) }
func (script) Next(t State, _, _ Move) Transition {
	return to(t + 1)
}

func parse(s string) []Move {
	out := make([]Move, len(s))
	for i, c := range s {
		if c == 'D' {
			out[i] = D
		}
	}
	return out
}

func str(ms []Move) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString(m.String())
	}
	return b.String()
}

// Exact move sequences against scripted opponents without noise, each derived
// by hand from the strategy's definition in its source (see the type docs).
func TestMoveSequences(t *testing.T) {
	const opp = "CCDCCDDCCCDDDCC"
	cases := []struct {
		s    Strategy
		opp  string
		want string
	}{
		{AllC{}, opp, "CCCCCCCCCCCCCCC"},
		{AllD{}, opp, "DDDDDDDDDDDDDDD"},
		{TitForTat{}, opp, "CCCDCCDDCCCDDDC"},
		{SuspiciousTFT{}, opp, "DCCDCCDDCCCDDDC"},
		{TitForTwoTats{}, opp, "CCCCCCCDCCCCDDC"},
		{TwoTitsForTat{}, opp, "CCCDDCDDDCCDDDD"},
		{GenerousTFT{G: 0}, opp, "CCCDCCDDCCCDDDC"},
		{GenerousTFT{G: 1}, opp, "CCCCCCCCCCCCCCC"},
		{WinStayLoseShift{}, opp, "CCCDDDCDDDDCDCC"},
		{Grudger{}, opp, "CCCDDDDDDDDDDDD"},
		{ContriteTFT{}, opp, "CCCDCCDDCCCDDDC"},
		// Gradual: D seen on turn 3 (n=1) → D on 4, calm 5–6; D seen on the
		// last calming turn 6 (n=2) → D on 7–8 (n=3 by then), calm 9–10; D seen
		// on 11 (n=4) → D on 12–15.
		{Gradual{}, opp, "CCCDCCDDCCCDDDD"},
		{Punisher{L: 2}, opp, "CCCDDCDDCCCDDCC"},
		{Punisher{L: 1}, opp, "CCCDCCDCCCCDCDC"}, // unlike TFT, it ignores what it sees while punishing
		{ProbabilisticTrigger{Tau: 1}, opp, "CCCDDDDDDDDDDDD"},
		{ProbabilisticTrigger{Tau: 0}, opp, "CCCCCCCCCCCCCCC"},
		{Random{P: 1}, opp, "CCCCCCCCCCCCCCC"},
		{Random{P: 0}, opp, "DDDDDDDDDDDDDDD"},
		{Alternator{}, opp, "CDCDCDCDCDCDCDC"},
		{Memory1{P: [4]float64{1, 0, 1, 0}}, opp, "CCCDCCDDCCCDDDC"}, // tit for tat
		{Memory1{P: [4]float64{1, 0, 0, 1}}, opp, "CCCDDDCDDDDCDCC"}, // WSLS
		{Memory1{P: [4]float64{0, 0, 1, 1}}, opp, "CDCDCDCDCDCDCDC"}, // alternator
		{Memory1{P: [4]float64{1, 0, 0, 0}}, opp, "CCCDDDDDDDDDDDD"}, // grim without noise
		{SoftMajority{}, "DDCCCDDDCC", "CDDDCCCDDD"},
		{SoftMajority{}, opp, "CCCCCCCCCCCCCCC"},
	}
	for _, c := range cases {
		m := &Match{Row: c.s, Col: script{parse(c.opp)}, Payoffs: Axelrod, Turns: len(c.opp)}
		row, col := m.Moves(nil) // no draws: every probability is 0 or 1
		if got := str(row); got != c.want {
			t.Errorf("%s %s vs %s: got %s, want %s", c.s.Info().ID, c.s.Info().Params, c.opp, got, c.want)
		}
		if got := str(col); got != c.opp {
			t.Errorf("script played %s, want %s", got, c.opp)
		}
		// The same strategy as the column player sees the same moves.
		m = &Match{Row: script{parse(c.opp)}, Col: c.s, Payoffs: Axelrod, Turns: len(c.opp)}
		if _, col := m.Moves(nil); str(col) != c.want {
			t.Errorf("%s as column player: got %s, want %s", c.s.Info().ID, str(col), c.want)
		}
	}
}

// Contrite TFT's standing: after its own mistaken defection it accepts one
// punishment without retaliating; tit for tat retaliates.
func TestContriteStanding(t *testing.T) {
	var s ContriteTFT
	st := s.Start()
	st = s.Next(st, D, C).To // own defection by mistake, unprovoked: bad standing
	if s.Coop(st) != 1 {
		t.Fatalf("after own mistaken defection CTFT should cooperate (contrite)")
	}
	st = s.Next(st, C, D).To // the other punishes: justified, so its standing stays good
	if st != 0 || s.Coop(st) != 1 {
		t.Fatalf("after accepting the punishment CTFT should be back to mutual good standing, state %d", st)
	}
	// Two contrite players after one mistake: (D,C), (C,D), (C,C).
	r, c := s.Start(), s.Start()
	r, c = s.Next(r, D, C).To, s.Next(c, C, D).To
	mr, mc := s.Coop(r), s.Coop(c)
	if mr != 1 || mc != 0 {
		t.Fatalf("turn after the mistake: moves (%g, %g), want (C, D)", mr, mc)
	}
	r, c = s.Next(r, C, D).To, s.Next(c, D, C).To
	if s.Coop(r) != 1 || s.Coop(c) != 1 {
		t.Fatalf("two turns after the mistake cooperation should be restored")
	}
}

// Press & Dyson's example extortioner: χ = 3 at Axelrod's payoffs with φ half
// its largest value is p = (11/13, 1/2, 7/26, 0) (PNAS 2012, eq. 14 ff.).
func TestZDExample(t *testing.T) {
	z, err := NewZDExtortioner(Axelrod, 3, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	want := [4]float64{11.0 / 13, 0.5, 7.0 / 26, 0}
	for i := range want {
		if !modeltest.Near(z.P[i], want[i], 1e-15) {
			t.Errorf("p[%d] = %g, want %g", i, z.P[i], want[i])
		}
	}
	if !modeltest.Near(z.Phi, 1.0/26, 1e-16) {
		t.Errorf("φ = %g, want 1/26", z.Phi)
	}
	// At the largest φ some entry hits a bound of [0, 1].
	zm, _ := NewZDExtortioner(Axelrod, 3, 1)
	if zm.P[1] != 0 {
		t.Errorf("at the largest φ, p_CD = %g, want 0", zm.P[1])
	}
	for _, bad := range []struct{ chi, share float64 }{{0.5, 0.5}, {3, 0}, {3, 1.5}, {math.NaN(), 0.5}} {
		if _, err := NewZDExtortioner(Axelrod, bad.chi, bad.share); err == nil {
			t.Errorf("χ=%g share=%g: no error", bad.chi, bad.share)
		}
	}
}

// Nowak & Sigmund's GTFT generosity is 1/3 at Axelrod's payoffs:
// min(1 − 2/3, 2/4).
func TestGenerosity(t *testing.T) {
	if g := Axelrod.Generosity(); !modeltest.Near(g, 1.0/3, 1e-15) {
		t.Errorf("generosity %g, want 1/3", g)
	}
	// (R−P)/(T−P) binds when the sucker's payoff is far below.
	g := Payoffs{T: 5, R: 3, P: 1, S: -10}.Generosity()
	if !modeltest.Near(g, 0.5, 1e-15) {
		t.Errorf("generosity %g, want 0.5", g)
	}
	s, err := New("gtft", DefaultStrategyParams())
	if err != nil {
		t.Fatal(err)
	}
	if s.(GenerousTFT).G != Axelrod.Generosity() {
		t.Errorf("GTFT's default generosity is not the payoffs' bound")
	}
}

// histories enumerates every joint history of executed own moves and observed
// other moves of length n, as the outcomes own·2+other.
func histories(n int) [][]int {
	if n == 0 {
		return [][]int{nil}
	}
	var out [][]int
	for _, h := range histories(n - 1) {
		for o := 0; o < 4; o++ {
			out = append(out, append(append([]int(nil), h...), o))
		}
	}
	return out
}

// states returns the distribution of states after history h (random
// transitions followed along both branches).
func states(s Strategy, h []int) map[State]float64 {
	cur := map[State]float64{s.Start(): 1}
	for _, o := range h {
		next := map[State]float64{}
		for st, p := range cur {
			tr := s.Next(st, Move(o>>1), Move(o&1))
			next[tr.To] += p * tr.P
			if tr.P < 1 {
				next[tr.Alt] += p * (1 - tr.P)
			}
		}
		cur = next
	}
	return cur
}

// coopAfter is the probability of intending C after history h.
func coopAfter(s Strategy, h []int) float64 {
	var c float64
	for st, p := range states(s, h) {
		c += p * s.Coop(st)
	}
	return c
}

// dependsBeyond reports whether, over histories of length n, the next move
// depends on more than the last d turns.
func dependsBeyond(s Strategy, n, d int) bool {
	seen := map[string]float64{}
	for _, h := range histories(n) {
		key := fmt.Sprint(h[n-d:])
		c := coopAfter(s, h)
		if prev, ok := seen[key]; ok && math.Abs(prev-c) > 1e-12 {
			return true
		}
		seen[key] = c
	}
	return false
}

// The classifier is checked by brute force over all histories: memory depth
// d means the next move depends on the last d turns and not on the last d−1
// alone; unbounded (−1) means it depends on turn 1 after 6 turns. States and
// Stochastic are checked against what the automaton reaches and draws.
func TestClassifier(t *testing.T) {
	p := DefaultStrategyParams()
	p.MemoryOne = []float64{0.9, 0.2, 0.6, 0.1}
	p.TriggerProb = 1 // deterministic transitions for the depth check
	for _, e := range Catalogue() {
		s, err := New(e.ID, p)
		if err != nil {
			t.Fatal(err)
		}
		info := s.Info()
		const n = 6
		switch d := info.MemoryDepth; {
		case d == -1:
			if !dependsBeyond(s, n, n-1) {
				t.Errorf("%s: classified unbounded but depends only on the last %d turns", e.ID, n-1)
			}
		case d >= 0:
			if dependsBeyond(s, n, d) {
				t.Errorf("%s: depends on more than the last %d turns", e.ID, d)
			}
			if d > 0 && !dependsBeyond(s, n, d-1) {
				t.Errorf("%s: depends only on the last %d turns, classified %d", e.ID, d-1, d)
			}
		}
		// Reachable states within 8 turns.
		reached := map[State]bool{}
		stoch := false
		for k := 0; k <= 5; k++ {
			for _, h := range histories(k) {
				for st := range states(s, h) {
					reached[st] = true
					if c := s.Coop(st); c > 0 && c < 1 {
						stoch = true
					}
				}
			}
		}
		if info.States > 0 && len(reached) != info.States {
			t.Errorf("%s: %d states reached within 5 turns, classified %d", e.ID, len(reached), info.States)
		}
		if info.States == 0 && len(reached) < 10 {
			t.Errorf("%s: classified unbounded but reaches only %d states", e.ID, len(reached))
		}
		if stoch != info.Stochastic && e.ID != "PTRIGGER" {
			t.Errorf("%s: draws a random move %v, classified stochastic %v", e.ID, stoch, info.Stochastic)
		}
	}
	if !(ProbabilisticTrigger{Tau: 0.5}).Info().Stochastic || (ProbabilisticTrigger{Tau: 1}).Info().Stochastic {
		t.Errorf("PTRIGGER is stochastic exactly when 0 < τ < 1")
	}
}

// A memory-one strategy's automaton agrees with its vector after every
// outcome, from every reachable state.
func TestMemoryOneVectors(t *testing.T) {
	p := DefaultStrategyParams()
	p.MemoryOne = []float64{0.9, 0.2, 0.6, 0.1}
	for _, e := range Catalogue() {
		s, _ := New(e.ID, p)
		m1s, ok := s.(MemoryOneStrategy)
		if !ok {
			if e.MemoryDepth == 1 || e.MemoryDepth == 0 {
				t.Errorf("%s has memory depth %d but no memory-one vector", e.ID, e.MemoryDepth)
			}
			continue
		}
		first, vec := m1s.MemoryOne()
		if c := s.Coop(s.Start()); c != first {
			t.Errorf("%s: first move %g, vector says %g", e.ID, c, first)
		}
		for _, h := range histories(3) {
			if got, want := coopAfter(s, h), vec[h[len(h)-1]]; got != want {
				t.Errorf("%s after %v: cooperates with %g, vector says %g", e.ID, h, got, want)
			}
		}
	}
}

func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range Catalogue() {
		if seen[e.ID] {
			t.Errorf("duplicate id %s", e.ID)
		}
		seen[e.ID] = true
		if e.Name == "" || e.Source == "" || e.Doc == "" {
			t.Errorf("%s: empty name, source or doc", e.ID)
		}
		s, err := New(strings.ToLower(e.ID), DefaultStrategyParams())
		if e.ID == "MEMORY1" {
			if err == nil || !strings.Contains(err.Error(), "memory_one") {
				t.Errorf("MEMORY1 without a vector: error %v, want one naming memory_one", err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", e.ID, err)
			continue
		}
		if s.Info().ID != e.ID {
			t.Errorf("New(%s) built %s", e.ID, s.Info().ID)
		}
	}
	for _, id := range []string{"ALLC", "ALLD", "TFT", "TF2T", "2TFT", "STFT", "GTFT", "WSLS", "GRUDGER", "CTFT", "GRADUAL", "RANDOM"} {
		if !seen[id] {
			t.Errorf("catalogue lacks %s", id)
		}
	}
	_, err := Canonical("TFTT")
	if err == nil || !strings.Contains(err.Error(), `did you mean "TFT"`) || !strings.Contains(err.Error(), "WSLS") {
		t.Errorf("unknown id error %v should suggest TFT and list the ids", err)
	}
	bad := []struct {
		id   string
		mod  func(*StrategyParams)
		want string
	}{
		{"RANDOM", func(p *StrategyParams) { p.CoopProb = 1.5 }, "coop_prob"},
		{"PUNISH", func(p *StrategyParams) { p.PunishLength = 0 }, "punish_length"},
		{"PTRIGGER", func(p *StrategyParams) { p.TriggerProb = -0.1 }, "trigger_prob"},
		{"ZDEXTORT", func(p *StrategyParams) { p.Chi = 0.5 }, "chi"},
		{"ZDEXTORT", func(p *StrategyParams) { p.Phi = 2 }, "phi"},
		{"GTFT", func(p *StrategyParams) { p.Generosity = 2 }, "generosity"},
		{"MEMORY1", func(p *StrategyParams) { p.MemoryOne = []float64{1, 0, 1} }, "memory_one"},
		{"MEMORY1", func(p *StrategyParams) { p.MemoryOne = []float64{1, 0, 1, 2} }, "memory_one.3"},
	}
	for _, b := range bad {
		p := DefaultStrategyParams()
		b.mod(&p)
		if _, err := New(b.id, p); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%s: error %v, want one naming %s", b.id, err, b.want)
		}
	}
}

func TestPlayAllocatesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	p := DefaultStrategyParams()
	p.MemoryOne = []float64{0.9, 0.2, 0.6, 0.1}
	var all []Strategy
	for _, id := range IDs() {
		s, _ := New(id, p)
		all = append(all, s)
	}
	for _, noise := range []Noise{{Execution: 0.05, Perception: 0.05}, {Execution: 0.05, Public: true, Detection: 0.8, FalseAlarm: 0.1}} {
		for _, a := range all {
			m := &Match{Row: a, Col: all[(len(a.Info().ID)*7)%len(all)], Payoffs: Axelrod, Noise: noise, Turns: 200}
			if n := testing.AllocsPerRun(20, func() { m.Play(rng) }); n != 0 {
				t.Errorf("%s: %g allocations per match", a.Info().ID, n)
			}
		}
	}
	m := &Match{Row: TitForTat{}, Col: WinStayLoseShift{}, Payoffs: Axelrod, Noise: Noise{Execution: 0.1}, Continuation: 0.99}
	if n := testing.AllocsPerRun(20, func() { m.Play(rng) }); n != 0 {
		t.Errorf("continuation match: %g allocations", n)
	}
}
