package repeated

import (
	"errors"
	"fmt"
	"math"
)

// Expectation holds exact expected per-turn quantities of a match: expected
// totals divided by the expected number of turns (for a fixed length, the
// expected average; under random continuation, E[total]/E[turns]; in the long
// run, the limit of the expected average over the first n turns).
type Expectation struct {
	RowScore, ColScore float64 // expected score per turn
	RowCoop, ColCoop   float64 // expected share of turns the player cooperated (executed move)
	Mutual             float64 // expected share of turns of mutual cooperation
	// States is the number of joint states the computation used.
	States int
	// Turns is the number of turns propagated (0 for the long run).
	Turns int
	// Residual bounds the numerical error: under random continuation the
	// truncated tail's share of each quantity's scale; in the long run the
	// largest residual of the linear systems solved.
	Residual float64
	Method   string
}

// DefaultMaxStates bounds the joint states an exact computation may create
// when no other bound is given.
const DefaultMaxStates = 1 << 18

// ErrStateSpace is returned (wrapped) when an exact computation would need
// more joint states than allowed, or when the long run of a pair with
// unbounded state is asked for.
var ErrStateSpace = errors.New("joint state space too large for an exact computation")

// Exact returns the exact expected per-turn quantities of a valid match by
// propagating the distribution over joint automaton states (row state, column
// state) turn by turn: for a fixed number of turns exactly (merging states that
// behave alike in the turns left, see [Truncator]); under random
// continuation δ by propagating until the weight δᵗ left is below 1e-15 of the
// total (Residual reports the bound). With maxStates ≤ 0, [DefaultMaxStates]
// applies. With a burn-in, the quantities are averages over the turns after
// it. For the long run use [LongRun].
func Exact(m *Match, maxStates int) (Expectation, error) {
	if err := m.Validate(); err != nil {
		return Expectation{}, err
	}
	c := newChain(m, maxStates)
	c.truncate = m.Turns > 0
	var acc [5]float64
	dist := []float64{1}
	next := []float64{}
	w, delta := 1.0, m.Continuation
	turns := 0
	total := m.BurnIn + m.Turns // BurnIn > 0 only with fixed Turns (Validate)
	var tail float64
	for t := 0; ; t++ {
		// The states reached after this turn have total−t−1 turns left.
		c.left = total - t - 1
		if err := c.expandTo(len(dist)); err != nil {
			return Expectation{}, err
		}
		var e [5]float64
		for i, p := range dist {
			if p == 0 {
				continue
			}
			v := &c.vals[i]
			for k := range e {
				e[k] += p * v[k]
			}
		}
		if t >= m.BurnIn {
			for k := range acc {
				acc[k] += w * e[k]
			}
		}
		turns = t + 1
		if m.Turns > 0 {
			if turns == total {
				break
			}
		} else {
			w *= delta
			// Everything after this turn weighs Σ_{s>t} δˢ = w/(1−δ) of a
			// total 1/(1−δ): stop once that share is negligible.
			if w < 1e-15 {
				tail = w
				break
			}
		}
		next = resize(next, len(c.keys))
		for i, p := range dist {
			if p == 0 {
				continue
			}
			for _, e := range c.edges[c.start[i]:c.start[i+1]] {
				next[e.to] += p * e.p
			}
		}
		dist, next = next, dist
	}
	norm := 1 / float64(m.Turns)
	method := fmt.Sprintf("exact propagation of the joint state distribution over %d turns", turns)
	if m.BurnIn > 0 {
		method += fmt.Sprintf(", averaged over the last %d", m.Turns)
	}
	if m.Turns == 0 {
		norm = 1 - delta
		method = fmt.Sprintf("exact propagation under continuation δ = %g, truncated after %d turns", delta, turns)
	}
	return Expectation{
		RowScore: acc[0] * norm, ColScore: acc[1] * norm,
		RowCoop: acc[2] * norm, ColCoop: acc[3] * norm, Mutual: acc[4] * norm,
		States: len(c.keys), Turns: turns, Residual: tail, Method: method,
	}, nil
}

// LongRun returns the long-run expected per-turn quantities of an
// infinitely repeated match: the limit of the expected average over the first
// n turns. It is exact for any pair of finite-state strategies: it enumerates
// the joint states reachable from the start, splits them into closed classes,
// weighs each class's stationary averages by the probability of ending in it.
// So reducible chains are handled without a convention: tit for tat against
// itself without noise scores R (the start leads to mutual cooperation for
// ever). The match's Turns and Continuation are ignored. Strategies with
// unbounded state (GRADUAL, SOFTMAJORITY) give [ErrStateSpace].
func LongRun(m *Match, maxStates int) (Expectation, error) {
	mm := *m
	mm.Turns, mm.Continuation = 1, 0
	if err := mm.Validate(); err != nil {
		return Expectation{}, err
	}
	for _, s := range []Strategy{m.Row, m.Col} {
		if s.Info().States == 0 {
			return Expectation{}, fmt.Errorf("%w: %s has unbounded state, so its long run has no finite chain; simulate long matches instead", ErrStateSpace, s.Info().ID)
		}
	}
	c := newChain(&mm, maxStates)
	for c.expanded < len(c.keys) {
		if err := c.expandTo(len(c.keys)); err != nil {
			return Expectation{}, err
		}
	}
	init := make([]float64, len(c.keys))
	init[0] = 1
	avg, res, err := cesaro(len(c.keys), c.start, c.edges, init, c.vals)
	if err != nil {
		return Expectation{}, err
	}
	return Expectation{
		RowScore: avg[0], ColScore: avg[1], RowCoop: avg[2], ColCoop: avg[3], Mutual: avg[4],
		States: len(c.keys), Residual: res,
		Method: fmt.Sprintf("long-run average of the %d-state joint automaton chain (closed classes and absorption)", len(c.keys)),
	}, nil
}

func resize(s []float64, n int) []float64 {
	if cap(s) < n {
		s = make([]float64, n, n+n/2)
	}
	s = s[:n]
	clear(s)
	return s
}

type edge struct {
	to int32
	p  float64
}

// chain is the joint automaton of a match, built lazily from the start state.
// State i has outgoing edges edges[start[i]:start[i+1]] and expected stage
// quantities vals[i] (row score, column score, row coop, column coop, mutual
// coop) for the turn played from it.
type chain struct {
	m        *Match
	limit    int
	index    map[[2]State]int32
	keys     [][2]State
	expanded int
	start    []int32
	edges    []edge
	vals     [][5]float64
	local    []branch

	// In a fixed-length match, states reached with left turns to go are
	// merged by the strategies' Truncate methods.
	truncate   bool
	left       int
	rowT, colT Truncator
}

type branch struct {
	k [2]State
	p float64
}

func newChain(m *Match, limit int) *chain {
	if limit <= 0 {
		limit = DefaultMaxStates
	}
	c := &chain{m: m, limit: limit, index: map[[2]State]int32{}, start: []int32{0}}
	c.rowT, _ = m.Row.(Truncator)
	c.colT, _ = m.Col.(Truncator)
	c.intern([2]State{m.Row.Start(), m.Col.Start()})
	return c
}

func (c *chain) intern(k [2]State) int32 {
	if i, ok := c.index[k]; ok {
		return i
	}
	i := int32(len(c.keys))
	c.index[k] = i
	c.keys = append(c.keys, k)
	return i
}

// expandTo computes edges and values of every state below n.
func (c *chain) expandTo(n int) error {
	for c.expanded < n {
		c.expand(c.expanded)
		c.expanded++
		if len(c.keys) > c.limit {
			return fmt.Errorf("%w: more than %d joint states of %s and %s", ErrStateSpace, c.limit, c.m.Row.Info().ID, c.m.Col.Info().ID)
		}
	}
	return nil
}

// executed is the probability that a move intended with C-probability p is
// executed as C under execution noise eps.
func executed(p, eps float64) float64 { return p*(1-eps) + (1-p)*eps }

func (c *chain) expand(i int) {
	m := c.m
	nz := &m.Noise
	k := c.keys[i]
	sr, sc := k[0], k[1]
	pr := executed(m.Row.Coop(sr), nz.Execution)
	pc := executed(m.Col.Coop(sc), nz.Execution)
	probs := [4]float64{pr * pc, pr * (1 - pc), (1 - pr) * pc, (1 - pr) * (1 - pc)}
	rp, cp := m.Payoffs.Row(), m.Payoffs.Col()
	var v [5]float64
	for o, p := range probs {
		v[0] += p * rp[o]
		v[1] += p * cp[o]
	}
	v[2], v[3], v[4] = pr, pc, probs[CC]
	c.vals = append(c.vals, v)

	c.local = c.local[:0]
	for o, po := range probs {
		if po == 0 {
			continue
		}
		a, b := Move(o>>1), Move(o&1)
		if nz.Public {
			al := nz.alarm(a, b)
			for _, sig := range [2]Move{C, D} {
				ps := 1 - al
				if sig == D {
					ps = al
				}
				if ps == 0 {
					continue
				}
				c.shared(po*ps, m.Row.Next(sr, a, sig), m.Col.Next(sc, b, sig))
			}
			continue
		}
		for fr := Move(0); fr < 2; fr++ {
			pfr := flipProb(fr, nz.Perception)
			if pfr == 0 {
				continue
			}
			tr := m.Row.Next(sr, a, b^fr)
			for fc := Move(0); fc < 2; fc++ {
				pfc := flipProb(fc, nz.Perception)
				if pfc == 0 {
					continue
				}
				c.independent(po*pfr*pfc, tr, m.Col.Next(sc, b, a^fc))
			}
		}
	}
	for _, br := range c.local {
		c.edges = append(c.edges, edge{to: c.intern(br.k), p: br.p})
	}
	c.start = append(c.start, int32(len(c.edges)))
}

func flipProb(f Move, eps float64) float64 {
	if f == 1 {
		return eps
	}
	return 1 - eps
}

func clamp01(p float64) float64 { return math.Min(1, math.Max(0, p)) }

// independent adds the branches of two independent transitions.
func (c *chain) independent(p float64, tr, tc Transition) {
	ar, ac := clamp01(tr.P), clamp01(tc.P)
	c.add(tr.To, tc.To, p*ar*ac)
	c.add(tr.To, tc.Alt, p*ar*(1-ac))
	c.add(tr.Alt, tc.To, p*(1-ar)*ac)
	c.add(tr.Alt, tc.Alt, p*(1-ar)*(1-ac))
}

// shared adds the branches of two transitions driven by one uniform draw u:
// each goes to To when u < its P.
func (c *chain) shared(p float64, tr, tc Transition) {
	ar, ac := clamp01(tr.P), clamp01(tc.P)
	lo, hi := math.Min(ar, ac), math.Max(ar, ac)
	c.add(tr.To, tc.To, p*lo)
	if ar > ac {
		c.add(tr.To, tc.Alt, p*(hi-lo))
	} else {
		c.add(tr.Alt, tc.To, p*(hi-lo))
	}
	c.add(tr.Alt, tc.Alt, p*(1-hi))
}

func (c *chain) add(r, s State, p float64) {
	if p == 0 {
		return
	}
	if c.truncate {
		if c.rowT != nil {
			r = c.rowT.Truncate(r, c.left)
		}
		if c.colT != nil {
			s = c.colT.Truncate(s, c.left)
		}
	}
	k := [2]State{r, s}
	for j := range c.local {
		if c.local[j].k == k {
			c.local[j].p += p
			return
		}
	}
	c.local = append(c.local, branch{k, p})
}
