package game

import (
	"math"
	"math/big"
	"math/bits"
)

// Fixed-width exact integers for the fraction-free tableaux.
//
// A value is a little-endian slice of W 64-bit words holding an integer in
// two's complement modulo 2^(64W). Every entry of an integer tableau is a
// minor of the constraint matrix, so Hadamard's inequality bounds it before
// the enumeration starts and W is chosen to hold it with room to spare. All
// arithmetic is then modulo 2^(64W), which needs no carries beyond W words.
//
// The one division the fraction-free pivot needs, q = (a·b − c·e)/d with a
// result known to be an integer, is done 2-adically: write d = 2^t·d' with
// d' odd and let v be the inverse of d' modulo 2^(64W). Then
// (a·b − c·e)·v ≡ q·2^t (mod 2^(64W)), so shifting right by t leaves the low
// 64W−t bits of q, which sign-extended are q itself whenever
// |q| < 2^(64W−t−1); the caller guarantees that by checking t against the
// headroom of W. Since d, b and the pivot row are the same for a whole
// pivot, b·v and e·v are formed once, and each entry costs two products
// (Jebelean, "An algorithm for exact division", J. Symbolic Computation 15,
// 1993, uses the same identity for multiprecision division).

// wNeg sets z = −x.
func wNeg(z, x []uint64) {
	var borrow uint64
	for i := range z {
		z[i], borrow = bits.Sub64(0, x[i], borrow)
	}
}

// wIsZero reports whether x = 0.
func wIsZero(x []uint64) bool {
	for _, v := range x {
		if v != 0 {
			return false
		}
	}
	return true
}

// wSign returns −1, 0 or +1.
func wSign(x []uint64) int {
	if int64(x[len(x)-1]) < 0 {
		return -1
	}
	if wIsZero(x) {
		return 0
	}
	return 1
}

// wMulSub sets z = a·b − c·e (mod 2^(64W)). z may not alias the inputs.
func wMulSub(z, a, b, c, e []uint64) {
	w := len(z)
	for i := range z {
		z[i] = 0
	}
	// z += a·b. Each step adds a 128-bit product, a word and a carry, which
	// fits in 128 bits, so the new carry fits in a word.
	for i := 0; i < w; i++ {
		ai := a[i]
		if ai == 0 {
			continue
		}
		var carry uint64
		for j := 0; i+j < w; j++ {
			hi, lo := bits.Mul64(ai, b[j])
			var c1, c2 uint64
			lo, c1 = bits.Add64(lo, z[i+j], 0)
			lo, c2 = bits.Add64(lo, carry, 0)
			z[i+j] = lo
			carry = hi + c1 + c2
		}
	}
	// z −= c·e. carry is what remains to subtract at position i+j; the
	// product plus carry is below 2^128 − 2^64, so hi + borrow fits a word.
	for i := 0; i < w; i++ {
		ci := c[i]
		if ci == 0 {
			continue
		}
		var carry uint64
		for j := 0; i+j < w; j++ {
			hi, lo := bits.Mul64(ci, e[j])
			var c1, b1 uint64
			lo, c1 = bits.Add64(lo, carry, 0)
			z[i+j], b1 = bits.Sub64(z[i+j], lo, 0)
			carry = hi + c1 + b1
		}
	}
}

// wMulLow sets z = a·b (mod 2^(64W)). z may not alias the inputs.
func wMulLow(z, a, b []uint64) {
	w := len(z)
	for i := range z {
		z[i] = 0
	}
	for i := 0; i < w; i++ {
		ai := a[i]
		if ai == 0 {
			continue
		}
		var carry uint64
		for j := 0; i+j < w; j++ {
			hi, lo := bits.Mul64(ai, b[j])
			var c1, c2 uint64
			lo, c1 = bits.Add64(lo, z[i+j], 0)
			lo, c2 = bits.Add64(lo, carry, 0)
			z[i+j] = lo
			carry = hi + c1 + c2
		}
	}
}

// wShr sets z = x >> t (logical, 0 ≤ t < 64W). z may alias x.
func wShr(z, x []uint64, t uint) {
	w := len(z)
	q, r := int(t/64), t%64
	for i := 0; i < w; i++ {
		var v uint64
		if i+q < w {
			v = x[i+q] >> r
			if r > 0 && i+q+1 < w {
				v |= x[i+q+1] << (64 - r)
			}
		}
		z[i] = v
	}
}

// wSignExtend keeps the low nbits of z and copies bit nbits−1 above them.
func wSignExtend(z []uint64, nbits uint) {
	w := uint(len(z))
	if nbits >= 64*w {
		return
	}
	q, r := nbits/64, nbits%64
	var fill uint64
	if r == 0 {
		if z[q-1]>>63 != 0 {
			fill = ^uint64(0)
		}
	} else {
		if (z[q]>>(r-1))&1 != 0 {
			fill = ^uint64(0)
			z[q] |= ^uint64(0) << r
		} else {
			z[q] &= (uint64(1) << r) - 1
		}
		q++
	}
	for i := q; i < w; i++ {
		z[i] = fill
	}
}

// wTrailingZeros returns the number of trailing zero bits of x ≠ 0.
func wTrailingZeros(x []uint64) uint {
	for i, v := range x {
		if v != 0 {
			return uint(64*i + bits.TrailingZeros64(v))
		}
	}
	return uint(64 * len(x))
}

// wInverse sets z to the inverse of the odd x modulo 2^(64W), by Newton's
// iteration z ← z(2 − xz), which doubles the number of correct low bits.
// tmp must hold 2W words.
func wInverse(z, x, tmp []uint64) {
	w := len(z)
	// 64-bit start: x·x ≡ 1 (mod 8), then five doublings reach 96 bits.
	inv := x[0]
	for range 5 {
		inv *= 2 - x[0]*inv
	}
	for i := range z {
		z[i] = 0
	}
	z[0] = inv
	t1, t2 := tmp[:w], tmp[w:2*w]
	for good := 64; good < 64*w; good *= 2 {
		wMulLow(t1, x, z) // x·z
		wNeg(t1, t1)      // −x·z
		var c uint64
		t1[0], c = bits.Add64(t1[0], 2, 0)
		for i := 1; i < w; i++ {
			t1[i], c = bits.Add64(t1[i], 0, c)
		}
		wMulLow(t2, z, t1)
		copy(z, t2)
	}
}

// wFloat returns x ≈ m·2^e with m in [0.5, 1) in absolute value and a
// relative error below 2⁻⁵². scratch must hold W words.
func wFloat(x, scratch []uint64) (m float64, e int) {
	a := x
	neg := int64(x[len(x)-1]) < 0
	if neg {
		a = scratch[:len(x)]
		wNeg(a, x)
	}
	top := len(a) - 1
	for top >= 0 && a[top] == 0 {
		top--
	}
	if top < 0 {
		return 0, 0
	}
	lz := bits.LeadingZeros64(a[top])
	hi := a[top] << lz
	if lz > 0 && top >= 1 {
		hi |= a[top-1] >> (64 - lz)
	}
	m, e = math.Frexp(float64(hi))
	e += 64*top - lz
	if neg {
		m = -m
	}
	return m, e
}

// wFromBig sets z to x modulo 2^(64W).
func wFromBig(z []uint64, x *big.Int) {
	for i := range z {
		z[i] = 0
	}
	ws := x.Bits()
	for i := 0; i < len(z) && i < len(ws); i++ {
		z[i] = uint64(ws[i])
	}
	if x.Sign() < 0 {
		wNeg(z, z)
	}
}

// wToBig returns x as a big.Int.
func wToBig(x []uint64) *big.Int {
	neg := int64(x[len(x)-1]) < 0
	abs := make([]uint64, len(x))
	if neg {
		wNeg(abs, x)
	} else {
		copy(abs, x)
	}
	ws := make([]big.Word, len(abs))
	for i, v := range abs {
		ws[i] = big.Word(v)
	}
	z := new(big.Int).SetBits(ws)
	if neg {
		z.Neg(z)
	}
	return z
}

// wCmpProducts returns the sign of a·b − c·e computed exactly: the factors
// are sign-extended to 2W words, where the products cannot wrap around. tmp
// must hold 10W words.
func wCmpProducts(a, b, c, e, tmp []uint64) int {
	w := len(a)
	ext := func(k int, src []uint64) []uint64 {
		dst := tmp[2*w*k : 2*w*(k+1)]
		copy(dst, src)
		fill := uint64(0)
		if int64(src[w-1]) < 0 {
			fill = ^uint64(0)
		}
		for i := w; i < 2*w; i++ {
			dst[i] = fill
		}
		return dst
	}
	z := tmp[8*w : 10*w]
	wMulSub(z, ext(0, a), ext(1, b), ext(2, c), ext(3, e))
	return wSign(z)
}
