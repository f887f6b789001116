package game

import "math/bits"

// bitTable is a hash set of fixed-length bitsets (label sets, bases), stored
// contiguously; each member has an index in insertion order.
type bitTable struct {
	nw    int      // words per bitset
	data  []uint64 // member k is data[k*nw : (k+1)*nw]
	slots []int32  // open addressing: member index + 1, or 0 for empty
	n     int
}

func newBitTable(nw int) *bitTable {
	return &bitTable{nw: nw, slots: make([]int32, 64)}
}

func hashBits(key []uint64) uint64 {
	h := uint64(0x9e3779b97f4a7c15)
	for _, w := range key {
		h ^= w
		h *= 0xbf58476d1ce4e5b9
		h ^= h >> 31
	}
	return h
}

func (t *bitTable) member(k int) []uint64 { return t.data[k*t.nw : (k+1)*t.nw] }

func equalBits(a, b []uint64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// find returns the index of key, or −1.
func (t *bitTable) find(key []uint64) int {
	mask := uint64(len(t.slots) - 1)
	for h := hashBits(key) & mask; ; h = (h + 1) & mask {
		s := t.slots[h]
		if s == 0 {
			return -1
		}
		if equalBits(t.member(int(s-1)), key) {
			return int(s - 1)
		}
	}
}

// insert adds key if absent and returns its index and whether it was added.
func (t *bitTable) insert(key []uint64) (int, bool) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	h := hashBits(key) & mask
	for ; ; h = (h + 1) & mask {
		s := t.slots[h]
		if s == 0 {
			break
		}
		if equalBits(t.member(int(s-1)), key) {
			return int(s - 1), false
		}
	}
	t.data = append(t.data, key...)
	t.n++
	t.slots[h] = int32(t.n)
	return t.n - 1, true
}

func (t *bitTable) grow() {
	slots := make([]int32, 2*len(t.slots))
	mask := uint64(len(slots) - 1)
	for k := range t.n {
		h := hashBits(t.member(k)) & mask
		for slots[h] != 0 {
			h = (h + 1) & mask
		}
		slots[h] = int32(k + 1)
	}
	t.slots = slots
}

func setBit(b []uint64, i int)      { b[i/64] |= 1 << (i % 64) }
func clearBit(b []uint64, i int)    { b[i/64] &^= 1 << (i % 64) }
func hasBit(b []uint64, i int) bool { return b[i/64]>>(i%64)&1 != 0 }

func popCount(b []uint64) int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// covers reports whether a ∪ b has every one of the first n bits.
func covers(a, b []uint64, n int) bool {
	for i := range a {
		want := ^uint64(0)
		if rem := n - 64*i; rem < 64 {
			want = (uint64(1) << rem) - 1
		}
		if (a[i]|b[i])&want != want {
			return false
		}
	}
	return true
}
