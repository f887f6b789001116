package inspection_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/statecraft/statecraft/model/inspection"
)

// The penalty paradox of the package documentation (d=1, c=10, a=2, k=1,
// α=β=0): a fourfold penalty cuts inspections from 1/2 to 1/5 but leaves the
// violation rate at 1/8.
func Example_penaltyParadox() {
	for _, b := range []float64{1, 4} {
		inst, err := inspection.Model{}.Prepare(map[string]any{
			"violation_gain": 1, "inspector_miss_loss": 10, "inspector_detect_loss": 2, "inspect_cost": 1,
			"miss_prob": 0, "false_alarm_prob": 0, "penalty": b,
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		sol, _ := inst.Solve()
		fmt.Printf("penalty %g: inspect %.3f, violate %.3f, inspector payoff %.3f (leader %.3f)\n",
			b, sol.Values[0], sol.Values[1], sol.Values[2], sol.Values[4])
	}
	// Output:
	// penalty 1: inspect 0.500, violate 0.125, inspector payoff -1.250 (leader -0.500)
	// penalty 4: inspect 0.200, violate 0.125, inspector payoff -1.250 (leader -0.200)
}

// Dresher's game, exactly: v(2,1) = 1/3 and v(5,2) = C(4,2)/(1+5+10) = 3/8.
func ExampleSolveDresher() {
	for _, nm := range [][2]int{{2, 1}, {5, 2}} {
		s, err := inspection.SolveDresher(nm[0], nm[1])
		if err != nil {
			fmt.Println(err)
			return
		}
		n, m := nm[0], nm[1]
		fmt.Printf("v(%d,%d) = %s; first period: inspect %s, violate %s\n",
			n, m, s.Value[n][m].RatString(), s.Inspect[n][m].RatString(), s.Violate[n][m].RatString())
	}
	// Output:
	// v(2,1) = 1/3; first period: inspect 1/3, violate 1/3
	// v(5,2) = 3/8; first period: inspect 5/16, violate 9/64
}

// The statistical-test game with a Gaussian ROC: the inspector's false-alarm
// rate and the violation rate it leaves.
func Example_alphaBeta() {
	inst, _ := inspection.Model{}.Prepare(map[string]any{"variant": "alpha_beta", "snr": 2})
	sol, _ := inst.Solve()
	fmt.Printf("alpha* %.4f, beta* %.4f, violate %.4f, unique %v\n", sol.Values[6], sol.Values[7], sol.Values[1], sol.Certificate.Unique)
	// Output:
	// alpha* 0.0236, beta* 0.4941, violate 0.0171, unique true
}

// The transparency–security toy: the least deterring monitoring intensity.
func ExampleMMin() {
	fmt.Printf("%.4f\n", inspection.MMin(1, 0.9, 1))
	// Output:
	// 0.1111
}

// One replication of the Monte Carlo: 100 plays at the equilibrium mix.
func ExampleGame_Simulate() {
	inst, _ := inspection.Model{}.Prepare(map[string]any{"rounds": 100000})
	out := make([]float64, 6)
	_ = inst.(*inspection.Game).Simulate(rand.New(rand.NewPCG(1, 2)), out)
	fmt.Printf("inspect rate %.2f, violation rate %.2f\n", out[0], out[1])
	// Output:
	// inspect rate 0.63, violation rate 0.16
}
