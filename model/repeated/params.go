package repeated

import (
	"math"

	"github.com/statecraft/statecraft/schema"
)

// The registry models that play this package's strategies (match and
// tournament) take the same parameters for monitoring, payoffs and strategy
// settings. They embed the structs below in their Params, so that both decode,
// check and document those keys identically: package schema flattens an
// embedded struct into the keys of the outer one.

// MonitoringConfig is the configuration form of how players observe each
// other ([Noise] without the execution noise, whose default differs between
// the models). Embedded in a model's Params, its Validate must be called by
// the model's own.
type MonitoringConfig struct {
	PerceptionNoise float64 `key:"perception_noise" label:"misperception ε_obs" default:"0" range:"[0,1]" unit:"probability" doc:"ε_obs: probability that a player misreads the other's move (monitoring private)"`
	Monitoring      string  `key:"monitoring" label:"monitoring" default:"private" enum:"private|public" doc:"private: each player sees the other's moves; public: both see only an alarm, read as the other's defection (the espionage model's monitoring)"`
	Detection       float64 `key:"detection" label:"detection p" default:"1" range:"[0,1]" unit:"probability" doc:"p: probability of an alarm in a turn in which someone defected (monitoring public)"`
	FalseAlarm      float64 `key:"false_alarm" label:"false-alarm rate q" default:"0" range:"[0,1]" unit:"probability" doc:"q: probability of an alarm in a turn in which both cooperated (monitoring public)"`
}

// Validate refuses perception noise under public monitoring, naming the key.
func (c *MonitoringConfig) Validate() error {
	if c.Monitoring == "public" && c.PerceptionNoise > 0 {
		return schema.Errorf("perception_noise", "applies only to monitoring private (players seeing each other's moves); under monitoring public the signal's noise is set by detection and false_alarm")
	}
	return nil
}

// Noise returns the noise of a match with execution noise execution under
// this monitoring.
func (c *MonitoringConfig) Noise(execution float64) Noise {
	return Noise{Execution: execution, Perception: c.PerceptionNoise, Public: c.Monitoring == "public", Detection: c.Detection, FalseAlarm: c.FalseAlarm}
}

// StrategyConfig is the configuration form of [StrategyParams]: the stage
// payoffs and the parameters of the strategy families. Embedded in a model's
// Params, its Validate must be called by the model's own.
type StrategyConfig struct {
	Temptation float64 `key:"temptation" label:"temptation T" default:"5" unit:"payoff" doc:"T: payoff for defecting against a cooperator"`
	Reward     float64 `key:"reward" label:"reward R" default:"3" unit:"payoff" doc:"R: payoff to each when both cooperate"`
	Punishment float64 `key:"punishment" label:"punishment P" default:"1" unit:"payoff" doc:"P: payoff to each when both defect"`
	Sucker     float64 `key:"sucker" label:"sucker's payoff S" default:"0" unit:"payoff" doc:"S: payoff for cooperating against a defector"`

	CoopProb     float64   `key:"coop_prob" label:"RANDOM: P(cooperate)" default:"0.5" range:"[0,1]" unit:"probability" doc:"RANDOM: probability of cooperating each turn"`
	PunishLength int       `key:"punish_length" label:"PUNISH: punishment length L" default:"3" range:"[1,1048576]" unit:"turns" doc:"PUNISH: L, turns of defection after a seen defection"`
	TriggerProb  float64   `key:"trigger_prob" label:"PTRIGGER: trigger probability τ" default:"0.5" range:"[0,1]" unit:"probability" doc:"PTRIGGER: τ, probability that a seen defection starts permanent defection"`
	Chi          float64   `key:"chi" label:"ZDEXTORT: χ" default:"3" range:"[1,)" doc:"ZDEXTORT: χ, extortion factor (s_X − P = χ(s_Y − P))"`
	Phi          float64   `key:"phi" label:"ZDEXTORT: φ" default:"0.5" range:"(0,1]" doc:"ZDEXTORT: φ as a share of its largest feasible value"`
	Generosity   *float64  `key:"generosity" label:"GTFT: generosity" default:"min(1−(T−R)/(R−S), (R−P)/(T−P)), 1/3 at 5,3,1,0" range:"[0,1]" unit:"probability" doc:"GTFT: probability of forgiving a defection"`
	MemoryOne    []float64 `key:"memory_one" label:"MEMORY1 probabilities" range:"[0,1]" unit:"probability" doc:"MEMORY1 (required for it): [p_CC, p_CD, p_DC, p_DD], probabilities of cooperating after each outcome, own move first"`
}

// Validate checks T > R > P > S; the error names temptation, the key listed
// first.
func (c *StrategyConfig) Validate() error {
	if err := c.Payoffs().Validate(); err != nil {
		return schema.Errorf("temptation", "%v", err)
	}
	return nil
}

// Payoffs returns the stage payoffs.
func (c *StrategyConfig) Payoffs() Payoffs {
	return Payoffs{T: c.Temptation, R: c.Reward, P: c.Punishment, S: c.Sucker}
}

// StrategyParams returns the parameters [New] takes; an absent generosity is
// NaN (GTFT's default from the payoffs).
func (c *StrategyConfig) StrategyParams() StrategyParams {
	sp := StrategyParams{Payoffs: c.Payoffs(), CoopProb: c.CoopProb, PunishLength: c.PunishLength, TriggerProb: c.TriggerProb,
		Chi: c.Chi, Phi: c.Phi, Generosity: math.NaN(), MemoryOne: c.MemoryOne}
	if c.Generosity != nil {
		sp.Generosity = *c.Generosity
	}
	return sp
}

// CheckRandomLength refuses a continuation probability given with a fixed
// number of turns, naming continuation.
func CheckRandomLength(turns int, continuation *float64) error {
	if continuation != nil && turns > 0 {
		return schema.Errorf("continuation", "a random number of turns needs turns 0; got turns = %d (give one of turns and continuation)", turns)
	}
	return nil
}

// RandomLength returns the values a model decodes: when a config gives
// continuation (a random number of turns) without turns, turns becomes 0
// instead of its default, which would conflict. values itself is not changed.
func RandomLength(values map[string]any) map[string]any {
	if _, given := values["turns"]; given || values["continuation"] == nil {
		return values
	}
	v := make(map[string]any, len(values)+1)
	for k, x := range values {
		v[k] = x
	}
	v["turns"] = 0
	return v
}
