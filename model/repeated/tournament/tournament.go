package tournament

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/model/repeated"
	"github.com/statecraft/statecraft/model/repeated/match"
	"github.com/statecraft/statecraft/schema"
)

// Params are the parameters of the tournament model. The monitoring, payoff
// and strategy keys are shared with the match model (see
// [repeated.StrategyConfig]).
type Params struct {
	Strategies []string `key:"strategies" default:"[ALLC, ALLD, TFT, TF2T, 2TFT, STFT, GTFT, WSLS, GRUDGER, CTFT, GRADUAL, RANDOM]" doc:"strategy ids (case-insensitive, each at most once; list them with statecraft strategies)"`

	Noise float64 `key:"noise" label:"execution noise ε" default:"0.05" range:"[0,1]" unit:"probability" doc:"ε: probability that an intended move flips (execution noise)"`

	repeated.MonitoringConfig // perception_noise, monitoring, detection, false_alarm

	Turns        int      `key:"turns" default:"200" range:"[0,)" unit:"turns" doc:"turns per match (≥ 1, or 0 with continuation)"`
	Continuation *float64 `key:"continuation" label:"continuation probability δ" default:"not used" range:"(0,1)" unit:"probability" doc:"δ: matches of random length, another turn following each with this probability; giving it sets turns to 0"`
	Repetitions  int      `key:"repetitions" label:"repetitions" default:"10" range:"[1,100000]" doc:"times each pairing is played within one tournament (one replication)"`

	repeated.StrategyConfig // temptation, reward, punishment, sucker and the strategy families' settings

	MaxStates int `key:"max_states" default:"65536" range:"[1,)" doc:"bound on the joint automaton states of each pairing's exact computation; beyond it the exact metrics of the strategies involved are NaN"`
}

var paramSchema = schema.MustOf(Params{})

// Validate checks the constraints between parameters.
func (p *Params) Validate() error {
	if err := p.StrategyConfig.Validate(); err != nil {
		return err
	}
	if len(p.Strategies) == 0 {
		return model.Invalid("strategies", "give at least one strategy id (valid ids: %s)", strings.Join(repeated.IDs(), ", "))
	}
	seen := map[string]int{}
	for i, id := range p.Strategies {
		key := "strategies." + strconv.Itoa(i)
		canon, err := repeated.Canonical(id)
		if err != nil {
			return schema.Prefix(key, err)
		}
		if j, dup := seen[canon]; dup {
			return model.Invalid(key, "%s is listed twice (also strategies.%d); each strategy plays once and meets a copy of itself anyway", canon, j)
		}
		seen[canon] = i
	}
	if err := p.MonitoringConfig.Validate(); err != nil {
		return err
	}
	if err := repeated.CheckRandomLength(p.Turns, p.Continuation); err != nil {
		return err
	}
	if p.Continuation == nil && p.Turns == 0 {
		return model.Invalid("turns", "a tournament needs matches of at least 1 turn, or turns 0 with a continuation probability")
	}
	return nil
}

// Model is the tournament model in the registry.
type Model struct{}

var _ model.Model = Model{}

// Info describes the model.
func (Model) Info() model.Info {
	return model.Info{
		Name:    "tournament",
		Title:   "Axelrod-style noisy round-robin tournament of repeated prisoner's dilemma strategies",
		Doc:     "Every strategy meets every other and itself, repetitions times, with execution noise, perception noise or public-signal monitoring. Per strategy: mean score per turn, rank and cooperation rate from a played tournament (one per replication), and the exact expected score without sampling error.",
		Source:  "Axelrod, J. Conflict Resolution 24 (1980); Axelrod, The Evolution of Cooperation (1984); Wu & Axelrod, J. Conflict Resolution 39 (1995)",
		Params:  paramSchema,
		Metrics: patternMetrics,
	}
}

var patternMetrics = []model.Metric{
	{Name: "exact_score_<id>", Unit: "payoff per turn", Doc: "exact expected mean score per turn of the strategy over all opponents, itself included; NaN when a pairing exceeds max_states"},
	{Name: "exact_winner", Doc: "strategy with the highest exact score (categorical: the strategy ids); NaN when an exact score is"},
	{Name: "score_<id>", Simulated: true, Unit: "payoff per turn", Doc: "the strategy's mean score per turn over all opponents, itself included"},
	{Name: "rank_<id>", Simulated: true, Doc: "1 + the number of strategies with a strictly higher score"},
	{Name: "coop_<id>", Simulated: true, Unit: "share of moves", Doc: "share of the strategy's moves that were cooperations"},
	{Name: "winner", Simulated: true, Doc: "strategy with the highest score (categorical: the strategy ids; the first listed on a tie)"},
}

// Prepare decodes and validates the parameters.
func (Model) Prepare(values map[string]any) (model.Instance, error) {
	var p Params
	if err := paramSchema.Decode(repeated.RandomLength(values), &p); err != nil {
		return nil, err
	}
	return New(p)
}

// Defaults returns the default parameters.
func Defaults() Params { return schema.Defaults[Params](paramSchema) }

// Instance is the tournament model at one parameter set.
type Instance struct {
	P          Params
	IDs        []string // canonical strategy ids in the order given
	Tournament repeated.Tournament
	metrics    []model.Metric
}

var _ model.Instance = (*Instance)(nil)
var _ model.Simulator = (*Instance)(nil)

// New returns the instance at parameters p, which must hold every value
// (start from [Defaults]).
func New(p Params) (*Instance, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	sp := p.StrategyParams()
	in := &Instance{P: p}
	for i, id := range p.Strategies {
		s, err := match.Strategy("strategies."+strconv.Itoa(i), id, sp)
		if err != nil {
			return nil, err
		}
		in.IDs = append(in.IDs, s.Info().ID)
		in.Tournament.Players = append(in.Tournament.Players, s)
	}
	in.Tournament.Payoffs = sp.Payoffs
	in.Tournament.Noise = p.MonitoringConfig.Noise(p.Noise)
	in.Tournament.Turns = p.Turns
	if p.Continuation != nil {
		in.Tournament.Continuation = *p.Continuation
	}
	in.Tournament.Repetitions = p.Repetitions
	if err := in.Tournament.Validate(); err != nil {
		return nil, model.Invalid("noise", "%v", err)
	}
	in.metrics = in.buildMetrics()
	return in, nil
}

func (in *Instance) buildMetrics() []model.Metric {
	var ms []model.Metric
	name := func(prefix, id string) string { return prefix + strings.ToLower(id) }
	for _, id := range in.IDs {
		ms = append(ms, model.Metric{Name: name("exact_score_", id), Label: "exact score of " + id, Unit: "payoff per turn", Doc: "exact expected mean score per turn of " + id + " over all opponents, itself included; NaN when a pairing exceeds max_states"})
	}
	ms = append(ms, model.Metric{Name: "exact_winner", Label: "exact winner", Levels: in.IDs, Doc: "strategy with the highest exact score; NaN when an exact score is"})
	for _, id := range in.IDs {
		ms = append(ms, model.Metric{Name: name("score_", id), Label: "score of " + id, Simulated: true, Unit: "payoff per turn", Doc: "mean score per turn of " + id + " over all opponents, itself included"})
	}
	for _, id := range in.IDs {
		ms = append(ms, model.Metric{Name: name("rank_", id), Label: "rank of " + id, Simulated: true, Doc: "rank of " + id + ": 1 + the number of strategies with a strictly higher score"})
	}
	for _, id := range in.IDs {
		ms = append(ms, model.Metric{Name: name("coop_", id), Label: "share of cooperative moves of " + id, Simulated: true, Unit: "share of moves", Doc: "share of the moves of " + id + " that were cooperations"})
	}
	ms = append(ms, model.Metric{Name: "winner", Label: "winner", Simulated: true, Levels: in.IDs, Doc: "strategy with the highest score (the first listed on a tie)"})
	return ms
}

// Params returns the decoded parameters.
func (in *Instance) Params() any { return in.P }

// Metrics lists the metrics: exact scores and exact winner, then per
// strategy the simulated scores, ranks and cooperation rates, then the
// winner.
func (in *Instance) Metrics() []model.Metric { return in.metrics }

// Solve computes the exact expected scores of every strategy.
func (in *Instance) Solve() (model.Solution, error) {
	n := len(in.IDs)
	t := &in.Tournament
	a := make([][]float64, n)
	for i := range a {
		a[i] = make([]float64, n)
	}
	var notes []string
	states := 0
	for _, pr := range repeated.Pairs(n) {
		i, j := pr[0], pr[1]
		m := repeated.Match{Row: t.Players[i], Col: t.Players[j], Payoffs: t.Payoffs, Noise: t.Noise, Turns: t.Turns, Continuation: t.Continuation}
		e, err := repeated.Exact(&m, in.P.MaxStates)
		if errors.Is(err, repeated.ErrStateSpace) {
			a[i][j], a[j][i] = math.NaN(), math.NaN()
			notes = append(notes, fmt.Sprintf("%s against %s: %v", in.IDs[i], in.IDs[j], err))
			continue
		}
		if err != nil {
			return model.Solution{}, err
		}
		states = max(states, e.States)
		if i == j {
			a[i][i] = (e.RowScore + e.ColScore) / 2
		} else {
			a[i][j], a[j][i] = e.RowScore, e.ColScore
		}
	}
	values := make([]float64, 0, n+1)
	score := make([]float64, n)
	anyNaN := false
	for i := range a {
		var s float64
		for _, v := range a[i] {
			s += v
		}
		score[i] = s / float64(n)
		anyNaN = anyNaN || math.IsNaN(score[i])
		values = append(values, score[i])
	}
	winner := math.NaN()
	if !anyNaN {
		_, w := repeated.Rank(score)
		winner = float64(w)
	}
	values = append(values, winner)
	notes = append(notes, fmt.Sprintf("largest joint state space: %d states", states))
	return model.Solution{
		Values: values,
		Certificate: model.Certificate{
			Method:  "exact propagation of the joint state distribution for every pairing",
			Concept: model.ConceptNone, Converged: !anyNaN, Notes: notes,
		},
		Extra: map[string]any{"exact_matrix": nanToNil(a), "strategies": in.IDs},
	}, nil
}

// nanToNil writes NaN entries as nulls, so that the matrix survives JSON.
func nanToNil(a [][]float64) [][]any {
	out := make([][]any, len(a))
	for i, row := range a {
		out[i] = make([]any, len(row))
		for j, v := range row {
			if !math.IsNaN(v) {
				out[i][j] = v
			}
		}
	}
	return out
}

// Simulate plays one tournament. Its matches draw from streams derived from
// one 64-bit draw of rng; it allocates per tournament, never per turn.
func (in *Instance) Simulate(rng *rand.Rand, out []float64) error {
	n := len(in.IDs)
	if len(out) != 3*n+1 {
		return fmt.Errorf("tournament: Simulate needs %d outputs, got %d", 3*n+1, len(out))
	}
	t := in.Tournament
	t.Seed = rng.Uint64()
	t.Workers = 1
	s, err := t.Run()
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		out[i] = s.Score[i]
		out[n+i] = float64(s.Rank[i])
		out[2*n+i] = s.Coop[i]
	}
	out[3*n] = float64(s.Winner)
	return nil
}
