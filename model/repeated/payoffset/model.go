package payoffset

import (
	"fmt"

	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
)

// Params are the parameters of the payoffset model.
type Params struct {
	Payoffs    [][][]float64 `key:"payoffs" default:"[[[3,3],[0,5]],[[5,0],[1,1]]]" unit:"payoff" doc:"stage game: one row per row-player action, each a list of [row payoff, column payoff] pairs, one per column-player action (default: the prisoner's dilemma T,R,P,S = 5,3,1,0)"`
	Discount   float64       `key:"discount" label:"discount factor δ" default:"0.9" range:"(0,1)" doc:"δ: weight of next period's payoff"`
	Method     string        `key:"method" label:"method" default:"exact" enum:"exact|outer|inner" doc:"exact: the APS/Abreu–Sannikov polygon; outer, inner: the Judd–Yeltekin–Conklin bounds on D directions"`
	Directions int           `key:"directions" label:"directions D" default:"64" range:"[3,)" doc:"D: number of directions of the outer and inner approximations (ignored by exact)"`
	Tolerance  float64       `key:"tolerance" label:"tolerance" default:"1e-9" range:"[1e-12,0.01]" doc:"accuracy asked for, as a fraction of the payoff range (largest minus smallest stage payoff)"`
}

var paramSchema = schema.MustOf(Params{})

// Validate checks that payoffs is a non-empty rectangular matrix of pairs.
func (p *Params) Validate() error {
	_, err := p.pairs()
	return err
}

// pairs converts the decoded payoff lists to pairs, naming the first
// malformed entry.
func (p *Params) pairs() ([][][2]float64, error) {
	if len(p.Payoffs) == 0 {
		return nil, model.Invalid("payoffs", "want at least one row of [row payoff, column payoff] pairs, e.g. [[[3,3],[0,5]],[[5,0],[1,1]]]")
	}
	cols := len(p.Payoffs[0])
	out := make([][][2]float64, len(p.Payoffs))
	for i, row := range p.Payoffs {
		if len(row) == 0 {
			return nil, model.Invalid(fmt.Sprintf("payoffs.%d", i), "row %d is empty; want one [row payoff, column payoff] pair per column-player action", i)
		}
		if len(row) != cols {
			return nil, model.Invalid(fmt.Sprintf("payoffs.%d", i), "row %d has %d pairs but row 0 has %d: the matrix must be rectangular, one pair per column-player action in every row", i, len(row), cols)
		}
		out[i] = make([][2]float64, cols)
		for j, pair := range row {
			if len(pair) != 2 {
				return nil, model.Invalid(fmt.Sprintf("payoffs.%d.%d", i, j), "want a pair [row payoff, column payoff], got %d numbers", len(pair))
			}
			out[i][j] = [2]float64{pair[0], pair[1]}
		}
	}
	return out, nil
}

// Model is the payoffset model in the registry.
type Model struct{}

var _ model.Model = Model{}

// Info describes the model.
func (Model) Info() model.Info {
	return model.Info{
		Name:  "payoffset",
		Title: "Equilibrium payoff set of a two-player repeated game with perfect monitoring",
		Doc: "Which payoff pairs can a repeated relationship sustain? The set of pure-strategy subgame-perfect equilibrium payoffs " +
			"(with public randomisation) of any two-player stage game repeated with discount factor δ: exactly, as the largest fixed " +
			"point of the Abreu–Pearce–Stacchetti operator computed polygon by polygon, or bounded from outside and inside by the " +
			"Judd–Yeltekin–Conklin approximations on D directions. Solve --json adds the polygon's vertices.",
		Source:  "Abreu, Pearce & Stacchetti (Econometrica 1990); Abreu & Sannikov (Theoretical Economics 2014); Judd, Yeltekin & Conklin (Econometrica 2003)",
		Params:  paramSchema,
		Metrics: metrics,
		Outputs: []model.Output{{Name: "vertices", Doc: "the set's vertices [[row payoff, column payoff], …], counter-clockwise from the lowest-left one (a sweep keeps them with sweep.keep: [vertices]; polygon figures draw them)"}},
	}
}

var metrics = []model.Metric{
	{Name: "area", Label: "area of the payoff set", Unit: "payoff²", Doc: "area of the payoff set (0 when it is a segment or a point)"},
	{Name: "n_vertices", Label: "vertices", Doc: "number of vertices of the polygon (1: a point, 2: a segment)"},
	{Name: "row_min", Label: "row player's least payoff", Unit: "payoff", Doc: "row player's smallest payoff in the set (its worst equilibrium punishment); payoffs are normalised per period, (1−δ)Σδᵗgₜ, as every model's value"},
	{Name: "row_max", Label: "row player's greatest payoff", Unit: "payoff", Doc: "row player's largest payoff in the set"},
	{Name: "col_min", Label: "column player's least payoff", Unit: "payoff", Doc: "column player's smallest payoff in the set (its worst equilibrium punishment)"},
	{Name: "col_max", Label: "column player's greatest payoff", Unit: "payoff", Doc: "column player's largest payoff in the set"},
}

// Prepare decodes and validates the parameters.
func (Model) Prepare(values map[string]any) (model.Instance, error) {
	var p Params
	if err := paramSchema.Decode(values, &p); err != nil {
		return nil, err
	}
	return New(p)
}

// Defaults returns the default parameters.
func Defaults() Params { return schema.Defaults[Params](paramSchema) }

// Instance is the model at one parameter set.
type Instance struct {
	P    Params
	Game *Game
}

var _ model.Instance = (*Instance)(nil)

// New validates p and builds the instance. Start from [Defaults].
func New(p Params) (*Instance, error) {
	pairs, err := p.pairs()
	if err != nil {
		return nil, err
	}
	g, err := NewGame(pairs)
	if err != nil {
		return nil, err
	}
	if !(p.Discount > 0 && p.Discount < 1) {
		return nil, model.Invalid("discount", "%v is out of range; allowed: 0 < x < 1", p.Discount)
	}
	if p.Method != "exact" {
		if err := checkDirections(p.Directions); err != nil {
			return nil, err
		}
	}
	if _, err := (Options{Tolerance: p.Tolerance}).settings(g, p.Discount); err != nil {
		return nil, err
	}
	return &Instance{P: p, Game: g}, nil
}

// Params returns the decoded parameters.
func (in *Instance) Params() any { return in.P }

// Metrics lists the model's metrics.
func (in *Instance) Metrics() []model.Metric { return metrics }

// Set computes the payoff set with the chosen method.
func (in *Instance) Set() (*Set, error) {
	opt := Options{Tolerance: in.P.Tolerance}
	switch in.P.Method {
	case "exact":
		return Exact(in.Game, in.P.Discount, opt)
	case "outer":
		return Outer(in.Game, in.P.Discount, in.P.Directions, opt)
	case "inner":
		return Inner(in.Game, in.P.Discount, in.P.Directions, opt)
	}
	return nil, model.Invalid("method", "%q is not allowed; allowed values: exact, outer, inner", in.P.Method)
}

var methodNames = map[string]string{
	"exact": "APS operator iterated from co g(A), each profile's polygon clipped by its incentive half-planes (Abreu–Sannikov 2014)",
	"outer": "Judd–Yeltekin–Conklin outer approximation, one LP per direction and profile (gonum lp.Simplex)",
	"inner": "Judd–Yeltekin–Conklin inner approximation, one LP per direction and profile (gonum lp.Simplex)",
}

// Concept is the solution concept of the certificate.
const Concept = "set of pure-strategy subgame-perfect equilibrium payoffs with public randomisation (largest fixed point of the APS operator)"

// Solve computes the set and its metrics. Solution.Extra["vertices"] holds
// the polygon as [][2]float64, counter-clockwise from the lowest-left vertex
// (see [Set.Vertices]). The certificate's residual is the Hausdorff distance
// between the last two iterates, in payoff units. When no pure-strategy
// equilibrium exists the error wraps [ErrNoEquilibrium].
func (in *Instance) Solve() (model.Solution, error) {
	set, err := in.Set()
	if err != nil {
		return model.Solution{}, err
	}
	rowMin, rowMax, colMin, colMax := set.Bounds()
	cert := model.Certificate{
		Method:    methodNames[in.P.Method],
		Concept:   Concept,
		Converged: set.Converged,
		// The set is uniquely defined (the largest fixed point of a monotone
		// operator), but it holds many equilibria: unique says nothing here.
		Unique:     false,
		Residual:   set.Change,
		Iterations: set.Iterations,
		Notes:      []string{"not unique: the polygon is the (uniquely defined) set of all pure-strategy subgame-perfect equilibrium payoffs, which the repeated game's many equilibria span"},
	}
	switch in.P.Method {
	case "outer":
		cert.Method += fmt.Sprintf(", D = %d", set.Directions)
		cert.Notes = append(cert.Notes,
			"outer bound: contains every equilibrium payoff; its vertices are not themselves equilibrium payoffs",
			fmt.Sprintf("largest difference between an LP optimum and the support from the polygon's vertices: %.3g", set.Residual))
	default:
		if in.P.Method == "inner" {
			cert.Method += fmt.Sprintf(", D = %d", set.Directions)
			cert.Notes = append(cert.Notes, "inner bound: every point is an equilibrium payoff")
		}
		cert.Notes = append(cert.Notes, fmt.Sprintf("every vertex verified self-generating (APS 1990): worst residual %.3g", set.Residual))
	}
	if set.Fallbacks > 0 {
		cert.Notes = append(cert.Notes, fmt.Sprintf("%d LPs failed numerically in lp.Simplex and were solved by enumerating the vertices of their feasible polygon", set.Fallbacks))
	}
	return model.Solution{
		Values:      []float64{set.Area(), float64(len(set.Vertices)), rowMin, rowMax, colMin, colMax},
		Certificate: cert,
		Extra:       map[string]any{"vertices": set.Vertices},
	}, nil
}
