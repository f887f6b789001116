package discover

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"

	"github.com/statecraft/statecraft/model"
)

// Params tune PRIM. Zero values take the defaults.
type Params struct {
	// PeelAlpha is the share of the box's cases one peel removes (default
	// 0.05): the ⌈α·n⌉ lowest or highest on one dimension, and every case
	// tied with them.
	PeelAlpha float64
	// PasteAlpha is the share of the box's cases one paste adds back
	// (default 0.05).
	PasteAlpha float64
	// MassMin is the smallest share of all cases a box may hold (default
	// 0.05): peeling stops when every peel would go below it.
	MassMin float64
	// Objective chooses among peels (and pastes): "original" (the default;
	// Friedman & Fisher 1999), the highest density of the box after the
	// move, or "lenient", the change in density per case moved (EMA
	// Workbench's lenient1). A categorical peel removes a whole level at
	// once and so tends to win under "original" whenever it raises the
	// density at all; "lenient" weighs it by the cases it removes.
	Objective string
	// MinCoverage sets the default choice of a box on the trajectory: the
	// densest box that covers at least this share of the cases of interest
	// not covered by earlier boxes (default 0.8).
	MinCoverage float64
	// Boxes is the number of boxes to find by covering (default 1): after a
	// box is chosen its cases are removed and the search starts again.
	Boxes int
	// Choose, when its k-th entry is ≥ 0, chooses step Choose[k] of box k's
	// trajectory instead of the default rule.
	Choose []int
}

// Objectives of Params.
const (
	Original = "original"
	Lenient  = "lenient"
)

// Defaults of Params.
const (
	DefaultAlpha       = 0.05
	DefaultMassMin     = 0.05
	DefaultMinCoverage = 0.8
)

func (p Params) withDefaults() Params {
	if p.PeelAlpha == 0 {
		p.PeelAlpha = DefaultAlpha
	}
	if p.PasteAlpha == 0 {
		p.PasteAlpha = DefaultAlpha
	}
	if p.MassMin == 0 {
		p.MassMin = DefaultMassMin
	}
	if p.MinCoverage == 0 {
		p.MinCoverage = DefaultMinCoverage
	}
	if p.Boxes == 0 {
		p.Boxes = 1
	}
	if p.Objective == "" {
		p.Objective = Original
	}
	return p
}

// Check reports out-of-range parameters as bad input naming the flag a
// user sets.
func (p Params) Check() error {
	p = p.withDefaults()
	switch {
	case !(p.PeelAlpha > 0 && p.PeelAlpha < 1):
		return model.Invalid("--alpha", "must be in (0, 1), got %v", p.PeelAlpha)
	case !(p.PasteAlpha > 0 && p.PasteAlpha < 1):
		return model.Invalid("--paste-alpha", "must be in (0, 1), got %v", p.PasteAlpha)
	case !(p.MassMin > 0 && p.MassMin < 1):
		return model.Invalid("--mass-min", "must be in (0, 1), got %v", p.MassMin)
	case !(p.MinCoverage > 0 && p.MinCoverage <= 1):
		return model.Invalid("--min-coverage", "must be in (0, 1], got %v", p.MinCoverage)
	case p.Boxes < 1:
		return model.Invalid("--boxes", "must be ≥ 1, got %d", p.Boxes)
	case p.Objective != Original && p.Objective != Lenient:
		return model.Invalid("--objective", "unknown objective %q; allowed: %s, %s", p.Objective, Original, Lenient)
	}
	return nil
}

// Phase says how a step of the trajectory was reached.
type Phase string

// Phases of the trajectory.
const (
	Start Phase = "start" // the whole space (of the cases not yet covered)
	Peel  Phase = "peel"
	Paste Phase = "paste"
)

// Step is one box on the peeling and pasting trajectory.
type Step struct {
	Phase Phase `json:"phase"`
	// Cases in the box, and cases of interest among them.
	Cases    int `json:"cases"`
	Interest int `json:"interest"`
	// Coverage is Interest over all cases of interest, Density Interest over
	// Cases, Mass Cases over all cases.
	Coverage   float64 `json:"coverage"`
	Density    float64 `json:"density"`
	Mass       float64 `json:"mass"`
	Restricted int     `json:"restricted"` // dimensions whose limits exclude a case

	lims limits
}

// limits is a box in rank form: per numeric dimension the sorted positions
// [lo, hi) inside it, per categorical dimension the levels inside.
type limits struct {
	lo, hi []int
	in     [][]bool
}

func (l limits) clone() limits {
	c := limits{lo: append([]int(nil), l.lo...), hi: append([]int(nil), l.hi...), in: make([][]bool, len(l.in))}
	for j, s := range l.in {
		c.in[j] = append([]bool(nil), s...)
	}
	return c
}

// Box is one box found by PRIM: its trajectory, the step chosen, and the
// quasi-p-values of the chosen box's restrictions.
type Box struct {
	Trajectory []Step
	Chosen     int
	// QP holds per dimension the quasi-p-value of the chosen box's
	// restriction on it (NaN where unrestricted): the probability, under a
	// binomial law with the density of the box without that restriction, of
	// at least as many cases of interest among the box's cases (Bryant &
	// Lempert 2010).
	QP []float64
	// Remaining cases and cases of interest when the search for this box
	// began (all of them for the first box).
	Remaining, RemainingInterest int
}

// Result is what [Run] found. Limits are in rank form until described with
// the values of the cases that [Result.Needs].
type Result struct {
	Data     *Data
	Params   Params
	Interest int // cases of interest in all the data
	Boxes    []Box
}

// search is the state of one PRIM search: which cases are inside the
// current box.
type search struct {
	d *Data
	p Params
	// out counts, per case, the dimensions whose limits exclude it; bit 7
	// marks a case covered by an earlier box. Inside the box: out == 0.
	out      []uint8
	lims     limits
	cases    int // in the box
	interest int // of interest in the box
	total    int // all cases, for mass
	coi      int // all cases of interest, for coverage
}

const covered = 0x80

// Run finds boxes of cases of interest by PRIM (Friedman & Fisher 1999):
// peeling, then pasting, then the choice of one box on the trajectory, then
// covering for the next box. It is an error when no case or every case is
// of interest.
func Run(d *Data, p Params) (*Result, error) {
	if err := p.Check(); err != nil {
		return nil, err
	}
	p = p.withDefaults()
	if len(d.dims) == 0 {
		return nil, fmt.Errorf("discover: no dimensions")
	}
	s := &search{d: d, p: p, out: make([]uint8, d.n), total: d.n}
	for i := 0; i < d.n; i++ {
		if d.interest.get(i) {
			s.coi++
		}
	}
	if s.coi == 0 || s.coi == d.n {
		return nil, fmt.Errorf("discover: %d of %d cases are of interest; PRIM needs some but not all", s.coi, d.n)
	}
	res := &Result{Data: d, Params: p, Interest: s.coi}
	remaining, remainingCoi := d.n, s.coi
	for b := 0; b < p.Boxes && remainingCoi > 0; b++ {
		s.open()
		box := Box{Remaining: remaining, RemainingInterest: remainingCoi}
		box.Trajectory = append(box.Trajectory, s.step(Start))
		s.peel(&box)
		s.paste(&box)
		box.Chosen = s.choose(box, b)
		if box.Chosen < 0 || box.Chosen >= len(box.Trajectory) {
			return nil, model.Invalid("--box", "box %d has steps 0 to %d, not %d", b+1, len(box.Trajectory)-1, p.Choose[b])
		}
		chosen := box.Trajectory[box.Chosen]
		if b > 0 && chosen.Restricted == 0 {
			break // nothing more to separate
		}
		s.restore(chosen.lims)
		box.QP = s.quasiP()
		res.Boxes = append(res.Boxes, box)
		// Covering: the box's cases leave the search.
		for c, o := range s.out {
			if o == 0 {
				s.out[c] = covered
			}
		}
		remaining -= chosen.Cases
		remainingCoi -= chosen.Interest
	}
	return res, nil
}

// open makes the box the whole space of the cases not yet covered.
func (s *search) open() {
	d := s.d
	s.lims = limits{lo: make([]int, len(d.dims)), hi: make([]int, len(d.dims)), in: make([][]bool, len(d.dims))}
	for j, dm := range d.dims {
		s.lims.hi[j] = d.n
		if dm.categorical() {
			s.lims.in[j] = make([]bool, len(dm.levels))
			for l := range dm.levels {
				s.lims.in[j][l] = true
			}
		}
	}
	s.restore(s.lims)
}

// restore puts the search in the box lims.
func (s *search) restore(lims limits) {
	for c, o := range s.out {
		s.out[c] = o & covered
	}
	s.lims = lims.clone()
	for j := range s.d.dims {
		s.eachOutside(j, func(c uint32) { s.out[c]++ })
	}
	s.cases, s.interest = 0, 0
	for c, o := range s.out {
		if o == 0 {
			s.cases++
			if s.d.interest.get(c) {
				s.interest++
			}
		}
	}
}

// eachOutside calls f for every case whose value on dimension j lies
// outside the box's limits on j (covered cases included).
func (s *search) eachOutside(j int, f func(c uint32)) {
	dm := &s.d.dims[j]
	if dm.categorical() {
		for l, in := range s.lims.in[j] {
			if !in {
				for _, c := range dm.perm[dm.start[l]:dm.start[l+1]] {
					f(c)
				}
			}
		}
		return
	}
	for _, c := range dm.perm[:s.lims.lo[j]] {
		f(c)
	}
	for _, c := range dm.perm[s.lims.hi[j]:] {
		f(c)
	}
}

func (s *search) restricted(l limits) int {
	k := 0
	for j, dm := range s.d.dims {
		if s.isRestricted(l, j, &dm) {
			k++
		}
	}
	return k
}

func (s *search) isRestricted(l limits, j int, dm *dim) bool {
	if dm.categorical() {
		for _, in := range l.in[j] {
			if !in {
				return true
			}
		}
		return false
	}
	return l.lo[j] > 0 || l.hi[j] < s.d.n
}

func (s *search) step(ph Phase) Step {
	return Step{
		Phase: ph, Cases: s.cases, Interest: s.interest,
		Coverage:   float64(s.interest) / float64(s.coi),
		Density:    float64(s.interest) / float64(s.cases),
		Mass:       float64(s.cases) / float64(s.total),
		Restricted: s.restricted(s.lims),
		lims:       s.lims.clone(),
	}
}

// move is a candidate peel or paste: on dimension dim, the new lower or
// upper position (numeric) or the level to take out or put back
// (categorical), and the cases (of interest) it moves out of or into the box.
type move struct {
	dim, side, at   int // side: 0 lower, 1 upper, 2 level
	cases, interest int
	restricted      int // dimensions restricted after the move
}

// share returns ⌈a·n⌉, at least 1. The small allowance keeps a product such
// as 0.05·100 from rounding up to 6.
func share(a float64, n int) int {
	return max(1, int(math.Ceil(a*float64(n)-1e-9)))
}

// prefer reports whether moving from the box (i0 of c0 cases of interest)
// to a box holding i1 of c1 with r1 restricted dimensions beats moving to
// one holding i2 of c2 with r2: by the objective (the "original" density
// compared exactly, the "lenient" change in density per case moved), then
// fewer restricted dimensions, then more cases; on a full tie the earlier
// candidate stays.
func prefer(objective string, i0, c0, i1, c1, r1, i2, c2, r2 int) bool {
	if objective == Lenient {
		o1, o2 := lenient(i0, c0, i1, c1), lenient(i0, c0, i2, c2)
		if o1 != o2 {
			return o1 > o2
		}
	} else if a, b := int64(i1)*int64(c2), int64(i2)*int64(c1); a != b {
		return a > b
	}
	if r1 != r2 {
		return r1 < r2
	}
	return c1 > c2
}

func lenient(i0, c0, i1, c1 int) float64 {
	gain := float64(i1)/float64(c1) - float64(i0)/float64(c0)
	return gain / math.Abs(float64(c1-c0))
}

// peel repeatedly takes the peel that leaves the densest box, as long as
// the box keeps at least MassMin of the cases and is not pure already.
func (s *search) peel(box *Box) {
	minCases := s.p.MassMin * float64(s.total)
	for s.interest < s.cases {
		k := share(s.p.PeelAlpha, s.cases)
		best, found := move{}, false
		consider := func(m move) {
			left := s.cases - m.cases
			if m.cases == 0 || left == 0 || float64(left) < minCases {
				return
			}
			m.restricted = s.restrictedAfter(m)
			if !found || prefer(s.p.Objective, s.interest, s.cases, s.interest-m.interest, left, m.restricted, s.interest-best.interest, s.cases-best.cases, best.restricted) {
				best, found = m, true
			}
		}
		for j := range s.d.dims {
			dm := &s.d.dims[j]
			if dm.categorical() {
				if s.levelsIn(j) < 2 {
					continue
				}
				for l, in := range s.lims.in[j] {
					if in {
						consider(s.levelMove(j, l, 0))
					}
				}
				continue
			}
			consider(s.peelLower(j, k))
			consider(s.peelUpper(j, k))
		}
		if !found {
			return
		}
		s.apply(best, true)
		box.Trajectory = append(box.Trajectory, s.step(Peel))
	}
}

// paste repeatedly takes the paste that gives the densest box, as long as
// it raises the density.
func (s *search) paste(box *Box) {
	for {
		k := share(s.p.PasteAlpha, s.cases)
		best, found := move{}, false
		consider := func(m move) {
			if m.cases == 0 {
				return
			}
			m.restricted = s.restrictedAfter(m)
			if !found || prefer(s.p.Objective, s.interest, s.cases, s.interest+m.interest, s.cases+m.cases, m.restricted, s.interest+best.interest, s.cases+best.cases, best.restricted) {
				best, found = m, true
			}
		}
		for j := range s.d.dims {
			dm := &s.d.dims[j]
			if dm.categorical() {
				for l, in := range s.lims.in[j] {
					if !in {
						consider(s.levelMove(j, l, 1))
					}
				}
				continue
			}
			if s.lims.lo[j] > 0 {
				consider(s.pasteLower(j, k))
			}
			if s.lims.hi[j] < s.d.n {
				consider(s.pasteUpper(j, k))
			}
		}
		// Only a strictly denser box is taken.
		if !found || int64(s.interest+best.interest)*int64(s.cases) <= int64(s.interest)*int64(s.cases+best.cases) {
			return
		}
		s.apply(best, false)
		box.Trajectory = append(box.Trajectory, s.step(Paste))
	}
}

func (s *search) levelsIn(j int) int {
	k := 0
	for _, in := range s.lims.in[j] {
		if in {
			k++
		}
	}
	return k
}

// count adds case c to the tally when it is inside the box (want 0) or
// outside only on the dimension being moved (want 1).
func (s *search) count(c uint32, want uint8, cases, interest *int) {
	if s.out[c] == want {
		*cases++
		if s.d.interest.get(int(c)) {
			*interest++
		}
	}
}

// walk moves a limit of dimension j from sorted position at towards end
// (up or down), passing cases until k of them have out == want (0: cases of
// the box, which a peel takes out; 1: cases outside only on j, which a paste
// puts in), then on through the tie of the last one passed, and returns the
// move to the position reached. Fewer than k such cases before end: the
// limit goes to end.
func (s *search) walk(j, side, at, end, k int, want uint8) move {
	dm := &s.d.dims[j]
	m := move{dim: j, side: side}
	up := end > at
	step := func() bool {
		if at == end {
			return false
		}
		c := at
		if up {
			at++
		} else {
			at--
			c = at
		}
		s.count(dm.perm[c], want, &m.cases, &m.interest)
		return true
	}
	for m.cases < k && step() {
	}
	// Going up, the value at the next position ties the last one passed when
	// no new value starts there; going down, the value below the last one
	// passed ties it when no new value starts at the last one.
	for at != end && !dm.newValue.get(at) && step() {
	}
	m.at = at
	return m
}

func (s *search) peelLower(j, k int) move  { return s.walk(j, 0, s.lims.lo[j], s.lims.hi[j], k, 0) }
func (s *search) peelUpper(j, k int) move  { return s.walk(j, 1, s.lims.hi[j], s.lims.lo[j], k, 0) }
func (s *search) pasteLower(j, k int) move { return s.walk(j, 0, s.lims.lo[j], 0, k, 1) }
func (s *search) pasteUpper(j, k int) move { return s.walk(j, 1, s.lims.hi[j], s.d.n, k, 1) }

// levelMove takes level l of categorical dimension j out of the box (want
// 0: the cases inside that have it leave) or puts it back (want 1).
func (s *search) levelMove(j, l int, want uint8) move {
	dm := &s.d.dims[j]
	m := move{dim: j, side: 2, at: l}
	for _, c := range dm.perm[dm.start[l]:dm.start[l+1]] {
		s.count(c, want, &m.cases, &m.interest)
	}
	return m
}

func (s *search) restrictedAfter(m move) int {
	l := s.lims
	j := m.dim
	switch m.side {
	case 0:
		old := l.lo[j]
		l.lo[j] = m.at
		defer func() { l.lo[j] = old }()
	case 1:
		old := l.hi[j]
		l.hi[j] = m.at
		defer func() { l.hi[j] = old }()
	case 2:
		old := l.in[j][m.at]
		l.in[j][m.at] = !old
		defer func() { l.in[j][m.at] = old }()
	}
	return s.restricted(l)
}

// apply moves the limit: a peel takes cases out, a paste puts them back.
func (s *search) apply(m move, peel bool) {
	dm := &s.d.dims[m.dim]
	var span []uint32
	switch m.side {
	case 0:
		if peel {
			span = dm.perm[s.lims.lo[m.dim]:m.at]
		} else {
			span = dm.perm[m.at:s.lims.lo[m.dim]]
		}
		s.lims.lo[m.dim] = m.at
	case 1:
		if peel {
			span = dm.perm[m.at:s.lims.hi[m.dim]]
		} else {
			span = dm.perm[s.lims.hi[m.dim]:m.at]
		}
		s.lims.hi[m.dim] = m.at
	case 2:
		span = dm.perm[dm.start[m.at]:dm.start[m.at+1]]
		s.lims.in[m.dim][m.at] = !peel
	}
	for _, c := range span {
		if peel {
			s.out[c]++
		} else {
			s.out[c]--
		}
	}
	if peel {
		s.cases -= m.cases
		s.interest -= m.interest
	} else {
		s.cases += m.cases
		s.interest += m.interest
	}
}

// choose returns the step of box b's trajectory to keep: the one asked for,
// else the densest one covering at least MinCoverage of the cases of
// interest left (on a tie the one covering more, then the earlier).
func (s *search) choose(box Box, b int) int {
	if b < len(s.p.Choose) && s.p.Choose[b] >= 0 {
		return s.p.Choose[b]
	}
	best := 0
	for k, st := range box.Trajectory {
		if float64(st.Interest) < s.p.MinCoverage*float64(box.RemainingInterest)-1e-9 {
			continue
		}
		bt := box.Trajectory[best]
		a, c := int64(st.Interest)*int64(bt.Cases), int64(bt.Interest)*int64(st.Cases)
		if a > c || (a == c && st.Interest > bt.Interest) {
			best = k
		}
	}
	return best
}

// quasiP computes the quasi-p-value of each restriction of the current box.
func (s *search) quasiP() []float64 {
	qp := make([]float64, len(s.d.dims))
	for j := range s.d.dims {
		qp[j] = math.NaN()
		if !s.isRestricted(s.lims, j, &s.d.dims[j]) {
			continue
		}
		cases, interest := s.cases, s.interest
		s.eachOutside(j, func(c uint32) { s.count(c, 1, &cases, &interest) })
		qp[j] = BinomialUpper(s.interest, s.cases, float64(interest)/float64(cases))
	}
	return qp
}

// BinomialUpper returns P(X ≥ k) for X binomial with n trials of success
// probability p: the regularised incomplete beta function I_p(k, n−k+1).
func BinomialUpper(k, n int, p float64) float64 {
	switch {
	case k <= 0:
		return 1
	case k > n:
		return 0
	case p <= 0:
		return 0
	case p >= 1:
		return 1
	}
	return mathext.RegIncBeta(float64(k), float64(n-k+1), p)
}
