package findings_test

import (
	"fmt"

	"github.com/statecraft/statecraft/figure"
	"github.com/statecraft/statecraft/findings"
)

// Where does incentive slack turn negative as false alarms rise? Linear
// interpolation between the grid points 0.2 and 0.3 places it at 0.25.
func Example() {
	run := findings.Run{
		Params: []string{"false_alarm"},
		Table: figure.NewTable([]string{"cell", "false_alarm", "ic_slack"}, [][]string{
			{"0", "0.1", "0.3"}, {"1", "0.2", "0.1"}, {"2", "0.3", "-0.1"},
		}),
	}
	s := findings.Spec{
		Name: "switch", Run: figure.Names{"r"}, First: "false_alarm",
		When:        map[string]any{"ic_slack": map[string]any{"below": 0}},
		Interpolate: true,
		Text:        "restraint is self-enforcing up to q ≈ {value:.2f} (grid point {before})",
	}
	r, err := findings.Evaluate(s, map[string]findings.Run{"r": run}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Text)
	// Output: restraint is self-enforcing up to q ≈ 0.25 (grid point 0.2)
}
