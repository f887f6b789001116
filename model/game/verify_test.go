package game

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"path/filepath"
	"testing"
)

// bruteRegret computes expected payoffs and regrets by summing over every
// pure-strategy profile with big.Rat: slow and simple, independent of the
// verifier's integer arithmetic and support iteration.
func bruteRegret(g *Game, p [][]*big.Rat) (pay, reg []*big.Rat) {
	n := g.NumPlayers()
	pay = make([]*big.Rat, n)
	reg = make([]*big.Rat, n)
	for i := range n {
		u := make([]*big.Rat, g.Dims()[i])
		for s := range u {
			u[s] = new(big.Rat)
		}
		val := new(big.Rat)
		for k := range g.NumProfiles() {
			prof := g.Profile(k)
			w := big.NewRat(1, 1)
			for j, s := range prof {
				if j != i {
					w.Mul(w, p[j][s])
				}
			}
			t := new(big.Rat).Mul(w, g.Payoff(prof, i))
			u[prof[i]].Add(u[prof[i]], t)
			val.Add(val, t.Mul(t, p[i][prof[i]]))
		}
		best := u[0]
		for _, v := range u {
			if v.Cmp(best) > 0 {
				best = v
			}
		}
		pay[i] = val
		reg[i] = new(big.Rat).Sub(best, val)
	}
	return pay, reg
}

func randomProfile(rng *rand.Rand, dims []int) [][]*big.Rat {
	p := make([][]*big.Rat, len(dims))
	for i, d := range dims {
		w := make([]int64, d)
		var sum int64
		for s := range w {
			if rng.IntN(3) > 0 {
				w[s] = rng.Int64N(7)
			}
			sum += w[s]
		}
		if sum == 0 {
			w[rng.IntN(d)], sum = 1, 1
		}
		for s := range w {
			p[i] = append(p[i], big.NewRat(w[s], sum))
		}
	}
	return p
}

// The exact verifier's payoffs and regrets equal a brute-force sum on random
// profiles of every reference game (N players), and the floating-point ones
// agree to 1e-12 of the payoff range.
func TestRegretAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, f := range referenceGames(t) {
		g := mustParseFile(t, f)
		for range 5 {
			p := randomProfile(rng, g.Dims())
			pay, reg, err := g.ExactRegret(p)
			if err != nil {
				t.Fatal(err)
			}
			bp, br := bruteRegret(g, p)
			fp := make([][]float64, len(p))
			for i := range p {
				for _, v := range p[i] {
					x, _ := v.Float64()
					fp[i] = append(fp[i], x)
				}
			}
			fpay, freg, err := g.Regret(fp)
			if err != nil {
				t.Fatal(err)
			}
			_, span := g.Ranges()
			for i := range pay {
				if pay[i].Cmp(bp[i]) != 0 || reg[i].Cmp(br[i]) != 0 {
					t.Fatalf("%s: player %d payoff %v regret %v, brute force %v %v", f, i+1, pay[i], reg[i], bp[i], br[i])
				}
				x, _ := pay[i].Float64()
				r, _ := reg[i].Float64()
				if math.Abs(fpay[i]-x) > 1e-12*(span[i]+math.Abs(x)) || math.Abs(freg[i]-r) > 1e-12*span[i] {
					t.Errorf("%s: float payoff %g regret %g, exact %g %g", f, fpay[i], freg[i], x, r)
				}
			}
		}
	}
}

// The verifier rejects what is not an equilibrium: each of Gambit's
// equilibria, with probability moved onto a strategy that does worse, fails;
// so do profiles of the wrong shape or that do not sum to one.
func TestVerifierRejects(t *testing.T) {
	recs := loadGambit(t)
	rejected := 0
	for _, f := range referenceGames(t) {
		g := mustParseFile(t, f)
		if g.NumPlayers() != 2 {
			continue
		}
		rec := gambitSet(recs, filepath.Base(f), "gambit-enummixed", "")
		for _, q := range rec.Equilibria {
			p := gambitProfile(t, q)
			if _, err := g.CheckExactEquilibrium(p); err != nil {
				t.Fatalf("%s: Gambit's equilibrium rejected: %v", f, err)
			}
			// Move 1/7 of player 0's mass to a strategy whose payoff against
			// the other's strategy is strictly worse than the best reply.
			_, reg := bruteRegret(g, p)
			if reg[0].Sign() != 0 {
				t.Fatalf("%s: brute force finds regret %v", f, reg[0])
			}
			for s := range p[0] {
				bad := clone2(p)
				moved := new(big.Rat).Quo(big.NewRat(1, 7), big.NewRat(1, 1))
				// take from a strategy in the support
				from := -1
				for k, v := range bad[0] {
					if v.Sign() > 0 && k != s {
						from = k
						break
					}
				}
				if from < 0 {
					continue
				}
				if bad[0][from].Cmp(moved) < 0 {
					moved.Set(bad[0][from])
				}
				bad[0][from].Sub(bad[0][from], moved)
				bad[0][s].Add(bad[0][s], moved)
				_, br := bruteRegret(g, bad)
				worst := br[0]
				if br[1].Cmp(worst) > 0 {
					worst = br[1]
				}
				_, err := g.CheckExactEquilibrium(bad)
				if (worst.Sign() > 0) != (err != nil) {
					t.Errorf("%s: brute-force regret %v but verifier says %v", f, worst, err)
				}
				if err != nil {
					rejected++
					if !errors.Is(err, ErrNotEquilibrium) {
						t.Errorf("%s: error does not wrap ErrNotEquilibrium: %v", f, err)
					}
					fl := toFloat(bad)
					if _, _, err := g.CheckEquilibrium(fl, 1e-9); err == nil {
						t.Errorf("%s: float verifier accepted regret %v", f, worst)
					}
				}
			}
		}
	}
	if rejected < 100 {
		t.Errorf("only %d perturbed profiles rejected; the test is too weak", rejected)
	}
	g := mustParseFile(t, "testdata/games/contrib__pd.nfg")
	for _, p := range [][][]float64{
		{{1, 0}},
		{{1, 0, 0}, {0, 1}},
		{{0.5, 0.4}, {0, 1}},
		{{1.1, -0.1}, {0, 1}},
	} {
		if _, _, err := g.CheckEquilibrium(p, 1e-9); err == nil {
			t.Errorf("accepted malformed profile %v", p)
		}
	}
	if _, err := g.CheckExactEquilibrium([][]*big.Rat{{big.NewRat(1, 2), big.NewRat(1, 3)}, {big.NewRat(0, 1), big.NewRat(1, 1)}}); err == nil {
		t.Error("accepted probabilities summing to 5/6")
	}
}

func clone2(p [][]*big.Rat) [][]*big.Rat {
	out := make([][]*big.Rat, len(p))
	for i, q := range p {
		for _, v := range q {
			out[i] = append(out[i], new(big.Rat).Set(v))
		}
	}
	return out
}

func toFloat(p [][]*big.Rat) [][]float64 {
	out := make([][]float64, len(p))
	for i, q := range p {
		for _, v := range q {
			f, _ := v.Float64()
			out[i] = append(out[i], f)
		}
	}
	return out
}

// A large common offset does not blind the floating-point verifier: with
// payoffs 10¹² + {0, 1}, a regret of 1/2 is caught although it is 5·10⁻¹³
// of the payoffs' size.
func TestFloatVerifierWithOffset(t *testing.T) {
	e12 := int64(1_000_000_000_000)
	g, err := BimatrixInt([][]int64{{e12 + 1, e12}, {e12, e12 + 1}}, [][]int64{{e12 + 1, e12}, {e12, e12 + 1}})
	if err != nil {
		t.Fatal(err)
	}
	// Row mixes 1/2–1/2 (column indifferent), column plays 1: row's best
	// reply is row 1 with regret 1/2.
	if _, _, err := g.CheckEquilibrium([][]float64{{0.5, 0.5}, {1, 0}}, 1e-9); err == nil {
		t.Error("accepted a profile with regret 1/2")
	}
	pay, reg, err := g.CheckEquilibrium([][]float64{{0.5, 0.5}, {0.5, 0.5}}, 1e-9)
	if err != nil || reg != 0 || pay[0] != float64(e12)+0.5 {
		t.Errorf("mixed equilibrium: payoffs %v regret %g err %v", pay, reg, err)
	}
}
