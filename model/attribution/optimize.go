package attribution

import "gonum.org/v1/gonum/optimize"

// optimizerName names the optimiser in certificates.
const optimizerName = "gonum/optimize Nelder–Mead"

// minimizeNM minimises f from x0 with gonum/optimize's Nelder–Mead (initial
// simplex x0 and x0 + size·eₖ), stopping when the best value has not improved
// by more than 1e-15 for 20·dim iterations or after maxEvals evaluations; it
// returns the best point and its value. Evaluations run one at a time, so the
// result is deterministic.
func minimizeNM(f func([]float64) float64, x0 []float64, size float64, maxEvals int) ([]float64, float64) {
	settings := &optimize.Settings{
		Converger:       &optimize.FunctionConverge{Absolute: 1e-15, Relative: 1e-15, Iterations: 20 * len(x0)},
		FuncEvaluations: maxEvals,
	}
	res, err := optimize.Minimize(optimize.Problem{Func: f}, x0, settings, &optimize.NelderMead{SimplexSize: size})
	if err != nil || res == nil {
		return append([]float64(nil), x0...), f(x0)
	}
	return res.X, res.F
}
