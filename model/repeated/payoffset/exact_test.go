package payoffset

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// Games used across the tests.
var (
	// The game of QuantEcon.py's test of its repeated-game solver: at δ = 0.9
	// the payoff set is (3,3), (9.75,3), (9,9), (3,9.75).
	quantEconPD = [][][2]float64{{{9, 9}, {1, 10}}, {{10, 1}, {3, 3}}}
	// The prisoner's dilemma with Axelrod's payoffs T,R,P,S = 5,3,1,0;
	// action 0 = cooperate, 1 = defect.
	axelrodPD = [][][2]float64{{{3, 3}, {0, 5}}, {{5, 0}, {1, 1}}}
	// Matching pennies: no pure stage equilibrium, zero-sum, pure minmax 1
	// for each player, so no pure-strategy SPE at any δ (payoffs ≥ 1 each
	// cannot sum to 0).
	matchingPennies = [][][2]float64{{{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}}}
	// A common-interest coordination game: stage equilibria (2,2) and (1,1),
	// pure minmax 1, every payoff on the diagonal.
	coordination = [][][2]float64{{{2, 2}, {0, 0}}, {{0, 0}, {1, 1}}}
	// Chicken: stand firm (1) or back down (0); stage equilibria (4,1), (1,4).
	chicken = [][][2]float64{{{3, 3}, {1, 4}}, {{4, 1}, {0, 0}}}
	// A game whose best responses cycle (T,L)→(T,R)→(B,R)→(B,L)→(T,L), so
	// it has no pure stage equilibrium, yet pure minmax payoffs (1 for row,
	// 2 for column) below the cooperative (3,3).
	cyclic = [][][2]float64{{{3, 3}, {0, 4}}, {{0, 2}, {1, 1}}}
)

func game(t testing.TB, p [][][2]float64) *Game {
	t.Helper()
	g, err := NewGame(p)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func solveExact(t testing.TB, p [][][2]float64, delta float64) *Set {
	t.Helper()
	s, err := Exact(game(t, p), delta, Options{})
	if err != nil {
		t.Fatalf("Exact at δ=%g: %v", delta, err)
	}
	if !s.Converged || s.Iterations < 1 {
		t.Fatalf("certificate: %+v", s)
	}
	return s
}

// sameVertices compares vertex lists in order.
func sameVertices(got, want [][2]float64, tol float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if dist(got[i], want[i]) > tol {
			return false
		}
	}
	return true
}

func TestQuantEconPD(t *testing.T) {
	s := solveExact(t, quantEconPD, 0.9)
	want := [][2]float64{{3, 3}, {9.75, 3}, {9, 9}, {3, 9.75}}
	if !sameVertices(s.Vertices, want, 1e-7) {
		t.Errorf("vertices %v, want %v", s.Vertices, want)
	}
	// Area of the quadrilateral from the two triangles split by (3,3)–(9,9).
	tri := func(a, b, c [2]float64) float64 { return math.Abs(cross(a, b, c)) / 2 }
	if got, want := s.Area(), tri(want[0], want[1], want[2])+tri(want[0], want[2], want[3]); math.Abs(got-want) > 1e-6 {
		t.Errorf("area %g, want %g", got, want)
	}
	if s.Residual > 1e-8 || s.Change > 9e-9*0.1 {
		t.Errorf("certificate: residual %g, change %g", s.Residual, s.Change)
	}
}

// axelrodRegime is the known answer for the Axelrod PD from the project's
// model specification: the stage equilibrium (1,1) alone below δ = 1/4, the
// triangle (1,1), (4,1), (1,4) below 1/2, then the quadrilateral
// (1,1), (13/3,1), (3,3), (1,13/3). Tested against the exact iteration,
// Verify at the thresholds and the inner approximation.
func axelrodRegime(delta float64) [][2]float64 {
	switch {
	case delta < 0.25:
		return [][2]float64{{1, 1}}
	case delta < 0.5:
		return [][2]float64{{1, 1}, {4, 1}, {1, 4}}
	}
	return [][2]float64{{1, 1}, {13.0 / 3, 1}, {3, 3}, {1, 13.0 / 3}}
}

func TestAxelrodRegimes(t *testing.T) {
	// Both sides of each threshold, the thresholds themselves, and the
	// interiors of the regimes.
	for _, d := range []float64{0.01, 0.1, 0.2, 0.2499, 0.25, 0.2501, 0.3, 0.4, 0.4999, 0.5, 0.5001, 0.7, 0.9, 0.97} {
		s := solveExact(t, axelrodPD, d)
		want := axelrodRegime(d)
		if !sameVertices(s.Vertices, want, 1e-7) {
			t.Errorf("δ=%g: vertices %v, want %v", d, s.Vertices, want)
		}
	}
}

// The thresholds checked without the iteration: a hand-written polygon is
// self-generating exactly from its threshold on. Verify rejects the triangle
// just below δ = 1/4 and the quadrilateral just below δ = 1/2, and accepts
// them at the thresholds.
func TestVerifyAtThresholds(t *testing.T) {
	g := game(t, axelrodPD)
	cases := []struct {
		delta float64
		poly  [][2]float64
		ok    bool
	}{
		{0.25, axelrodRegime(0.25), true},
		{0.2499, axelrodRegime(0.25), false},
		{0.5, axelrodRegime(0.5), true},
		{0.4999, axelrodRegime(0.5), false},
		{0.1, axelrodRegime(0.1), true}, // the stage equilibrium forever
		{0.9, axelrodRegime(0.9), true},
		// co g(A) contains payoffs below the minmax: never an equilibrium set.
		{0.9, [][2]float64{{1, 1}, {5, 0}, {3, 3}, {0, 5}}, false},
	}
	for _, c := range cases {
		res, err := Verify(g, c.delta, c.poly, 1e-9)
		if c.ok && err != nil {
			t.Errorf("δ=%g %v: %v", c.delta, c.poly, err)
		}
		if !c.ok {
			var ve *VerificationError
			if !errors.As(err, &ve) {
				t.Errorf("δ=%g %v: want a VerificationError, got %v (residual %g)", c.delta, c.poly, err, res)
			} else if res < 1e-4 {
				t.Errorf("δ=%g: residual %g is too small to be a clear failure", c.delta, res)
			}
		}
	}
}

// A solver whose last iterate was not self-generating must fail loudly.
func TestFinishRejectsNonEquilibrium(t *testing.T) {
	g := game(t, axelrodPD)
	s, err := Options{}.settings(g, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	w0 := hull(nil, append([]pt(nil), g.payoff...), s.eps) // co g(A)
	_, err = finish(g, 0.9, s, iterResult{method: "exact", poly: w0, iterations: 1})
	var ve *VerificationError
	if !errors.As(err, &ve) {
		t.Fatalf("finish on co g(A): want a VerificationError, got %v", err)
	}
	t.Log(err)
}

func TestSegmentAndPoint(t *testing.T) {
	// The coordination game's set is the segment between its stage
	// equilibria at every δ: below (1,1) is under the pure minmax, and no
	// payoff above (2,2) is feasible.
	for _, d := range []float64{0.2, 0.6, 0.95} {
		s := solveExact(t, coordination, d)
		if want := [][2]float64{{1, 1}, {2, 2}}; !sameVertices(s.Vertices, want, 1e-7) {
			t.Errorf("coordination δ=%g: %v, want the segment %v", d, s.Vertices, want)
		}
		if s.Area() != 0 {
			t.Errorf("segment area %g", s.Area())
		}
	}
	// Chicken at small δ: the segment between its two stage equilibria.
	for _, d := range []float64{0.1, 0.25} {
		s := solveExact(t, chicken, d)
		if want := [][2]float64{{4, 1}, {1, 4}}; !sameVertices(s.Vertices, want, 1e-7) {
			t.Errorf("chicken δ=%g: %v, want the segment %v", d, s.Vertices, want)
		}
	}
	// Collinear payoffs: every profile lies on y = x − 4, so the feasible set
	// is the segment (5,1)–(9,5); above the pure minmax (6,3) that leaves
	// (7,3)–(9,5), which the iteration reaches at δ = 0.95. (Regression: a
	// hull that dropped the tip of a needle-thin polygon on a rounding sign
	// made this iteration wander instead of converging.)
	collinear := [][][2]float64{{{6, 2}, {7, 3}}, {{5, 1}, {9, 5}}}
	s := solveExact(t, collinear, 0.95)
	if want := [][2]float64{{7, 3}, {9, 5}}; !sameVertices(s.Vertices, want, 1e-7) {
		t.Errorf("collinear game: %v, want the segment %v", s.Vertices, want)
	}
	// A one-action game, and a game whose only equilibrium is in dominant
	// strategies at a δ too small to reward anything else.
	s = solveExact(t, [][][2]float64{{{2, -1}}}, 0.5)
	if !sameVertices(s.Vertices, [][2]float64{{2, -1}}, 1e-12) {
		t.Errorf("one-action game: %v", s.Vertices)
	}
	dominant := [][][2]float64{{{4, 4}, {0, 6}, {1, 1}}, {{6, 0}, {2, 2}, {3, 1}}, {{1, 1}, {1, 3}, {0, 0}}}
	s = solveExact(t, dominant, 0.05)
	if !sameVertices(s.Vertices, [][2]float64{{2, 2}}, 1e-7) {
		t.Errorf("dominant-strategy game at δ=0.05: %v, want the point (2,2)", s.Vertices)
	}
}

// Chicken (C = back down, D = stand firm; (3,3), (1,4), (4,1), (0,0)) has
// pure minmax 1 for each player, reached by the stage equilibrium worst for
// the deviator. Mutual restraint (C,C) forever, with a deviation punished by
// that equilibrium forever, is an equilibrium iff 3 ≥ (1−δ)·4 + δ·1, that is
// δ ≥ 1/3; then the whole feasible set above the minmax is sustainable.
// Below 1/3 nothing beyond randomising between the two stage equilibria is.
// (Derived by hand for this test.)
func TestChickenThreshold(t *testing.T) {
	segment := [][2]float64{{4, 1}, {1, 4}}
	full := [][2]float64{{1, 1}, {4, 1}, {3, 3}, {1, 4}}
	for _, c := range []struct {
		delta float64
		want  [][2]float64
	}{{0.2, segment}, {0.3333, segment}, {1.0 / 3, full}, {0.3334, full}, {0.8, full}} {
		s := solveExact(t, chicken, c.delta)
		if !sameVertices(s.Vertices, c.want, 1e-7) {
			t.Errorf("chicken δ=%g: %v, want %v", c.delta, s.Vertices, c.want)
		}
	}
}

func TestNoPureEquilibrium(t *testing.T) {
	for _, d := range []float64{0.1, 0.5, 0.9, 0.99} {
		_, err := Exact(game(t, matchingPennies), d, Options{})
		var ne *NoEquilibriumError
		if !errors.Is(err, ErrNoEquilibrium) || !errors.As(err, &ne) || ne.Discount != d {
			t.Errorf("matching pennies δ=%g: want NoEquilibriumError, got %v", d, err)
		}
	}
	// The cyclic game has no pure stage equilibrium: no SPE when δ is
	// small, and at δ = 0.5 and 0.9 the whole feasible set above the pure
	// minmax (1, 2), worked out by hand: the hull of (3,3), (0,4), (0,2),
	// (1,1) cut by x ≥ 1, y ≥ 2.
	if _, err := Exact(game(t, cyclic), 0.3, Options{}); !errors.Is(err, ErrNoEquilibrium) {
		t.Errorf("cyclic game at δ=0.3: want ErrNoEquilibrium, got %v", err)
	}
	for _, d := range []float64{0.5, 0.9} {
		s := solveExact(t, cyclic, d)
		want := [][2]float64{{1, 2}, {2, 2}, {3, 3}, {1, 11.0 / 3}}
		if !sameVertices(s.Vertices, want, 1e-7) {
			t.Errorf("cyclic game δ=%g: %v, want %v", d, s.Vertices, want)
		}
	}
}

// randomGame draws an m×n game with integer payoffs in [0, 9].
func randomGame(rng *rand.Rand, m, n int) [][][2]float64 {
	p := make([][][2]float64, m)
	for i := range p {
		p[i] = make([][2]float64, n)
		for j := range p[i] {
			p[i][j] = [2]float64{float64(rng.IntN(10)), float64(rng.IntN(10))}
		}
	}
	return p
}

// pureMinmax is each player's pure-strategy minmax: the other player picks
// the action that minimises the player's best-response payoff.
func pureMinmax(p [][][2]float64) [2]float64 {
	m := [2]float64{math.Inf(1), math.Inf(1)}
	for j := range p[0] { // column fixes j, row best-responds
		best := math.Inf(-1)
		for i := range p {
			best = math.Max(best, p[i][j][0])
		}
		m[0] = math.Min(m[0], best)
	}
	for i := range p { // row fixes i, column best-responds
		best := math.Inf(-1)
		for j := range p[i] {
			best = math.Max(best, p[i][j][1])
		}
		m[1] = math.Min(m[1], best)
	}
	return m
}

// pureNash lists the payoffs of the pure stage equilibria, by brute force.
func pureNash(p [][][2]float64) [][2]float64 {
	var out [][2]float64
	for i := range p {
		for j := range p[i] {
			ok := true
			for k := range p {
				ok = ok && p[k][j][0] <= p[i][j][0]
			}
			for k := range p[i] {
				ok = ok && p[i][k][1] <= p[i][j][1]
			}
			if ok {
				out = append(out, p[i][j])
			}
		}
	}
	return out
}

// Properties every answer must have, on random games, each checked by an
// independent computation: the set lies in the feasible set above the pure
// minmax (every SPE payoff does), holds every pure stage equilibrium payoff
// (playing it forever is an SPE), exists whenever a pure stage equilibrium
// does, and grows with δ (APS 1990, Theorem 6, for convex sets).
func TestRandomGames(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	deltas := []float64{0.2, 0.45, 0.7, 0.9}
	for trial := range 400 {
		m, n := 1+rng.IntN(4), 1+rng.IntN(4)
		p := randomGame(rng, m, n)
		g := game(t, p)
		var feas []pt
		for _, row := range p {
			feas = append(feas, row...)
		}
		feasible := hull(nil, feas, 1e-12)
		mm := pureMinmax(p)
		ne := pureNash(p)
		var prev *Set
		for _, d := range deltas {
			s, err := Exact(g, d, Options{})
			if errors.Is(err, ErrNoEquilibrium) {
				if len(ne) > 0 {
					t.Fatalf("game %d %v δ=%g: no equilibrium reported, but %v are stage equilibrium payoffs", trial, p, d, ne)
				}
				if prev != nil {
					t.Fatalf("game %d δ=%g: set vanished as δ grew", trial, d)
				}
				continue
			}
			if err != nil {
				t.Fatalf("game %d %v δ=%g: %v", trial, p, d, err)
			}
			for _, v := range s.Vertices {
				if distTo(v, feasible) > 1e-8 || v[0] < mm[0]-1e-8 || v[1] < mm[1]-1e-8 {
					t.Errorf("game %d %v δ=%g: vertex %v outside the feasible set above the minmax %v", trial, p, d, v, mm)
				}
			}
			for _, e := range ne {
				if !s.Contains(e, 1e-7) {
					t.Errorf("game %d %v δ=%g: stage equilibrium payoff %v not in the set %v", trial, p, d, e, s.Vertices)
				}
			}
			if prev != nil {
				for _, v := range prev.Vertices {
					if !s.Contains(v, 1e-7) {
						t.Errorf("game %d %v: vertex %v of the set at the smaller δ is missing at δ=%g: %v", trial, p, v, d, s.Vertices)
					}
				}
			}
			prev = s
		}
	}
}

// The payoff set's area grows with δ through the Axelrod regimes.
func TestAxelrodAreaAgainstDelta(t *testing.T) {
	prev := -1.0
	for k := 1; k <= 19; k++ {
		d := float64(k) / 20
		a := solveExact(t, axelrodPD, d).Area()
		want := Area(axelrodRegime(d))
		if math.Abs(a-want) > 1e-6 || a < prev-1e-6 {
			t.Errorf("δ=%.2f: area %g, want %g (previous %g)", d, a, want, prev)
		}
		prev = a
	}
}

func TestOptionsErrors(t *testing.T) {
	g := game(t, axelrodPD)
	for _, c := range []struct {
		delta float64
		opt   Options
		key   string
	}{
		{0, Options{}, "discount"},
		{1, Options{}, "discount"},
		{math.NaN(), Options{}, "discount"},
		{0.5, Options{Tolerance: 1}, "tolerance"},
		{0.5, Options{Tolerance: 1e-15}, "tolerance"},
	} {
		_, err := Exact(g, c.delta, c.opt)
		if err == nil || !containsKey(err, c.key) {
			t.Errorf("δ=%v %+v: want an error naming %q, got %v", c.delta, c.opt, c.key, err)
		}
	}
	// A cap too small to converge is reported, not a half-converged answer.
	_, err := Exact(g, 0.9, Options{MaxIterations: 3})
	var nc *NotConvergedError
	if !errors.As(err, &nc) || nc.Iterations != 3 {
		t.Errorf("MaxIterations 3: want NotConvergedError, got %v", err)
	}
}

func containsKey(err error, key string) bool {
	return err != nil && len(err.Error()) >= len(key) && err.Error()[:len(key)] == key
}

func TestNewGameErrors(t *testing.T) {
	for _, c := range []struct {
		p   [][][2]float64
		key string
	}{
		{nil, "payoffs"},
		{[][][2]float64{{}}, "payoffs"},
		{[][][2]float64{{{1, 1}, {2, 2}}, {{1, 1}}}, "payoffs.1"},
		{[][][2]float64{{{1, math.Inf(1)}}}, "payoffs.0.0.1"},
	} {
		_, err := NewGame(c.p)
		if !containsKey(err, c.key) {
			t.Errorf("NewGame(%v): want an error naming %q, got %v", c.p, c.key, err)
		}
	}
}

func TestPayoffAccessor(t *testing.T) {
	g := game(t, quantEconPD)
	r, c := g.Dims()
	for i := range r {
		for j := range c {
			if got := g.Payoff(i, j); dist(got, quantEconPD[i][j]) > 1e-14 {
				t.Errorf("Payoff(%d,%d) = %v, want %v", i, j, got, quantEconPD[i][j])
			}
		}
	}
}

// Once its buffers have grown, a step of the exact iteration allocates
// nothing.
func TestExactStepAllocs(t *testing.T) {
	g := game(t, quantEconPD)
	s, err := Options{}.settings(g, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	e := newExact(g, 0.9, s)
	for range 5 {
		e.step()
		e.cur, e.nxt = e.nxt, e.cur
	}
	allocs := testing.AllocsPerRun(20, func() {
		e.step()
		_ = Hausdorff(e.cur, e.nxt)
		e.cur, e.nxt = e.nxt, e.cur
	})
	if allocs != 0 {
		t.Errorf("%g allocations per step", allocs)
	}
}
