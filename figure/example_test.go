package figure_test

import (
	"fmt"

	"github.com/statecraft/statecraft/figure"
)

// Labels name a table's columns on axes and legends: a run builds them from
// the model's schema, with each unit.
func ExampleLabels_Text() {
	labels := figure.Labels{
		"audience_cost": {Label: "audience cost a", Unit: "payoff"},
		"p_attack":      {Label: "P(attack)", Unit: "probability"},
	}
	fmt.Println(labels.Text("audience_cost"))
	fmt.Println(labels.Text("p_attack"))
	fmt.Println(labels.Text("sender_cost.max")) // no label: the name in words
	// Output:
	// audience cost a (payoff)
	// P(attack)
	// sender cost max
}
