package sample

import (
	"bufio"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

// The table compiled into the package is the file in testdata, row for row.
func TestJoeKuoTableMatchesFile(t *testing.T) {
	f, err := os.Open("testdata/new-joe-kuo-6.21201.head337.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	i := 0
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		nums := make([]int, len(fields))
		for k, s := range fields {
			if nums[k], err = strconv.Atoi(s); err != nil {
				t.Fatal(err)
			}
		}
		if i >= len(joeKuo) {
			t.Fatalf("file has more rows than the table (%d)", len(joeKuo))
		}
		row := joeKuo[i]
		if nums[0] != i+2 || int(row.s) != nums[1] || int(row.a) != nums[2] || len(nums) != 3+int(row.s) {
			t.Fatalf("dimension %d: table {s=%d a=%d}, file %v", i+2, row.s, row.a, nums)
		}
		for k, m := range nums[3:] {
			if int(row.m[k]) != m {
				t.Fatalf("dimension %d: m_%d = %d in the table, %d in the file", i+2, k+1, row.m[k], m)
			}
		}
		i++
	}
	if i != len(joeKuo) {
		t.Fatalf("file has %d rows, table %d", i, len(joeKuo))
	}
}

// mulmod multiplies polynomials over GF(2) modulo p of degree deg.
func mulmod(x, y, p uint64, deg int) uint64 {
	var r uint64
	for ; y != 0; y >>= 1 {
		if y&1 == 1 {
			r ^= x
		}
		x <<= 1
		if x>>deg&1 == 1 {
			x ^= p
		}
	}
	return r
}

// primitive reports whether p (degree deg, bit i = coefficient of zⁱ) is a
// primitive polynomial over GF(2): z has multiplicative order 2^deg − 1
// modulo p.
func primitive(p uint64, deg int) bool {
	order := uint64(1)<<deg - 1
	pow := func(e uint64) uint64 {
		r, b := uint64(1), uint64(2)%p
		if deg == 1 {
			b = 1 // z ≡ 1 mod z+1
		}
		for ; e != 0; e >>= 1 {
			if e&1 == 1 {
				r = mulmod(r, b, p, deg)
			}
			b = mulmod(b, b, p, deg)
		}
		return r
	}
	if pow(order) != 1 {
		return false
	}
	n := order
	for q := uint64(2); q*q <= n; q++ {
		if n%q == 0 {
			if pow(order/q) == 1 {
				return false
			}
			for n%q == 0 {
				n /= q
			}
		}
	}
	return n == 1 || pow(order/n) != 1
}

// An independent check of the transcription: Joe and Kuo list every primitive
// polynomial of each degree once, in increasing order of a, and every initial
// direction number m_k is odd and below 2ᵏ.
func TestJoeKuoTableStructure(t *testing.T) {
	next := 0
	for deg := 1; deg <= maxDegree; deg++ {
		for a := 0; a < 1<<(deg-1); a++ {
			p := uint64(1)<<deg | uint64(a)<<1 | 1
			if !primitive(p, deg) {
				continue
			}
			if next >= len(joeKuo) {
				t.Fatalf("table ends before degree %d, a = %d", deg, a)
			}
			row := joeKuo[next]
			if int(row.s) != deg || int(row.a) != a {
				t.Fatalf("dimension %d: table has s=%d a=%d, the next primitive polynomial is s=%d a=%d", next+2, row.s, row.a, deg, a)
			}
			for k := 0; k < maxDegree; k++ {
				m := int(row.m[k])
				if k < deg && (m%2 != 1 || m >= 1<<(k+1)) {
					t.Errorf("dimension %d: m_%d = %d is not odd and below 2^%d", next+2, k+1, m, k+1)
				}
				if k >= deg && m != 0 {
					t.Errorf("dimension %d: padding m_%d = %d", next+2, k+1, m)
				}
			}
			next++
		}
	}
	if next != len(joeKuo) {
		t.Fatalf("%d primitive polynomials of degree ≤ %d, table has %d rows", next, maxDegree, len(joeKuo))
	}
	if MaxSobolDim != 337 {
		t.Errorf("MaxSobolDim = %d", MaxSobolDim)
	}
}

// The first eight points in dimensions 1–3, in Gray-code order, as Joe and
// Kuo's reference program prints them. By hand: dimension 2 (s=1, a=0, m=1)
// has m = 1, 3, 5 and dimension 3 (s=2, a=1, m=1,3) has m = 1, 3, 3, i.e.
// direction numbers v = 1/2, 3/4, 5/8 and 1/2, 3/4, 3/8; point i is the XOR
// of the v_k over the set bits k of gray(i) = i ⊕ ⌊i/2⌋.
func TestSobolFirstPoints(t *testing.T) {
	want := [][3]float64{
		{0, 0, 0},
		{0.5, 0.5, 0.5},
		{0.75, 0.25, 0.25},
		{0.25, 0.75, 0.75},
		{0.375, 0.375, 0.625},
		{0.875, 0.875, 0.125},
		{0.625, 0.125, 0.875},
		{0.125, 0.625, 0.375},
	}
	pts, err := Sobol(len(want), 3, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range want {
		for j := range w {
			if pts[i][j] != w[j] {
				t.Errorf("point %d dim %d = %g, want %g", i, j+1, pts[i][j], w[j])
			}
		}
	}
}

// directPoint computes point index n of the unscrambled sequence by Sobol's
// definition in natural (not Gray-code) order, with the direction integers
// m_k from the polynomial recurrence written on integers,
//
//	m_k = 2a₁m_{k−1} ⊕ 2²a₂m_{k−2} ⊕ … ⊕ 2^{s−1}a_{s−1}m_{k−s+1} ⊕ 2ˢm_{k−s} ⊕ m_{k−s},
//
// independently of the package's shifted 64-bit form.
func directPoint(dim int, n uint32) []float64 {
	x := make([]float64, dim)
	for j := 0; j < dim; j++ {
		m := make([]uint64, 32)
		if j == 0 {
			for k := range m {
				m[k] = 1
			}
		} else {
			row := joeKuo[j-1]
			s := int(row.s)
			for k := 0; k < 32; k++ {
				if k < s {
					m[k] = uint64(row.m[k])
					continue
				}
				v := m[k-s] ^ m[k-s]<<s
				for l := 1; l < s; l++ {
					if row.a>>(s-1-l)&1 == 1 {
						v ^= m[k-l] << l
					}
				}
				m[k] = v
			}
		}
		var acc uint64
		for k := 0; k < 32; k++ {
			if n>>k&1 == 1 {
				acc ^= m[k] << (31 - k) // m_{k+1} / 2^{k+1}, scaled by 2³²
			}
		}
		x[j] = float64(acc) / (1 << 32)
	}
	return x
}

func TestSobolMatchesDefinition(t *testing.T) {
	s, err := NewSobol(MaxSobolDim, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float64, MaxSobolDim)
	check := func(i uint64) {
		t.Helper()
		want := directPoint(MaxSobolDim, uint32(i^i>>1))
		for j := range want {
			if x[j] != want[j] {
				t.Fatalf("point %d dim %d = %v, definition gives %v", i, j+1, x[j], want[j])
			}
		}
	}
	for i := uint64(0); i < 300; i++ {
		s.Next(x)
		check(i)
	}
	for _, i := range []uint64{1000, 1 << 20, 1<<20 + 12345, 1<<31 + 7, MaxSobolPoints - 1} {
		s.Point(i, x)
		check(i)
	}
}

func TestSobolNextMatchesPoint(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s, err := NewSobol(7, true, rng)
	if err != nil {
		t.Fatal(err)
	}
	x, y := make([]float64, 7), make([]float64, 7)
	for i := uint64(0); i < 5000; i++ {
		s.Next(x)
		s.Point(i, y)
		for j := range x {
			if x[j] != y[j] {
				t.Fatalf("point %d dim %d: Next %v, Point %v", i, j, x[j], y[j])
			}
		}
	}
	s.Reset()
	s.Next(x)
	s.Point(0, y)
	if x[0] != y[0] {
		t.Errorf("after Reset, Next gives %v, point 0 is %v", x[0], y[0])
	}
}

// Uniformity: any 2ᵐ consecutive points starting at a multiple of 2ᵐ form a
// (t, m, s)-net. Every one-dimensional projection is a (0, m, 1)-net — one
// point in each interval [k/2ᵐ, (k+1)/2ᵐ) — and dimensions 1 and 2 form a
// (0, m, 2)-net: one point in every dyadic box of area 2⁻ᵐ. The random linear
// scramble and the digital shift preserve both.
func TestSobolNetProperty(t *testing.T) {
	const m = 10
	const n = 1 << m
	for _, scramble := range []bool{false, true} {
		rng := rand.New(rand.NewPCG(3, 4))
		dim := 60
		pts, err := Sobol(2*n, dim, scramble, rng)
		if err != nil {
			t.Fatal(err)
		}
		for block := 0; block < 2; block++ {
			blk := pts[block*n : (block+1)*n]
			for j := 0; j < dim; j++ {
				seen := make([]bool, n)
				for _, x := range blk {
					k := int(x[j] * n)
					if seen[k] {
						t.Fatalf("scramble=%v block %d dim %d: two points in stratum %d", scramble, block, j+1, k)
					}
					seen[k] = true
				}
			}
			for a := 0; a <= m; a++ {
				seen := make(map[[2]int]bool)
				for _, x := range blk {
					box := [2]int{int(x[0] * float64(int(1)<<a)), int(x[1] * float64(int(1)<<(m-a)))}
					if seen[box] {
						t.Fatalf("scramble=%v block %d: two points in box %v of the 2^-%d × 2^-%d grid", scramble, block, box, a, m-a)
					}
					seen[box] = true
				}
			}
		}
	}
}

// gfun is Sobol's g-function, ∏ (|4x−2| + c_j)/(1 + c_j), whose integral over
// the unit cube is exactly 1.
func gfun(x []float64) float64 {
	p := 1.0
	for j, u := range x {
		c := float64(j) / 2
		p *= (math.Abs(4*u-2) + c) / (1 + c)
	}
	return p
}

// Scrambled Sobol averages are unbiased (the mean over independent scrambles
// is within 4 standard errors of the exact integral) and far more accurate
// than plain Monte Carlo at the same size.
func TestScrambledSobolUnbiased(t *testing.T) {
	const dim, n, reps = 6, 256, 300
	rng := rand.New(rand.NewPCG(5, 6))
	var sum, sumSq float64
	x := make([]float64, dim)
	for r := 0; r < reps; r++ {
		s, err := NewSobol(dim, true, rng)
		if err != nil {
			t.Fatal(err)
		}
		var est float64
		for i := 0; i < n; i++ {
			s.Next(x)
			est += gfun(x)
		}
		est /= n
		sum += est
		sumSq += (est - 1) * (est - 1)
	}
	mean := sum / reps
	rmse := math.Sqrt(sumSq / reps)
	se := rmse / math.Sqrt(reps)
	if math.Abs(mean-1) > 4*se {
		t.Errorf("mean over scrambles %.5f, exact 1, 4 SE = %.5f", mean, 4*se)
	}
	// Var g = ∏(1 + 1/(3(1+c)²)) − 1 for one uniform point.
	v := 1.0
	for j := 0; j < dim; j++ {
		c := float64(j) / 2
		v *= 1 + 1/(3*(1+c)*(1+c))
	}
	mcRMSE := math.Sqrt((v - 1) / n)
	if rmse > mcRMSE/4 {
		t.Errorf("scrambled Sobol RMSE %.5f is not 4 times below Monte Carlo's %.5f", rmse, mcRMSE)
	}
	// Each coordinate is uniform: no corner value and all in [0,1).
	pts, _ := Sobol(64, dim, true, rng)
	for i, p := range pts {
		for j, u := range p {
			if !(u >= 0 && u < 1) {
				t.Fatalf("point %d dim %d = %v outside [0,1)", i, j, u)
			}
		}
	}
}

func TestSobolErrors(t *testing.T) {
	if _, err := Sobol(8, MaxSobolDim+1, false, nil); err == nil || !strings.Contains(err.Error(), "337") {
		t.Errorf("dimension %d: err = %v, want one naming the maximum 337", MaxSobolDim+1, err)
	}
	if _, err := Sobol(8, 0, false, nil); err == nil {
		t.Error("dimension 0 accepted")
	}
	if _, err := Sobol(-1, 2, false, nil); err == nil || !strings.HasPrefix(err.Error(), "samples:") {
		t.Errorf("n = -1: err = %v, want one naming samples", err)
	}
	if _, err := Sobol(8, 2, true, nil); err == nil {
		t.Error("scrambling without a random stream accepted")
	}
}
