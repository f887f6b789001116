package game

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

var (
	lrsUpdate = flag.Bool("lrs.update", false, "rerun lrsnash on the perf games and rewrite testdata/lrsnash/*.out")
	large     = flag.Bool("game.large", false, "also test the 15×15 perf game (a few seconds)")
)

// lrsnashReference returns lrsnash's equilibria of perf game n×n, read from
// testdata/lrsnash (written by lrsnash 7.1 with -lrs.update).
func lrsnashReference(t *testing.T, n int) []string {
	t.Helper()
	g := perfGame(t, n)
	file := fmt.Sprintf("testdata/lrsnash/rand_%dx%d.out", n, n)
	if *lrsUpdate {
		if _, err := exec.LookPath("lrsnash"); err != nil {
			t.Fatal("-lrs.update needs lrsnash (Debian package lrslib)")
		}
		keys := lrsnash(t, g)
		out := ""
		for _, k := range keys {
			out += k + "\n"
		}
		if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, l := range strings.Split(string(src), "\n") {
		if l != "" {
			keys = append(keys, l)
		}
	}
	return keys
}

// On the random games of the benchmarks, exact enumeration finds exactly
// lrsnash's extreme equilibria (1, 9, 9, 3 and 73 of them) — where Nashpy's
// support enumeration found 1 of 9 on the 8×8 and QuantEcon's and Gambit's
// gave up on the 15×15 — the floating-point enumeration finds the same
// within 1e-9, and Lemke–Howson's results are among them: 71 of the 73 on
// the 15×15 are accessible, as Gambit's lcp finds.
func TestPerfGamesMatchLrsnash(t *testing.T) {
	for _, pg := range perfGames {
		if pg.n == 15 && !*large && !*lrsUpdate {
			continue
		}
		want := lrsnashReference(t, pg.n)
		if len(want) != pg.eq {
			t.Fatalf("%d×%d: reference has %d equilibria, want %d", pg.n, pg.n, len(want), pg.eq)
		}
		g := perfGame(t, pg.n)
		got, err := Enumerate(g)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, e := range got {
			keys = append(keys, profileKey(e.Exact))
		}
		slices.Sort(keys)
		if !slices.Equal(keys, want) {
			t.Errorf("%d×%d: enumeration differs from lrsnash:\n%v\n%v", pg.n, pg.n, keys, want)
		}
		fl, err := EnumerateFloat(g, 0)
		if err != nil {
			t.Fatal(err)
		}
		wantProfiles := make([][][]string, 0, len(got))
		for _, e := range got {
			wantProfiles = append(wantProfiles, ratStrings(e))
		}
		sameFloatSet(t, fmt.Sprintf("%d×%d float", pg.n, pg.n), fl, wantProfiles, 1e-9)
		lh, err := LemkeHowson(g, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range lh {
			if !slices.Contains(want, profileKey(e.Exact)) {
				t.Errorf("%d×%d: Lemke–Howson result %s is not an extreme equilibrium", pg.n, pg.n, profileKey(e.Exact))
			}
		}
		if pg.n == 15 && len(lh) != 71 {
			t.Errorf("15×15: %d equilibria accessible by Lemke–Howson, Gambit's lcp finds 71", len(lh))
		}
	}
}

func ratStrings(e Equilibrium) [][]string {
	out := make([][]string, len(e.Exact))
	for i, p := range e.Exact {
		for _, v := range p {
			out[i] = append(out[i], v.RatString())
		}
	}
	return out
}
