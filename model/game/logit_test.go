package game

import (
	"math/big"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

func floatProfile(t testing.TB, p [][]string) [][]float64 {
	out := make([][]float64, len(p))
	for i, q := range p {
		for _, v := range q {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				r, ok := new(big.Rat).SetString(v)
				if !ok {
					t.Fatalf("bad probability %q", v)
				}
				f, _ = r.Float64()
			}
			out[i] = append(out[i], f)
		}
	}
	return out
}

// On the N-player games, the logit branch leads where gambit-logit's does
// (Gambit prints 6 significant digits) — except on contrib__2x2x2.nfg,
// where gambit-logit reports a profile that is not an equilibrium (a
// bifurcation, the README's failure mode): there the result here is a
// verified equilibrium from Gambit's enumpoly list. On 2-player games the
// result is verified, and on non-degenerate ones it is one of the extreme
// equilibria.
func TestLogitMatchesGambit(t *testing.T) {
	recs := loadGambit(t)
	for _, f := range referenceGames(t) {
		g := mustParseFile(t, f)
		name := filepath.Base(f)
		e, err := Logit(g, 0)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if e.Exact != nil {
			if _, err := g.CheckExactEquilibrium(e.Exact); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		} else if _, _, err := g.CheckEquilibrium(e.Profile, 1e-9); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if g.NumPlayers() == 2 {
			if degenerate(t, g) {
				continue
			}
			enum, _ := distinctProfiles(t, gambitSet(recs, name, "gambit-enummixed", "").Equilibria)
			if e.Exact == nil || !slices.Contains(enum, profileKey(e.Exact)) {
				t.Errorf("%s: logit result %v is not an extreme equilibrium", name, e.Profile)
			}
			continue
		}
		rec := gambitSet(recs, name, "gambit-logit", "-e")
		gp := floatProfile(t, rec.Equilibria[0])
		if _, _, err := g.CheckEquilibrium(gp, 1e-5); err != nil {
			if name != "contrib__2x2x2.nfg" {
				t.Errorf("%s: gambit-logit's profile fails: %v", name, err)
			}
			found := false
			for _, p := range gambitSet(recs, name, "gambit-enumpoly", "").Equilibria {
				if closeProfiles(floatProfile(t, p), e.Profile, 1e-6) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: logit result %v is not among enumpoly's equilibria", name, e.Profile)
			}
			continue
		}
		if !closeProfiles(gp, e.Profile, 2e-6) {
			t.Errorf("%s: logit %v, gambit-logit %v", name, e.Profile, gp)
		}
	}
}

// The unique equilibrium of Nau et al.'s 3-player game is irrational: the
// result is in floating point, to full precision (regret at rounding
// level), and agrees with Gambit's enumpoly to its 6 digits.
func TestLogitIrrational(t *testing.T) {
	g := mustParseFile(t, "testdata/games/catalog__journals_ijgt_nau2004_sec4.nfg")
	e, err := Logit(g, 0)
	if err != nil {
		t.Fatal(err)
	}
	if e.Exact != nil || e.Regret > 1e-14 {
		t.Errorf("exact %v, regret %g", e.Exact, e.Regret)
	}
	want := [][]float64{{0.619233, 0.380767}, {0.479804, 0.520196}, {0.378825, 0.621175}}
	if !closeProfiles(want, e.Profile, 1e-6) {
		t.Errorf("profile %v, want %v", e.Profile, want)
	}
}
