package repeated

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
)

// SplitMix64 is the output function of Steele, Lea & Flood's SplitMix64
// generator (OOPSLA 2014): a bijective mix of 64 bits.
func SplitMix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// StreamSeed returns the PCG seed of the random stream of one match of a
// tournament: a SplitMix64 mix of the tournament seed, the pair index and the
// repetition. Each match draws from its own stream, so results do not depend
// on the order in which matches run.
func StreamSeed(seed uint64, pair, rep int) (uint64, uint64) {
	h := SplitMix64(seed)
	h = SplitMix64(h ^ uint64(pair))
	h = SplitMix64(h ^ uint64(rep))
	return h, SplitMix64(h ^ 0x6a09e667f3bcc909)
}

// Pairs lists the matches of a round robin among n players, self-play
// included: (0,0), (0,1), …, (0,n−1), (1,1), …, (n−1,n−1). The index of a pair
// in this list is the pair index of [StreamSeed].
func Pairs(n int) [][2]int {
	out := make([][2]int, 0, n*(n+1)/2)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			out = append(out, [2]int{i, j})
		}
	}
	return out
}

// Tournament is an Axelrod-style round robin: every player meets every other
// and a copy of itself (as in Axelrod's tournaments and the Axelrod-Python
// library), Repetitions times, in matches of Turns turns or, when Turns is 0,
// of random length with continuation probability Continuation.
type Tournament struct {
	Players      []Strategy
	Payoffs      Payoffs
	Noise        Noise
	Turns        int
	Continuation float64
	Repetitions  int
	Seed         uint64
	// Workers is the number of goroutines that play matches; ≤ 1 plays them
	// serially. The result does not depend on it.
	Workers int
}

// Standings are the results of a tournament.
//
// A match's score per turn is the total divided by the number of turns or,
// under random continuation, (1−δ) times the total: an unbiased estimate of
// E[total]/E[turns], the quantity [Exact] computes. In self-play the player's
// score is the mean of its two copies'. Matrix[i][j] is the mean over
// repetitions of i's score per turn against j; Score[i] is the mean of
// Matrix[i][·] over all n opponents, itself included. Coop is the same for
// the share of i's moves that were cooperations.
type Standings struct {
	Results    [][]Result // [pair][repetition], pairs in the order of [Pairs]
	Matrix     [][]float64
	CoopMatrix [][]float64
	Score      []float64
	Coop       []float64
	// Rank[i] is 1 + the number of players with a strictly higher score.
	Rank []int
	// Winner is the player with the highest score (the first listed on a tie).
	Winner int
}

// Validate checks the tournament.
func (t *Tournament) Validate() error {
	if len(t.Players) == 0 {
		return errors.New("tournament needs at least one player")
	}
	if t.Repetitions < 1 {
		return fmt.Errorf("repetitions %d must be at least 1", t.Repetitions)
	}
	m := Match{Row: t.Players[0], Col: t.Players[0], Payoffs: t.Payoffs, Noise: t.Noise, Turns: t.Turns, Continuation: t.Continuation}
	return m.Validate()
}

// Run plays the tournament. Match (pair p, repetition r) draws from the PCG
// stream [StreamSeed](Seed, p, r); results are collected by index, so they
// are identical for any number of workers.
func (t *Tournament) Run() (*Standings, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	pairs := Pairs(len(t.Players))
	reps := t.Repetitions
	jobs := len(pairs) * reps
	flat := make([]Result, jobs)
	workers := min(max(t.Workers, 1), jobs)
	if workers == 1 {
		t.play(pairs, flat, 0, 1)
	} else {
		var wg sync.WaitGroup
		var next atomic.Int64
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				t.playFrom(pairs, flat, &next)
			}()
		}
		wg.Wait()
	}
	s := &Standings{Results: make([][]Result, len(pairs))}
	for p := range pairs {
		s.Results[p] = flat[p*reps : (p+1)*reps : (p+1)*reps]
	}
	t.tally(pairs, s)
	return s, nil
}

func (t *Tournament) template() Match {
	return Match{Payoffs: t.Payoffs, Noise: t.Noise, Turns: t.Turns, Continuation: t.Continuation}
}

// play runs jobs first, first+step, … serially with one reseeded generator.
func (t *Tournament) play(pairs [][2]int, out []Result, first, step int) {
	src := rand.NewPCG(0, 0)
	rng := rand.New(src)
	m := t.template()
	reps := t.Repetitions
	for j := first; j < len(out); j += step {
		p, r := j/reps, j%reps
		src.Seed(StreamSeed(t.Seed, p, r))
		m.Row, m.Col = t.Players[pairs[p][0]], t.Players[pairs[p][1]]
		out[j] = m.Play(rng)
	}
}

func (t *Tournament) playFrom(pairs [][2]int, out []Result, next *atomic.Int64) {
	src := rand.NewPCG(0, 0)
	rng := rand.New(src)
	m := t.template()
	reps := t.Repetitions
	for {
		j := int(next.Add(1) - 1)
		if j >= len(out) {
			return
		}
		p, r := j/reps, j%reps
		src.Seed(StreamSeed(t.Seed, p, r))
		m.Row, m.Col = t.Players[pairs[p][0]], t.Players[pairs[p][1]]
		out[j] = m.Play(rng)
	}
}

// perTurn converts a total to a score per turn (see [Standings]).
func (t *Tournament) perTurn(total float64, turns int) float64 {
	if t.Turns > 0 {
		return total / float64(turns)
	}
	return (1 - t.Continuation) * total
}

func (t *Tournament) tally(pairs [][2]int, s *Standings) {
	n := len(t.Players)
	s.Matrix, s.CoopMatrix = square(n), square(n)
	reps := float64(t.Repetitions)
	g := t.Payoffs
	for p, pr := range pairs {
		i, j := pr[0], pr[1]
		var si, sj, ci, cj float64
		for k := range s.Results[p] {
			r := &s.Results[p][k]
			si += t.perTurn(r.RowTotal(g), r.Turns)
			sj += t.perTurn(r.ColTotal(g), r.Turns)
			ci += t.perTurn(float64(r.RowCoops()), r.Turns)
			cj += t.perTurn(float64(r.ColCoops()), r.Turns)
		}
		if i == j {
			s.Matrix[i][i] = (si + sj) / (2 * reps)
			s.CoopMatrix[i][i] = (ci + cj) / (2 * reps)
			continue
		}
		s.Matrix[i][j], s.Matrix[j][i] = si/reps, sj/reps
		s.CoopMatrix[i][j], s.CoopMatrix[j][i] = ci/reps, cj/reps
	}
	s.Score, s.Coop = rowMeans(s.Matrix), rowMeans(s.CoopMatrix)
	s.Rank, s.Winner = Rank(s.Score)
}

// Rank returns each score's competition rank (1 + the number of strictly
// higher scores) and the index of the first highest score.
func Rank(score []float64) (rank []int, winner int) {
	rank = make([]int, len(score))
	for i, x := range score {
		rank[i] = 1
		for _, y := range score {
			if y > x {
				rank[i]++
			}
		}
		if x > score[winner] {
			winner = i
		}
	}
	return rank, winner
}

func square(n int) [][]float64 {
	m := make([][]float64, n)
	flat := make([]float64, n*n)
	for i := range m {
		m[i] = flat[i*n : (i+1)*n : (i+1)*n]
	}
	return m
}

func rowMeans(m [][]float64) []float64 {
	out := make([]float64, len(m))
	for i, row := range m {
		var s float64
		for _, v := range row {
			s += v
		}
		out[i] = s / float64(len(row))
	}
	return out
}

// PayoffMatrix returns the exact expected score per turn of each player
// against each other (A[i][j]: i's score against j), from [Exact] for the
// template's turns or continuation, or [LongRun] (with the 4-state chain for
// memory-one pairs) when both are 0. The template's Row and Col are ignored.
func PayoffMatrix(players []Strategy, template Match, maxStates int) ([][]float64, error) {
	a := square(len(players))
	for _, pr := range Pairs(len(players)) {
		i, j := pr[0], pr[1]
		m := template
		m.Row, m.Col = players[i], players[j]
		e, err := Expect(&m, maxStates)
		if err != nil {
			return nil, fmt.Errorf("%s against %s: %w", players[i].Info().ID, players[j].Info().ID, err)
		}
		if i == j {
			a[i][i] = (e.RowScore + e.ColScore) / 2
			continue
		}
		a[i][j], a[j][i] = e.RowScore, e.ColScore
	}
	return a, nil
}

// Expect returns the exact expectation of a match: [Exact] for a fixed number
// of turns or random continuation, and for the long run (Turns and
// Continuation both 0) [LongRunMemoryOne] when both strategies are memory-one,
// else [LongRun].
func Expect(m *Match, maxStates int) (Expectation, error) {
	if m.Turns > 0 || m.Continuation != 0 {
		return Exact(m, maxStates)
	}
	r, okR := m.Row.(MemoryOneStrategy)
	c, okC := m.Col.(MemoryOneStrategy)
	if okR && okC {
		return LongRunMemoryOne(r, c, m.Payoffs, m.Noise)
	}
	return LongRun(m, maxStates)
}
