package sanctions_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/model/sanctions"
)

// The known answer of the package documentation: v=1, a=0.5, g=1, c_T=2 and
// the sender's cost uniform on [0, 2] (the defaults).
func Example() {
	inst, err := sanctions.Model{}.Prepare(nil)
	if err != nil {
		panic(err)
	}
	sol, err := inst.Solve()
	if err != nil {
		panic(err)
	}
	det, _ := model.Split(inst.Metrics())
	for i, m := range det {
		if m.Levels != nil {
			fmt.Printf("%-17s %s\n", m.Name, m.Levels[int(sol.Values[i])])
			continue
		}
		fmt.Printf("%-17s %.4f\n", m.Name, sol.Values[i])
	}
	// Output:
	// case              semi_separating
	// rho               0.2500
	// p_threat          0.5000
	// p_comply          0.1667
	// p_defy            0.3333
	// p_impose          0.1667
	// p_back_down       0.1667
	// bluff_prob        0.3333
	// defy_prob         0.6667
	// posterior_resolve 0.5000
	// sender_payoff     0.0417
	// target_payoff     -0.5000
}

// When the target's cost of sanctions is private too, its defiance cutoff is
// the root of K(c) = v/(v+a). Here K is uniform on [0.5, 3.5]: the cutoff is
// 2.5, a threat is believed resolute with probability 0.4 and irresolute
// senders bluff half the time.
func Example_privateTargetCost() {
	inst, err := sanctions.Model{}.Prepare(map[string]any{
		"target_cost": map[string]any{"dist": "uniform", "min": 0.5, "max": 3.5},
	})
	if err != nil {
		panic(err)
	}
	eq, err := inst.(*sanctions.Game).Equilibrium()
	if err != nil {
		panic(err)
	}
	fmt.Printf("%v: cutoff %.4f, belief %.4f, bluff %.4f, P(threat) %.4f\n",
		eq.Case, eq.TargetCutoff, eq.Belief, eq.Bluff, eq.PThreat)
	// Output:
	// semi_separating: cutoff 2.5000, belief 0.4000, bluff 0.5000, P(threat) 0.6250
}

// The sender's cost ceiling: the upper end of the uniform law of its cost
// (in a sweep, the path sender_cost.max).
func ExampleModel_Prepare_senderCostCeiling() {
	for _, ceiling := range []float64{0.8, 2, 4} {
		inst, err := sanctions.Model{}.Prepare(map[string]any{"sender_cost": map[string]any{"dist": "uniform", "min": 0, "max": ceiling}})
		if err != nil {
			panic(err)
		}
		eq, _ := inst.(*sanctions.Game).Equilibrium()
		fmt.Printf("max %g: rho %.3f, %v, P(impose) %.4f\n", ceiling, eq.Rho, eq.Case, eq.PImpose)
	}
	// Output:
	// max 0.8: rho 0.625, pooling, P(impose) 0.0000
	// max 2: rho 0.250, semi_separating, P(impose) 0.1667
	// max 4: rho 0.125, semi_separating, P(impose) 0.0833
}

// One play of the game tree per call; means over many plays estimate the
// outcome probabilities.
func ExampleGame_Simulate() {
	inst, _ := sanctions.Model{}.Prepare(nil)
	sim := inst.(model.Simulator)
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]float64, 8)
	threats := 0.0
	const n = 100000
	for i := 0; i < n; i++ {
		if err := sim.Simulate(rng, out); err != nil {
			panic(err)
		}
		threats += out[0]
	}
	fmt.Printf("simulated P(threat) ≈ %.2f\n", threats/n)
	// Output:
	// simulated P(threat) ≈ 0.50
}
