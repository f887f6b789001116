package game

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The property test against lrsnash (lrslib, Debian package lrslib: GMP
// arithmetic, Avis's reverse search) runs lrs.n random games with up to
// lrs.max strategies per player. Payoffs stay below 2⁶³: lrsnash 7.1 clamps
// larger input integers to 2⁶³−1 (see TestEnormousPayoffs). Raise both for
// a long run, e.g.
//
//	go test ./model/game -run LRS -lrs.n 5000 -lrs.max 9
var (
	lrsN   = flag.Int("lrs.n", 300, "number of random games in the lrsnash property test")
	lrsMax = flag.Int("lrs.max", 6, "largest number of strategies per player in the lrsnash property test")
)

// lrsnash runs lrsnash on a bimatrix game and returns its equilibria as a
// set of exact profile keys (see profileKey). Each player's payoffs are
// scaled to integers by the least common multiple of their denominators,
// which changes no best reply.
func lrsnash(t testing.TB, g *Game) []string {
	t.Helper()
	in := lrsnashInput(g)
	file := filepath.Join(t.TempDir(), "game.txt")
	if err := os.WriteFile(file, in, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("lrsnash", file).Output()
	if err != nil {
		t.Fatalf("lrsnash: %v\ninput:\n%s", err, in)
	}
	return parseLrsnash(t, out, g.dims[0], g.dims[1])
}

// lrsnashInput writes a bimatrix game in lrsnash's input format: "m n",
// then A and B row by row.
func lrsnashInput(g *Game) []byte {
	m, n := g.dims[0], g.dims[1]
	ia, _ := g.intPayoffs(0)
	ib, _ := g.intPayoffs(1)
	var in bytes.Buffer
	fmt.Fprintf(&in, "%d %d\n\n", m, n)
	for _, mat := range [][]big.Int{ia, ib} {
		for i := range m {
			for j := range n {
				fmt.Fprintf(&in, "%s ", mat[i+m*j].String())
			}
			in.WriteByte('\n')
		}
		in.WriteByte('\n')
	}
	return in.Bytes()
}

// parseLrsnash reads lrsnash's output: blocks of lines "2 y₁ … yₙ v" (column
// player's strategies, then the row player's payoff) closed by one line
// "1 x₁ … xₘ u"; each block stands for every pair (x, y) of its lines.
func parseLrsnash(t testing.TB, out []byte, m, n int) []string {
	t.Helper()
	var ys [][]*big.Rat
	var keys []string
	field := func(fs []string, k int) []*big.Rat {
		if len(fs) != k+2 {
			t.Fatalf("lrsnash line %q: %d fields, want %d", strings.Join(fs, " "), len(fs), k+2)
		}
		p := make([]*big.Rat, k)
		for i := range p {
			r, ok := new(big.Rat).SetString(fs[i+1])
			if !ok {
				t.Fatalf("lrsnash number %q", fs[i+1])
			}
			p[i] = r
		}
		return p
	}
	for _, line := range strings.Split(string(out), "\n") {
		fs := strings.Fields(line)
		if len(fs) == 0 || strings.HasPrefix(fs[0], "*") {
			continue
		}
		switch fs[0] {
		case "2":
			ys = append(ys, field(fs, n))
		case "1":
			x := field(fs, m)
			for _, y := range ys {
				k := profileKey([][]*big.Rat{x, y})
				if !slices.Contains(keys, k) {
					keys = append(keys, k)
				}
			}
			ys = nil
		default:
			t.Fatalf("unexpected lrsnash line %q", line)
		}
	}
	slices.Sort(keys)
	return keys
}

// randomGame draws a bimatrix game of one of several kinds, chosen to cover
// the degenerate cases where enumerations go wrong.
func randomGame(rng *rand.Rand, maxDim int) (*Game, string) {
	m, n := 1+rng.IntN(maxDim), 1+rng.IntN(maxDim)
	a := make([][]*big.Rat, m)
	b := make([][]*big.Rat, m)
	for i := range m {
		a[i] = make([]*big.Rat, n)
		b[i] = make([]*big.Rat, n)
	}
	fill := func(f func(i, j, p int) *big.Rat) {
		for i := range m {
			for j := range n {
				a[i][j], b[i][j] = f(i, j, 0), f(i, j, 1)
			}
		}
	}
	ri := func(lo, hi int64) *big.Rat { return big.NewRat(lo+rng.Int64N(hi-lo+1), 1) }
	kind := []string{"ties", "wide", "repeated", "zero", "huge", "rational", "constant", "sparse"}[rng.IntN(8)]
	switch kind {
	case "ties": // few distinct values: many ties, degenerate
		fill(func(int, int, int) *big.Rat { return ri(-2, 2) })
	case "wide": // generic: almost surely non-degenerate
		fill(func(int, int, int) *big.Rat { return ri(-100, 100) })
	case "repeated": // duplicated rows and columns
		fill(func(int, int, int) *big.Rat { return ri(-5, 5) })
		for range 2 {
			if m > 1 {
				i, k := rng.IntN(m), rng.IntN(m)
				for j := range n {
					a[i][j], b[i][j] = new(big.Rat).Set(a[k][j]), new(big.Rat).Set(b[k][j])
				}
			}
			if n > 1 {
				j, k := rng.IntN(n), rng.IntN(n)
				for i := range m {
					a[i][j], b[i][j] = new(big.Rat).Set(a[i][k]), new(big.Rat).Set(b[i][k])
				}
			}
		}
	case "zero":
		fill(func(int, int, int) *big.Rat { return new(big.Rat) })
	case "huge": // payoffs near ±1e15 that differ in the last digits
		e15 := new(big.Rat).SetInt64(1_000_000_000_000_000)
		fill(func(int, int, int) *big.Rat {
			v := ri(-3, 3)
			if rng.IntN(2) == 0 {
				return v.Add(v, e15)
			}
			return v.Sub(v, e15)
		})
	case "rational":
		fill(func(int, int, int) *big.Rat { return big.NewRat(rng.Int64N(21)-10, 1+rng.Int64N(6)) })
	case "constant": // the column player's payoffs ignore her own strategy
		fill(func(int, int, int) *big.Rat { return ri(-3, 3) })
		for i := range m {
			for j := range n {
				b[i][j] = new(big.Rat).Set(b[i][0])
			}
		}
	case "sparse": // mostly zero with a few ones: coordination-like ties
		fill(func(int, int, int) *big.Rat {
			if rng.IntN(4) == 0 {
				return big.NewRat(1, 1)
			}
			return new(big.Rat)
		})
	}
	g, err := Bimatrix(a, b)
	if err != nil {
		panic(err)
	}
	return g, kind
}

// Exact enumeration gives exactly lrsnash's set of extreme equilibria on
// random games, degenerate ones included; the pure equilibria are exactly
// its pure members; every Lemke–Howson result and every floating-point
// result belongs to it, and on non-degenerate games the floating-point
// enumeration finds all of it and the logit method ends at one of its
// members, exactly.
func TestLRSProperty(t *testing.T) {
	if _, err := exec.LookPath("lrsnash"); err != nil {
		t.Skip("lrsnash not on PATH: install the Debian package lrslib to run the property test against it")
	}
	rng := rand.New(rand.NewPCG(20260101, 3))
	kinds := map[string]int{}
	floatRefused, logitRefused, logitFailed := 0, 0, 0
	for it := range *lrsN {
		g, kind := randomGame(rng, *lrsMax)
		kinds[kind]++
		name := fmt.Sprintf("game %d (%s, %v)", it, kind, g.Dims())
		want := lrsnash(t, g)
		got, err := Enumerate(g)
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, g.MarshalNFG())
		}
		var keys []string
		for _, e := range got {
			keys = append(keys, profileKey(e.Exact))
		}
		slices.Sort(keys)
		if !slices.Equal(keys, want) {
			t.Fatalf("%s: enumeration %v\nlrsnash %v\n%s", name, keys, want, g.MarshalNFG())
		}
		pure, err := PureEquilibria(g)
		if err != nil {
			t.Fatal(err)
		}
		var pk, wantPure []string
		for _, e := range pure {
			pk = append(pk, profileKey(e.Exact))
		}
		for _, e := range got {
			if e.IsPure() {
				wantPure = append(wantPure, profileKey(e.Exact))
			}
		}
		slices.Sort(pk)
		slices.Sort(wantPure)
		if !slices.Equal(pk, wantPure) {
			t.Errorf("%s: pure %v, pure extreme equilibria %v", name, pk, wantPure)
		}
		lh, err := LemkeHowson(g, true)
		if err != nil {
			t.Fatalf("%s: lh: %v", name, err)
		}
		for _, e := range lh {
			if !slices.Contains(want, profileKey(e.Exact)) {
				t.Errorf("%s: Lemke–Howson found %s, not an extreme equilibrium", name, profileKey(e.Exact))
			}
		}
		var me *MethodError
		if e, err := Logit(g, 0); errors.As(err, &me) && kind == "huge" {
			logitRefused++ // payoff gaps below float resolution: refused, as documented
		} else if err != nil && degenerate(t, g) {
			// A degenerate game's branch can meet a singular point the
			// continuation cannot pass: the method then fails with an error,
			// never with a wrong answer.
			logitFailed++
			t.Logf("%s: logit: %v", name, err)
		} else if err != nil {
			t.Errorf("%s: logit on a non-degenerate game: %v", name, err)
		} else if e.Exact != nil && !e.IsPure() && !slices.Contains(want, profileKey(e.Exact)) && !degenerate(t, g) {
			t.Errorf("%s: logit result %s is not an extreme equilibrium of a non-degenerate game", name, profileKey(e.Exact))
		} else if e.Exact == nil && !degenerate(t, g) && kind != "huge" {
			t.Errorf("%s: logit result %v not exact on a non-degenerate 2-player game", name, e.Profile)
		}
		fl, err := EnumerateFloat(g, 0)
		if errors.As(err, &me) && kind == "huge" {
			floatRefused++
			continue // payoff gaps below float resolution: refused, as documented
		}
		if err != nil {
			t.Errorf("%s: float: %v", name, err)
			continue
		}
		matched := 0
		for _, e := range fl {
			for _, x := range got {
				if closeToExact(e.Profile, x.Exact, 1e-9) {
					matched++
					break
				}
			}
		}
		if matched != len(fl) {
			t.Errorf("%s: %d of %d floating-point equilibria are not extreme equilibria", name, len(fl)-matched, len(fl))
		}
		if len(fl) != len(got) && !degenerate(t, g) {
			t.Errorf("%s: non-degenerate game: float found %d of %d", name, len(fl), len(got))
		}
	}
	t.Logf("games by kind: %v; floating point refused %d near-1e15 games; logit refused %d of them and failed on %d degenerate games", kinds, floatRefused, logitRefused, logitFailed)
}

// Games with more than 64 strategies in all (label sets of several words)
// agree with lrsnash too.
func TestLRSManyStrategies(t *testing.T) {
	if _, err := exec.LookPath("lrsnash"); err != nil {
		t.Skip("lrsnash not on PATH: install the Debian package lrslib to run the property test against it")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, dims := range [][2]int{{2, 64}, {66, 2}, {40, 40}} {
		m, n := dims[0], dims[1]
		a := make([][]int64, m)
		b := make([][]int64, m)
		for i := range m {
			a[i] = make([]int64, n)
			b[i] = make([]int64, n)
			for j := range n {
				a[i][j], b[i][j] = rng.Int64N(201)-100, rng.Int64N(201)-100
			}
		}
		g, _ := BimatrixInt(a, b)
		if m*n > 1000 {
			// Too many vertices to enumerate in a test: check Lemke–Howson
			// results only.
			lh, err := LemkeHowson(g, false)
			if err != nil || len(lh) == 0 {
				t.Errorf("%v: lh %d, %v", dims, len(lh), err)
			}
			continue
		}
		want := lrsnash(t, g)
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
			t.Errorf("%v: %d equilibria, lrsnash %d", dims, len(keys), len(want))
		}
	}
}
