package sample

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/model"
)

func TestLatinHypercubeStrata(t *testing.T) {
	for _, n := range []int{1, 2, 7, 100, 1000} {
		rng := rand.New(rand.NewPCG(uint64(n), 9))
		const dim = 5
		pts, err := LatinHypercube(n, dim, rng)
		if err != nil {
			t.Fatal(err)
		}
		if len(pts) != n {
			t.Fatalf("n=%d: %d points", n, len(pts))
		}
		for j := 0; j < dim; j++ {
			seen := make([]int, n)
			for _, x := range pts {
				k := int(math.Floor(x[j] * float64(n)))
				// Check the stratum with exact comparisons, not only the
				// rounded product.
				if k < 0 || k >= n || x[j] < float64(k)/float64(n) || x[j] >= float64(k+1)/float64(n) {
					t.Fatalf("n=%d dim %d: %v is in no stratum", n, j, x[j])
				}
				seen[k]++
			}
			for k, c := range seen {
				if c != 1 {
					t.Fatalf("n=%d dim %d: stratum %d holds %d points", n, j, k, c)
				}
			}
		}
	}
}

// The strata of different dimensions are paired at random: over many designs
// a point's stratum in dimension 2 does not depend on its stratum in
// dimension 1. With n = 4 the 16 stratum pairs are equally likely.
func TestLatinHypercubeIndependentDimensions(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 11))
	const n, reps = 4, 4000
	var count [n][n]int
	for r := 0; r < reps; r++ {
		pts, _ := LatinHypercube(n, 2, rng)
		for _, x := range pts {
			count[int(x[0]*n)][int(x[1]*n)]++
		}
	}
	// Each cell: binomial(reps·n, 1/16) marginally; 4 SE.
	total := float64(reps * n)
	p := 1.0 / 16
	for a := range count {
		for b, c := range count[a] {
			if d := math.Abs(float64(c) - total*p); d > 4*math.Sqrt(total*p*(1-p)) {
				t.Errorf("stratum pair (%d,%d): %d points, expected %.0f", a, b, c, total*p)
			}
		}
	}
}

func TestRandomUniform(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 13))
	const n, dim = 20000, 3
	pts, err := Random(n, dim, rng)
	if err != nil {
		t.Fatal(err)
	}
	for j := 0; j < dim; j++ {
		var sum float64
		for _, x := range pts {
			if !(x[j] >= 0 && x[j] < 1) {
				t.Fatalf("%v outside [0,1)", x[j])
			}
			sum += x[j]
		}
		// Mean of n uniforms: SE = 1/√(12n).
		if m := sum / n; math.Abs(m-0.5) > 4/math.Sqrt(12*n) {
			t.Errorf("dim %d mean %.4f, want 0.5 within 4 SE", j, m)
		}
	}
}

func bytesOf(pts [][]float64) []byte {
	var b bytes.Buffer
	for _, x := range pts {
		for _, v := range x {
			_ = binary.Write(&b, binary.LittleEndian, math.Float64bits(v))
		}
	}
	return b.Bytes()
}

func TestDeterminism(t *testing.T) {
	for _, method := range Methods {
		gen := func(seed uint64) []byte {
			pts, err := Generate(method, 100, 6, rand.New(rand.NewPCG(seed, 99)))
			if err != nil {
				t.Fatal(err)
			}
			return bytesOf(pts)
		}
		a, b, c := gen(1), gen(1), gen(2)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: same seed, different bytes", method)
		}
		if bytes.Equal(a, c) {
			t.Errorf("%s: different seeds, same bytes", method)
		}
	}
}

func TestGenerateUnknownMethod(t *testing.T) {
	_, err := Generate("sobel", 10, 2, rand.New(rand.NewPCG(1, 1)))
	if err == nil || !model.IsBadInput(err) {
		t.Fatalf("err = %v, want bad input", err)
	}
	for _, want := range []string{"sampling", `"sobel"`, "random, lhs, sobol", `did you mean "sobol"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
	if _, err := Random(3, 2, nil); err == nil {
		t.Error("Random without rng accepted")
	}
	if _, err := LatinHypercube(-1, 2, rand.New(rand.NewPCG(1, 1))); err == nil || !strings.HasPrefix(err.Error(), "samples:") {
		t.Errorf("LatinHypercube(-1): err = %v", err)
	}
}

func TestTransform(t *testing.T) {
	u := dist.Uniform(-2, 6)
	normal, err := dist.New("normal", map[string]any{"mean": 1.0, "sd": 2.0})
	if err != nil {
		t.Fatal(err)
	}
	pts := [][]float64{{0, 0.5}, {0.25, 0}, {1, 1}}
	out, err := Transform(pts, []dist.Dist{u, normal})
	if err != nil {
		t.Fatal(err)
	}
	// Uniform: −2 + 8u (u = 0 is moved in by 2⁻⁵³ first). Normal: median 1.
	if math.Abs(out[0][0]-(-2)) > 1e-14 || out[1][0] != 0 || out[2][0] != 6-8*Edge {
		t.Errorf("uniform column %v %v %v", out[0][0], out[1][0], out[2][0])
	}
	if math.Abs(out[0][1]-1) > 1e-12 {
		t.Errorf("normal median %v, want 1", out[0][1])
	}
	// The corners stay finite: Φ⁻¹(2⁻⁵³) ≈ −8.2.
	if lo, hi := out[1][1], out[2][1]; math.IsInf(lo, 0) || math.IsInf(hi, 0) || lo > 1-2*8 || hi < 1+2*8 {
		t.Errorf("normal corners %v, %v: want finite far tails", lo, hi)
	}
	if pts[0][0] != 0 {
		t.Error("Transform modified its input")
	}
	if _, err := Transform([][]float64{{0.5}}, []dist.Dist{u, u}); err == nil {
		t.Error("coordinate count mismatch accepted")
	}
	if _, err := Transform([][]float64{{1.5}}, []dist.Dist{u}); err == nil {
		t.Error("coordinate 1.5 accepted")
	}
	if _, err := Transform([][]float64{{0.5}}, []dist.Dist{{}}); err == nil {
		t.Error("zero Dist accepted")
	}
}
