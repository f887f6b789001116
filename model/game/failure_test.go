package game

import (
	"errors"
	"math/big"
	"slices"
	"testing"
)

// The failure modes testdata/README.md records for other tools, each as a
// test of this package.

const vonStengel6x6 = "testdata/games/catalog__journals_dcg_vonstengel1999_6x6_game_with_75_eq.nfg"

// Nashpy's support enumeration found 9 of the 75 equilibria of von
// Stengel's 6×6 game, 3 of 5 on contrib__8x8.nfg and 1 of 9 on the random
// 8×8: the enumeration here finds all of them (the sets themselves are
// compared with Gambit's and lrsnash's in reference_test.go and
// perf_test.go).
func TestFailureSupportEnumerationMisses(t *testing.T) {
	for _, c := range []struct {
		file string
		want int
	}{
		{vonStengel6x6, 75},
		{"testdata/games/contrib__8x8.nfg", 5},
		{"testdata/perf/rand_8x8_seed20260101.nfg", 9},
	} {
		g := mustParseFile(t, c.file)
		for _, float := range []bool{false, true} {
			var es []Equilibrium
			var err error
			if float {
				es, err = EnumerateFloat(g, 0)
			} else {
				es, err = Enumerate(g)
			}
			if err != nil || len(es) != c.want {
				t.Errorf("%s (float %v): %d equilibria, %v; want %d", c.file, float, len(es), err, c.want)
			}
		}
	}
}

// Nashpy's vertex enumeration returned hundreds of non-equilibria on von
// Stengel's game (payoffs up to 1.7·10⁶) and crashed on all-zero payoffs.
// Here every result is verified, and all-zero games have every pure profile
// as an extreme equilibrium (each vertex eᵢ of P has all labels but i).
func TestFailureVertexEnumerationLargeAndZero(t *testing.T) {
	g := mustParseFile(t, vonStengel6x6)
	es, err := Enumerate(g)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if _, err := g.CheckExactEquilibrium(e.Exact); err != nil {
			t.Error(err)
		}
	}
	zero, _ := New(6, 6)
	for _, method := range []string{"enum", "enum-float", "pure"} {
		es, err := SolveEquilibria(zero, method)
		if err != nil || len(es) != 36 {
			t.Errorf("all-zero 6×6, %s: %d equilibria, %v; want the 36 pure profiles", method, len(es), err)
		}
		for _, e := range es {
			if !e.IsPure() {
				t.Errorf("all-zero 6×6, %s: %v is not pure", method, e.Profile)
			}
		}
	}
	for _, all := range []bool{false, true} {
		es, err := LemkeHowson(zero, all)
		if err != nil || len(es) == 0 {
			t.Errorf("all-zero 6×6, lh: %d, %v", len(es), err)
		}
	}
	if e, err := ZeroSum(zero, 0); err != nil || e.Payoffs[0] != 0 {
		t.Errorf("all-zero 6×6, lp: %v %v", e.Payoffs, err)
	}
}

// Nashpy's Lemke–Howson overflowed (fraction-free pivoting in float64
// without dividing by the previous pivot) and looped on the random 8×8;
// Gambit's floating-point Lemke–Howson never finished on von Stengel's 6×6.
// Exact pivoting with the lexicographic rule ends, and from every label and
// every equilibrium found reaches all 75 of the 6×6 game's (as Gambit's
// exact lcp does).
func TestFailureLemkeHowsonOverflowAndLoops(t *testing.T) {
	g := mustParseFile(t, vonStengel6x6)
	es, err := LemkeHowson(g, true)
	if err != nil || len(es) != 75 {
		t.Errorf("6×6: %d equilibria accessible, %v; want 75", len(es), err)
	}
	g = mustParseFile(t, "testdata/perf/rand_8x8_seed20260101.nfg")
	es, err = LemkeHowson(g, false)
	if err != nil || len(es) == 0 {
		t.Errorf("random 8×8: %d, %v", len(es), err)
	}
}

// Gambit's enumeration returned no equilibrium for payoffs of ±10¹⁹ (beyond
// int64). Scaling a game's payoffs by 10¹⁹ changes no best reply: the exact
// and floating-point enumerations and Lemke–Howson find the same equilibria.
func TestFailureHugePayoffs(t *testing.T) {
	for _, file := range []string{"testdata/games/contrib__coord3.nfg", "testdata/games/contrib__todd1.nfg", vonStengel6x6} {
		g := mustParseFile(t, file)
		h := g.Clone()
		e19 := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(19), nil))
		for k := range h.NumProfiles() {
			for i := range 2 {
				p := h.Profile(k)
				v := h.Payoff(p, i)
				h.SetPayoff(p, i, v.Mul(v, e19))
			}
		}
		for _, method := range []string{"enum", "enum-float", "lh-all", "pure"} {
			a, err := SolveEquilibria(g, method)
			if err != nil {
				t.Fatal(err)
			}
			b, err := SolveEquilibria(h, method)
			if err != nil {
				t.Errorf("%s ×1e19, %s: %v", file, method, err)
				continue
			}
			if len(a) != len(b) {
				t.Errorf("%s ×1e19, %s: %d equilibria, unscaled %d", file, method, len(b), len(a))
				continue
			}
			tol := 0.0 // exact methods: the same rationals
			if method == "enum-float" {
				tol = 1e-9
			}
			for k := range a {
				if !closeProfiles(a[k].Profile, b[k].Profile, tol) {
					t.Errorf("%s ×1e19, %s: %v vs %v", file, method, b[k].Profile, a[k].Profile)
				}
			}
		}
	}
}

// Lemke–Howson is not an enumerator: on Todd's game contrib__todd2.nfg
// (non-degenerate), the paths from the artificial equilibrium and from every
// equilibrium they reach find one of its three extreme equilibria, as
// Gambit's lcp does; on the random 15×15 they reach 71 of 73 (perf_test.go,
// with -game.large).
func TestFailureLemkeHowsonIsNotAnEnumerator(t *testing.T) {
	g := mustParseFile(t, "testdata/games/contrib__todd2.nfg")
	lh, err := LemkeHowson(g, true)
	if err != nil {
		t.Fatal(err)
	}
	all, err := Enumerate(g)
	if err != nil {
		t.Fatal(err)
	}
	if len(lh) != 1 || len(all) != 3 || degenerate(t, g) {
		t.Errorf("todd2: Lemke–Howson %d, enumeration %d (degenerate %v); want 1 of 3", len(lh), len(all), degenerate(t, g))
	}
	var keys []string
	for _, e := range all {
		keys = append(keys, profileKey(e.Exact))
	}
	if len(lh) > 0 && !slices.Contains(keys, profileKey(lh[0].Exact)) {
		t.Errorf("todd2: Lemke–Howson result not an extreme equilibrium")
	}
}

// Payoffs of 10²⁰⁰ need integers of more than 16 words, where the float
// shadow of the tableau would leave the float64 range and the ratio tests
// compare exactly throughout: the equilibria are exactly those of the
// unscaled game (which match Gambit's). lrsnash 7.1 cannot serve here: it
// clamps every input integer to 2⁶³−1 (on a 2×2 game with payoffs 3·10¹⁹
// and 10¹⁹ it reports the mix 1/2–1/2 instead of 1/4–3/4), so the property
// test keeps its payoffs below 2⁶³.
func TestEnormousPayoffs(t *testing.T) {
	for _, file := range []string{"testdata/games/contrib__todd1.nfg", "testdata/games/contrib__winkels.nfg"} {
		g := mustParseFile(t, file)
		h := g.Clone()
		big200 := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(200), nil))
		for k := range h.NumProfiles() {
			for i := range 2 {
				p := h.Profile(k)
				h.SetPayoff(p, i, new(big.Rat).Mul(h.Payoff(p, i), big200))
			}
		}
		mp, _ := exactPolytopes(h)
		if w := newExactTableau(mp, 0).w; w <= 16 {
			t.Fatalf("width %d words: the test does not reach the wide path", w)
		}
		for _, method := range []string{"enum", "lh-all", "pure"} {
			a, err := SolveEquilibria(g, method)
			if err != nil {
				t.Fatal(err)
			}
			b, err := SolveEquilibria(h, method)
			if err != nil {
				t.Fatalf("%s ×1e200, %s: %v", file, method, err)
			}
			var ka, kb []string
			for k := range a {
				ka = append(ka, profileKey(a[k].Exact))
			}
			for k := range b {
				kb = append(kb, profileKey(b[k].Exact))
			}
			if !slices.Equal(ka, kb) {
				t.Errorf("%s ×1e200, %s: %v, unscaled %v", file, method, kb, ka)
			}
		}
	}
}

// A pivot whose previous determinant has more trailing zero bits than the
// integer width allows is detected (errWidth), never computed wrongly.
func TestWidthExceededIsDetected(t *testing.T) {
	g := mustParseFile(t, vonStengel6x6)
	mp, _ := exactPolytopes(g)
	tab := newExactTableau(mp, 0)
	tab.maxTZ = 0 // pretend no headroom: any even determinant must fail
	_, err := enumerateVertices(tab, labelsP(6, 6))
	if !errors.Is(err, errWidth) {
		t.Errorf("err = %v, want errWidth", err)
	}
}
