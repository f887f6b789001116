package discover

import (
	"math"
	"slices"
)

// SampleSize is the number of cases a report keeps for scatter plots.
const SampleSize = 2000

// Report is a Result described in values: box limits in the units of each
// dimension, for tables, JSON and figures.
type Report struct {
	Cases    int       `json:"cases"`
	Interest int       `json:"interest"`
	Params   Params    `json:"-"`
	Dims     []Range   `json:"dims"`
	Boxes    []BoxInfo `json:"boxes"`
	// Sample holds the values of up to SampleSize cases, evenly spread over
	// the case indices, for the scatter figures.
	Sample Sample `json:"-"`
}

// Range is a dimension's range in the data: Min and Max for a numeric one,
// the levels for a categorical one.
type Range struct {
	Dim    string   `json:"dim"`
	Min    float64  `json:"min"`
	Max    float64  `json:"max"`
	Levels []string `json:"levels,omitempty"`
}

// BoxInfo is one box: its chosen step with limits and quasi-p-values, and
// its whole trajectory.
type BoxInfo struct {
	Box               int `json:"box"` // 1, 2, … in the order covering found them
	Chosen            int `json:"chosen_step"`
	Remaining         int `json:"remaining_cases"`
	RemainingInterest int `json:"remaining_interest"`
	Step
	// Limits lists the restricted dimensions of the chosen box, most
	// significant (smallest quasi-p-value) first.
	Limits     []Limit    `json:"limits"`
	Trajectory []StepInfo `json:"trajectory"`
}

// StepInfo is one step of a trajectory with the limits of its restricted
// dimensions.
type StepInfo struct {
	Index int `json:"step"`
	Step
	Limits []Limit `json:"limits"`
}

// Limit is a box's restriction on one dimension. Numeric: the box holds the
// cases with Lower ≤ x ≤ Upper; a restricted limit lies halfway between the
// last value outside and the first inside, an unrestricted one is the data's
// minimum or maximum. Categorical: the box holds the Levels listed.
type Limit struct {
	Dim             string   `json:"dim"`
	Lower           float64  `json:"lower"`
	Upper           float64  `json:"upper"`
	LowerRestricted bool     `json:"lower_restricted"`
	UpperRestricted bool     `json:"upper_restricted"`
	Levels          []string `json:"levels,omitempty"`
	QP              *float64 `json:"quasi_p,omitempty"`
}

// Sample is a set of cases with their values on every dimension (a
// categorical one as the index of its level) and whether they are of
// interest.
type Sample struct {
	Cases    []int
	X        [][]float64 // per dimension, per sample case
	Interest []bool
}

func (r *Result) sampleCases() []int {
	n := r.Data.n
	m := min(n, SampleSize)
	out := make([]int, m)
	for i := range out {
		out[i] = int(int64(i) * int64(n) / int64(m))
	}
	return out
}

// Needs lists, per dimension, the cases whose values Describe will ask for
// (in increasing order): those at the limits of every step, the extremes,
// and the sample cases. Categorical dimensions need none.
func (r *Result) Needs() [][]int {
	d := r.Data
	sample := r.sampleCases()
	out := make([][]int, len(d.dims))
	for j, dm := range d.dims {
		if dm.categorical() {
			continue
		}
		pos := []int{0, d.n - 1}
		for _, b := range r.Boxes {
			for _, st := range b.Trajectory {
				if lo := st.lims.lo[j]; lo > 0 {
					pos = append(pos, lo-1, lo)
				}
				if hi := st.lims.hi[j]; hi < d.n {
					pos = append(pos, hi-1, hi)
				}
			}
		}
		cases := append([]int(nil), sample...)
		for _, p := range pos {
			cases = append(cases, int(dm.perm[p]))
		}
		slices.Sort(cases)
		out[j] = slices.Compact(cases)
	}
	return out
}

// Describe turns the result into values; value(j, c) must return case c's
// value on numeric dimension j for every case Needs lists.
func (r *Result) Describe(value func(dim, cas int) float64) *Report {
	d := r.Data
	rep := &Report{Cases: d.n, Interest: r.Interest, Params: r.Params}
	at := func(j, p int) float64 { return value(j, int(d.dims[j].perm[p])) }
	for j, dm := range d.dims {
		rg := Range{Dim: dm.name}
		if dm.categorical() {
			rg.Levels = dm.levels
			rg.Min, rg.Max = 0, float64(len(dm.levels)-1)
		} else {
			rg.Min, rg.Max = at(j, 0), at(j, d.n-1)
		}
		rep.Dims = append(rep.Dims, rg)
	}
	limitsOf := func(l limits, qp []float64) []Limit {
		var out []Limit
		for j := range d.dims {
			dm := &d.dims[j]
			lim := Limit{Dim: dm.name, Lower: rep.Dims[j].Min, Upper: rep.Dims[j].Max}
			if dm.categorical() {
				for k, in := range l.in[j] {
					if in {
						lim.Levels = append(lim.Levels, dm.levels[k])
					}
				}
				if len(lim.Levels) == len(dm.levels) {
					continue
				}
			} else {
				if lo := l.lo[j]; lo > 0 {
					lim.Lower, lim.LowerRestricted = (at(j, lo-1)+at(j, lo))/2, true
				}
				if hi := l.hi[j]; hi < d.n {
					lim.Upper, lim.UpperRestricted = (at(j, hi-1)+at(j, hi))/2, true
				}
				if !lim.LowerRestricted && !lim.UpperRestricted {
					continue
				}
			}
			if qp != nil && !math.IsNaN(qp[j]) {
				v := qp[j]
				lim.QP = &v
			}
			out = append(out, lim)
		}
		if qp != nil {
			slices.SortStableFunc(out, func(a, b Limit) int {
				switch {
				case *a.QP < *b.QP:
					return -1
				case *a.QP > *b.QP:
					return 1
				}
				return 0
			})
		}
		return out
	}
	for b, box := range r.Boxes {
		info := BoxInfo{Box: b + 1, Chosen: box.Chosen, Remaining: box.Remaining, RemainingInterest: box.RemainingInterest,
			Step: box.Trajectory[box.Chosen], Limits: limitsOf(box.Trajectory[box.Chosen].lims, box.QP)}
		for k, st := range box.Trajectory {
			info.Trajectory = append(info.Trajectory, StepInfo{Index: k, Step: st, Limits: limitsOf(st.lims, nil)})
		}
		rep.Boxes = append(rep.Boxes, info)
	}
	cases := r.sampleCases()
	rep.Sample = Sample{Cases: cases, X: make([][]float64, len(d.dims)), Interest: make([]bool, len(cases))}
	for i, c := range cases {
		rep.Sample.Interest[i] = d.interest.get(c)
	}
	for j, dm := range d.dims {
		x := make([]float64, len(cases))
		if dm.categorical() {
			for l := range dm.levels {
				for _, c := range dm.perm[dm.start[l]:dm.start[l+1]] {
					if k, ok := slices.BinarySearch(cases, int(c)); ok {
						x[k] = float64(l)
					}
				}
			}
		} else {
			for k, c := range cases {
				x[k] = value(j, c)
			}
		}
		rep.Sample.X[j] = x
	}
	return rep
}

// Find runs PRIM over columns held in memory — x[j][i] is case i's value on
// dimension names[j] — and describes the result. For data too large to
// hold as float64 columns, build a [Data] one dimension at a time and call
// [Run] and [Result.Describe].
func Find(names []string, x [][]float64, interest []bool, p Params) (*Report, error) {
	d, err := NewData(len(interest))
	if err != nil {
		return nil, err
	}
	for i, y := range interest {
		if y {
			d.SetInterest(i)
		}
	}
	for j, name := range names {
		if err := d.AddNumeric(name, x[j]); err != nil {
			return nil, err
		}
	}
	r, err := Run(d, p)
	if err != nil {
		return nil, err
	}
	return r.Describe(func(j, c int) float64 { return x[j][c] }), nil
}
