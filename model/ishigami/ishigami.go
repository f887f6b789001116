package ishigami

import (
	"math"

	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
)

// Params are the inputs and coefficients of the Ishigami function.
type Params struct {
	X1 float64 `key:"x1" default:"0" range:"[-3.141592653589793,3.141592653589793]" doc:"first input; uniform on [−π, π] in the standard test"`
	X2 float64 `key:"x2" default:"0" range:"[-3.141592653589793,3.141592653589793]" doc:"second input; uniform on [−π, π] in the standard test"`
	X3 float64 `key:"x3" default:"0" range:"[-3.141592653589793,3.141592653589793]" doc:"third input; uniform on [−π, π] in the standard test"`
	A  float64 `key:"a" default:"7" doc:"coefficient of sin² x2"`
	B  float64 `key:"b" default:"0.1" doc:"coefficient of x3⁴ sin x1"`
}

var paramSchema = schema.MustOf(Params{})

// Model is the Ishigami function in the registry.
type Model struct{}

var _ model.Model = Model{}

// Info describes the model.
func (Model) Info() model.Info {
	return model.Info{
		Name:    "ishigami",
		Title:   "Ishigami test function for sensitivity estimators",
		Doc:     "y = sin x1 + a sin² x2 + b x3⁴ sin x1, with known exact Sobol indices when x1, x2, x3 are uniform on [−π, π]: a check for Sobol and Morris sensitivity analyses, not a policy model.",
		Source:  "Ishigami & Homma, Proc. ISUMA '90 (1990) 398–403; closed-form indices as in Homma & Saltelli, Reliab. Eng. Syst. Saf. 52 (1996).",
		Params:  paramSchema,
		Metrics: metrics,
	}
}

var metrics = []model.Metric{
	{Name: "y", Doc: "sin x1 + a sin² x2 + b x3⁴ sin x1"},
}

// Y is the Ishigami function.
func Y(x1, x2, x3, a, b float64) float64 {
	s1, s2 := math.Sin(x1), math.Sin(x2)
	x3sq := x3 * x3
	return s1 + a*s2*s2 + b*x3sq*x3sq*s1
}

// Prepare decodes and range-checks the parameters.
func (Model) Prepare(values map[string]any) (model.Instance, error) {
	var p Params
	if err := paramSchema.Decode(values, &p); err != nil {
		return nil, err
	}
	return &Instance{P: p}, nil
}

// Instance is the function at one parameter set.
type Instance struct{ P Params }

var _ model.Instance = (*Instance)(nil)

// Params returns the decoded parameters.
func (in *Instance) Params() any { return in.P }

// Metrics lists the one metric, y.
func (in *Instance) Metrics() []model.Metric { return metrics }

// Solve evaluates y and reports the exact Sobol indices at this a and b.
func (in *Instance) Solve() (model.Solution, error) {
	p := in.P
	ex := Exact(p.A, p.B)
	return model.Solution{
		Values:      []float64{Y(p.X1, p.X2, p.X3, p.A, p.B)},
		Certificate: model.Certificate{Method: "closed form", Concept: "none: a test function for sensitivity analysis, no equilibrium is computed", Converged: true},
		Extra: map[string]any{"exact_sobol_indices": map[string]float64{
			"mean": ex.Mean, "variance": ex.Variance,
			"S1": ex.First[0], "S2": ex.First[1], "S3": ex.First[2],
			"S12": ex.Second[0][1], "S13": ex.Second[0][2], "S23": ex.Second[1][2],
			"ST1": ex.Total[0], "ST2": ex.Total[1], "ST3": ex.Total[2],
		}},
	}, nil
}

// Indices are the exact moments and Sobol indices of the Ishigami function
// with x1, x2, x3 independent and uniform on [−π, π].
type Indices struct {
	Mean, Variance float64
	First          [3]float64    // S1, S2, S3
	Total          [3]float64    // ST1, ST2, ST3
	Second         [3][3]float64 // Second[i][j] = S_ij, symmetric; only S13 is non-zero
}

// Exact returns the closed-form indices at coefficients a and b (see the
// package documentation for the derivation).
func Exact(a, b float64) Indices {
	pi4 := math.Pow(math.Pi, 4)
	pi8 := pi4 * pi4
	c := 1 + b*pi4/5
	v1 := c * c / 2
	v2 := a * a / 8
	v13 := 8 * b * b * pi8 / 225
	v := v1 + v2 + v13
	var ix Indices
	ix.Mean = a / 2
	ix.Variance = v
	ix.First = [3]float64{v1 / v, v2 / v, 0}
	ix.Total = [3]float64{(v1 + v13) / v, v2 / v, v13 / v}
	ix.Second[0][2] = v13 / v
	ix.Second[2][0] = v13 / v
	return ix
}
