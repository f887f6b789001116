package payoffset

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// JYC's bounds bracket the exact set, and the outer gap narrows as the
// directions double (each set of directions contains the previous one, so
// the outer polygon can only shrink). Containment is checked vertex by vertex:
// every exact vertex inside the outer polygon, every inner vertex inside the
// exact polygon, within tol.
func TestJYCBracketsExact(t *testing.T) {
	cases := []struct {
		name  string
		p     [][][2]float64
		delta float64
	}{
		{"QuantEcon PD", quantEconPD, 0.9},
		{"Axelrod PD", axelrodPD, 0.5},
		{"chicken", chicken, 0.6},
		{"cyclic", cyclic, 0.7},
	}
	const tol = 1e-6
	for _, c := range cases {
		g := game(t, c.p)
		ex := solveExact(t, c.p, c.delta)
		prevOuter, prevInner := math.Inf(1), math.Inf(1)
		var gaps []float64
		for _, d := range []int{8, 16, 32, 64} {
			if testing.Short() && d > 16 {
				break
			}
			out, err := Outer(g, c.delta, d, Options{})
			if err != nil {
				t.Fatalf("%s D=%d outer: %v", c.name, d, err)
			}
			in, err := Inner(g, c.delta, d, Options{})
			if err != nil {
				t.Fatalf("%s D=%d inner: %v", c.name, d, err)
			}
			for _, v := range ex.Vertices {
				if !out.Contains(v, tol) {
					t.Errorf("%s D=%d: exact vertex %v outside the outer polygon %v", c.name, d, v, out.Vertices)
				}
			}
			for _, v := range in.Vertices {
				if !ex.Contains(v, tol) {
					t.Errorf("%s D=%d: inner vertex %v outside the exact polygon %v", c.name, d, v, ex.Vertices)
				}
			}
			if out.Residual > 1e-8 {
				t.Errorf("%s D=%d: LP optima differ from the geometric supports by %g", c.name, d, out.Residual)
			}
			go_, gi := Hausdorff(out.Vertices, ex.Vertices), Hausdorff(ex.Vertices, in.Vertices)
			if go_ > prevOuter+tol || gi > prevInner+tol {
				t.Errorf("%s D=%d: gaps outer %g, inner %g grew from %g, %g", c.name, d, go_, gi, prevOuter, prevInner)
			}
			prevOuter, prevInner = go_, gi
			gaps = append(gaps, go_+gi)
		}
		// From D = 8 to 64 the gap at least halves; -short stops at 16.
		factor := 0.5
		if testing.Short() {
			factor = 1
		}
		if n := len(gaps); !(gaps[n-1] < factor*gaps[0]) {
			t.Errorf("%s: gap %v did not shrink by the factor %g from D=8", c.name, gaps, factor)
		}
		t.Logf("%s: outer+inner Hausdorff gap for D = 8, 16, 32, 64: %.3g", c.name, gaps)
	}
}

// The inner bound's vertices hit the exact vertices once the directions fall
// in every vertex's normal cone (D = 8 is enough for the Axelrod PD at
// δ ≥ 1/2, whose corners have normal cones of more than 22.5°).
func TestInnerReachesExact(t *testing.T) {
	g := game(t, axelrodPD)
	in, err := Inner(g, 0.9, 8, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := axelrodRegime(0.9); !sameVertices(in.Vertices, want, 1e-7) {
		t.Errorf("inner D=8: %v, want %v", in.Vertices, want)
	}
}

// One outer LP solved two ways: the dual in standard form (what Outer does)
// and the primal through lp.Convert. Strong duality makes the optima equal;
// an infeasible primal shows up as an unbounded dual. The LPs that Outer
// skipped because their bound could not win must indeed not beat the best
// profile of their direction.
func TestOuterDualMatchesPrimal(t *testing.T) {
	skippedSeen := false
	for _, c := range []struct {
		p     [][][2]float64
		delta float64
	}{{quantEconPD, 0.9}, {axelrodPD, 0.2}, {chicken, 0.6}} {
		g := game(t, c.p)
		s, err := Options{}.settings(g, c.delta)
		if err != nil {
			t.Fatal(err)
		}
		const d = 16
		o := newOuter(g, c.delta, d, s)
		for range 3 { // a few steps in, so the polygon is no longer co g(A)
			if ok, err := o.step(); err != nil || !ok {
				t.Fatal(ok, err)
			}
			o.c, o.cNew = o.cNew, o.c
			o.poly, o.polyNew = o.polyNew, o.poly
		}
		if _, err := o.step(); err != nil {
			t.Fatal(err)
		}
		// Rebuild the primal of each (direction, profile) from scratch.
		gm := mat.NewDense(d+2, 2, nil)
		hv := make([]float64, d+2)
		for l, h := range o.dirs {
			gm.Set(l, 0, h[0])
			gm.Set(l, 1, h[1])
			hv[l] = o.c[l] + s.slack
		}
		gm.Set(d, 0, -1)
		gm.Set(d+1, 1, -1)
		na := len(g.payoff)
		best := make([]float64, d) // best mapped value per direction among solved LPs
		for l, h := range o.dirs {
			best[l] = math.Inf(-1)
			for a := range na {
				if o.status[l*na+a] == solved {
					best[l] = math.Max(best[l], (1-c.delta)*dot(h, g.payoff[a])+c.delta*o.vals[l*na+a])
				}
			}
		}
		feasibleSeen, infeasibleSeen := false, false
		for a := range na {
			hv[d], hv[d+1] = -o.t[a][0], -o.t[a][1]
			for l, h := range o.dirs {
				cn, an, bn := lp.Convert([]float64{-h[0], -h[1]}, gm, hv, nil, nil)
				opt, _, err := lp.Simplex(cn, an, bn, 1e-12, nil)
				st, dual := o.status[l*na+a], o.vals[l*na+a]
				switch {
				case errors.Is(err, lp.ErrInfeasible):
					infeasibleSeen = true
					if st == solved {
						t.Errorf("δ=%g profile %d direction %d: primal infeasible, dual gave %g", c.delta, a, l, dual)
					}
				case err != nil:
					t.Fatalf("primal LP: %v", err)
				case st == solved:
					feasibleSeen = true
					if math.Abs(-opt-dual) > 1e-9 {
						t.Errorf("δ=%g profile %d direction %d: primal %.12g, dual %.12g", c.delta, a, l, -opt, dual)
					}
				case st == skipped:
					skippedSeen = true
					if v := (1-c.delta)*dot(h, g.payoff[a]) + c.delta*(-opt); v > best[l]+1e-9 {
						t.Errorf("δ=%g profile %d direction %d: skipped, but its value %g beats the best %g", c.delta, a, l, v, best[l])
					}
				default:
					t.Errorf("δ=%g profile %d direction %d: primal feasible (%g), dual infeasible", c.delta, a, l, -opt)
				}
			}
		}

		if !feasibleSeen {
			t.Errorf("δ=%g: no feasible LP was compared", c.delta)
		}
		if c.delta == 0.2 && !infeasibleSeen {
			t.Errorf("δ=0.2: expected cooperation to be unenforceable in some LP")
		}
	}
	if !skippedSeen {
		t.Error("no LP was skipped, so the skipping rule went untested")
	}
}

func TestJYCDegenerate(t *testing.T) {
	// A point: the Axelrod PD below δ = 1/4.
	for _, f := range []func(*Game, float64, int, Options) (*Set, error){Outer, Inner} {
		s, err := f(game(t, axelrodPD), 0.2, 8, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if h := Hausdorff(s.Vertices, [][2]float64{{1, 1}}); h > 1e-6 {
			t.Errorf("%s at δ=0.2: %v, want the point (1,1)", s.Method, s.Vertices)
		}
	}
	// A segment whose normals are among the 8 directions: the coordination
	// game's diagonal.
	for _, f := range []func(*Game, float64, int, Options) (*Set, error){Outer, Inner} {
		s, err := f(game(t, coordination), 0.6, 8, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if h := Hausdorff(s.Vertices, [][2]float64{{1, 1}, {2, 2}}); h > 1e-6 {
			t.Errorf("%s: %v, want the segment (1,1)–(2,2)", s.Method, s.Vertices)
		}
	}
	// No pure equilibrium: the outer bound proves it, the inner one cannot.
	_, err := Outer(game(t, matchingPennies), 0.9, 16, Options{})
	if !errors.Is(err, ErrNoEquilibrium) {
		t.Errorf("outer on matching pennies: want ErrNoEquilibrium, got %v", err)
	}
	_, err = Inner(game(t, matchingPennies), 0.9, 16, Options{})
	if !errors.Is(err, ErrInnerEmpty) || errors.Is(err, ErrNoEquilibrium) {
		t.Errorf("inner on matching pennies: want ErrInnerEmpty, got %v", err)
	}
	for _, f := range []func(*Game, float64, int, Options) (*Set, error){Outer, Inner} {
		if _, err := f(game(t, axelrodPD), 0.5, 2, Options{}); !containsKey(err, "directions") {
			t.Errorf("D=2: want an error naming directions, got %v", err)
		}
	}
}

func TestDirections(t *testing.T) {
	for _, d := range []int{3, 8, 64} {
		h := directions(d)
		for l, v := range h {
			if math.Abs(math.Hypot(v[0], v[1])-1) > 1e-15 {
				t.Errorf("D=%d: direction %d has length %g", d, l, math.Hypot(v[0], v[1]))
			}
			want := 2 * math.Pi * float64(l) / float64(d)
			if got := math.Atan2(v[1], v[0]); math.Abs(math.Remainder(got-want, 2*math.Pi)) > 1e-15 {
				t.Errorf("D=%d: direction %d at angle %g, want %g", d, l, got, want)
			}
		}
	}
	if h := directions(8); h[2] != (pt{0, 1}) || h[4] != (pt{-1, 0}) || h[6] != (pt{0, -1}) {
		t.Errorf("axis directions are not exact: %v", h)
	}
}

// The finest tolerance the model accepts, 1e-12, with many directions: the
// LPs used to fail in lp.Simplex ("bland: … ill-conditioned ab") because its
// optimality tolerance went below the 1e-13 at which gonum rounds reduced
// costs to zero. Both bounds now converge and bracket the exact set, without
// needing the vertex-enumeration fallback.
func TestJYCFinestTolerance(t *testing.T) {
	cases := []struct {
		name  string
		p     [][][2]float64
		delta float64
	}{
		{"Axelrod PD", axelrodPD, 0.9},
		{"chicken", chicken, 0.5},
	}
	for _, c := range cases {
		g := game(t, c.p)
		ex, err := Exact(g, c.delta, Options{Tolerance: 1e-12})
		if err != nil {
			t.Fatal(err)
		}
		out, err := Outer(g, c.delta, 128, Options{Tolerance: 1e-12})
		if err != nil {
			t.Fatalf("%s outer: %v", c.name, err)
		}
		in, err := Inner(g, c.delta, 128, Options{Tolerance: 1e-12})
		if err != nil {
			t.Fatalf("%s inner: %v", c.name, err)
		}
		for _, v := range ex.Vertices {
			if !out.Contains(v, 1e-9) {
				t.Errorf("%s: exact vertex %v outside the outer bound", c.name, v)
			}
		}
		for _, v := range in.Vertices {
			if !ex.Contains(v, 1e-9) {
				t.Errorf("%s: inner vertex %v outside the exact set", c.name, v)
			}
		}
		if !out.Converged || !in.Converged || out.Fallbacks != 0 || in.Fallbacks != 0 {
			t.Errorf("%s: converged %v/%v, fallbacks %d/%d", c.name, out.Converged, in.Converged, out.Fallbacks, in.Fallbacks)
		}
	}
}

// When lp.Simplex fails numerically — provoked here by the optimality
// tolerance 1e-14 that tolerance 1e-12 used to give it, below its internal
// rounding — each LP is solved by enumerating the vertices of its feasible
// polygon instead: the sets equal those of the regular run, and the
// fallbacks are counted.
func TestJYCFallback(t *testing.T) {
	g := game(t, chicken)
	const delta, d = 0.5, 128
	opt := Options{Tolerance: 1e-12}
	s, err := opt.settings(g, delta)
	if err != nil {
		t.Fatal(err)
	}
	regular := func(f func() (*Set, error)) *Set {
		set, err := f()
		if err != nil {
			t.Fatal(err)
		}
		return set
	}
	wantOut := regular(func() (*Set, error) { return Outer(g, delta, d, opt) })
	wantIn := regular(func() (*Set, error) { return Inner(g, delta, d, opt) })
	s.lpTol = 1e-14
	ro, err := newOuter(g, delta, d, s).run()
	if err != nil {
		t.Fatalf("outer with fallbacks: %v", err)
	}
	ri, err := newInner(g, delta, d, s).run()
	if err != nil {
		t.Fatalf("inner with fallbacks: %v", err)
	}
	gotOut := regular(func() (*Set, error) { return finish(g, delta, s, ro) })
	gotIn := regular(func() (*Set, error) { return finish(g, delta, s, ri) })
	if gotOut.Fallbacks == 0 && gotIn.Fallbacks == 0 {
		t.Fatalf("no LP fell back: the test no longer exercises the fallback")
	}
	if h := Hausdorff(gotOut.Vertices, wantOut.Vertices); h > 1e-9 {
		t.Errorf("outer with %d fallbacks differs by %g", gotOut.Fallbacks, h)
	}
	if h := Hausdorff(gotIn.Vertices, wantIn.Vertices); h > 1e-9 {
		t.Errorf("inner with %d fallbacks differs by %g", gotIn.Fallbacks, h)
	}
	t.Logf("fallbacks: outer %d, inner %d", gotOut.Fallbacks, gotIn.Fallbacks)
}
