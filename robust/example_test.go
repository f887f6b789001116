package robust_test

import (
	"fmt"

	"github.com/statecraft/statecraft/robust"
)

// Three settings, four scenarios; larger is better. Setting B always
// reaches 4 but falls 5 short of C in scenario 2; A's worst shortfall is 4.
func ExampleTable() {
	values := [][]float64{
		{5, 3, 8, 2}, // A
		{4, 6, 4, 4}, // B
		{1, 7, 9, 0}, // C
	}
	threshold := 4.0
	levers, err := robust.Table(values, robust.Options{Threshold: &threshold})
	if err != nil {
		fmt.Println(err)
		return
	}
	for g, l := range levers {
		fmt.Printf("%c: mean %.2f, median %.1f, share ≥ 4 %.2f, max regret %.0f in scenario %d\n", 'A'+g, l.Mean, l.Q[1], l.Satisficing, l.MaxRegret, l.MaxRegretAt)
	}
	fmt.Printf("minimax regret: %c; most satisficing: %c\n", 'A'+robust.MinimaxRegret(levers), 'A'+robust.MostSatisficing(levers))
	// Output:
	// A: mean 4.50, median 4.0, share ≥ 4 0.50, max regret 4 in scenario 1
	// B: mean 4.50, median 4.0, share ≥ 4 1.00, max regret 5 in scenario 2
	// C: mean 4.25, median 4.0, share ≥ 4 0.50, max regret 4 in scenario 0
	// minimax regret: A; most satisficing: B
}
