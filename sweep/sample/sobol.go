package sample

import (
	"fmt"
	"math/bits"
	"math/rand/v2"

	"github.com/statecraft/statecraft/schema"
)

const (
	// MaxSobolDim is the largest dimension [Sobol] supports: dimension 1 and
	// the 336 dimensions of Joe and Kuo's table embedded here (every primitive
	// polynomial of degree at most 11).
	MaxSobolDim = 1 + len(joeKuo)
	// MaxSobolPoints is the length of the sequence: direction numbers have 32
	// binary digits, as in Joe and Kuo's reference program.
	MaxSobolPoints = 1 << digits

	digits    = 32 // direction numbers per dimension
	maxDegree = 11 // largest polynomial degree in joeKuo
)

type joeKuoRow struct {
	s, a uint16
	m    [maxDegree]uint16
}

// SobolSeq generates the points of a Sobol sequence in Gray-code order
// (Antonov & Saleev, USSR Comput. Math. Math. Phys. 19, 1979), the order of
// Joe and Kuo's reference program, optionally scrambled. Point i can be had in
// sequence with [SobolSeq.Next] or directly with [SobolSeq.Point]; both give
// the same bits. Neither allocates.
//
// Each coordinate is held as a 64-bit binary fraction whose top 32 digits come
// from the direction numbers. Unscrambled points are therefore exact dyadic
// rationals k/2³². A scrambled sequence also fills the low 32 digits (see
// [NewSobol]), so its coordinates use the full 53-bit precision of a float64.
type SobolSeq struct {
	dim   int
	v     []uint64 // direction numbers, v[j*digits+k] = digit vector of v_{k+1} in dimension j
	shift []uint64 // digital shift per dimension (zero when unscrambled)
	state []uint64 // XOR of direction numbers for the point before next
	next  uint64   // index of the point Next returns
}

// NewSobol returns the Sobol sequence in dim dimensions (1 ≤ dim ≤
// [MaxSobolDim]), with Joe and Kuo's direction numbers (new-joe-kuo-6.21201).
//
// Unscrambled (scramble false; rng is then not used and may be nil), its
// first point is the origin. Scrambled, it gets a random linear matrix
// scramble (Matoušek, "On the L2-discrepancy for anchored boxes", J.
// Complexity 14, 1998) followed by a random digital shift: in each dimension the generating
// matrix C (digits × 32) becomes L·C with L a random 64×64 lower-triangular
// binary matrix with unit diagonal, and every point is XORed with one random
// 64-bit fraction. This is not Owen's full nested scrambling, but it keeps the
// (t, m, s)-net structure of the sequence (each block of 2ᵐ points stays
// stratified like the unscrambled one), and the shift makes every point
// uniformly distributed on the cube, so averages over the points are unbiased.
//
// Randomness is drawn from rng in a fixed order — for each dimension in turn,
// 63 words for the rows of L (digits 2 to 64) and one for the shift — so the
// same rng state always gives the same sequence.
func NewSobol(dim int, scramble bool, rng *rand.Rand) (*SobolSeq, error) {
	if dim < 1 || dim > MaxSobolDim {
		return nil, schema.Errorf("", "a Sobol design needs between 1 and %d dimensions (uncertain parameters), got %d", MaxSobolDim, dim)
	}
	if scramble && rng == nil {
		return nil, errNoRng
	}
	s := &SobolSeq{
		dim:   dim,
		v:     make([]uint64, dim*digits),
		shift: make([]uint64, dim),
		state: make([]uint64, dim),
	}
	var rows [64]uint64
	for j := 0; j < dim; j++ {
		v := s.v[j*digits : (j+1)*digits]
		directionNumbers(j, v)
		if !scramble {
			continue
		}
		// Row r of L (digit r+1, counted from the most significant) has a
		// one on the diagonal and random entries for the more significant
		// digits: output digit r mixes input digits 0…r only.
		rows[0] = 1 << 63
		for r := 1; r < 64; r++ {
			above := ^uint64(0) << (64 - r) // bits of digits 0…r−1
			rows[r] = rng.Uint64()&above | 1<<(63-r)
		}
		for k := range v {
			var y uint64
			for r := 0; r < 64; r++ {
				y |= uint64(bits.OnesCount64(rows[r]&v[k])&1) << (63 - r)
			}
			v[k] = y
		}
		s.shift[j] = rng.Uint64()
	}
	return s, nil
}

// directionNumbers writes the 32 direction numbers of dimension j (0-based)
// into v as binary fractions in the top bits of a uint64: v_k = m_k / 2ᵏ.
func directionNumbers(j int, v []uint64) {
	if j == 0 {
		// Dimension 1 is van der Corput's sequence: every m_k = 1.
		for k := range v {
			v[k] = 1 << (63 - k)
		}
		return
	}
	row := joeKuo[j-1]
	s := int(row.s)
	for k := 0; k < len(v); k++ {
		if k < s {
			v[k] = uint64(row.m[k]) << (63 - k)
			continue
		}
		// Bratley & Fox's recurrence (ACM TOMS 14, 1988) in the form Joe and
		// Kuo state it: the bits of a are the inner coefficients a_1…a_{s−1}
		// of the primitive polynomial.
		x := v[k-s] ^ v[k-s]>>s
		for l := 1; l < s; l++ {
			if row.a>>(s-1-l)&1 == 1 {
				x ^= v[k-l]
			}
		}
		v[k] = x
	}
}

// Dim returns the dimension of the sequence.
func (s *SobolSeq) Dim() int { return s.dim }

// Reset makes the next call to Next return point 0.
func (s *SobolSeq) Reset() {
	clear(s.state)
	s.next = 0
}

// Next writes the next point into x (len(x) == Dim()). It panics past
// [MaxSobolPoints] points or if len(x) != Dim().
func (s *SobolSeq) Next(x []float64) {
	if len(x) != s.dim {
		panic(fmt.Sprintf("sample: SobolSeq.Next: len(x) = %d, want %d", len(x), s.dim))
	}
	i := s.next
	if i >= MaxSobolPoints {
		panic("sample: Sobol sequence exhausted (2³² points)")
	}
	if i > 0 {
		// gray(i) and gray(i−1) differ in the bit of i's lowest set bit.
		k := bits.TrailingZeros64(i)
		for j := range s.state {
			s.state[j] ^= s.v[j*digits+k]
		}
	}
	for j, st := range s.state {
		x[j] = toFloat(st ^ s.shift[j])
	}
	s.next++
}

// Point writes point i (0-based, in the order Next produces) into x without
// changing the position of Next. It panics if i ≥ [MaxSobolPoints] or
// len(x) != Dim().
func (s *SobolSeq) Point(i uint64, x []float64) {
	if len(x) != s.dim {
		panic(fmt.Sprintf("sample: SobolSeq.Point: len(x) = %d, want %d", len(x), s.dim))
	}
	if i >= MaxSobolPoints {
		panic("sample: Sobol point index past 2³²")
	}
	g := i ^ i>>1
	for j := range x {
		v := s.v[j*digits : (j+1)*digits]
		var acc uint64
		for b := g; b != 0; b &= b - 1 {
			acc ^= v[bits.TrailingZeros64(b)]
		}
		x[j] = toFloat(acc ^ s.shift[j])
	}
}

// toFloat maps a 64-bit binary fraction to [0, 1) keeping its top 53 digits.
func toFloat(u uint64) float64 { return float64(u>>11) * 0x1p-53 }

// Sobol returns the first n points of the dim-dimensional Sobol sequence, one
// row per point, scrambled with randomness from rng or unscrambled (see
// [NewSobol]). Nets are best balanced when n is a power of two.
func Sobol(n, dim int, scramble bool, rng *rand.Rand) ([][]float64, error) {
	if n < 0 || uint64(n) > MaxSobolPoints {
		return nil, schema.Errorf("samples", "a Sobol design has between 0 and 2³² points, got %d", n)
	}
	s, err := NewSobol(dim, scramble, rng)
	if err != nil {
		return nil, err
	}
	pts := NewMatrix(n, dim)
	for _, x := range pts {
		s.Next(x)
	}
	return pts, nil
}
