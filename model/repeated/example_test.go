package repeated_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/statecraft/statecraft/model/repeated"
)

// Exact expected scores of TFT against ALLD over 200 turns with execution
// noise 0.05: the reference workload of the Axelrod-Python timings.
func ExampleExact() {
	m := &repeated.Match{
		Row: repeated.TitForTat{}, Col: repeated.AllD{},
		Payoffs: repeated.Axelrod, Noise: repeated.Noise{Execution: 0.05}, Turns: 200,
	}
	e, err := repeated.Exact(m, 0)
	if err != nil {
		panic(err)
	}
	fmt.Printf("TFT %.8f, ALLD %.8f per turn\n", e.RowScore, e.ColScore)
	// Output: TFT 1.09576125, ALLD 1.34213625 per turn
}

// Tit for tat against itself: R = 3 in the long run without noise, but
// (R+S+T+P)/4 = 2.25 under any execution noise, however small.
func ExampleLongRunMemoryOne() {
	for _, eps := range []float64{0, 0.001, 0.1} {
		e, err := repeated.LongRunMemoryOne(repeated.TitForTat{}, repeated.TitForTat{}, repeated.Axelrod, repeated.Noise{Execution: eps})
		if err != nil {
			panic(err)
		}
		fmt.Printf("ε = %g: %.4f\n", eps, e.RowScore)
	}
	// Output:
	// ε = 0: 3.0000
	// ε = 0.001: 2.2500
	// ε = 0.1: 2.2500
}

// Press & Dyson's extortioner takes χ = 3 times the opponent's surplus over
// P against any opponent, here generous tit for tat.
func ExampleZDExtortioner() {
	z, err := repeated.NewZDExtortioner(repeated.Axelrod, 3, 0.5)
	if err != nil {
		panic(err)
	}
	e, _ := repeated.LongRunMemoryOne(z, repeated.GenerousTFT{G: 1.0 / 3}, repeated.Axelrod, repeated.Noise{})
	fmt.Printf("p = %.4f\n", z.P)
	fmt.Printf("(s_X − P)/(s_Y − P) = %.6f\n", (e.RowScore-1)/(e.ColScore-1))
	// Output:
	// p = [0.8462 0.5000 0.2692 0.0000]
	// (s_X − P)/(s_Y − P) = 3.000000
}

// A noisy round robin; the standings are the same for any number of workers.
func ExampleTournament() {
	t := repeated.Tournament{
		Players: []repeated.Strategy{repeated.AllD{}, repeated.TitForTat{}, repeated.WinStayLoseShift{}, repeated.ContriteTFT{}},
		Payoffs: repeated.Axelrod, Noise: repeated.Noise{Execution: 0.05},
		Turns: 200, Repetitions: 20, Seed: 1, Workers: 2,
	}
	s, err := t.Run()
	if err != nil {
		panic(err)
	}
	fmt.Println("winner:", t.Players[s.Winner].Info().ID)
	// Output: winner: CTFT
}

// The catalogue lists every strategy family with its classification.
func ExampleCatalogue() {
	for _, e := range repeated.Catalogue()[:4] {
		fmt.Printf("%-5s memory %2d  stochastic %-5v %s\n", e.ID, e.MemoryDepth, e.Stochastic, e.Name)
	}
	// Output:
	// ALLC  memory  0  stochastic false Always cooperate
	// ALLD  memory  0  stochastic false Always defect
	// TFT   memory  1  stochastic false Tit for tat
	// TF2T  memory  2  stochastic false Tit for two tats
}

// A Moran process over TFT and ALLD: the chance that one TFT player takes
// over a population of 20 defectors when matches last 10 turns.
func ExampleMoran() {
	a, err := repeated.PayoffMatrix([]repeated.Strategy{repeated.TitForTat{}, repeated.AllD{}}, repeated.Match{Payoffs: repeated.Axelrod, Turns: 10}, 0)
	if err != nil {
		panic(err)
	}
	m := repeated.Moran{Payoff: a, N: 20, Selection: 0.1}
	fmt.Printf("fixation %.4f (neutral %.4f)\n", m.Fixation(0, 1), 1.0/20)
	rng := rand.New(rand.NewPCG(1, 2))
	counts := []int{1, 19}
	winner, _ := m.Run(rng, counts)
	_ = winner // one simulated run; averages of many agree with Fixation
	// Output: fixation 0.0678 (neutral 0.0500)
}
