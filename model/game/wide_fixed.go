package game

import "math/bits"

// Unrolled kernels of the fraction-free pivot for integers of 2, 3 and 4
// words, which cover most games (a 15×15 game with payoffs of a few hundred
// needs 4). Each computes, for one tableau entry,
//
//	e ← ±(((e·p − t·r) mod 2^(64W)) >> tz)·inv, sign-extended from bit nbits−1
//
// exactly as the generic code in wide.go does (see there for why this is the
// exact quotient by the previous determinant).

func mulLow3(a, b *[3]uint64) (z0, z1, z2 uint64) {
	h00, l00 := bits.Mul64(a[0], b[0])
	h01, l01 := bits.Mul64(a[0], b[1])
	h10, l10 := bits.Mul64(a[1], b[0])
	s, c1 := bits.Add64(h00, l01, 0)
	s, c2 := bits.Add64(s, l10, 0)
	z2 = h01 + h10 + a[0]*b[2] + a[1]*b[1] + a[2]*b[0] + c1 + c2
	return l00, s, z2
}

func mulLow4(a, b *[4]uint64) (z0, z1, z2, z3 uint64) {
	h00, l00 := bits.Mul64(a[0], b[0])
	h01, l01 := bits.Mul64(a[0], b[1])
	h10, l10 := bits.Mul64(a[1], b[0])
	h02, l02 := bits.Mul64(a[0], b[2])
	h11, l11 := bits.Mul64(a[1], b[1])
	h20, l20 := bits.Mul64(a[2], b[0])
	// column 1
	z1, c1 := bits.Add64(h00, l01, 0)
	z1, c := bits.Add64(z1, l10, 0)
	c1 += c
	// column 2
	z2, c2 := bits.Add64(h01, h10, 0)
	z2, c = bits.Add64(z2, l02, 0)
	c2 += c
	z2, c = bits.Add64(z2, l11, 0)
	c2 += c
	z2, c = bits.Add64(z2, l20, 0)
	c2 += c
	z2, c = bits.Add64(z2, c1, 0)
	c2 += c
	// column 3, modulo 2^64
	z3 = h02 + h11 + h20 + a[0]*b[3] + a[1]*b[2] + a[2]*b[1] + a[3]*b[0] + c2
	return l00, z1, z2, z3
}

func shr2(z *[2]uint64, t uint) {
	switch {
	case t == 0:
	case t < 64:
		z[0] = z[0]>>t | z[1]<<(64-t)
		z[1] >>= t
	default:
		z[0] = z[1] >> (t - 64)
		z[1] = 0
	}
}

func shr3(z *[3]uint64, t uint) {
	for t >= 64 {
		z[0], z[1], z[2] = z[1], z[2], 0
		t -= 64
	}
	if t > 0 {
		z[0] = z[0]>>t | z[1]<<(64-t)
		z[1] = z[1]>>t | z[2]<<(64-t)
		z[2] >>= t
	}
}

func shr4(z *[4]uint64, t uint) {
	for t >= 64 {
		z[0], z[1], z[2], z[3] = z[1], z[2], z[3], 0
		t -= 64
	}
	if t > 0 {
		z[0] = z[0]>>t | z[1]<<(64-t)
		z[1] = z[1]>>t | z[2]<<(64-t)
		z[2] = z[2]>>t | z[3]<<(64-t)
		z[3] >>= t
	}
}

// mulSub2, mulSub3 and mulSub4 return a·b − c·e modulo 2^(64W).
func mulSub2(a, b, c, e *[2]uint64) (z0, z1 uint64) {
	h, l := bits.Mul64(a[0], b[0])
	hc, lc := bits.Mul64(c[0], e[0])
	z1 = h + a[0]*b[1] + a[1]*b[0] - hc - c[0]*e[1] - c[1]*e[0]
	var bw uint64
	z0, bw = bits.Sub64(l, lc, 0)
	return z0, z1 - bw
}

func mulSub3(a, b, c, e *[3]uint64) (z0, z1, z2 uint64) {
	x0, x1, x2 := mulLow3(a, b)
	y0, y1, y2 := mulLow3(c, e)
	var bw uint64
	z0, bw = bits.Sub64(x0, y0, 0)
	z1, bw = bits.Sub64(x1, y1, bw)
	z2, _ = bits.Sub64(x2, y2, bw)
	return
}

func mulSub4(a, b, c, e *[4]uint64) (z0, z1, z2, z3 uint64) {
	x0, x1, x2, x3 := mulLow4(a, b)
	y0, y1, y2, y3 := mulLow4(c, e)
	var bw uint64
	z0, bw = bits.Sub64(x0, y0, 0)
	z1, bw = bits.Sub64(x1, y1, bw)
	z2, bw = bits.Sub64(x2, y2, bw)
	z3, _ = bits.Sub64(x3, y3, bw)
	return
}

// pivotEntry2 sets e ← ±((e·p' − t·r') mod 2^128) >> tz, sign-extended from
// bit nbits−1, where p' and r' are the pivot and the pivot row's entry
// times the inverse of the odd part of the old determinant.
func pivotEntry2(e, p, t, r *[2]uint64, tz, nbits uint, neg bool, f *float64, pow *[2]float64) {
	var q [2]uint64
	q[0], q[1] = mulSub2(e, p, t, r)
	if tz > 0 {
		shr2(&q, tz)
		wSignExtend(q[:], nbits)
	}
	if neg {
		var bw uint64
		q[0], bw = bits.Sub64(0, q[0], 0)
		q[1], _ = bits.Sub64(0, q[1], bw)
	}
	*e = q
	*f = float2(&q, pow)
}

func pivotEntry3(e, p, t, r *[3]uint64, tz, nbits uint, neg bool, f *float64, pow *[3]float64) {
	var q [3]uint64
	q[0], q[1], q[2] = mulSub3(e, p, t, r)
	if tz > 0 {
		shr3(&q, tz)
		wSignExtend(q[:], nbits)
	}
	if neg {
		var bw uint64
		q[0], bw = bits.Sub64(0, q[0], 0)
		q[1], bw = bits.Sub64(0, q[1], bw)
		q[2], _ = bits.Sub64(0, q[2], bw)
	}
	*e = q
	*f = float3(&q, pow)
}

func pivotEntry4(e, p, t, r *[4]uint64, tz, nbits uint, neg bool, f *float64, pow *[4]float64) {
	var q [4]uint64
	q[0], q[1], q[2], q[3] = mulSub4(e, p, t, r)
	if tz > 0 {
		shr4(&q, tz)
		wSignExtend(q[:], nbits)
	}
	if neg {
		var bw uint64
		q[0], bw = bits.Sub64(0, q[0], 0)
		q[1], bw = bits.Sub64(0, q[1], bw)
		q[2], bw = bits.Sub64(0, q[2], bw)
		q[3], _ = bits.Sub64(0, q[3], bw)
	}
	*e = q
	*f = float4(&q, pow)
}

// pivotRow applies the pivot update to the entries of one row (all columns
// but c), with the row's old column-c entry t, the pivot times the inverse
// p' and the pivot row times the inverse in x.rinv.
func (x *exactTableau) pivotRow(i, c int, t, p []uint64, tz, nbits uint, neg bool) {
	w, d := x.w, x.d
	row := x.t[i*(d+1)*w : (i+1)*(d+1)*w]
	rinv := x.rinv
	frow := x.f[i*(d+1) : (i+1)*(d+1)]
	switch w {
	case 2:
		tt, pp, pow := (*[2]uint64)(t), (*[2]uint64)(p), (*[2]float64)(x.pow)
		for j := 0; j <= d; j++ {
			if j != c {
				pivotEntry2((*[2]uint64)(row[j*2:]), pp, tt, (*[2]uint64)(rinv[j*2:]), tz, nbits, neg, &frow[j], pow)
			}
		}
	case 3:
		tt, pp, pow := (*[3]uint64)(t), (*[3]uint64)(p), (*[3]float64)(x.pow)
		for j := 0; j <= d; j++ {
			if j != c {
				pivotEntry3((*[3]uint64)(row[j*3:]), pp, tt, (*[3]uint64)(rinv[j*3:]), tz, nbits, neg, &frow[j], pow)
			}
		}
	case 4:
		tt, pp, pow := (*[4]uint64)(t), (*[4]uint64)(p), (*[4]float64)(x.pow)
		for j := 0; j <= d; j++ {
			if j != c {
				pivotEntry4((*[4]uint64)(row[j*4:]), pp, tt, (*[4]uint64)(rinv[j*4:]), tz, nbits, neg, &frow[j], pow)
			}
		}
	default:
		for j := 0; j <= d; j++ {
			if j == c {
				continue
			}
			e := row[j*w : (j+1)*w]
			wMulSub(x.num, e, p, t, rinv[j*w:(j+1)*w])
			wShr(x.num, x.num, tz)
			wSignExtend(x.num, nbits)
			if neg {
				wNeg(e, x.num)
			} else {
				copy(e, x.num)
			}
			frow[j] = x.floatOf(e)
		}
	}
}

// float2, float3 and float4 are floatOf for fixed widths.
func float2(q *[2]uint64, pow *[2]float64) float64 {
	if int64(q[1]) < 0 {
		return -1
	}
	return float64(q[1])*pow[1] + float64(q[0])*pow[0]
}

func float3(q *[3]uint64, pow *[3]float64) float64 {
	if int64(q[2]) < 0 {
		return -1
	}
	return float64(q[2])*pow[2] + float64(q[1])*pow[1] + float64(q[0])*pow[0]
}

func float4(q *[4]uint64, pow *[4]float64) float64 {
	if int64(q[3]) < 0 {
		return -1
	}
	return float64(q[3])*pow[3] + float64(q[2])*pow[2] + float64(q[1])*pow[1] + float64(q[0])*pow[0]
}
