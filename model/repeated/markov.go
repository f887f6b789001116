package repeated

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// maxDense bounds the size of a closed class or of the transient set whose
// linear system [LongRun] solves densely.
const maxDense = 2000

// LongRunMemoryOne returns the long-run expected per-turn quantities of two
// memory-one strategies from the 4-state Markov chain on the outcome of the
// last turn (CC, CD, DC, DD, row's move first). Noise enters the chain's
// transition probabilities: a player that saw outcome (x, y) — its own move x,
// the other's y — intends C with probability p[x, y'] averaged over what it
// observes y' (the true y, misread with the perception noise, or the public
// signal, which both players share), and the intended move flips with the
// execution noise. The first turn's outcome has the first-move probabilities.
// Reducible chains (e.g. tit for tat against itself without noise) are
// handled exactly as in [LongRun]: the result is the limit of the expected
// average over the first n turns from the actual start.
func LongRunMemoryOne(row, col MemoryOneStrategy, g Payoffs, n Noise) (Expectation, error) {
	if err := g.Validate(); err != nil {
		return Expectation{}, err
	}
	if err := n.Validate(); err != nil {
		return Expectation{}, err
	}
	fr, pr := row.MemoryOne()
	fc, pc := col.MemoryOne()
	// Observation branches after outcome (x, y): probability, what row sees
	// of col, what col sees of row.
	type obs struct {
		p      float64
		or, oc Move
	}
	var start []int32
	var edges []edge
	start = append(start, 0)
	for o := 0; o < 4; o++ {
		x, y := Move(o>>1), Move(o&1)
		var br []obs
		if n.Public {
			al := n.alarm(x, y)
			br = []obs{{1 - al, C, C}, {al, D, D}}
		} else {
			e := n.Perception
			br = []obs{{(1 - e) * (1 - e), y, x}, {(1 - e) * e, y, x ^ 1}, {e * (1 - e), y ^ 1, x}, {e * e, y ^ 1, x ^ 1}}
		}
		var next [4]float64
		for _, b := range br {
			if b.p == 0 {
				continue
			}
			a := executed(pr[2*x+b.or], n.Execution) // row's own move first
			c := executed(pc[2*y+b.oc], n.Execution) // col's own move first
			next[CC] += b.p * a * c
			next[CD] += b.p * a * (1 - c)
			next[DC] += b.p * (1 - a) * c
			next[DD] += b.p * (1 - a) * (1 - c)
		}
		for j, p := range next {
			if p > 0 {
				edges = append(edges, edge{to: int32(j), p: p})
			}
		}
		start = append(start, int32(len(edges)))
	}
	a, c := executed(fr, n.Execution), executed(fc, n.Execution)
	init := []float64{a * c, a * (1 - c), (1 - a) * c, (1 - a) * (1 - c)}
	rp, cp := g.Row(), g.Col()
	vals := make([][5]float64, 4)
	for o := range vals {
		vals[o] = [5]float64{rp[o], cp[o], float64(1 - o>>1), float64(1 - o&1), 0}
	}
	vals[CC][4] = 1
	avg, res, err := cesaro(4, start, edges, init, vals)
	if err != nil {
		return Expectation{}, err
	}
	return Expectation{
		RowScore: avg[0], ColScore: avg[1], RowCoop: avg[2], ColCoop: avg[3], Mutual: avg[4],
		States: 4, Residual: res, Method: "4-state Markov chain of two memory-one strategies (closed classes and absorption)",
	}, nil
}

// cesaro returns the long-run average of vals along the finite Markov chain
// with the given edges, started from init: Σ over closed classes c of
// P(absorbed in c) × Σ_{i∈c} π_c(i) vals(i), with π_c the stationary law of
// c. The residual is the largest residual of the linear systems solved.
func cesaro(n int, start []int32, edges []edge, init []float64, vals [][5]float64) (avg [5]float64, residual float64, err error) {
	comp, ncomp := sccs(n, start, edges)
	closed := make([]bool, ncomp)
	for i := range closed {
		closed[i] = true
	}
	for i := 0; i < n; i++ {
		for _, e := range edges[start[i]:start[i+1]] {
			if comp[e.to] != comp[i] {
				closed[comp[i]] = false
			}
		}
	}
	// Local indices within each component and within the transient set.
	local := make([]int, n)
	size := make([]int, ncomp)
	var transient []int
	for i := 0; i < n; i++ {
		if closed[comp[i]] {
			local[i] = size[comp[i]]
			size[comp[i]]++
		} else {
			local[i] = len(transient)
			transient = append(transient, i)
		}
	}
	// Probability of ending in each closed class.
	absorbed := make([]float64, ncomp)
	for i, p := range init {
		if closed[comp[i]] {
			absorbed[comp[i]] += p
		}
	}
	if len(transient) > 0 {
		m := len(transient)
		if m > maxDense {
			return avg, 0, fmt.Errorf("%w: %d transient joint states", ErrStateSpace, m)
		}
		// Expected visits y solve y(I − Q) = init restricted to transient states.
		a := mat.NewDense(m, m, nil)
		b := mat.NewVecDense(m, nil)
		for li, i := range transient {
			a.Set(li, li, a.At(li, li)+1)
			b.SetVec(li, init[i])
			for _, e := range edges[start[i]:start[i+1]] {
				if !closed[comp[e.to]] {
					lj := local[e.to]
					a.Set(lj, li, a.At(lj, li)-e.p)
				}
			}
		}
		y, r, err := solve(a, b)
		if err != nil {
			return avg, 0, err
		}
		residual = math.Max(residual, r)
		for li, i := range transient {
			for _, e := range edges[start[i]:start[i+1]] {
				if closed[comp[e.to]] {
					absorbed[comp[e.to]] += y.AtVec(li) * e.p
				}
			}
		}
	}
	// Stationary law of each closed class that the chain can end in.
	members := make([][]int, ncomp)
	for i := 0; i < n; i++ {
		if closed[comp[i]] && absorbed[comp[i]] > 0 {
			members[comp[i]] = append(members[comp[i]], i)
		}
	}
	var total float64
	for k, mem := range members {
		if len(mem) == 0 {
			continue
		}
		total += absorbed[k]
		pi := []float64{1}
		if len(mem) > 1 {
			m := len(mem)
			if m > maxDense {
				return avg, 0, fmt.Errorf("%w: a closed class of %d joint states", ErrStateSpace, m)
			}
			// πP = π with Σπ = 1: the last balance equation is replaced.
			a := mat.NewDense(m, m, nil)
			b := mat.NewVecDense(m, nil)
			for li, i := range mem {
				a.Set(li, li, a.At(li, li)-1)
				for _, e := range edges[start[i]:start[i+1]] {
					lj := local[e.to]
					a.Set(lj, li, a.At(lj, li)+e.p)
				}
			}
			for li := 0; li < m; li++ {
				a.Set(m-1, li, 1)
			}
			b.SetVec(m-1, 1)
			x, _, err := solve(a, b)
			if err != nil {
				return avg, 0, err
			}
			pi = x.RawVector().Data
			// Residual of the balance equations, all of them.
			flow := make([]float64, m)
			for li, i := range mem {
				for _, e := range edges[start[i]:start[i+1]] {
					flow[local[e.to]] += pi[li] * e.p
				}
			}
			for li := range flow {
				residual = math.Max(residual, math.Abs(flow[li]-pi[li]))
			}
		}
		for li, i := range mem {
			for q := range avg {
				avg[q] += absorbed[k] * pi[li] * vals[i][q]
			}
		}
	}
	residual = math.Max(residual, math.Abs(total-1))
	return avg, residual, nil
}

// solve solves a x = b and returns the residual ‖a x − b‖∞.
func solve(a *mat.Dense, b *mat.VecDense) (*mat.VecDense, float64, error) {
	var x mat.VecDense
	if err := x.SolveVec(a, b); err != nil {
		var cond mat.Condition
		if !asCondition(err, &cond) {
			return nil, 0, fmt.Errorf("long-run linear system: %v", err)
		}
	}
	var r mat.VecDense
	r.MulVec(a, &x)
	r.SubVec(&r, b)
	return &x, mat.Norm(&r, math.Inf(1)), nil
}

func asCondition(err error, c *mat.Condition) bool {
	v, ok := err.(mat.Condition)
	if ok {
		*c = v
	}
	return ok
}

// sccs labels the strongly connected components of the graph (Tarjan's
// algorithm, iterative).
func sccs(n int, start []int32, edges []edge) (comp []int32, ncomp int) {
	const unvisited = -1
	index := make([]int32, n)
	low := make([]int32, n)
	comp = make([]int32, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = unvisited
	}
	var stack []int32
	type frame struct {
		v   int32
		pos int32
	}
	var calls []frame
	next := int32(0)
	for root := 0; root < n; root++ {
		if index[root] != unvisited {
			continue
		}
		calls = append(calls, frame{int32(root), start[root]})
		index[root], low[root] = next, next
		next++
		stack = append(stack, int32(root))
		onStack[root] = true
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			if f.pos < start[v+1] {
				w := edges[f.pos].to
				f.pos++
				if index[w] == unvisited {
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					calls = append(calls, frame{w, start[w]})
				} else if onStack[w] && index[w] < low[v] {
					low[v] = index[w]
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				u := calls[len(calls)-1].v
				if low[v] < low[u] {
					low[u] = low[v]
				}
			}
			if low[v] == index[v] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp[w] = int32(ncomp)
					if w == v {
						break
					}
				}
				ncomp++
			}
		}
	}
	return comp, ncomp
}
