package discover_test

import (
	"fmt"

	"github.com/statecraft/statecraft/discover"
)

// Ten cases on one dimension; those at x = 1, 2, 3 and 5 are of interest.
// With α = 0.2 PRIM peels the top until the box x ≤ 3.5 holds only cases of
// interest; the default choice is the densest box covering at least 80% of
// them.
func ExampleFind() {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	interest := []bool{true, true, true, false, true, false, false, false, false, false}
	rep, err := discover.Find([]string{"x"}, [][]float64{x}, interest, discover.Params{PeelAlpha: 0.2, MassMin: 0.2})
	if err != nil {
		fmt.Println(err)
		return
	}
	box := rep.Boxes[0]
	for _, st := range box.Trajectory {
		fmt.Printf("step %d %-5s cases %2d  coverage %.2f  density %.2f\n", st.Index, st.Phase, st.Cases, st.Coverage, st.Density)
	}
	l := box.Limits[0]
	fmt.Printf("chosen: step %d, %s ≤ %g (quasi-p %.4f)\n", box.Chosen, l.Dim, l.Upper, *l.QP)
	// Output:
	// step 0 start cases 10  coverage 1.00  density 0.40
	// step 1 peel  cases  8  coverage 1.00  density 0.50
	// step 2 peel  cases  6  coverage 1.00  density 0.67
	// step 3 peel  cases  4  coverage 0.75  density 0.75
	// step 4 peel  cases  3  coverage 0.75  density 1.00
	// chosen: step 2, x ≤ 6.5 (quasi-p 0.1792)
}
