package discover

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// refPrim is a second, plain implementation of the PRIM defined in this
// package, on values rather than ranks: a box is a set of value bounds,
// membership is recomputed from the values at every step, peels and pastes
// sort the candidates. It exists to check the rank machinery (walks, ties,
// counters, covering) on random data.
type refPrim struct {
	x        [][]float64 // numeric dims; categorical dims hold level codes
	cat      []bool
	nLevels  []int
	interest []bool
	p        Params
	covered  []bool
	qp       [][]float64 // per box found, per dimension
}

type refBox struct {
	lo, hi []float64 // numeric: smallest and largest value inside (data values)
	in     [][]bool
}

type refStep struct {
	phase                       Phase
	cases, interest, restricted int
	limits                      string
}

func (r *refPrim) inside(b refBox, c int) bool {
	for j := range r.x {
		v := r.x[j][c]
		if r.cat[j] {
			if !b.in[j][int(v)] {
				return false
			}
		} else if v < b.lo[j] || v > b.hi[j] {
			return false
		}
	}
	return true
}

func (r *refPrim) counts(b refBox) (cases, coi int) {
	for c := range r.interest {
		if !r.covered[c] && r.inside(b, c) {
			cases++
			if r.interest[c] {
				coi++
			}
		}
	}
	return
}

func (r *refPrim) dataMin(j int) float64 { return slices.Min(r.x[j]) }
func (r *refPrim) dataMax(j int) float64 { return slices.Max(r.x[j]) }

// next returns the smallest data value above v (any case), or +Inf.
func (r *refPrim) next(j int, v float64) float64 {
	out := math.Inf(1)
	for _, w := range r.x[j] {
		if w > v && w < out {
			out = w
		}
	}
	return out
}

func (r *refPrim) prev(j int, v float64) float64 {
	out := math.Inf(-1)
	for _, w := range r.x[j] {
		if w < v && w > out {
			out = w
		}
	}
	return out
}

func (r *refPrim) restricted(b refBox) int {
	k := 0
	for j := range r.x {
		if r.cat[j] {
			if slices.Contains(b.in[j], false) {
				k++
			}
		} else if b.lo[j] > r.dataMin(j) || b.hi[j] < r.dataMax(j) {
			k++
		}
	}
	return k
}

func (r *refPrim) clone(b refBox) refBox {
	c := refBox{lo: slices.Clone(b.lo), hi: slices.Clone(b.hi)}
	for _, s := range b.in {
		c.in = append(c.in, slices.Clone(s))
	}
	return c
}

func (r *refPrim) describe(b refBox) string {
	s := ""
	for j := range r.x {
		if r.cat[j] {
			if slices.Contains(b.in[j], false) {
				s += fmt.Sprintf("%d:%v ", j, b.in[j])
			}
			continue
		}
		if b.lo[j] > r.dataMin(j) {
			s += fmt.Sprintf("%d≥%v ", j, (r.prev(j, b.lo[j])+b.lo[j])/2)
		}
		if b.hi[j] < r.dataMax(j) {
			s += fmt.Sprintf("%d≤%v ", j, (b.hi[j]+r.next(j, b.hi[j]))/2)
		}
	}
	return s
}

// candidates lists the boxes one peel (or paste) away, in the order the
// package considers them.
func (r *refPrim) candidates(b refBox, paste bool, alpha float64) []refBox {
	nBox, _ := r.counts(b)
	k := share(alpha, nBox)
	var out []refBox
	for j := range r.x {
		if r.cat[j] {
			for l := range r.nLevels[j] {
				if b.in[j][l] == paste {
					continue
				}
				if !paste {
					in := 0
					for _, v := range b.in[j] {
						if v {
							in++
						}
					}
					if in < 2 {
						continue
					}
				}
				c := r.clone(b)
				c.in[j][l] = paste
				out = append(out, c)
			}
			continue
		}
		for side := range 2 {
			// The cases that the move takes out (peel: inside) or puts in
			// (paste: outside only on j, beyond the limit on this side).
			var vals []float64
			for c := range r.interest {
				if r.covered[c] {
					continue
				}
				v := r.x[j][c]
				if !paste {
					if r.inside(b, c) {
						vals = append(vals, v)
					}
					continue
				}
				t := r.clone(b)
				t.lo[j], t.hi[j] = math.Inf(-1), math.Inf(1)
				if r.inside(t, c) && ((side == 0 && v < b.lo[j]) || (side == 1 && v > b.hi[j])) {
					vals = append(vals, v)
				}
			}
			if paste && ((side == 0 && b.lo[j] == r.dataMin(j)) || (side == 1 && b.hi[j] == r.dataMax(j))) {
				continue
			}
			if len(vals) == 0 {
				continue
			}
			slices.Sort(vals)
			if paste && len(vals) < k {
				// Fewer cases than a paste adds: the limit goes.
				c := r.clone(b)
				if side == 0 {
					c.lo[j] = r.dataMin(j)
				} else {
					c.hi[j] = r.dataMax(j)
				}
				out = append(out, c)
				continue
			}
			toLow := (side == 0) != paste // walking up from the low end
			c := r.clone(b)
			if toLow {
				v := vals[min(k, len(vals))-1]
				if paste {
					c.hi[j] = v
				} else {
					c.lo[j] = r.next(j, v)
				}
			} else {
				v := vals[len(vals)-min(k, len(vals))]
				if paste {
					c.lo[j] = v
				} else {
					c.hi[j] = r.prev(j, v)
				}
			}
			out = append(out, c)
		}
	}
	return out
}

func (r *refPrim) run() ([][]refStep, []int) {
	p := r.p.withDefaults()
	r.covered = make([]bool, len(r.interest))
	var all [][]refStep
	var chosen []int
	total, coi := len(r.interest), 0
	for _, y := range r.interest {
		if y {
			coi++
		}
	}
	remCoi := coi
	for b := 0; b < p.Boxes && remCoi > 0; b++ {
		box := refBox{}
		for j := range r.x {
			box.lo = append(box.lo, r.dataMin(j))
			box.hi = append(box.hi, r.dataMax(j))
			var in []bool
			for range r.nLevels[j] {
				in = append(in, true)
			}
			box.in = append(box.in, in)
		}
		var steps []refStep
		var boxes []refBox
		record := func(ph Phase) {
			n, i := r.counts(box)
			steps = append(steps, refStep{ph, n, i, r.restricted(box), r.describe(box)})
			boxes = append(boxes, r.clone(box))
		}
		record(Start)
		for {
			n, i := r.counts(box)
			if i == n {
				break
			}
			var best refBox
			bn, bi, br, found := 0, 0, 0, false
			for _, c := range r.candidates(box, false, p.PeelAlpha) {
				cn, ci := r.counts(c)
				if cn == n || cn == 0 || float64(cn) < p.MassMin*float64(total) {
					continue
				}
				cr := r.restricted(c)
				if !found || prefer(p.Objective, i, n, ci, cn, cr, bi, bn, br) {
					best, bn, bi, br, found = c, cn, ci, cr, true
				}
			}
			if !found {
				break
			}
			box = best
			record(Peel)
		}
		for {
			n, i := r.counts(box)
			var best refBox
			bn, bi, br, found := 0, 0, 0, false
			for _, c := range r.candidates(box, true, p.PasteAlpha) {
				cn, ci := r.counts(c)
				if cn == n {
					continue
				}
				cr := r.restricted(c)
				if !found || prefer(p.Objective, i, n, ci, cn, cr, bi, bn, br) {
					best, bn, bi, br, found = c, cn, ci, cr, true
				}
			}
			if !found || int64(bi)*int64(n) <= int64(i)*int64(bn) {
				break
			}
			box = best
			record(Paste)
		}
		k := 0
		for s, st := range steps {
			if float64(st.interest) < p.MinCoverage*float64(remCoi)-1e-9 {
				continue
			}
			bt := steps[k]
			a, c := int64(st.interest)*int64(bt.cases), int64(bt.interest)*int64(st.cases)
			if a > c || (a == c && st.interest > bt.interest) {
				k = s
			}
		}
		if b > 0 && steps[k].restricted == 0 {
			break
		}
		all = append(all, steps)
		chosen = append(chosen, k)
		qp := make([]float64, len(r.x))
		for j := range r.x {
			qp[j] = math.NaN()
			free := r.clone(boxes[k])
			free.lo[j], free.hi[j] = math.Inf(-1), math.Inf(1)
			for l := range free.in[j] {
				free.in[j][l] = true
			}
			if r.restricted(free) == steps[k].restricted {
				continue // not restricted on j
			}
			tn, ti := r.counts(free)
			qp[j] = BinomialUpper(steps[k].interest, steps[k].cases, float64(ti)/float64(tn))
		}
		r.qp = append(r.qp, qp)
		for c := range r.interest {
			if !r.covered[c] && r.inside(boxes[k], c) {
				r.covered[c] = true
				if r.interest[c] {
					remCoi--
				}
			}
		}
	}
	return all, chosen
}

// The rank implementation and the plain one agree step for step on random
// data with heavy ties, a categorical dimension and covering.
func TestAgainstPlainImplementation(t *testing.T) {
	pastes := 0
	for seed := uint64(1); seed <= 40; seed++ {
		rng := rand.New(rand.NewPCG(seed, 99))
		n := 40 + rng.IntN(160)
		ref := &refPrim{interest: make([]bool, n),
			p: Params{PeelAlpha: []float64{0.05, 0.1, 0.2}[seed%3], PasteAlpha: []float64{0.05, 0.15}[seed%2],
				MassMin: []float64{0.05, 0.1}[seed%2], MinCoverage: 0.6, Boxes: 3, Objective: []string{Original, Lenient}[seed/2%2]}}
		d, _ := NewData(n)
		for j := range 3 {
			x := make([]float64, n)
			for i := range x {
				switch j {
				case 0:
					x[i] = rng.Float64()
				case 1:
					x[i] = float64(rng.IntN(6)) / 5 // ties
				}
			}
			ref.x = append(ref.x, x)
			ref.cat = append(ref.cat, j == 2)
			ref.nLevels = append(ref.nLevels, 0)
			if j < 2 {
				d.AddNumeric(fmt.Sprint("x", j), x)
			}
		}
		codes := make([]uint16, n)
		for i := range codes {
			codes[i] = uint16(rng.IntN(3))
			ref.x[2][i] = float64(codes[i])
		}
		ref.nLevels[2] = 3
		d.AddCategorical("c", codes, []string{"a", "b", "c"})
		for i := range n {
			p := 0.1
			if ref.x[0][i] < 0.5 && ref.x[1][i] > 0.3 {
				p = 0.8
			}
			if codes[i] == 2 {
				p /= 2
			}
			if rng.Float64() < p {
				ref.interest[i] = true
				d.SetInterest(i)
			}
		}
		r, err := Run(d, ref.p)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		got := r.Describe(func(j, c int) float64 { return ref.x[j][c] })
		want, chosen := ref.run()
		if len(got.Boxes) != len(want) {
			t.Fatalf("seed %d: %d boxes, want %d", seed, len(got.Boxes), len(want))
		}
		for b, steps := range want {
			gb := got.Boxes[b]
			if gb.Chosen != chosen[b] || len(gb.Trajectory) != len(steps) {
				t.Fatalf("seed %d box %d: chosen %d of %d steps, want %d of %d", seed, b, gb.Chosen, len(gb.Trajectory), chosen[b], len(steps))
			}
			for j, q := range ref.qp[b] {
				if g := r.Boxes[b].QP[j]; !(g == q || math.IsNaN(g) && math.IsNaN(q)) {
					t.Fatalf("seed %d box %d dim %d: quasi-p %v, want %v", seed, b, j, g, q)
				}
			}
			for k, w := range steps {
				g := gb.Trajectory[k]
				lim := ""
				for _, l := range g.Limits {
					j := slices.Index(d.Dims(), l.Dim)
					if l.Levels != nil {
						in := make([]bool, 3)
						for _, lv := range l.Levels {
							in[slices.Index([]string{"a", "b", "c"}, lv)] = true
						}
						lim += fmt.Sprintf("%d:%v ", j, in)
						continue
					}
					if l.LowerRestricted {
						lim += fmt.Sprintf("%d≥%v ", j, l.Lower)
					}
					if l.UpperRestricted {
						lim += fmt.Sprintf("%d≤%v ", j, l.Upper)
					}
				}
				if g.Phase != w.phase || g.Cases != w.cases || g.Interest != w.interest || g.Restricted != w.restricted || lim != w.limits {
					t.Fatalf("seed %d box %d step %d: %s %d/%d r%d [%s], want %s %d/%d r%d [%s]", seed, b, k,
						g.Phase, g.Interest, g.Cases, g.Restricted, lim, w.phase, w.interest, w.cases, w.restricted, w.limits)
				}
				if g.Phase == Paste {
					pastes++
				}
			}
		}
	}
	if pastes == 0 {
		t.Error("no paste happened: the check of pasting is empty")
	}
	t.Logf("%d pasting steps checked", pastes)
}
