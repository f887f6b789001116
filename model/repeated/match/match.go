package match

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/model/repeated"
	"github.com/statecraft/statecraft/schema"
)

// Params are the parameters of the match model. The monitoring, payoff and
// strategy keys are shared with the tournament model (see
// [repeated.StrategyConfig]).
type Params struct {
	Row string `key:"row" label:"row player's strategy" default:"TFT" doc:"row player's strategy id (case-insensitive; list them with statecraft strategies): ALLC, ALLD, TFT, TF2T, 2TFT, STFT, GTFT, WSLS, GRUDGER, CTFT, GRADUAL, PUNISH, PTRIGGER, RANDOM, ALTERNATOR, ZDEXTORT, MEMORY1, SOFTMAJORITY"`
	Col string `key:"col" label:"column player's strategy" default:"ALLD" doc:"column player's strategy id (as row)"`

	Noise float64 `key:"noise" label:"execution noise ε" default:"0" range:"[0,1]" unit:"probability" doc:"ε: probability that an intended move flips (execution noise); players know their own executed move"`

	repeated.MonitoringConfig // perception_noise, monitoring, detection, false_alarm

	Turns        int      `key:"turns" default:"200" range:"[0,)" unit:"turns" doc:"match length; 0 = the infinite-horizon long run, or random length when continuation is given"`
	Continuation *float64 `key:"continuation" label:"continuation probability δ" default:"not used" range:"(0,1)" unit:"probability" doc:"δ: another turn follows each turn with this probability (expected length 1/(1−δ)); giving it sets turns to 0"`
	SimTurns     int      `key:"sim_turns" label:"simulated turns per match" default:"1000" range:"[1,)" unit:"turns" doc:"long run (turns 0 without continuation): turns of each simulated match that the simulated metrics average"`
	SimBurnIn    int      `key:"sim_burn_in" label:"burn-in turns" default:"1000" range:"[0,)" unit:"turns" doc:"long run: turns played and discarded before the sim_turns that count, so that the start does not bias the simulated metrics"`

	repeated.StrategyConfig // temptation, reward, punishment, sucker and the strategy families' settings

	MaxStates int `key:"max_states" default:"262144" range:"[1,)" doc:"bound on the joint automaton states of the exact computation; beyond it the exact metrics are NaN"`
}

var paramSchema = schema.MustOf(Params{})

// Validate checks the constraints between parameters.
func (p *Params) Validate() error {
	if err := p.StrategyConfig.Validate(); err != nil {
		return err
	}
	if err := p.MonitoringConfig.Validate(); err != nil {
		return err
	}
	return repeated.CheckRandomLength(p.Turns, p.Continuation)
}

// Model is the match model in the registry.
type Model struct{}

var _ model.Model = Model{}

// Info describes the model.
func (Model) Info() model.Info {
	return model.Info{
		Name:    "match",
		Title:   "One noisy repeated prisoner's dilemma between two strategies",
		Doc:     "Two strategies (automata from the strategy catalogue) play a repeated prisoner's dilemma with execution noise, perception noise or public-signal monitoring, for a fixed number of turns, a random number, or the infinite-horizon long run. Exact expected scores per turn (propagation of the joint state distribution; Markov chain in the long run) and simulated ones.",
		Source:  "Axelrod, The Evolution of Cooperation (1984); Nowak & Sigmund, Nature 364 (1993); Press & Dyson, PNAS 109 (2012); Wu & Axelrod, J. Conflict Resolution 39 (1995)",
		Params:  paramSchema,
		Metrics: metrics,
	}
}

var metrics = []model.Metric{
	{Name: "row_score", Label: "row player's score", Unit: "payoff per turn", Doc: "exact expected score per turn of the row player (long run: limit of the average; continuation: E[total]/E[turns]); NaN when the exact computation is out of reach"},
	{Name: "col_score", Label: "column player's score", Unit: "payoff per turn", Doc: "exact expected score per turn of the column player"},
	{Name: "coop_rate_exact", Label: "share of cooperative moves", Unit: "share of moves", Doc: "exact expected share of all moves (both players) that are cooperations"},
	{Name: "mutual_coop_exact", Label: "share of turns of mutual cooperation", Unit: "share of turns", Doc: "exact expected share of turns in which both cooperate"},
	{Name: "row_score_sim", Label: "row player's score, simulated", Simulated: true, Unit: "payoff per turn", Doc: "row player's score per turn in one played match: total/turns; (1−δ)·total under continuation; in the long run the average over sim_turns turns after a discarded burn-in of sim_burn_in turns, a finite-horizon estimate of row_score"},
	{Name: "col_score_sim", Label: "column player's score, simulated", Simulated: true, Unit: "payoff per turn", Doc: "column player's score per turn in one played match (as row_score_sim)"},
	{Name: "coop_rate", Label: "share of cooperative moves, simulated", Simulated: true, Unit: "share of moves", Doc: "share of all moves (both players) that were cooperations, over the turns row_score_sim averages"},
	{Name: "mutual_coop", Label: "share of turns of mutual cooperation, simulated", Simulated: true, Unit: "share of turns", Doc: "share of turns in which both cooperated, over the turns row_score_sim averages"},
}

const numSimulated = 4

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

// Strategy builds the strategy named by the parameter key (row, col, or a
// list element such as strategies.2), turning errors into bad input that
// names the right key.
func Strategy(key, id string, sp repeated.StrategyParams) (repeated.Strategy, error) {
	if _, err := repeated.Canonical(id); err != nil {
		return nil, schema.Prefix(key, err)
	}
	s, err := repeated.New(id, sp)
	if err != nil {
		var se *schema.Error
		if errors.As(err, &se) {
			return nil, &schema.Error{Path: se.Path, Msg: se.Msg + " (for " + key + " = " + id + ")"}
		}
		return nil, schema.Prefix(key, err)
	}
	return s, nil
}

// Instance is the match model at one parameter set.
type Instance struct {
	P     Params
	Match repeated.Match // as specified (Turns 0 and Continuation 0 for the long run)
	sim   repeated.Match // what Simulate plays
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
	row, err := Strategy("row", p.Row, sp)
	if err != nil {
		return nil, err
	}
	col, err := Strategy("col", p.Col, sp)
	if err != nil {
		return nil, err
	}
	m := repeated.Match{Row: row, Col: col, Payoffs: sp.Payoffs, Turns: p.Turns, Noise: p.MonitoringConfig.Noise(p.Noise)}
	if p.Continuation != nil {
		m.Continuation = *p.Continuation
	}
	sim := m
	if m.Turns == 0 && m.Continuation == 0 {
		sim.Turns, sim.BurnIn = p.SimTurns, p.SimBurnIn
	}
	if err := sim.Validate(); err != nil {
		return nil, model.Invalid("noise", "%v", err)
	}
	return &Instance{P: p, Match: m, sim: sim}, nil
}

// Params returns the decoded parameters.
func (in *Instance) Params() any { return in.P }

// Metrics lists the model's metrics.
func (in *Instance) Metrics() []model.Metric { return metrics }

// Solve computes the exact expected per-turn metrics.
func (in *Instance) Solve() (model.Solution, error) {
	extra := map[string]any{"row": in.Match.Row.Info(), "col": in.Match.Col.Info()}
	e, err := repeated.Expect(&in.Match, in.P.MaxStates)
	if errors.Is(err, repeated.ErrStateSpace) {
		nan := math.NaN()
		return model.Solution{
			Values:      []float64{nan, nan, nan, nan},
			Certificate: model.Certificate{Method: "exact computation not available", Concept: model.ConceptNone, Notes: []string{err.Error(), "the simulated metrics still apply"}},
			Extra:       extra,
		}, nil
	}
	if err != nil {
		return model.Solution{}, err
	}
	notes := []string{"joint states: " + strconv.Itoa(e.States)}
	if in.Match.Turns == 0 && in.Match.Continuation == 0 {
		notes = append(notes, fmt.Sprintf("long run; the simulation averages sim_turns = %d turns after a burn-in of sim_burn_in = %d turns: it estimates the exact average over that window, which tends to the long-run limit as the burn-in grows", in.P.SimTurns, in.P.SimBurnIn))
	}
	return model.Solution{
		Values: []float64{e.RowScore, e.ColScore, (e.RowCoop + e.ColCoop) / 2, e.Mutual},
		Certificate: model.Certificate{
			Method: e.Method, Concept: model.ConceptNone, Converged: true, Residual: e.Residual, Iterations: e.Turns, Notes: notes,
		},
		Extra: extra,
	}, nil
}

// Simulate plays one match and writes the simulated metrics to out. It
// allocates nothing.
func (in *Instance) Simulate(rng *rand.Rand, out []float64) error {
	if len(out) != numSimulated {
		return fmt.Errorf("match: Simulate needs %d outputs, got %d", numSimulated, len(out))
	}
	m := &in.sim
	r := m.Play(rng)
	k := 1 / float64(r.Turns)
	if m.Turns == 0 {
		k = 1 - m.Continuation
	}
	out[0] = k * r.RowTotal(m.Payoffs)
	out[1] = k * r.ColTotal(m.Payoffs)
	out[2] = k * float64(r.RowCoops()+r.ColCoops()) / 2
	out[3] = k * float64(r.Counts[repeated.CC])
	return nil
}
