package repeated

import (
	"fmt"
	"math"
	"strings"

	"github.com/statecraft/statecraft/schema"
)

// StrategyParams are the parameters of the strategy families. One set serves
// every strategy of a match or tournament; each family reads only its own.
type StrategyParams struct {
	Payoffs      Payoffs   // GTFT's default generosity and ZDEXTORT's vector depend on them
	CoopProb     float64   // RANDOM: probability of cooperating
	PunishLength int       // PUNISH: L, turns of punishment
	TriggerProb  float64   // PTRIGGER: τ, probability a seen defection triggers for ever
	Chi          float64   // ZDEXTORT: extortion factor χ ≥ 1
	Phi          float64   // ZDEXTORT: share of the largest feasible φ, in (0, 1]
	Generosity   float64   // GTFT: forgiveness probability; NaN means Payoffs.Generosity()
	MemoryOne    []float64 // MEMORY1: p_CC, p_CD, p_DC, p_DD; required for MEMORY1
}

// DefaultStrategyParams returns the defaults listed in [Catalogue].
func DefaultStrategyParams() StrategyParams {
	return StrategyParams{Payoffs: Axelrod, CoopProb: 0.5, PunishLength: 3, TriggerProb: 0.5, Chi: 3, Phi: 0.5, Generosity: math.NaN()}
}

// Param documents one parameter of a strategy family, under the key the
// registry models use.
type Param struct {
	Key     string `json:"key"`
	Default string `json:"default"`
	Doc     string `json:"doc"`
}

// Entry is a strategy family in the catalogue.
type Entry struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Source string `json:"source"`
	// MemoryDepth as in [Info]: −1 is unbounded.
	MemoryDepth int `json:"memory_depth"`
	// Stochastic is true when the family draws random numbers at its default
	// parameters or, for MEMORY1, at all but the corner vectors.
	Stochastic bool `json:"stochastic"`
	// States as in [Info]: 0 is unbounded; for PUNISH it is L+1.
	States int     `json:"states"`
	Params []Param `json:"params,omitempty"`
	Doc    string  `json:"doc"`
}

type family struct {
	entry Entry
	make  func(StrategyParams) (Strategy, error)
}

var families = []family{
	{Entry{ID: "ALLC", Doc: "always cooperates"}, func(StrategyParams) (Strategy, error) { return AllC{}, nil }},
	{Entry{ID: "ALLD", Doc: "always defects"}, func(StrategyParams) (Strategy, error) { return AllD{}, nil }},
	{Entry{ID: "TFT", Doc: "cooperates first, then copies the other's last move"}, func(StrategyParams) (Strategy, error) { return TitForTat{}, nil }},
	{Entry{ID: "TF2T", Doc: "defects only after two defections in a row"}, func(StrategyParams) (Strategy, error) { return TitForTwoTats{}, nil }},
	{Entry{ID: "2TFT", Doc: "defects twice after each defection"}, func(StrategyParams) (Strategy, error) { return TwoTitsForTat{}, nil }},
	{Entry{ID: "STFT", Doc: "tit for tat that defects first"}, func(StrategyParams) (Strategy, error) { return SuspiciousTFT{}, nil }},
	{Entry{ID: "GTFT", Doc: "tit for tat that forgives a defection with probability generosity",
		Params: []Param{{"generosity", "min(1−(T−R)/(R−S), (R−P)/(T−P)) (1/3 at 5,3,1,0)", "probability of cooperating after a defection"}}},
		func(p StrategyParams) (Strategy, error) {
			g := p.Generosity
			if math.IsNaN(g) {
				g = p.Payoffs.Generosity()
			}
			if !(g >= 0 && g <= 1) {
				return nil, schema.Errorf("generosity", "%g is out of range; allowed: 0 ≤ x ≤ 1", g)
			}
			return GenerousTFT{G: g}, nil
		}},
	{Entry{ID: "WSLS", Doc: "win-stay, lose-shift (Pavlov): cooperates when both moves agreed last turn"}, func(StrategyParams) (Strategy, error) { return WinStayLoseShift{}, nil }},
	{Entry{ID: "GRUDGER", Doc: "cooperates until the first defection, then defects for ever"}, func(StrategyParams) (Strategy, error) { return Grudger{}, nil }},
	{Entry{ID: "CTFT", Doc: "tit for tat with standing: accepts punishment for its own mistakes"}, func(StrategyParams) (Strategy, error) { return ContriteTFT{}, nil }},
	{Entry{ID: "GRADUAL", Doc: "answers the n-th defection with n defections, then two cooperations"}, func(StrategyParams) (Strategy, error) { return Gradual{}, nil }},
	{Entry{ID: "PUNISH", Doc: "after a defection, defects for punish_length turns, then cooperates again",
		Params: []Param{{"punish_length", "3", "L, turns of punishment"}}},
		func(p StrategyParams) (Strategy, error) {
			if p.PunishLength < 1 || p.PunishLength > 1<<20 {
				return nil, schema.Errorf("punish_length", "%d is out of range; allowed: 1 ≤ x ≤ %d", p.PunishLength, 1<<20)
			}
			return Punisher{L: p.PunishLength}, nil
		}},
	{Entry{ID: "PTRIGGER", Doc: "after a defection, defects for ever with probability trigger_prob",
		Params: []Param{{"trigger_prob", "0.5", "τ, probability that a seen defection triggers permanent defection"}}},
		func(p StrategyParams) (Strategy, error) {
			if !(p.TriggerProb >= 0 && p.TriggerProb <= 1) {
				return nil, schema.Errorf("trigger_prob", "%g is out of range; allowed: 0 ≤ x ≤ 1", p.TriggerProb)
			}
			return ProbabilisticTrigger{Tau: p.TriggerProb}, nil
		}},
	{Entry{ID: "RANDOM", Doc: "cooperates with probability coop_prob",
		Params: []Param{{"coop_prob", "0.5", "probability of cooperating each turn"}}},
		func(p StrategyParams) (Strategy, error) {
			if !(p.CoopProb >= 0 && p.CoopProb <= 1) {
				return nil, schema.Errorf("coop_prob", "%g is out of range; allowed: 0 ≤ x ≤ 1", p.CoopProb)
			}
			return Random{P: p.CoopProb}, nil
		}},
	{Entry{ID: "ALTERNATOR", Doc: "C, D, C, D, …: the opposite of its own last move"}, func(StrategyParams) (Strategy, error) { return Alternator{}, nil }},
	{Entry{ID: "ZDEXTORT", Doc: "zero-determinant extortioner: s_X − P = χ(s_Y − P) against anyone",
		Params: []Param{{"chi", "3", "χ ≥ 1, extortion factor"}, {"phi", "0.5", "φ as a share of its largest feasible value, in (0, 1]"}}},
		func(p StrategyParams) (Strategy, error) {
			z, err := NewZDExtortioner(p.Payoffs, p.Chi, p.Phi)
			if err != nil {
				key := "chi"
				if strings.HasPrefix(err.Error(), "phi") {
					key = "phi"
				} else if !strings.HasPrefix(err.Error(), "chi") {
					key = "temptation"
				}
				return nil, schema.Errorf(key, "%v", err)
			}
			return z, nil
		}},
	{Entry{ID: "MEMORY1", Doc: "generic memory-one strategy: cooperates first, then with p_CC, p_CD, p_DC, p_DD after each outcome",
		Params: []Param{{"memory_one", "required", "[p_CC, p_CD, p_DC, p_DD]: probabilities of cooperating after each outcome (own move first)"}}},
		func(p StrategyParams) (Strategy, error) {
			if p.MemoryOne == nil {
				return nil, schema.Errorf("memory_one", "required for MEMORY1: give [p_CC, p_CD, p_DC, p_DD], e.g. [1, 0, 1, 0] for tit for tat")
			}
			if len(p.MemoryOne) != 4 {
				return nil, schema.Errorf("memory_one", "want 4 probabilities [p_CC, p_CD, p_DC, p_DD], got %d", len(p.MemoryOne))
			}
			var m Memory1
			for i, x := range p.MemoryOne {
				if !(x >= 0 && x <= 1) {
					return nil, schema.Errorf(fmt.Sprintf("memory_one.%d", i), "%g is out of range; allowed: 0 ≤ x ≤ 1", x)
				}
				m.P[i] = x
			}
			return m, nil
		}},
	{Entry{ID: "SOFTMAJORITY", Doc: "cooperates while the other has cooperated at least as often as it defected"}, func(StrategyParams) (Strategy, error) { return SoftMajority{}, nil }},
}

// IDs returns the canonical strategy ids in catalogue order.
func IDs() []string {
	ids := make([]string, len(families))
	for i, f := range families {
		ids[i] = f.entry.ID
	}
	return ids
}

// Catalogue lists every strategy family: id, name, source, classification and
// parameters, in a fixed order. The classification is that of the family at
// its default parameters (MEMORY1: in general).
func Catalogue() []Entry {
	d := DefaultStrategyParams()
	d.MemoryOne = []float64{0.9, 0.1, 0.9, 0.1} // a generic (stochastic) vector for the classification
	out := make([]Entry, len(families))
	for i, f := range families {
		s, err := f.make(d)
		if err != nil {
			panic(err) // the defaults are valid; a test checks it
		}
		info := s.Info()
		e := f.entry
		e.Name, e.Source, e.MemoryDepth, e.Stochastic, e.States = info.Name, info.Source, info.MemoryDepth, info.Stochastic, info.States
		e.Params = append([]Param(nil), f.entry.Params...)
		out[i] = e
	}
	return out
}

// Canonical returns the canonical form of a strategy id (ids are
// case-insensitive), or an error that lists the valid ids and suggests the
// nearest one. The error is a bad-input [*schema.Error] without a key path;
// callers add the key with [schema.Prefix].
func Canonical(id string) (string, error) {
	for _, f := range families {
		if strings.EqualFold(f.entry.ID, id) {
			return f.entry.ID, nil
		}
	}
	msg := fmt.Sprintf("%q is not a strategy id", id)
	if near := schema.Nearest(strings.ToUpper(id), IDs()); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	msg += " (valid ids: " + strings.Join(IDs(), ", ") + ")"
	return "", &schema.Error{Msg: msg}
}

// New returns the strategy with the given id (case-insensitive) at the
// parameters p. Errors are bad input: an unknown id (see [Canonical]) or a
// parameter out of range, as a [*schema.Error] whose path is the parameter's
// key.
func New(id string, p StrategyParams) (Strategy, error) {
	canon, err := Canonical(id)
	if err != nil {
		return nil, err
	}
	for _, f := range families {
		if f.entry.ID == canon {
			return f.make(p)
		}
	}
	panic("unreachable")
}
