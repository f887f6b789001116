package game

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

func randBig(rng *rand.Rand, bitsMax int) *big.Int {
	nb := rng.IntN(bitsMax) + 1
	x := new(big.Int)
	for i := 0; i < nb; i += 32 {
		x.Lsh(x, 32)
		x.Or(x, big.NewInt(int64(rng.Uint32())))
	}
	x.Rsh(x, uint(max(0, x.BitLen()-nb)))
	if rng.IntN(2) == 0 {
		x.Neg(x)
	}
	return x
}

// The fixed-width operations agree with math/big on random operands of every
// size that fits.
func TestWideArithmetic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, w := range []int{1, 2, 3, 4, 7} {
		mod := new(big.Int).Lsh(big.NewInt(1), uint(64*w))
		wrap := func(x *big.Int) *big.Int { // to the signed range of w words
			y := new(big.Int).Mod(x, mod)
			if y.Bit(64*w-1) == 1 {
				y.Sub(y, mod)
			}
			return y
		}
		a, b, c, e, z := make([]uint64, w), make([]uint64, w), make([]uint64, w), make([]uint64, w), make([]uint64, w)
		tmp := make([]uint64, 10*w)
		for range 2000 {
			A, B, C, E := randBig(rng, 64*w-1), randBig(rng, 64*w-1), randBig(rng, 64*w-1), randBig(rng, 64*w-1)
			wFromBig(a, A)
			wFromBig(b, B)
			wFromBig(c, C)
			wFromBig(e, E)
			if wToBig(a).Cmp(A) != 0 {
				t.Fatalf("w=%d: round trip of %v", w, A)
			}
			wMulSub(z, a, b, c, e)
			want := new(big.Int).Sub(new(big.Int).Mul(A, B), new(big.Int).Mul(C, E))
			if got := wToBig(z); got.Cmp(wrap(want)) != 0 {
				t.Fatalf("w=%d: %v·%v − %v·%v = %v, want %v", w, A, B, C, E, got, wrap(want))
			}
			if got := wCmpProducts(a, b, c, e, tmp); got != want.Sign() {
				t.Fatalf("w=%d: sign of products %d, want %d", w, got, want.Sign())
			}
			// Exact division: q·d / d for a q and d that fit.
			qb := randBig(rng, 64*w/2-2)
			db := randBig(rng, 64*w/2-2)
			if db.Sign() == 0 {
				continue
			}
			if rng.IntN(3) == 0 {
				db.Lsh(db, uint(rng.IntN(20)))
			}
			num := new(big.Int).Mul(qb, db)
			wFromBig(a, num)
			wFromBig(b, db)
			tz := wTrailingZeros(b)
			if tz != db.TrailingZeroBits() {
				t.Fatalf("trailing zeros %d, want %d", tz, db.TrailingZeroBits())
			}
			odd := make([]uint64, w)
			wShr(odd, b, tz)
			inv := make([]uint64, w)
			wInverse(inv, odd, tmp)
			wMulLow(c, inv, odd)
			if c[0] != 1 || !wIsZero(c[1:]) {
				t.Fatalf("w=%d: inverse of %v wrong", w, wToBig(odd))
			}
			wShr(a, a, tz)
			wMulLow(z, a, inv)
			wSignExtend(z, uint(64*w)-tz)
			if got := wToBig(z); got.Cmp(qb) != 0 {
				t.Fatalf("w=%d: %v / %v = %v, want %v", w, num, db, got, qb)
			}
			// Float conversion.
			m, ex := wFloat(a, tmp)
			f := math.Ldexp(m, ex)
			af, _ := new(big.Float).SetInt(wToBig(a)).Float64()
			if af != 0 && math.Abs(f-af) > 4e-16*math.Abs(af) {
				t.Fatalf("w=%d: float of %v = %g, want %g", w, wToBig(a), f, af)
			}
		}
	}
}

// The unrolled pivot kernels compute what the generic code does, on
// random words (the identities hold modulo 2^(64W) whether or not the
// division is exact).
func TestPivotKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, w := range []int{2, 3, 4} {
		mk := func() *exactTableau {
			x := &exactTableau{w: w, d: 1, k: 2, t: make([]uint64, 4*w), f: make([]float64, 4),
				num: make([]uint64, w), rinv: make([]uint64, 2*w), pow: make([]float64, w)}
			for i := range w {
				x.pow[i] = math.Ldexp(1, 64*(i-w+1))
			}
			return x
		}
		x, y := mk(), mk()
		p, tt := make([]uint64, w), make([]uint64, w)
		for range 5000 {
			for i := range x.t {
				x.t[i] = rng.Uint64()
			}
			for i := range x.rinv {
				x.rinv[i] = rng.Uint64()
			}
			for i := range p {
				p[i], tt[i] = rng.Uint64(), rng.Uint64()
			}
			copy(y.t, x.t)
			copy(y.rinv, x.rinv)
			tz := uint(rng.IntN(64 * w))
			nbits := uint(64*w) - tz
			neg := rng.IntN(2) == 0
			x.pivotRow(0, 1, tt, p, tz, nbits, neg)
			// The generic path on the same data.
			row := y.t[:2*w]
			for j := 0; j <= 1; j++ {
				if j == 1 {
					continue
				}
				e := row[j*w : (j+1)*w]
				wMulSub(y.num, e, p, tt, y.rinv[j*w:(j+1)*w])
				wShr(y.num, y.num, tz)
				wSignExtend(y.num, nbits)
				if neg {
					wNeg(e, y.num)
				} else {
					copy(e, y.num)
				}
			}
			for i := range x.t {
				if x.t[i] != y.t[i] {
					t.Fatalf("w=%d: kernel differs from generic code", w)
				}
			}
			if x.f[0] != y.floatOf(y.t[:w]) {
				t.Fatalf("w=%d: float shadow %g, want %g", w, x.f[0], y.floatOf(y.t[:w]))
			}
		}
	}
}
