package sensitivity

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/model/ishigami"
	"github.com/statecraft/statecraft/sweep/sample"
)

func rng(a uint64) *rand.Rand { return rand.New(rand.NewPCG(a, 0x5eed)) }

// ishigamiOutputs evaluates y = Ishigami(a=7, b=0.1) at unit-cube points
// mapped to [−π, π]³.
func ishigamiOutputs(pts [][]float64) []float64 {
	y := make([]float64, len(pts))
	for i, u := range pts {
		x := [3]float64{}
		for j := range x {
			x[j] = -math.Pi + 2*math.Pi*u[j]
		}
		y[i] = ishigami.Y(x[0], x[1], x[2], 7, 0.1)
	}
	return y
}

// The acceptance test: Sobol indices of the Ishigami function from
// Saltelli sampling against their exact values, the tolerance being the
// bootstrap interval. The intervals must also be narrow, so that an estimator
// off by more than a few hundredths fails.
func TestSobolIshigami(t *testing.T) {
	params := []string{"x1", "x2", "x3"}
	d, err := NewSobolDesign(params, 1<<14, true, rng(1))
	if err != nil {
		t.Fatal(err)
	}
	res, err := d.Analyze("y", ishigamiOutputs(d.Points), Bootstrap{Rng: rng(2)})
	if err != nil {
		t.Fatal(err)
	}
	ex := ishigami.Exact(7, 0.1)
	const maxHalfWidth = 0.03
	check := func(name string, est, lo, hi, exact float64) {
		t.Helper()
		t.Logf("%-4s exact %.4f  estimate %.4f  [%.4f, %.4f]", name, exact, est, lo, hi)
		if !(lo <= exact && exact <= hi) {
			t.Errorf("%s: exact %.4f outside the bootstrap interval [%.4f, %.4f] (estimate %.4f)", name, exact, lo, hi, est)
		}
		if !(lo <= est && est <= hi) {
			t.Errorf("%s: estimate %.4f outside its own interval [%.4f, %.4f]", name, est, lo, hi)
		}
		if (hi-lo)/2 > maxHalfWidth {
			t.Errorf("%s: interval [%.4f, %.4f] is wider than ±%g", name, lo, hi, maxHalfWidth)
		}
	}
	if len(res.Indices) != 3 || len(res.SecondOrder) != 3 {
		t.Fatalf("result %+v", res)
	}
	for i, x := range res.Indices {
		if x.Metric != "y" || x.Param != params[i] {
			t.Errorf("row %d is %s/%s", i, x.Metric, x.Param)
		}
		check("S"+x.Param[1:], x.S1, x.S1Lo, x.S1Hi, ex.First[i])
		check("ST"+x.Param[1:], x.ST, x.STLo, x.STHi, ex.Total[i])
	}
	pair := map[string][2]int{"x1:x2": {0, 1}, "x1:x3": {0, 2}, "x2:x3": {1, 2}}
	for _, x := range res.SecondOrder {
		ij := pair[x.ParamI+":"+x.ParamJ]
		check("S"+x.ParamI[1:]+x.ParamJ[1:], x.S2, x.S2Lo, x.S2Hi, ex.Second[ij[0]][ij[1]])
	}
	if res.Confidence != 0.95 || res.Resamples != 1000 {
		t.Errorf("confidence %g, resamples %d", res.Confidence, res.Resamples)
	}
}

// An additive linear model y = Σ c_i x_i has S_i = ST_i = c_i²/Σc² and no
// interactions; with five parameters of different weights it also checks that
// every index lands on its own parameter.
func TestSobolLinear(t *testing.T) {
	c := []float64{1, -2, 0, 3, 0.5}
	params := []string{"a", "b", "c", "d", "e"}
	d, err := NewSobolDesign(params, 1<<12, true, rng(3))
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, d.Len())
	for i, x := range d.Points {
		for j := range c {
			y[i] += c[j] * x[j]
		}
		y[i] += 1000 // an offset must not matter
	}
	res, err := d.Analyze("out", y, Bootstrap{Resamples: 300, Rng: rng(4)})
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for _, v := range c {
		sum += v * v
	}
	for i, x := range res.Indices {
		want := c[i] * c[i] / sum
		for _, e := range [][3]float64{{x.S1, x.S1Lo, x.S1Hi}, {x.ST, x.STLo, x.STHi}} {
			if math.Abs(e[0]-want) > 0.01 || !(e[1] <= want && want <= e[2]) {
				t.Errorf("%s: estimate %.4f [%.4f, %.4f], exact %.4f", x.Param, e[0], e[1], e[2], want)
			}
		}
	}
	for _, x := range res.SecondOrder {
		if math.Abs(x.S2) > 0.01 || !(x.S2Lo <= 0 && 0 <= x.S2Hi) {
			t.Errorf("S2 %s,%s = %.4f [%.4f, %.4f], exact 0", x.ParamI, x.ParamJ, x.S2, x.S2Lo, x.S2Hi)
		}
	}
}

// The design's rows are what Saltelli's scheme says they are, built from the
// scrambled Sobol sequence the same stream gives.
func TestSobolDesignStructure(t *testing.T) {
	const k, n = 3, 16
	d, err := NewSobolDesign([]string{"p", "q", "r"}, n, true, rng(5))
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != n*(2*k+2) || len(d.Points) != d.Len() {
		t.Fatalf("Len %d, points %d", d.Len(), len(d.Points))
	}
	base, _ := sample.Sobol(n, 2*k, true, rng(5))
	st := d.Stride()
	for j := 0; j < n; j++ {
		a, b := base[j][:k], base[j][k:]
		blk := d.Points[j*st : (j+1)*st]
		for c := 0; c < k; c++ {
			if blk[0][c] != a[c] || blk[st-1][c] != b[c] {
				t.Fatalf("base sample %d: A or B row differs from the Sobol point", j)
			}
			for i := 0; i < k; i++ {
				wantAB, wantBA := a[c], b[c]
				if c == i {
					wantAB, wantBA = b[c], a[c]
				}
				if blk[1+i][c] != wantAB || blk[1+k+i][c] != wantBA {
					t.Fatalf("base sample %d, i=%d, column %d: A_B %v (want %v), B_A %v (want %v)", j, i, c, blk[1+i][c], wantAB, blk[1+k+i][c], wantBA)
				}
			}
		}
	}
	d1, _ := NewSobolDesign([]string{"p", "q", "r"}, n, false, rng(5))
	if d1.Stride() != k+2 || d1.Len() != n*(k+2) {
		t.Errorf("first/total design stride %d len %d", d1.Stride(), d1.Len())
	}
}

// The path the sweep engine takes: unit points → distributions → model
// registry → Analyze. The transformed values must pass the model's range
// check at ±π, and the estimates must agree with the exact values.
func TestSobolThroughModel(t *testing.T) {
	params := []string{"x1", "x2", "x3"}
	d, err := NewSobolDesign(params, 512, false, rng(6))
	if err != nil {
		t.Fatal(err)
	}
	u := dist.Uniform(-math.Pi, math.Pi)
	vals, err := sample.Transform(d.Points, []dist.Dist{u, u, u})
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, len(vals))
	for i, v := range vals {
		inst, err := ishigami.Model{}.Prepare(map[string]any{"x1": v[0], "x2": v[1], "x3": v[2]})
		if err != nil {
			t.Fatalf("point %d: %v", i, err)
		}
		sol, err := inst.Solve()
		if err != nil {
			t.Fatal(err)
		}
		y[i] = sol.Values[0]
	}
	res, err := d.Analyze("y", y, Bootstrap{Rng: rng(7)})
	if err != nil {
		t.Fatal(err)
	}
	ex := ishigami.Exact(7, 0.1)
	for i, x := range res.Indices {
		if !(x.S1Lo <= ex.First[i] && ex.First[i] <= x.S1Hi) || !(x.STLo <= ex.Total[i] && ex.Total[i] <= x.STHi) {
			t.Errorf("%s: S1 %.3f [%.3f, %.3f] (exact %.4f), ST %.3f [%.3f, %.3f] (exact %.4f)",
				x.Param, x.S1, x.S1Lo, x.S1Hi, ex.First[i], x.ST, x.STLo, x.STHi, ex.Total[i])
		}
	}
	if res.SecondOrder != nil {
		t.Error("second-order rows without B_A runs")
	}
}

func TestSobolZeroVariance(t *testing.T) {
	d, _ := NewSobolDesign([]string{"a", "b"}, 64, true, rng(8))
	y := make([]float64, d.Len())
	for i := range y {
		y[i] = 3
	}
	res, err := d.Analyze("flat", y, Bootstrap{Rng: rng(9)})
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(res.Indices[0].S1) || !math.IsNaN(res.Indices[1].STHi) || !math.IsNaN(res.SecondOrder[0].S2) {
		t.Errorf("constant metric: %+v", res)
	}
	js, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"S1":null`) {
		t.Errorf("NaN not written as null: %s", js)
	}
}

func TestSobolErrors(t *testing.T) {
	if _, err := NewSobolDesign(nil, 64, false, rng(1)); err == nil {
		t.Error("no parameters accepted")
	}
	many := make([]string, sample.MaxSobolDim/2+1)
	for i := range many {
		many[i] = "p"
	}
	if _, err := NewSobolDesign(many, 64, false, rng(1)); err == nil || !strings.Contains(err.Error(), "168") {
		t.Errorf("%d parameters: err = %v, want one naming the maximum 168", len(many), err)
	}
	if _, err := NewSobolDesign([]string{"a"}, 1, false, rng(1)); err == nil || !strings.HasPrefix(err.Error(), "samples:") {
		t.Errorf("n=1: err = %v", err)
	}
	if _, err := NewSobolDesign([]string{"a"}, 8, false, nil); err == nil {
		t.Error("nil rng accepted")
	}
	d, _ := NewSobolDesign([]string{"a", "b"}, 8, false, rng(1))
	if _, err := d.Analyze("m", make([]float64, 5), Bootstrap{Rng: rng(1)}); err == nil || !strings.Contains(err.Error(), "32 points") {
		t.Errorf("short y: err = %v", err)
	}
	y := make([]float64, d.Len())
	y[3] = math.NaN()
	if _, err := d.Analyze("m", y, Bootstrap{Rng: rng(1)}); err == nil || !strings.Contains(err.Error(), "m is NaN or infinite at 1 of 32") {
		t.Errorf("NaN y: err = %v", err)
	}
	y[3] = 0
	if _, err := d.Analyze("m", y, Bootstrap{}); err == nil {
		t.Error("bootstrap without rng accepted")
	}
	if _, err := d.Analyze("m", y, Bootstrap{Level: 1.5, Rng: rng(1)}); err == nil {
		t.Error("level 1.5 accepted")
	}
	res, err := d.Analyze("m", y, Bootstrap{Resamples: -1})
	if err != nil || !math.IsNaN(res.Indices[0].S1Lo) || res.Resamples != 0 || res.Confidence != 0 {
		t.Errorf("no bootstrap: %+v, %v", res, err)
	}
}

// morrisExact computes E[EE], E|EE| and sd(EE) of parameter i under the
// random-trajectory design by enumeration, independently of the design code:
// the other parameters are independent and uniform on the p levels, and the
// step joins a uniformly chosen lower level l to l + p/2.
func morrisExact(f func(x []float64) float64, k, i, p int) (mu, muStar, sigma float64) {
	delta := float64(p) / float64(2*(p-1))
	x := make([]float64, k)
	var n, s, sa, ss float64
	var rec func(c int)
	rec = func(c int) {
		if c == k {
			for l := 0; l < p/2; l++ {
				x[i] = float64(l) / float64(p-1)
				f0 := f(x)
				x[i] = float64(l+p/2) / float64(p-1)
				ee := (f(x) - f0) / delta
				n++
				s += ee
				sa += math.Abs(ee)
				ss += ee * ee
			}
			return
		}
		if c == i {
			rec(c + 1)
			return
		}
		for l := 0; l < p; l++ {
			x[c] = float64(l) / float64(p-1)
			rec(c + 1)
		}
	}
	rec(0)
	mu = s / n
	return mu, sa / n, math.Sqrt(ss/n - mu*mu)
}

func ishigamiUnit(u []float64) float64 {
	return ishigami.Y(-math.Pi+2*math.Pi*u[0], -math.Pi+2*math.Pi*u[1], -math.Pi+2*math.Pi*u[2], 7, 0.1)
}

// Morris screening of the Ishigami function: μ* of each parameter agrees with
// its exact value under the design (the exact value lies in the bootstrap
// interval, which is narrow), μ within 4 standard errors, and the ranking is
// the known one: x1 and x2 (μ* ≈ 7.7 and 7.9 at p = 4) above x3 (6.2), with
// the effects of x2 and x3 cancelling in μ.
func TestMorrisIshigami(t *testing.T) {
	params := []string{"x1", "x2", "x3"}
	const r, p = 2000, 4
	d, err := NewMorrisDesign(params, r, p, rng(10))
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, d.Len())
	for i, x := range d.Points {
		y[i] = ishigamiUnit(x)
	}
	res, err := d.Analyze("y", y, Bootstrap{Rng: rng(11)})
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range res.Morris {
		mu, muStar, sigma := morrisExact(ishigamiUnit, 3, i, p)
		t.Logf("%s: μ* %.3f [%.3f, %.3f] exact %.3f; μ %.3f exact %.3f; σ %.3f exact %.3f",
			m.Param, m.MuStar, m.MuStarLo, m.MuStarHi, muStar, m.Mu, mu, m.Sigma, sigma)
		// x2's effects all have the same size, so its interval is a point:
		// allow rounding.
		tol := 1e-12 * muStar
		if !(m.MuStarLo-tol <= muStar && muStar <= m.MuStarHi+tol) || m.MuStarHi-m.MuStarLo > 0.8 {
			t.Errorf("%s: μ* %.3f [%.3f, %.3f], exact %.3f", m.Param, m.MuStar, m.MuStarLo, m.MuStarHi, muStar)
		}
		if math.Abs(m.Mu-mu) > 4*sigma/math.Sqrt(r) {
			t.Errorf("%s: μ %.3f, exact %.3f (4 SE = %.3f)", m.Param, m.Mu, mu, 4*sigma/math.Sqrt(r))
		}
		if math.Abs(m.Sigma-sigma) > 0.1*sigma {
			t.Errorf("%s: σ %.3f, exact %.3f", m.Param, m.Sigma, sigma)
		}
	}
	ms := res.Morris
	if !(ms[0].MuStarLo > ms[2].MuStarHi && ms[1].MuStarLo > ms[2].MuStarHi) {
		t.Errorf("μ* ranking: x1 %.3f, x2 %.3f should both lie clearly above x3 %.3f", ms[0].MuStar, ms[1].MuStar, ms[2].MuStar)
	}
}

func TestMorrisDesignStructure(t *testing.T) {
	const k, r, p = 4, 200, 6
	d, err := NewMorrisDesign([]string{"a", "b", "c", "e"}, r, p, rng(12))
	if err != nil {
		t.Fatal(err)
	}
	if d.Delta != 0.6 || d.Len() != r*(k+1) || len(d.Points) != d.Len() {
		t.Fatalf("Δ = %g, Len %d, points %d", d.Delta, d.Len(), len(d.Points))
	}
	count := make([]int, p)
	for tr := 0; tr < r; tr++ {
		pts := d.Points[tr*(k+1) : (tr+1)*(k+1)]
		movedOnce := make([]int, k)
		for l := 0; l <= k; l++ {
			for _, u := range pts[l] {
				lv := u * (p - 1)
				if lv != math.Round(lv) || lv < 0 || lv > p-1 {
					t.Fatalf("coordinate %v is not on the %d-level grid", u, p)
				}
				count[int(lv)]++
			}
			if l == 0 {
				continue
			}
			changed := 0
			for i := range pts[l] {
				if pts[l][i] != pts[l-1][i] {
					changed++
					movedOnce[i]++
					if math.Abs(math.Abs(pts[l][i]-pts[l-1][i])-d.Delta) > 1e-15 {
						t.Fatalf("trajectory %d step %d moves %v → %v, not ±Δ", tr, l, pts[l-1][i], pts[l][i])
					}
				}
			}
			if changed != 1 {
				t.Fatalf("trajectory %d step %d changes %d coordinates", tr, l, changed)
			}
		}
		for i, c := range movedOnce {
			if c != 1 {
				t.Fatalf("trajectory %d moves parameter %d %d times", tr, i, c)
			}
		}
	}
	// Every level is equally likely: each of the p counts is
	// binomial(r(k+1)k, 1/p); 4 SE.
	total := float64(r * (k + 1) * k)
	for l, c := range count {
		if math.Abs(float64(c)-total/p) > 4*math.Sqrt(total/p*(1-1.0/p)) {
			t.Errorf("level %d appears %d times, expected %.0f", l, c, total/p)
		}
	}
}

func TestMorrisErrors(t *testing.T) {
	cases := []struct {
		r, p int
		want string
	}{
		{1, 4, "trajectories:"},
		{10, 3, "levels:"},
		{10, 0, "levels:"},
	}
	for _, c := range cases {
		if _, err := NewMorrisDesign([]string{"a"}, c.r, c.p, rng(1)); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("r=%d p=%d: err = %v, want %q", c.r, c.p, err, c.want)
		}
	}
	d, _ := NewMorrisDesign([]string{"a"}, 4, 4, rng(1))
	if _, err := d.Analyze("m", []float64{1}, Bootstrap{Rng: rng(1)}); err == nil {
		t.Error("short y accepted")
	}
}

// The same streams give the same bytes: design points and the JSON result.
func TestDeterminism(t *testing.T) {
	run := func() ([]byte, []byte) {
		d, err := NewSobolDesign([]string{"x1", "x2", "x3"}, 256, true, rng(20))
		if err != nil {
			t.Fatal(err)
		}
		res, err := d.Analyze("y", ishigamiOutputs(d.Points), Bootstrap{Resamples: 200, Rng: rng(21)})
		if err != nil {
			t.Fatal(err)
		}
		m, err := NewMorrisDesign([]string{"x1", "x2", "x3"}, 20, 4, rng(22))
		if err != nil {
			t.Fatal(err)
		}
		y := make([]float64, m.Len())
		for i, x := range m.Points {
			y[i] = ishigamiUnit(x)
		}
		mr, err := m.Analyze("y", y, Bootstrap{Resamples: 200, Rng: rng(23)})
		if err != nil {
			t.Fatal(err)
		}
		res.Add(mr)
		js, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		var pts bytes.Buffer
		for _, x := range append(d.Points, m.Points...) {
			for _, v := range x {
				pts.Write(mathBits(v))
			}
		}
		return pts.Bytes(), js
	}
	p1, j1 := run()
	p2, j2 := run()
	if !bytes.Equal(p1, p2) || !bytes.Equal(j1, j2) {
		t.Error("same seeds, different bytes")
	}
}

func mathBits(v float64) []byte {
	b := make([]byte, 8)
	u := math.Float64bits(v)
	for i := range b {
		b[i] = byte(u >> (8 * i))
	}
	return b
}

// The JSON shape the CLI promises: keys and their order, null for NaN.
func TestJSONShape(t *testing.T) {
	nan := math.NaN()
	res := Result{
		Indices:     []Index{{Metric: "y", Param: "x1", S1: 0.25, S1Lo: 0.2, S1Hi: 0.3, ST: 0.5, STLo: nan, STHi: nan}},
		SecondOrder: []SecondIndex{{Metric: "y", ParamI: "x1", ParamJ: "x2", S2: 0.125, S2Lo: 0.1, S2Hi: 0.15}},
		Confidence:  0.95, Resamples: 1000,
	}
	js, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"indices":[{"metric":"y","param":"x1","S1":0.25,"S1_lo":0.2,"S1_hi":0.3,"ST":0.5,"ST_lo":null,"ST_hi":null}],` +
		`"second_order":[{"metric":"y","param_i":"x1","param_j":"x2","S2":0.125,"S2_lo":0.1,"S2_hi":0.15}],` +
		`"confidence":0.95,"resamples":1000}`
	if string(js) != want {
		t.Errorf("JSON\n got %s\nwant %s", js, want)
	}
	mj, _ := json.Marshal(MorrisIndex{Metric: "y", Param: "x1", Mu: 1, MuStar: 2, MuStarLo: 1.5, MuStarHi: 2.5, Sigma: 3})
	if string(mj) != `{"metric":"y","param":"x1","mu":1,"mu_star":2,"mu_star_lo":1.5,"mu_star_hi":2.5,"sigma":3}` {
		t.Errorf("Morris JSON %s", mj)
	}
}

func TestTablesAndBars(t *testing.T) {
	nan := math.NaN()
	res := Result{
		Indices:     []Index{{Metric: "y", Param: "x1", S1: 0.31391, S1Lo: 0.3, S1Hi: 0.33, ST: 0.5576, STLo: 0.54, STHi: 0.57}},
		SecondOrder: []SecondIndex{{Metric: "y", ParamI: "x1", ParamJ: "x3", S2: 0.2437, S2Lo: nan, S2Hi: nan}},
		Morris:      []MorrisIndex{{Metric: "y", Param: "x1", Mu: 7.7, MuStar: 7.7, MuStarLo: 7.3, MuStarHi: 8.1, Sigma: 6.2}},
		Confidence:  0.95,
	}
	var b bytes.Buffer
	if err := res.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	want := `metric  param  S1      S1 95% CI         ST      ST 95% CI
y       x1     0.3139  [0.3000, 0.3300]  0.5576  [0.5400, 0.5700]

metric  params  S2      S2 95% CI
y       x1, x3  0.2437  –

metric  param  mu*     mu* 95% CI        mu      sigma
y       x1     7.7000  [7.3000, 8.1000]  7.7000  6.2000
`
	if b.String() != want {
		t.Errorf("text table\n%s\nwant\n%s", b.String(), want)
	}
	bars := res.Bars()
	if len(bars) != 6 || bars[0].Index != "S1" || bars[1].Index != "ST" || bars[2].Param != "x1:x3" || bars[3].Index != "mu_star" || bars[5].Index != "sigma" {
		t.Errorf("bars %+v", bars)
	}
	b.Reset()
	if err := res.WriteBarsCSV(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if lines[0] != "metric,param,index,value,lo,hi" || lines[1] != "y,x1,S1,0.31391,0.3,0.33" || lines[3] != "y,x1:x3,S2,0.2437,NaN,NaN" || len(lines) != 7 {
		t.Errorf("bars CSV:\n%s", b.String())
	}
}
