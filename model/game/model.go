package game

import (
	"fmt"
	"math"

	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
)

// Params are the parameters of the "game" model: a finite game declared
// inline in its YAML form, and how to solve it.
type Params struct {
	Payoffs PayoffTable  `key:"payoffs" doc:"the payoffs as nested lists, one level per player: payoffs[s1][s2]…[sN] = [u1, …, uN] (2 players: rows of cells [row payoff, column payoff]); a sweep can vary one entry, e.g. payoffs.0.1.0"`
	Players []PlayerSpec `key:"players" doc:"optional player names and strategy labels, [{name: Row, strategies: [Up, Down]}, …]; default Player 1, 2, … with strategies 1, 2, …"`
	Title   string       `key:"title" doc:"optional title of the game"`
	Method  string       `key:"method" default:"auto" enum:"auto|pure|enum|enum-float|lh|lh-all|lp|logit" doc:"solution method: auto is enum (every extreme equilibrium, exact) for 2 players and pure for more; see 'statecraft game solve --help'"`
	Select  string       `key:"select" default:"first" enum:"first|welfare|support" doc:"which equilibrium the prob_ and payoff_ metrics describe: first in the canonical order (player 1's probabilities compared strategy by strategy, largest first, then player 2's, …), the one with the largest sum of payoffs (welfare; ties by order), or the one with the largest support (support; ties by order)"`
}

// PlayerSpec names a player and the player's strategies.
type PlayerSpec struct {
	Name       string   `key:"name" doc:"the player's name"`
	Strategies []string `key:"strategies" doc:"the player's strategy labels, in the order of the payoff lists"`
}

// PayoffTable is the payoffs parameter: it decodes the nested lists of the
// YAML form (see [ToYAMLMap]) into a game.
type PayoffTable struct {
	game *Game
}

// DecodeValue implements schema.Decoder.
func (p *PayoffTable) DecodeValue(v any) error {
	g, err := PayoffsFromYAML(v, "")
	if err != nil {
		return err
	}
	p.game = g
	return nil
}

// SchemaKind names the form in the docs.
func (*PayoffTable) SchemaKind() string { return "payoff table" }

// Validate checks the constraints between parameters.
func (p *Params) Validate() error {
	if p.Payoffs.game == nil {
		return model.Invalid("payoffs", "required: the payoffs as nested lists, e.g. [[[3, 3], [0, 5]], [[5, 0], [1, 1]]] for a 2×2 game")
	}
	g := p.Payoffs.game
	if p.Players != nil {
		if len(p.Players) != g.NumPlayers() {
			return model.Invalid("players", "%d players listed, but the payoffs are for %d", len(p.Players), g.NumPlayers())
		}
		for i, pl := range p.Players {
			if len(pl.Strategies) != g.dims[i] {
				return model.Invalid(fmt.Sprintf("players.%d.strategies", i), "%d strategies listed, but the payoffs have %d for player %d", len(pl.Strategies), g.dims[i], i+1)
			}
		}
	}
	if g.NumPlayers() != 2 && p.Method != "auto" && p.Method != "pure" && p.Method != "logit" {
		return model.Invalid("method", "method %s works on 2-player games; this game has %d players (allowed: auto, pure, logit)", p.Method, g.NumPlayers())
	}
	if p.Method == "lp" && !ConstantSum(g) {
		return model.Invalid("method", "method lp needs a zero-sum (or constant-sum) game; use auto, enum or lh")
	}
	return nil
}

var paramSchema = schema.MustOf(Params{})

// Model is the "game" model of the registry: Nash equilibria of a finite
// normal-form game given inline.
type Model struct{}

var _ model.Model = Model{}

// Info describes the model.
func (Model) Info() model.Info {
	return model.Info{
		Name:   "game",
		Title:  "Nash equilibria of a finite game in normal form",
		Doc:    "A finite game given as payoff tables (any number of players). Computes its pure equilibria and, for two players, every extreme mixed equilibrium exactly (or Lemke–Howson, or linear programming for zero-sum games); every equilibrium is verified. Metrics count the equilibria and describe one selected equilibrium, so a sweep over a payoff entry shows how it moves.",
		Source: "Vertex enumeration of the best-response polytopes (von Stengel, Handbook of Game Theory 3, ch. 45, 2002; Avis, Rosenberg, Savani & von Stengel, Economic Theory 42, 2010); Lemke & Howson (J. SIAM 12, 1964); Gambit's .nfg format.",
		Params: paramSchema,
		Metrics: []model.Metric{
			{Name: "n_equilibria", Label: "equilibria", Doc: "number of equilibria the method returns (for enum: every extreme equilibrium)"},
			{Name: "n_pure", Label: "pure equilibria", Doc: "number of pure-strategy equilibria (always computed, whatever the method)"},
			{Name: "kind", Label: "equilibrium", Levels: []string{"none", "pure", "mixed"}, Doc: "the selected equilibrium: none found, pure, or mixed"},
			{Name: "prob_<player>_<strategy>", Unit: "probability", Doc: "probability that player <player> (1-based) plays strategy <strategy> (1-based) in the selected equilibrium; NaN when none was found"},
			{Name: "payoff_<player>", Unit: "payoff", Doc: "expected payoff of player <player> in the selected equilibrium; NaN when none was found"},
		},
	}
}

// Prepare decodes and validates the parameters.
func (Model) Prepare(values map[string]any) (model.Instance, error) {
	var p Params
	if err := paramSchema.Decode(values, &p); err != nil {
		return nil, err
	}
	g := p.Payoffs.game.Clone()
	g.Title = p.Title
	for i, pl := range p.Players {
		g.players[i] = pl.Name
		copy(g.strats[i], pl.Strategies)
	}
	method := p.Method
	if method == "auto" {
		method = DefaultMethod(g)
	}
	inst := &Instance{P: p, Game: g, method: method}
	inst.metrics = []model.Metric{
		{Name: "n_equilibria", Label: "equilibria", Doc: "number of equilibria found by method " + method},
		{Name: "n_pure", Label: "pure equilibria", Doc: "number of pure-strategy equilibria"},
		{Name: "kind", Label: "equilibrium", Levels: []string{"none", "pure", "mixed"}, Doc: "the selected equilibrium (rule " + p.Select + "): none found, pure or mixed"},
	}
	for i := range g.dims {
		for s := range g.dims[i] {
			inst.metrics = append(inst.metrics, model.Metric{
				Name: fmt.Sprintf("prob_%d_%d", i+1, s+1), Unit: "probability",
				Label: fmt.Sprintf("P(%s plays %s)", g.players[i], g.strats[i][s]),
				Doc:   fmt.Sprintf("probability that %s plays %s in the selected equilibrium", g.players[i], g.strats[i][s]),
			})
		}
	}
	for i := range g.dims {
		inst.metrics = append(inst.metrics, model.Metric{
			Name: fmt.Sprintf("payoff_%d", i+1), Unit: "payoff",
			Label: fmt.Sprintf("%s's payoff", g.players[i]),
			Doc:   fmt.Sprintf("expected payoff of %s in the selected equilibrium", g.players[i]),
		})
	}
	return inst, nil
}

// Instance is the game model at one parameter set.
type Instance struct {
	P    Params
	Game *Game

	method  string
	metrics []model.Metric
}

var _ model.Instance = (*Instance)(nil)

// Params returns the decoded parameters.
func (x *Instance) Params() any { return x.P }

// Metrics lists the metrics: n_equilibria, n_pure, kind, prob_<i>_<s> for
// every player and strategy, payoff_<i> for every player.
func (x *Instance) Metrics() []model.Metric { return x.metrics }

// Select returns the index of the equilibrium a rule picks from a list in
// canonical order, or −1 for an empty list: "first" the first, "welfare" the
// one with the largest sum of payoffs, "support" the one with the most
// strategies played; ties go to the earliest.
func Select(es []Equilibrium, rule string) int {
	if len(es) == 0 {
		return -1
	}
	best := 0
	for k := 1; k < len(es); k++ {
		switch rule {
		case "welfare":
			if welfare(&es[k]) > welfare(&es[best]) {
				best = k
			}
		case "support":
			if es[k].SupportSize() > es[best].SupportSize() {
				best = k
			}
		}
	}
	return best
}

func welfare(e *Equilibrium) float64 {
	s := 0.0
	for _, v := range e.Payoffs {
		s += v
	}
	return s
}

// Solve computes the equilibria and the metrics of the selected one.
func (x *Instance) Solve() (model.Solution, error) {
	es, err := SolveEquilibria(x.Game, x.method)
	if err != nil {
		return model.Solution{}, err
	}
	pure, err := PureEquilibria(x.Game)
	if err != nil {
		return model.Solution{}, err
	}
	vals := make([]float64, len(x.metrics))
	vals[0] = float64(len(es))
	vals[1] = float64(len(pure))
	for k := 2; k < len(vals); k++ {
		vals[k] = math.NaN()
	}
	sel := Select(es, x.P.Select)
	cert := model.Certificate{Method: x.method + ": " + MethodDoc(x.method), Concept: concepts[x.method], Converged: true}
	if sel >= 0 {
		e := es[sel]
		vals[2] = 2
		if e.IsPure() {
			vals[2] = 1
		}
		k := 3
		for _, p := range e.Profile {
			for _, v := range p {
				vals[k] = v
				k++
			}
		}
		for _, v := range e.Payoffs {
			vals[k] = v
			k++
		}
		cert.Residual = e.Regret
		// One extreme equilibrium means one equilibrium: the equilibria
		// are the union of convex hulls of extreme ones. Only the exact
		// enumeration finds them all, degenerate games included.
		cert.Unique = len(es) == 1 && x.method == "enum"
		if cert.Unique {
			cert.Notes = append(cert.Notes, "unique: exact vertex enumeration found one extreme equilibrium, so the game has exactly one")
		}
		cert.Notes = append(cert.Notes, fmt.Sprintf("selected equilibrium %d of %d (rule %s)", sel+1, len(es), x.P.Select))
	} else {
		vals[2] = 0
		cert.Notes = append(cert.Notes, "no equilibrium found by method "+x.method)
	}
	if x.method == "lp" {
		cert.Notes = append(cert.Notes, "zero-sum game: every equilibrium gives the same payoffs (the value)")
	}
	r := NewReport(x.Game, x.method, es)
	players := make([]map[string]any, x.Game.NumPlayers())
	for i := range players {
		players[i] = map[string]any{"name": x.Game.players[i], "strategies": append([]string(nil), x.Game.strats[i]...)}
	}
	return model.Solution{
		Values:      vals,
		Certificate: cert,
		Extra:       map[string]any{"players": players, "equilibria": r.Equilibria},
	}, nil
}
