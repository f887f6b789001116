package repeated

// State is the state of a strategy's automaton. Each strategy gives it its own
// meaning (the other's last move, a punishment counter, …); it is a value, so
// one strategy value can play any number of matches at once.
type State uint64

// Strategy is a rule for the repeated prisoner's dilemma written as a small
// automaton: a start state, the probability of cooperating in each state, and
// a transition on what the player saw in the turn.
//
// A player knows its own move as executed (after any execution noise: a state
// knows what its units did) and sees the other's move as observed (after any
// perception noise, or as the public signal under public monitoring; see
// [Noise]). Strategies keep no hidden state: everything is in [State], which is
// what makes exact propagation of the state distribution possible.
type Strategy interface {
	// Info returns the strategy's id, name, source and classification.
	Info() Info
	// Start is the state before the first turn.
	Start() State
	// Coop is the probability that the player intends to cooperate in state s.
	Coop(s State) float64
	// Next is the transition after a turn in which the player's own executed
	// move was own and it observed the other's move as other.
	Next(s State, own, other Move) Transition
}

// Transition is a possibly random change of state: to To with probability P,
// otherwise to Alt. A deterministic transition has P = 1.
type Transition struct {
	To, Alt State
	P       float64
}

// to is the deterministic transition to s.
func to(s State) Transition { return Transition{To: s, Alt: s, P: 1} }

// MemoryOneStrategy is implemented by strategies whose move depends only on
// the last turn: the probability of cooperating first, and after each outcome
// of the last turn as the player saw it (own executed move, other's observed
// move), indexed CC, CD, DC, DD.
type MemoryOneStrategy interface {
	Strategy
	MemoryOne() (first float64, p [4]float64)
}

// Truncator is implemented by strategies whose state holds counters that stop
// mattering near the end of a match of known length. Truncate returns a state
// that behaves exactly like s (the same move probabilities, and transitions to
// states that behave alike) in each of the next r turns, the turn played in s
// included. [Exact] merges states this way in fixed-length matches, which
// keeps the joint state space of GRADUAL or SOFTMAJORITY pairs small.
type Truncator interface {
	Truncate(s State, r int) State
}

// Info is a strategy's catalogue record and classification (after the
// classifiers of the Axelrod-Python library: memory depth and stochasticity).
type Info struct {
	ID     string // canonical id, e.g. "TFT"
	Name   string // e.g. "Tit for tat"
	Source string // the paper it comes from
	// MemoryDepth is the number of past turns the next move can depend on;
	// −1 means unbounded (e.g. GRUDGER remembers a defection forever).
	MemoryDepth int
	// Stochastic is true when the strategy draws random numbers at its
	// parameter values (a move or a transition with probability strictly
	// between 0 and 1).
	Stochastic bool
	// States is the number of automaton states; 0 means unbounded (the state
	// grows with the length of the match).
	States int
	// Params describes the parameter values in force, e.g. "p = 0.5"; empty
	// when the strategy has none.
	Params string
}

// m1 is the index CC, CD, DC, DD of an outcome seen by a player.
func m1(own, other Move) State { return State(2*own + other) }

func stochastic(ps ...float64) bool {
	for _, p := range ps {
		if p > 0 && p < 1 {
			return true
		}
	}
	return false
}
