package discover

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// A hand-checked trajectory: x = 1…10, cases of interest at x = 1, 2, 3, 5;
// α = 0.2 (a peel removes ⌈0.2·n⌉ cases), mass_min = 0.2. By hand:
//
//	step 0: all 10 cases, 4 of interest
//	peel 1: lower {1,2} leaves 2/8, upper {9,10} leaves 4/8 → upper
//	peel 2: lower {1,2} leaves 2/6, upper {7,8} leaves 4/6 → upper
//	peel 3: lower {1,2} leaves 2/4, upper {5,6} leaves 3/4 → upper
//	peel 4: k = ⌈0.8⌉ = 1: lower {1} leaves 2/3, upper {4} leaves 3/3 → upper
//
// The box is pure, so peeling stops; pasting {4} back would lower the
// density. With mass_min = 0.35 peeling stops at step 3 and a paste follows. The default choice (coverage ≥ 0.8, densest) is step 2, x ≤ 6.5
// (halfway between 6 and 7), whose quasi-p-value is P(Bin(6, 0.4) ≥ 4) =
// 15·0.4⁴·0.6² + 6·0.4⁵·0.6 + 0.4⁶ = 0.1792.
func TestTrajectoryByHand(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	interest := []bool{true, true, true, false, true, false, false, false, false, false}
	rep, err := Find([]string{"x"}, [][]float64{x}, interest, Params{PeelAlpha: 0.2, MassMin: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		phase              Phase
		cases, interest    int
		coverage, density  float64
		mass               float64
		restricted         int
		upper              float64
		upperIsRestriction bool
	}{
		{Start, 10, 4, 1, 0.4, 1, 0, 10, false},
		{Peel, 8, 4, 1, 0.5, 0.8, 1, 8.5, true},
		{Peel, 6, 4, 1, 4.0 / 6, 0.6, 1, 6.5, true},
		{Peel, 4, 3, 0.75, 0.75, 0.4, 1, 4.5, true},
		{Peel, 3, 3, 0.75, 1, 0.3, 1, 3.5, true},
	}
	box := rep.Boxes[0]
	if len(box.Trajectory) != len(want) {
		t.Fatalf("trajectory has %d steps, want %d: %+v", len(box.Trajectory), len(want), box.Trajectory)
	}
	for k, w := range want {
		st := box.Trajectory[k]
		if st.Phase != w.phase || st.Cases != w.cases || st.Interest != w.interest || st.Restricted != w.restricted ||
			!near(st.Coverage, w.coverage) || !near(st.Density, w.density) || !near(st.Mass, w.mass) {
			t.Errorf("step %d: %+v, want %+v", k, st, w)
		}
		if w.upperIsRestriction {
			if len(st.Limits) != 1 || st.Limits[0].Upper != w.upper || !st.Limits[0].UpperRestricted || st.Limits[0].LowerRestricted || st.Limits[0].Lower != 1 {
				t.Errorf("step %d limits %+v, want x ≤ %v", k, st.Limits, w.upper)
			}
		} else if len(st.Limits) != 0 {
			t.Errorf("step %d: limits %+v on the whole space", k, st.Limits)
		}
	}
	if box.Chosen != 2 || len(box.Limits) != 1 || box.Limits[0].Upper != 6.5 {
		t.Fatalf("chosen step %d, limits %+v; want step 2, x ≤ 6.5", box.Chosen, box.Limits)
	}
	if qp := *box.Limits[0].QP; math.Abs(qp-0.1792) > 1e-12 {
		t.Errorf("quasi-p %v, want 0.1792", qp)
	}
	// --box 4 chooses the pure box.
	rep, err = Find([]string{"x"}, [][]float64{x}, interest, Params{PeelAlpha: 0.2, MassMin: 0.2, Choose: []int{4}})
	if err != nil || rep.Boxes[0].Chosen != 4 || rep.Boxes[0].Density != 1 || rep.Boxes[0].Limits[0].Upper != 3.5 {
		t.Fatalf("--box 4: %+v %v", rep.Boxes[0].Step, err)
	}
	// A mass floor of 0.35 stops peeling at step 3 (both peels would leave
	// 3 cases < 3.5); pasting then adds x = 5 back (k = ⌈0.2·4⌉ = 1):
	// 4 of 5 cases, density 0.8 > 0.75; adding x = 6 next would give 4/6.
	rep, _ = Find([]string{"x"}, [][]float64{x}, interest, Params{PeelAlpha: 0.2, MassMin: 0.35})
	tr := rep.Boxes[0].Trajectory
	if len(tr) != 5 || tr[4].Phase != Paste || tr[4].Cases != 5 || tr[4].Interest != 4 || tr[4].Limits[0].Upper != 5.5 {
		t.Errorf("mass_min 0.35: trajectory %+v, want a paste to x ≤ 5.5 last", tr)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

// P(X ≥ k) against sums of binomial terms computed with exact integer
// coefficients.
func TestBinomialUpper(t *testing.T) {
	for _, c := range []struct {
		k, n int
		p    float64
	}{{4, 6, 0.4}, {0, 5, 0.3}, {5, 5, 0.3}, {1, 10, 0.05}, {8, 10, 0.5}, {30, 100, 0.2}, {6, 5, 0.5}} {
		want := 0.0
		for i := c.k; i <= c.n; i++ {
			want += binom(c.n, i) * math.Pow(c.p, float64(i)) * math.Pow(1-c.p, float64(c.n-i))
		}
		if got := BinomialUpper(c.k, c.n, c.p); math.Abs(got-want) > 1e-12*math.Max(1, want) {
			t.Errorf("P(Bin(%d, %v) ≥ %d) = %v, want %v", c.n, c.p, c.k, got, want)
		}
	}
	if BinomialUpper(3, 10, 0) != 0 || BinomialUpper(3, 10, 1) != 1 {
		t.Error("degenerate p")
	}
}

func binom(n, k int) float64 {
	r := 1.0
	for i := 1; i <= k; i++ {
		r = r * float64(n-k+i) / float64(i)
	}
	return r
}

// uniformCases draws n points in the unit cube of d dimensions.
func uniformCases(n, d int, seed uint64) [][]float64 {
	rng := rand.New(rand.NewPCG(seed, 1))
	x := make([][]float64, d)
	for j := range x {
		x[j] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		for j := range x {
			x[j][i] = rng.Float64()
		}
	}
	return x
}

// A box planted in the unit cube, 0.2 ≤ x0 ≤ 0.6 and x1 ≥ 0.5 (mass 0.2),
// among 20 000 uniform cases, with x2 irrelevant. PRIM peels until the box
// is pure; its last peel on a side can go past the planted limit by at most
// one peel, ⌈α·n_box⌉ cases of the box (n_box ≤ 4 000 at the end, so 40 at
// α = 0.01), whose width is at most α times the box's extent on that
// dimension plus the gaps between cases, about 1/(n · cross-section) = 1e-4
// on x0 and 1.25e-4 on x1; 10 such gaps are allowed. So the limits are
// within 0.01·0.4 + 1e-3 = 0.005 (x0) and 0.01·0.5 + 1.25e-3 (x1), and the
// chosen box's coverage and density, recounted from the data inside its
// limits, are exactly what PRIM reports.
func TestPlantedBox(t *testing.T) {
	const n = 20000
	x := uniformCases(n, 3, 7)
	interest := make([]bool, n)
	for i := range interest {
		interest[i] = x[0][i] >= 0.2 && x[0][i] <= 0.6 && x[1][i] >= 0.5
	}
	rep, err := Find([]string{"x0", "x1", "x2"}, x, interest, Params{PeelAlpha: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	box := rep.Boxes[0]
	lim := map[string]Limit{}
	for _, l := range box.Limits {
		lim[l.Dim] = l
	}
	if len(lim) != 2 || !lim["x0"].LowerRestricted || !lim["x0"].UpperRestricted || !lim["x1"].LowerRestricted || lim["x1"].UpperRestricted {
		t.Fatalf("restrictions %+v, want x0 on both sides and x1 from below", box.Limits)
	}
	for _, c := range []struct {
		got, want, tol float64
	}{{lim["x0"].Lower, 0.2, 0.005}, {lim["x0"].Upper, 0.6, 0.005}, {lim["x1"].Lower, 0.5, 0.00625}} {
		if math.Abs(c.got-c.want) > c.tol {
			t.Errorf("limit %v, planted %v (tolerance %v)", c.got, c.want, c.tol)
		}
	}
	if box.Density != 1 || box.Coverage < 0.95 {
		t.Errorf("density %v, coverage %v", box.Density, box.Coverage)
	}
	checkCounts(t, rep, box, x, interest, nil)
	for _, l := range box.Limits {
		if *l.QP > 1e-100 {
			t.Errorf("%s: quasi-p %g for a planted restriction", l.Dim, *l.QP)
		}
	}
}

// checkCounts recounts a box's cases from its limits.
func checkCounts(t *testing.T, rep *Report, box BoxInfo, x [][]float64, interest []bool, skip []bool) {
	t.Helper()
	col := map[string]int{}
	for j, d := range rep.Dims {
		col[d.Dim] = j
	}
	cases, coi, all := 0, 0, 0
	for i := range interest {
		if interest[i] {
			all++
		}
		if skip != nil && skip[i] {
			continue
		}
		in := true
		for _, l := range box.Limits {
			v := x[col[l.Dim]][i]
			if v < l.Lower || v > l.Upper {
				in = false
			}
		}
		if in {
			cases++
			if interest[i] {
				coi++
			}
		}
	}
	if cases != box.Cases || coi != box.Interest || box.Coverage != float64(coi)/float64(all) ||
		box.Density != float64(coi)/float64(cases) || box.Mass != float64(cases)/float64(len(interest)) {
		t.Errorf("box %d reports %d cases, %d of interest (coverage %v, density %v, mass %v); its limits hold %d and %d",
			box.Box, box.Cases, box.Interest, box.Coverage, box.Density, box.Mass, cases, coi)
	}
}

// Two planted boxes: covering finds the second after removing the first.
func TestCoveringTwoBoxes(t *testing.T) {
	const n = 20000
	x := uniformCases(n, 2, 11)
	interest := make([]bool, n)
	for i := range interest {
		a := x[0][i] < 0.3 && x[1][i] < 0.3
		b := x[0][i] > 0.6 && x[1][i] > 0.7
		interest[i] = a || b
	}
	rep, err := Find([]string{"x0", "x1"}, x, interest, Params{PeelAlpha: 0.01, MassMin: 0.02, Boxes: 3, MinCoverage: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Boxes) < 2 {
		t.Fatalf("%d boxes", len(rep.Boxes))
	}
	skip := make([]bool, n)
	var found [][4]float64
	for _, b := range rep.Boxes[:2] {
		if b.Density != 1 {
			t.Errorf("box %d density %v", b.Box, b.Density)
		}
		checkCounts(t, rep, b, x, interest, skip)
		bounds := [4]float64{0, 1, 0, 1}
		for _, l := range b.Limits {
			k := 2 * map[string]int{"x0": 0, "x1": 1}[l.Dim]
			if l.LowerRestricted {
				bounds[k] = l.Lower
			}
			if l.UpperRestricted {
				bounds[k+1] = l.Upper
			}
		}
		found = append(found, bounds)
		for i := range skip { // the next box searches what this one left
			if x[0][i] >= bounds[0] && x[0][i] <= bounds[1] && x[1][i] >= bounds[2] && x[1][i] <= bounds[3] {
				skip[i] = true
			}
		}
	}
	slices.SortFunc(found, func(a, b [4]float64) int { return cmp.Compare(a[0], b[0]) })
	want := [][4]float64{{0, 0.3, 0, 0.3}, {0.6, 1, 0.7, 1}}
	for k := range want {
		for e := range 4 {
			if math.Abs(found[k][e]-want[k][e]) > 0.01 {
				t.Errorf("box %v, planted %v", found[k], want[k])
				break
			}
		}
	}
	if c := rep.Boxes[0].Coverage + rep.Boxes[1].Coverage; c < 0.95 {
		t.Errorf("the two boxes cover %v of the cases of interest", c)
	}
}

// A categorical dimension peels by level.
func TestCategoricalDimension(t *testing.T) {
	const n = 6000
	x := uniformCases(n, 1, 3)
	rng := rand.New(rand.NewPCG(5, 5))
	codes := make([]uint16, n)
	d, _ := NewData(n)
	for i := range codes {
		codes[i] = uint16(rng.IntN(3))
		if codes[i] == 1 && x[0][i] < 0.5 {
			d.SetInterest(i)
		}
	}
	if err := d.AddNumeric("x", x[0]); err != nil {
		t.Fatal(err)
	}
	if err := d.AddCategorical("strategy", codes, []string{"grim", "punish", "probabilistic", "unused"}); err != nil {
		t.Fatal(err)
	}
	r, err := Run(d, Params{PeelAlpha: 0.02})
	if err != nil {
		t.Fatal(err)
	}
	rep := r.Describe(func(j, c int) float64 { return x[j][c] })
	if got := rep.Dims[1].Levels; !slices.Equal(got, []string{"grim", "punish", "probabilistic"}) {
		t.Errorf("levels %v: the unused one should be left out", got)
	}
	box := rep.Boxes[0]
	var cat, num *Limit
	for k := range box.Limits {
		if box.Limits[k].Dim == "strategy" {
			cat = &box.Limits[k]
		} else {
			num = &box.Limits[k]
		}
	}
	if cat == nil || !slices.Equal(cat.Levels, []string{"punish"}) || num == nil || math.Abs(num.Upper-0.5) > 0.02 || box.Density != 1 {
		t.Errorf("box %+v limits %+v", box.Step, box.Limits)
	}
}

func TestRunErrors(t *testing.T) {
	x := [][]float64{{1, 2, 3}}
	if _, err := Find([]string{"x"}, x, []bool{false, false, false}, Params{}); err == nil {
		t.Error("no case of interest")
	}
	if _, err := Find([]string{"x"}, x, []bool{true, true, true}, Params{}); err == nil {
		t.Error("every case of interest")
	}
	if _, err := Find([]string{"x"}, [][]float64{{1, math.NaN(), 3}}, []bool{true, false, false}, Params{}); err == nil {
		t.Error("NaN value")
	}
	for _, p := range []Params{{PeelAlpha: 1}, {PasteAlpha: -0.1}, {MassMin: 1.5}, {MinCoverage: 2}, {Boxes: -1}, {Choose: []int{9}}} {
		if _, err := Find([]string{"x"}, x, []bool{true, false, false}, p); err == nil {
			t.Errorf("%+v: no error", p)
		}
	}
}

// argsort orders by value, then index, whatever the distribution: heavy
// ties, a skewed law, a constant, signed zeros, a single case.
func TestArgsort(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	for _, gen := range []func(i int) float64{
		func(int) float64 { return rng.Float64() },
		func(int) float64 { return float64(rng.IntN(3)) },
		func(int) float64 { return math.Exp(20 * rng.Float64()) },
		func(int) float64 { return 7 },
		func(i int) float64 { return []float64{0, math.Copysign(0, -1), -1, 1}[i%4] },
	} {
		for _, n := range []int{1, 2, 100, 20000} {
			x := make([]float64, n)
			for i := range x {
				x[i] = gen(i)
			}
			perm := argsort(x)
			want := make([]uint32, n)
			for i := range want {
				want[i] = uint32(i)
			}
			sortRange(want, x)
			if !slices.Equal(perm, want) {
				t.Fatalf("n = %d: argsort differs from a comparison sort", n)
			}
		}
	}
}
