package attribution_test

import (
	"fmt"

	"github.com/statecraft/statecraft/model/attribution"
)

// One attacker that attacks with probability γ = 0.5 when it can; an attack
// sets off an alarm 80% of the time, and 10% of quiet rounds raise a false
// alarm. Benefits and retaliation costs are uniform on [0, 1] (the defaults).
func Example() {
	inst, err := attribution.Model{}.Prepare(map[string]any{
		"signals": []any{"none", "alarm"},
		"attackers": []any{map[string]any{
			"name": "state", "opportunity": 0.5,
			"signal": map[string]any{"none": 0.2, "alarm": 0.8},
		}},
		"no_attack": map[string]any{"none": 0.9, "alarm": 0.1},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	sol, err := inst.Solve()
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, m := range inst.Metrics()[:9] {
		fmt.Printf("%-26s %.6f\n", m.Name, sol.Values[i])
	}
	fmt.Println("unique:", sol.Certificate.Unique)
	// Output:
	// alpha_state                0.531751
	// cutoff_state               0.468249
	// p_attack                   0.265875
	// p_wrongful_retaliation     0.103790
	// defender_payoff            -0.184833
	// posterior_state_none       0.074487
	// posterior_state_alarm      0.743414
	// retaliation_state_none     0.074487
	// retaliation_state_alarm    0.743414
	// unique: true
}

// The detection knob sets every attacker's detection probability, so a sweep
// over it needs no edits to the signal rows. The rows as written detect 70% of
// attacks, so detection 0.7 reproduces the known answer α = 0.649454 of the
// package tests.
func Example_detection() {
	base := func(detection float64) map[string]any {
		return map[string]any{
			"signals": []any{"none", "to_a", "to_b", "unattributed"},
			"attackers": []any{
				map[string]any{"name": "a", "opportunity": 0.3, "signal": map[string]any{"none": 0.3, "to_a": 0.5, "to_b": 0.1, "unattributed": 0.1}},
				map[string]any{"name": "b", "opportunity": 0.3, "signal": map[string]any{"none": 0.3, "to_a": 0.1, "to_b": 0.5, "unattributed": 0.1}},
			},
			"no_attack": map[string]any{"none": 0.94, "to_a": 0.02, "to_b": 0.02, "unattributed": 0.02},
			"detection": detection,
		}
	}
	for _, d := range []float64{0.5, 0.7, 0.9} {
		inst, err := attribution.Model{}.Prepare(base(d))
		if err != nil {
			fmt.Println(err)
			return
		}
		sol, err := inst.Solve()
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("detection %.1f: alpha_a %.4f, p_attack %.4f\n", d, sol.Values[0], sol.Values[4])
	}
	// Output:
	// detection 0.5: alpha_a 0.7893, p_attack 0.4736
	// detection 0.7: alpha_a 0.6495, p_attack 0.3897
	// detection 0.9: alpha_a 0.4994, p_attack 0.2996
}

// Committing to retaliation in advance (defender: commitment) deters more
// than retaliating only when it pays after the fact.
func Example_commitment() {
	values := map[string]any{
		"signals": []any{"none", "alarm"},
		"attackers": []any{map[string]any{
			"name": "state", "opportunity": 0.5,
			"signal": map[string]any{"none": 0.2, "alarm": 0.8},
		}},
		"no_attack": map[string]any{"none": 0.9, "alarm": 0.1},
		"defender":  "commitment",
	}
	inst, err := attribution.Model{}.Prepare(values)
	if err != nil {
		fmt.Println(err)
		return
	}
	sol, err := inst.Solve()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("alpha %.4f, payoff %.4f (equilibrium %.4f)\n", sol.Values[0], sol.Values[4], sol.Extra["best_response_payoff"])
	fmt.Printf("retaliate after none %.2f, after alarm %.2f\n", sol.Values[7], sol.Values[8])
	// Output:
	// alpha 0.3000, payoff -0.1325 (equilibrium -0.1848)
	// retaliate after none 0.00, after alarm 1.00
}
