package repeated

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// Noise describes how moves go wrong and what players see.
//
// Execution noise flips each intended move with probability Execution; the
// player knows its own executed move (strategies react to it, so contrite tit
// for tat can tell it defected by mistake).
//
// Under private monitoring (Public false) each player sees the other's
// executed move, misread with probability Perception, independently for the
// two players and over turns.
//
// Under public monitoring (Public true), as in the espionage model, nobody
// sees the other's move: both see one public signal a turn, an alarm with
// probability Detection if someone (either player) defected and FalseAlarm if
// both cooperated. A strategy treats an alarm as an observed defection of the
// other and quiet as an observed cooperation, and still knows its own move.
// The turn's random state transitions (the probabilistic trigger's) use one
// shared public random draw, so two such strategies switch together. With
// Detection = 1 and FalseAlarm = 0 this is not perfect monitoring: a player's
// own defection also raises the alarm.
type Noise struct {
	Execution  float64 // ε: probability an intended move flips
	Perception float64 // ε_obs: probability a player misreads the other's move (private monitoring)
	Public     bool    // public-signal monitoring instead of seeing moves
	Detection  float64 // p: probability of an alarm when someone defected (public monitoring)
	FalseAlarm float64 // q: probability of an alarm when both cooperated (public monitoring)
}

// Validate checks the probabilities.
func (n Noise) Validate() error {
	for _, c := range []struct {
		name string
		v    float64
	}{{"execution noise", n.Execution}, {"perception noise", n.Perception}, {"detection", n.Detection}, {"false alarm", n.FalseAlarm}} {
		if !(c.v >= 0 && c.v <= 1) {
			return fmt.Errorf("%s %g is not a probability", c.name, c.v)
		}
	}
	if n.Public && n.Perception > 0 {
		return errors.New("perception noise applies to seeing the other's moves; under public monitoring the signal's noise is set by detection and false alarm")
	}
	return nil
}

// alarm is the probability of an alarm after the executed moves a, b.
func (n *Noise) alarm(a, b Move) float64 {
	if a == D || b == D {
		return n.Detection
	}
	return n.FalseAlarm
}

// Match is a repeated prisoner's dilemma between two strategies: Turns turns,
// or, when Turns is 0, a random number of turns: after each turn another
// follows with probability Continuation (so the expected length is
// 1/(1−Continuation)).
//
// BurnIn turns, played before the Turns that count, are left out of a
// played match's [Result] (fixed-length matches only): a simulation of the
// long run discards them so that its average is not biased by the start.
type Match struct {
	Row, Col     Strategy
	Payoffs      Payoffs
	Noise        Noise
	Turns        int
	Continuation float64
	BurnIn       int
}

// Validate checks the match.
func (m *Match) Validate() error {
	if m.Row == nil || m.Col == nil {
		return errors.New("match needs two strategies")
	}
	if err := m.Payoffs.Validate(); err != nil {
		return err
	}
	if err := m.Noise.Validate(); err != nil {
		return err
	}
	switch {
	case m.Turns < 0:
		return fmt.Errorf("turns %d is negative", m.Turns)
	case m.Turns > 0 && m.Continuation != 0:
		return errors.New("give either a fixed number of turns or a continuation probability, not both")
	case m.Turns == 0 && !(m.Continuation > 0 && m.Continuation < 1):
		return fmt.Errorf("continuation %g must be in (0, 1) when turns is 0", m.Continuation)
	case m.BurnIn < 0:
		return fmt.Errorf("burn-in %d is negative", m.BurnIn)
	case m.BurnIn > 0 && m.Turns == 0:
		return errors.New("a burn-in applies to matches of a fixed number of turns")
	}
	return nil
}

// Result counts what happened in a played match, after the burn-in.
type Result struct {
	Turns  int    // turns counted (the burn-in left out)
	Counts [4]int // turns by outcome CC, CD, DC, DD (row's move first)
}

// RowTotal is the row player's total score.
func (r *Result) RowTotal(g Payoffs) float64 {
	return float64(r.Counts[CC])*g.R + float64(r.Counts[CD])*g.S + float64(r.Counts[DC])*g.T + float64(r.Counts[DD])*g.P
}

// ColTotal is the column player's total score.
func (r *Result) ColTotal(g Payoffs) float64 {
	return float64(r.Counts[CC])*g.R + float64(r.Counts[CD])*g.T + float64(r.Counts[DC])*g.S + float64(r.Counts[DD])*g.P
}

// RowCoops is the number of turns the row player cooperated.
func (r *Result) RowCoops() int { return r.Counts[CC] + r.Counts[CD] }

// ColCoops is the number of turns the column player cooperated.
func (r *Result) ColCoops() int { return r.Counts[CC] + r.Counts[DC] }

// Play plays the match once with randomness from rng only and counts the
// outcomes. It allocates nothing. A random-continuation match first draws its
// length from the geometric law ([Length]). Execution and perception errors
// are independent Bernoulli(ε) events over the sequence of moves (row's then
// column's, turn by turn), so Play draws, instead of one uniform per move, one
// geometric gap to the next error ([Flips]); with ε = 0.05 that is one draw
// every 20 moves. Other draws happen only when a probability is strictly
// between 0 and 1, per turn in this order: each player's intended move (row
// first), the public signal, then each random transition (one shared draw
// under public monitoring). The match must be valid ([Match.Validate]).
func (m *Match) Play(rng *rand.Rand) Result { return m.play(rng, nil, nil) }

// Moves plays the match once like [Match.Play] and returns the executed moves
// (those of the burn-in included).
func (m *Match) Moves(rng *rand.Rand) (row, col []Move) {
	m.play(rng, &row, &col)
	return row, col
}

// Length draws the number of turns of a random-continuation match: 1 + a
// geometric number of continuations, P(length > k) = δᵏ.
func Length(rng *rand.Rand, delta float64) int {
	u := 1 - rng.Float64() // in (0, 1]
	k := math.Floor(math.Log(u) / math.Log(delta))
	if k > 1<<40 {
		k = 1 << 40
	}
	return 1 + int(k)
}

// Flips draws the independent errors of a sequence of moves, each with
// probability ε, by drawing the gap to the next error: the number of
// error-free moves before it is geometric, P(gap ≥ k) = (1−ε)ᵏ, drawn as
// ⌊E/λ⌋ with E exponential (rand's ziggurat) and λ = −log(1−ε).
type Flips struct {
	scale float64 // 1/λ
	gap   int64   // error-free moves left before the next error
}

// NewFlips returns the error sequence with probability eps, drawing the
// first gap from rng.
func NewFlips(eps float64, rng *rand.Rand) Flips {
	f := Flips{scale: -1 / math.Log1p(-eps), gap: math.MaxInt64}
	if eps > 0 {
		f.gap = f.draw(rng)
	}
	return f
}

func (f *Flips) draw(rng *rand.Rand) int64 {
	g := math.Floor(rng.ExpFloat64() * f.scale) // 0 when ε = 1
	if !(g < 1<<62) {
		return 1 << 62
	}
	return int64(g)
}

// Next reports whether the next move is an error.
func (f *Flips) Next(rng *rand.Rand) bool {
	if f.gap > 0 {
		f.gap--
		return false
	}
	return f.flip(rng)
}

func (f *Flips) flip(rng *rand.Rand) bool {
	f.gap = f.draw(rng)
	return true
}

func intend(p float64, rng *rand.Rand) Move {
	if p >= 1 {
		return C
	}
	if p <= 0 {
		return D
	}
	return draw(p, rng)
}

func draw(p float64, rng *rand.Rand) Move {
	if rng.Float64() < p {
		return C
	}
	return D
}

func resolve(t Transition, rng *rand.Rand) State {
	if t.P >= 1 {
		return t.To
	}
	return resolveDraw(t, rng)
}

func resolveDraw(t Transition, rng *rand.Rand) State {
	if t.P > 0 && rng.Float64() < t.P {
		return t.To
	}
	return t.Alt
}

func (m *Match) play(rng *rand.Rand, rowRec, colRec *[]Move) Result {
	n := m.Turns
	if n <= 0 {
		n = Length(rng, m.Continuation)
	}
	burn := m.BurnIn
	n += burn
	if rowRec == nil {
		if r, ok := m.Row.(MemoryOneStrategy); ok {
			if c, ok := m.Col.(MemoryOneStrategy); ok {
				return m.playMemoryOne(rng, n, burn, r, c)
			}
		}
	}
	row, col := m.Row, m.Col
	nz := &m.Noise
	eps, obs, public := nz.Execution, nz.Perception, nz.Public
	if public {
		obs = 0
	}
	sr, sc := row.Start(), col.Start()
	res := Result{Turns: n - burn}
	exec := NewFlips(eps, rng)
	perc := NewFlips(obs, rng)
	for t := 0; ; t++ {
		a := intend(row.Coop(sr), rng)
		b := intend(col.Coop(sc), rng)
		if exec.Next(rng) {
			a ^= 1
		}
		if exec.Next(rng) {
			b ^= 1
		}
		if t >= burn {
			res.Counts[2*a+b]++
		}
		if rowRec != nil {
			*rowRec = append(*rowRec, a)
			*colRec = append(*colRec, b)
		}
		if t == n-1 {
			return res
		}
		if public {
			sig := intend(1-nz.alarm(a, b), rng) // C = quiet, D = alarm
			tr, tc := row.Next(sr, a, sig), col.Next(sc, b, sig)
			if tr.P >= 1 && tc.P >= 1 {
				sr, sc = tr.To, tc.To
				continue
			}
			u := rng.Float64()
			sr, sc = tr.Alt, tc.Alt
			if u < tr.P {
				sr = tr.To
			}
			if u < tc.P {
				sc = tc.To
			}
			continue
		}
		oa, ob := b, a // what row sees of col, what col sees of row
		if perc.Next(rng) {
			oa ^= 1
		}
		if perc.Next(rng) {
			ob ^= 1
		}
		sr = resolve(row.Next(sr, a, oa), rng)
		sc = resolve(col.Next(sc, b, ob), rng)
	}
}

// playMemoryOne is play for two memory-one strategies, driven by their
// vectors instead of their automata: the same moves and the same draws from
// rng (a memory-one strategy has no random transitions), without interface
// calls in the loop.
func (m *Match) playMemoryOne(rng *rand.Rand, n, burn int, row, col MemoryOneStrategy) Result {
	var pr, pc [5]float64 // index 4 is the first turn
	pr[4], *(*[4]float64)(pr[:4]) = row.MemoryOne()
	pc[4], *(*[4]float64)(pc[:4]) = col.MemoryOne()
	nz := &m.Noise
	public := nz.Public
	obs := nz.Perception
	if public {
		obs = 0
	}
	exec := NewFlips(nz.Execution, rng)
	perc := NewFlips(obs, rng)
	sr, sc := 4, 4
	res := Result{Turns: n - burn}
	for t := 0; ; t++ {
		a := intend(pr[sr], rng)
		b := intend(pc[sc], rng)
		if exec.Next(rng) {
			a ^= 1
		}
		if exec.Next(rng) {
			b ^= 1
		}
		if t >= burn {
			res.Counts[2*a+b]++
		}
		if t == n-1 {
			return res
		}
		if public {
			sig := intend(1-nz.alarm(a, b), rng)
			sr, sc = int(2*a+sig), int(2*b+sig)
			continue
		}
		oa, ob := b, a
		if perc.Next(rng) {
			oa ^= 1
		}
		if perc.Next(rng) {
			ob ^= 1
		}
		sr, sc = int(2*a+oa), int(2*b+ob)
	}
}
