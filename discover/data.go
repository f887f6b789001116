package discover

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Data holds the cases PRIM searches in rank form: for each dimension the
// order of the cases by value (a permutation of uint32 case indices) and one
// bit per sorted position saying where a new value starts, so that ties are
// never split. Values themselves are not kept: a box's limits are sorted
// positions, turned into values afterwards from the few cases that sit at
// them ([Result.Needs]). Memory: 4⅛ bytes per case per dimension, plus one
// byte per case for the search and one bit per case for the outcome.
type Data struct {
	n        int
	interest bits
	dims     []dim
}

type dim struct {
	name string
	perm []uint32 // cases in increasing order of value; ties by case index
	// newValue (numeric): bit p is set when the value at sorted position p
	// differs from the value at position p−1.
	newValue bits
	// levels (categorical): level l holds the sorted positions
	// [start[l], start[l+1]).
	levels []string
	start  []int
}

func (d *dim) categorical() bool { return d.levels != nil }

// MaxCases is the largest number of cases Data holds (case indices are uint32).
const MaxCases = math.MaxUint32

// MaxDims is the largest number of dimensions (a case counts the dimensions
// it lies outside of in 7 bits).
const MaxDims = 127

// NewData returns data for n cases, none of interest yet.
func NewData(n int) (*Data, error) {
	if n < 1 || n > MaxCases {
		return nil, fmt.Errorf("discover: %d cases (want 1 to %d)", n, MaxCases)
	}
	return &Data{n: n, interest: newBits(n)}, nil
}

// Len is the number of cases.
func (d *Data) Len() int { return d.n }

// SetInterest marks case i as a case of interest.
func (d *Data) SetInterest(i int) { d.interest.set(i) }

// Interest reports whether case i is of interest.
func (d *Data) Interest(i int) bool { return d.interest.get(i) }

// Dims names the dimensions in the order they were added.
func (d *Data) Dims() []string {
	out := make([]string, len(d.dims))
	for j, dm := range d.dims {
		out[j] = dm.name
	}
	return out
}

// AddNumeric adds a numeric dimension with one value per case. x is not
// kept, so a caller may reuse it for the next dimension. NaN is an error.
func (d *Data) AddNumeric(name string, x []float64) error {
	if err := d.checkNew(name, len(x)); err != nil {
		return err
	}
	for i, v := range x {
		if math.IsNaN(v) {
			return fmt.Errorf("discover: dimension %s is undefined (NaN) for case %d", name, i)
		}
	}
	perm := argsort(x)
	nv := newBits(d.n)
	for p := 1; p < d.n; p++ {
		if x[perm[p]] != x[perm[p-1]] {
			nv.set(p)
		}
	}
	d.dims = append(d.dims, dim{name: name, perm: perm, newValue: nv})
	return nil
}

// AddCategorical adds a categorical dimension: case i has level
// levels[codes[i]]. Levels no case has are left out.
func (d *Data) AddCategorical(name string, codes []uint16, levels []string) error {
	if err := d.checkNew(name, len(codes)); err != nil {
		return err
	}
	count := make([]int, len(levels))
	for i, c := range codes {
		if int(c) >= len(levels) {
			return fmt.Errorf("discover: dimension %s: case %d has level %d of %d", name, i, c, len(levels))
		}
		count[c]++
	}
	// Renumber the levels present, in their order.
	remap := make([]int, len(levels))
	var kept []string
	start := []int{0}
	for l, k := range count {
		remap[l] = len(kept)
		if k > 0 {
			kept = append(kept, levels[l])
			start = append(start, start[len(start)-1]+k)
		}
	}
	next := append([]int(nil), start[:len(kept)]...)
	perm := make([]uint32, d.n)
	for i, c := range codes { // counting sort: stable, so ties are by case index
		l := remap[c]
		perm[next[l]] = uint32(i)
		next[l]++
	}
	d.dims = append(d.dims, dim{name: name, perm: perm, levels: kept, start: start})
	return nil
}

func (d *Data) checkNew(name string, n int) error {
	if n != d.n {
		return fmt.Errorf("discover: dimension %s has %d values for %d cases", name, n, d.n)
	}
	if len(d.dims) == MaxDims {
		return fmt.Errorf("discover: more than %d dimensions", MaxDims)
	}
	for _, dm := range d.dims {
		if dm.name == name {
			return fmt.Errorf("discover: dimension %s given twice", name)
		}
	}
	return nil
}

// bits is a fixed-size bit set.
type bits []uint64

func newBits(n int) bits      { return make(bits, (n+63)/64) }
func (b bits) set(i int)      { b[i>>6] |= 1 << (i & 63) }
func (b bits) get(i int) bool { return b[i>>6]&(1<<(i&63)) != 0 }
func (b bits) clear(i int)    { b[i>>6] &^= 1 << (i & 63) }

// argsort returns the case indices in increasing order of x, ties in
// increasing order of index. Comparison sorting an index by values it looks
// up misses the cache at every comparison on large inputs, so the indices
// are first distributed, in index order, into about n/64 buckets of equal
// width between the smallest and the largest value (a monotone map, so equal
// values share a bucket), and each bucket is then sorted on its own: a small
// one as (value, index) pairs gathered next to each other, a large one (many
// ties, or a skewed distribution) in place.
func argsort(x []float64) []uint32 {
	n := len(x)
	perm := make([]uint32, n)
	lo, hi := slices.Min(x), slices.Max(x)
	buckets := max(1, n/64)
	if lo == hi || buckets == 1 {
		for i := range perm {
			perm[i] = uint32(i)
		}
		sortRange(perm, x)
		return perm
	}
	scale := float64(buckets) / (hi - lo)
	bucket := func(v float64) int { return min(buckets-1, int((v-lo)*scale)) }
	start := make([]int, buckets+1)
	for _, v := range x {
		start[bucket(v)+1]++
	}
	for b := 1; b <= buckets; b++ {
		start[b] += start[b-1]
	}
	next := append([]int(nil), start[:buckets]...)
	for i, v := range x {
		b := bucket(v)
		perm[next[b]] = uint32(i)
		next[b]++
	}
	type pair struct {
		v float64
		i uint32
	}
	const small = 4096
	var scratch []pair
	for b := 0; b < buckets; b++ {
		part := perm[start[b]:start[b+1]]
		if len(part) < 2 {
			continue
		}
		if len(part) > small {
			sortRange(part, x)
			continue
		}
		scratch = scratch[:0]
		for _, i := range part {
			scratch = append(scratch, pair{x[i], i})
		}
		slices.SortFunc(scratch, func(a, b pair) int {
			if c := cmp.Compare(a.v, b.v); c != 0 {
				return c
			}
			return cmp.Compare(a.i, b.i)
		})
		for k, p := range scratch {
			part[k] = p.i
		}
	}
	return perm
}

// sortRange sorts indices by their values, ties by index.
func sortRange(perm []uint32, x []float64) {
	slices.SortFunc(perm, func(a, b uint32) int {
		if c := cmp.Compare(x[a], x[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
}
