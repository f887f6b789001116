package repeated

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/statecraft/statecraft/internal/mctest"
	"github.com/statecraft/statecraft/internal/modeltest"
)

// Results are byte-identical for any number of workers.
func TestTournamentWorkerIndependence(t *testing.T) {
	base := Tournament{
		Players: allStrategies(t), Payoffs: Axelrod,
		Noise: Noise{Execution: 0.05, Perception: 0.02}, Turns: 50, Repetitions: 4, Seed: 99,
	}
	var ref *Standings
	for _, w := range []int{1, 2, 3, 8} {
		tt := base
		tt.Workers = w
		s, err := tt.Run()
		if err != nil {
			t.Fatal(err)
		}
		if ref == nil {
			ref = s
			continue
		}
		for p := range s.Results {
			for r := range s.Results[p] {
				if s.Results[p][r] != ref.Results[p][r] {
					t.Fatalf("workers=%d: pair %d rep %d differs", w, p, r)
				}
			}
		}
		for i := range s.Score {
			if math.Float64bits(s.Score[i]) != math.Float64bits(ref.Score[i]) || s.Rank[i] != ref.Rank[i] {
				t.Fatalf("workers=%d: standings differ", w)
			}
		}
	}
	// Another seed gives other results.
	tt := base
	tt.Seed = 100
	s, _ := tt.Run()
	if s.Score[0] == ref.Score[0] && s.Score[1] == ref.Score[1] && s.Score[2] == ref.Score[2] {
		t.Errorf("seed does not change the results")
	}
}

// Without noise the tournament of ALLC, ALLD and TFT over 200 turns is known
// by hand: TFT–ALLD scores (199, 204); ALLC–ALLD (0, 1000);
// cooperative pairs 600 each; ALLD against itself 200. Per turn: ALLC
// (3+0+3)/3 = 2, ALLD (5+1+1.02)/3, TFT (3+0.995+3)/3; ALLD wins.
func TestTournamentKnown(t *testing.T) {
	tt := Tournament{Players: []Strategy{AllC{}, AllD{}, TitForTat{}}, Payoffs: Axelrod, Turns: 200, Repetitions: 2}
	s, err := tt.Run()
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{2, (5 + 1 + 204.0/200) / 3, (3 + 199.0/200 + 3) / 3}
	for i, w := range want {
		if !modeltest.Near(s.Score[i], w, 1e-12) {
			t.Errorf("score %d = %.12g, want %.12g", i, s.Score[i], w)
		}
	}
	if s.Winner != 1 || s.Rank[1] != 1 || s.Rank[2] != 2 || s.Rank[0] != 3 {
		t.Errorf("winner %d, ranks %v; want ALLD first, TFT second", s.Winner, s.Rank)
	}
	if !modeltest.Near(s.Coop[1], 0, 0) || !modeltest.Near(s.Coop[0], 1, 0) {
		t.Errorf("coop rates %v", s.Coop)
	}
}

// A noisy tournament's matrix agrees with the exact payoff matrix within 4
// standard errors, entry by entry and for the players' scores.
func TestTournamentAgreesWithExact(t *testing.T) {
	players := allStrategies(t)
	tt := Tournament{Players: players, Payoffs: Axelrod, Noise: Noise{Execution: 0.05}, Turns: 40, Repetitions: 300, Seed: 5, Workers: 2}
	s, err := tt.Run()
	if err != nil {
		t.Fatal(err)
	}
	a, err := PayoffMatrix(players, Match{Payoffs: Axelrod, Noise: tt.Noise, Turns: 40}, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := len(players)
	scoreVar := make([]float64, n)
	for p, pr := range Pairs(n) {
		i, j := pr[0], pr[1]
		var si, sj mctest.Stats
		for _, r := range s.Results[p] {
			ri, rj := r.RowTotal(Axelrod)/40, r.ColTotal(Axelrod)/40
			if i == j {
				si.Add((ri + rj) / 2)
				continue
			}
			si.Add(ri)
			sj.Add(rj)
		}
		name := players[i].Info().ID + " vs " + players[j].Info().ID
		if !modeltest.Near(si.Mean(), s.Matrix[i][j], 1e-12) {
			t.Fatalf("%s: matrix entry %g is not the mean %g", name, s.Matrix[i][j], si.Mean())
		}
		mctest.Within(t, name, si.Mean(), si.SE(), a[i][j], 4)
		scoreVar[i] += si.SE() * si.SE()
		if i != j {
			mctest.Within(t, name+" (col)", sj.Mean(), sj.SE(), a[j][i], 4)
			scoreVar[j] += sj.SE() * sj.SE()
		}
	}
	for i := range players {
		var exact float64
		for j := range players {
			exact += a[i][j]
		}
		exact /= float64(n)
		se := math.Sqrt(scoreVar[i]) / float64(n)
		mctest.Within(t, players[i].Info().ID+" tournament score", s.Score[i], se, exact, 4)
	}
}

func TestStreamSeedsDistinct(t *testing.T) {
	seen := map[uint64]bool{}
	for p := 0; p < 200; p++ {
		for r := 0; r < 200; r++ {
			a, b := StreamSeed(42, p, r)
			if seen[a] || a == b {
				t.Fatalf("stream seed collision at pair %d rep %d", p, r)
			}
			seen[a] = true
		}
	}
	// SplitMix64 test vector: the first output of the generator seeded with 0
	// (Steele, Lea & Flood's reference implementation) is 0xe220a8397b1dcdaf.
	if got := SplitMix64(0); got != 0xe220a8397b1dcdaf {
		t.Errorf("SplitMix64(0) = %#x", got)
	}
}

func TestTournamentValidate(t *testing.T) {
	bad := []Tournament{
		{},
		{Players: []Strategy{AllC{}}, Payoffs: Axelrod, Turns: 10},
		{Players: []Strategy{AllC{}}, Payoffs: Axelrod, Turns: 10, Repetitions: 1, Noise: Noise{Execution: 2}},
		{Players: []Strategy{AllC{}}, Payoffs: Axelrod, Repetitions: 1},
		{Players: []Strategy{AllC{}}, Payoffs: Payoffs{T: 1, R: 3, P: 1, S: 0}, Turns: 10, Repetitions: 1},
	}
	for i, tt := range bad {
		if _, err := tt.Run(); err == nil {
			t.Errorf("case %d: no error", i)
		}
	}
}

// Moran process: neutral drift fixes with probability 1/N; constant fitness
// r against 1 (w = 1) gives (1 − 1/r)/(1 − 1/rᴺ) (Moran 1958); a simulated
// frequency-dependent process agrees with the exact formula within 4 SE.
func TestMoranFixation(t *testing.T) {
	a := [][]float64{{3, 0.2}, {4, 1}}
	neutral := Moran{Payoff: a, N: 12, Selection: 0}
	if got := neutral.Fixation(0, 1); !modeltest.Near(got, 1.0/12, 1e-15) {
		t.Errorf("neutral fixation %g, want 1/12", got)
	}
	r := 1.3
	constant := Moran{Payoff: [][]float64{{r, r}, {1, 1}}, N: 10, Selection: 1}
	want := (1 - 1/r) / (1 - math.Pow(r, -10))
	if got := constant.Fixation(0, 1); !modeltest.Near(got, want, 1e-14) {
		t.Errorf("constant fitness fixation %.15g, want %.15g", got, want)
	}
	// Strong selection on a large population stays finite (log-space sum).
	big := Moran{Payoff: [][]float64{{1, 1}, {5, 5}}, N: 2000, Selection: 1}
	if got := big.Fixation(0, 1); !(got >= 0 && got < 1e-300) {
		t.Errorf("disadvantageous mutant in N=2000: %g", got)
	}
	// Simulation: TFT invading ALLD (payoffs over 10 turns), N = 8, w = 0.6.
	pm, err := PayoffMatrix([]Strategy{TitForTat{}, AllD{}}, Match{Payoffs: Axelrod, Turns: 10}, 0)
	if err != nil {
		t.Fatal(err)
	}
	mo := Moran{Payoff: pm, N: 8, Selection: 0.6}
	if err := mo.Validate(); err != nil {
		t.Fatal(err)
	}
	exact := mo.Fixation(0, 1)
	rng := rand.New(rand.NewPCG(11, 11))
	var s mctest.Stats
	counts := make([]int, 2)
	for i := 0; i < 20000; i++ {
		counts[0], counts[1] = 1, 7
		win, _ := mo.Run(rng, counts)
		s.Add(float64(1 - win))
	}
	mctest.Within(t, "TFT fixation in ALLD", s.Mean(), s.SE(), exact, 4)
	if n := testing.AllocsPerRun(50, func() { counts[0], counts[1] = 1, 7; mo.Run(rng, counts) }); n != 0 {
		t.Errorf("Moran.Run allocates %g", n)
	}
	// Rare mutations between two types: π₀/π₁ = ρ(0 into 1)/ρ(1 into 0).
	pi, err := mo.RareMutation()
	if err != nil {
		t.Fatal(err)
	}
	if !modeltest.Near(pi[0]/pi[1], mo.Fixation(0, 1)/mo.Fixation(1, 0), 1e-12) || !modeltest.Near(pi[0]+pi[1], 1, 1e-15) {
		t.Errorf("rare-mutation law %v", pi)
	}
	// Three types: the rare-mutation law is stationary for the embedded chain.
	pm3, _ := PayoffMatrix([]Strategy{AllC{}, AllD{}, TitForTat{}}, Match{Payoffs: Axelrod, Turns: 10, Noise: Noise{Execution: 0.01}}, 0)
	m3 := Moran{Payoff: pm3, N: 20, Selection: 0.1}
	pi3, err := m3.RareMutation()
	if err != nil {
		t.Fatal(err)
	}
	for i := range pi3 {
		flow := pi3[i]
		for j := range pi3 {
			if j != i {
				flow += pi3[j]*m3.Fixation(i, j)/2 - pi3[i]*m3.Fixation(j, i)/2
			}
		}
		if !modeltest.Near(flow, pi3[i], 1e-12) {
			t.Errorf("embedded chain not stationary at %d", i)
		}
	}
	if (Moran{Payoff: a, N: 1}).Validate() == nil || (Moran{Payoff: [][]float64{{-5, 0}, {0, 0}}, N: 4, Selection: 1}).Validate() == nil {
		t.Errorf("invalid Moran processes accepted")
	}
}

// Replicator dynamics: with payoffs independent of the opponent, the share of
// the better strategy follows the logistic curve x(t) = 1/(1 + (1−x₀)/x₀
// e^{−(a−b)t}); in a hawk–dove game the path converges to the interior rest
// point.
func TestReplicator(t *testing.T) {
	a := [][]float64{{2, 2}, {1.5, 1.5}}
	x0 := 0.1
	path, err := Replicator(a, []float64{x0, 1 - x0}, 0.01, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{100, 500, 1000} {
		tm := float64(k) * 0.01
		want := 1 / (1 + (1-x0)/x0*math.Exp(-0.5*tm))
		if !modeltest.Near(path[k][0], want, 1e-10) {
			t.Errorf("t=%g: x = %.12f, logistic %.12f", tm, path[k][0], want)
		}
	}
	// Hawk–dove with A = [[0, 3], [1, 2]]: rest point where 3(1−x) = x + 2(1−x): x* = 1/2.
	hd := [][]float64{{0, 3}, {1, 2}}
	path, _ = Replicator(hd, []float64{0.05, 0.95}, 0.05, 2000)
	if x := path[len(path)-1][0]; !modeltest.Near(x, 0.5, 1e-9) {
		t.Errorf("hawk–dove limit %g, want 1/2", x)
	}
	if _, err := Replicator(hd, []float64{0.5, 0.6}, 0.1, 1); err == nil {
		t.Errorf("shares not summing to 1 accepted")
	}
	if _, err := Replicator([][]float64{{1}}, []float64{0.5, 0.5}, 0.1, 1); err == nil {
		t.Errorf("bad matrix accepted")
	}
}
