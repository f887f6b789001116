package timing_test

import (
	"fmt"

	"github.com/statecraft/statecraft/model/timing"
)

// The known answer of the package documentation (the defaults): stealth 0.5,
// persistence 0.9, discount 0.9, stakes uniform on [0, 1].
func Example() {
	inst, err := timing.Model{}.Prepare(nil)
	if err != nil {
		panic(err)
	}
	sol, err := inst.Solve()
	if err != nil {
		panic(err)
	}
	for i, m := range inst.Metrics()[:len(sol.Values)] {
		fmt.Printf("%-17s %.6f\n", m.Name, sol.Values[i])
	}
	fmt.Println(sol.Certificate.Method)
	// Output:
	// threshold         0.372743
	// value             0.103540
	// value_sum         1.035398
	// use_prob          0.627257
	// expected_wait     1.504820
	// expected_uses     1.787552
	// expected_lifetime 2.849793
	// p_burned          0.893776
	// closed form (uniform stakes)
}

// An agreement that penalises detected operations raises the threshold:
// fewer, higher-stakes uses.
func Example_penalty() {
	for _, penalty := range []float64{0, 0.25, 0.5, 1} {
		inst, err := timing.Model{}.Prepare(map[string]any{"penalty": penalty})
		if err != nil {
			panic(err)
		}
		sol, _ := inst.(*timing.Problem).Solution()
		fmt.Printf("Π=%.2f: threshold %.4f, use_prob %.4f, value_sum %.4f\n", penalty, sol.Threshold, sol.UseProb, sol.ValueSum)
	}
	// Output:
	// Π=0.00: threshold 0.3727, use_prob 0.6273, value_sum 1.0354
	// Π=0.25: threshold 0.4313, use_prob 0.5687, value_sum 0.8510
	// Π=0.50: threshold 0.4933, use_prob 0.5067, value_sum 0.6757
	// Π=1.00: threshold 0.6298, use_prob 0.3702, value_sum 0.3606
}

// Value iteration handles any law of the stakes; for discrete stakes, as here
// (a rare crisis worth 1 among routine stakes of 0.1), the exact enumeration
// agrees with it: V = 0.1·1/(1 − wP + w(P−S)·0.1) = 0.1/0.1855, and only the
// crisis is worth the resource.
func Example_discreteStakes() {
	stakes := map[string]any{"dist": "discrete", "values": []any{0.1, 1}, "weights": []any{0.9, 0.1}}
	for _, solver := range []string{"auto", "value_iteration"} {
		inst, err := timing.Model{}.Prepare(map[string]any{"stakes": stakes, "solver": solver, "persistence": 0.95})
		if err != nil {
			panic(err)
		}
		sol, _ := inst.(*timing.Problem).Solution()
		fmt.Printf("%-38s threshold %.6f, value_sum %.6f, use_prob %.2f\n", sol.Certificate.Method, sol.Threshold, sol.ValueSum, sol.UseProb)
	}
	// Output:
	// exact enumeration (discrete stakes)    threshold 0.218329, value_sum 0.539084, use_prob 0.10
	// value iteration                        threshold 0.218329, value_sum 0.539084, use_prob 0.10
}
