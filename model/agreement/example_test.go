package agreement_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/statecraft/statecraft/model/agreement"
)

// Before and after the pledge at the default parameters: without it the
// sender would not carry out its threat, and the target spies openly; with
// it the threat is credible and the target turns to stealthy espionage,
// detected far less often.
func Example() {
	for _, ag := range []string{"before", "after"} {
		inst, err := agreement.Model{}.Prepare(map[string]any{"agreement": ag})
		if err != nil {
			fmt.Println(err)
			return
		}
		s, _ := inst.(*agreement.Game).Solution()
		fmt.Printf("%-6s %-18v target slack %+.3f, sender slack %+.3f, stealth %.2f, detected %.2f a year\n",
			ag, s.Regime, s.TargetSlack, s.SenderSlack, s.Stealth, s.DetectedPerYear)
	}
	// Output:
	// before non_credible       target slack -0.541, sender slack -0.475, stealth 0.00, detected 1.55 a year
	// after  stealthy_espionage target slack -0.525, sender slack +0.525, stealth 0.80, detected 0.66 a year
}

// Restraint needs limited stealth options and good detection: with stealth
// capped at 0.3 and six detections a year of open espionage, both
// constraints hold.
func ExampleGame_Solution() {
	inst, _ := agreement.Model{}.Prepare(map[string]any{"max_stealth": 0.3, "detection_rate": 6})
	s, _ := inst.(*agreement.Game).Solution()
	fmt.Printf("%v: self-enforcing %v, credible %v, wrongful sanctions %.3f a year, P(wrongful in a year of restraint) %.3f\n",
		s.Regime, s.SelfEnforcing, s.Credible, s.WrongfulPerYear, s.PWrongfulYear)
	// Output:
	// restraint: self-enforcing true, credible true, wrongful sanctions 0.205 a year, P(wrongful in a year of restraint) 0.295
}

// One simulated relationship, ended at random with probability 1 − δ a
// period.
func ExampleGame_Simulate() {
	inst, _ := agreement.Model{}.Prepare(nil)
	out := make([]float64, 6)
	if err := inst.(*agreement.Game).Simulate(rand.New(rand.NewPCG(1, 2)), out); err != nil {
		fmt.Println(err)
	}
	fmt.Println(len(out), out[3] >= 0 && out[3] <= 1)
	// Output: 6 true
}
