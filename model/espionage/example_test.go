package espionage_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/statecraft/statecraft/model/espionage"
)

// The closed forms at the known answer of the package tests: p = 0.8,
// q = 0.1, δ = 0.9 with payoffs 5, 3, 1, 0.
func Example() {
	inst, err := espionage.Model{}.Prepare(map[string]any{"detection": 0.8, "false_alarm": 0.1, "discount": 0.9})
	if err != nil {
		fmt.Println(err)
		return
	}
	sol, _ := inst.Solve()
	for i, m := range inst.Metrics()[:len(sol.Values)] {
		fmt.Printf("%-15s %.6f\n", m.Name, sol.Values[i])
	}
	// Output:
	// delta_star      0.625000
	// value           2.052632
	// ic_slack        0.463158
	// sustainable     1.000000
	// min_punishment  2.000000
	// vbar            2.714286
	// tau_star        0.185185
}

// The review-period form: a dialogue twice a year (Δ = 0.5) with three
// detections a year while spying, 0.2 false alarms a year and 10% interest.
func Example_reviewPeriod() {
	inst, _ := espionage.Model{}.Prepare(map[string]any{
		"review_period": 0.5, "detection_rate": 3, "false_alarm_rate": 0.2, "interest_rate": 0.1,
	})
	g := inst.(*espionage.Game)
	p, q, d := g.Monitoring()
	fmt.Printf("p = %.4f, q = %.4f, δ = %.4f, δ* = %.4f\n", p, q, d, g.DeltaStar())
	// Output:
	// p = 0.7769, q = 0.0952, δ = 0.9512, δ* = 0.6303
}

// One simulated play under random termination.
func ExampleGame_Simulate() {
	inst, _ := espionage.Model{}.Prepare(map[string]any{"strategy": "punish", "punish_length": 2})
	out := make([]float64, 6)
	rng := rand.New(rand.NewPCG(1, 2))
	if err := inst.(*espionage.Game).Simulate(rng, out); err != nil {
		fmt.Println(err)
	}
	fmt.Println(len(out), out[0] >= 0 && out[0] <= 1)
	// Output: 6 true
}
