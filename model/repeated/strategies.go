package repeated

import (
	"fmt"
	"math"
	"strconv"
)

const (
	srcAxelrod     = "Axelrod, The Evolution of Cooperation (1984); Axelrod, J. Conflict Resolution 24 (1980)"
	srcNowak93     = "Nowak & Sigmund, Nature 364:56–58 (1993)"
	srcGreenPorter = "Green & Porter, Econometrica 52(1) (1984)"
)

// AllC always cooperates. Source: the unconditional benchmark of Axelrod's
// tournaments (Axelrod 1984).
type AllC struct{}

func (AllC) Info() Info {
	return Info{ID: "ALLC", Name: "Always cooperate", Source: srcAxelrod, MemoryDepth: 0, States: 1}
}
func (AllC) Start() State                      { return 0 }
func (AllC) Coop(State) float64                { return 1 }
func (AllC) Next(State, Move, Move) Transition { return to(0) }

// MemoryOne returns (1; 1, 1, 1, 1).
func (AllC) MemoryOne() (float64, [4]float64) { return 1, [4]float64{1, 1, 1, 1} }

// AllD always defects. Source: the unconditional benchmark of Axelrod's
// tournaments (Axelrod 1984).
type AllD struct{}

func (AllD) Info() Info {
	return Info{ID: "ALLD", Name: "Always defect", Source: srcAxelrod, MemoryDepth: 0, States: 1}
}
func (AllD) Start() State                      { return 0 }
func (AllD) Coop(State) float64                { return 0 }
func (AllD) Next(State, Move, Move) Transition { return to(0) }

// MemoryOne returns (0; 0, 0, 0, 0).
func (AllD) MemoryOne() (float64, [4]float64) { return 0, [4]float64{} }

// TitForTat cooperates first, then repeats the other's last observed move.
// Source: Rapoport's entry, winner of both of Axelrod's tournaments (Axelrod
// 1980, 1984). State: the other's last observed move (0 = C, 1 = D).
type TitForTat struct{}

func (TitForTat) Info() Info {
	return Info{ID: "TFT", Name: "Tit for tat", Source: "Rapoport's entry in " + srcAxelrod, MemoryDepth: 1, States: 2}
}
func (TitForTat) Start() State                                { return 0 }
func (TitForTat) Coop(s State) float64                        { return float64(1 - s) }
func (TitForTat) Next(_ State, _ Move, other Move) Transition { return to(State(other)) }

// MemoryOne returns (1; 1, 0, 1, 0).
func (TitForTat) MemoryOne() (float64, [4]float64) { return 1, [4]float64{1, 0, 1, 0} }

// SuspiciousTFT is tit for tat that defects on the first turn. Source: Boyd &
// Lorberbaum, Nature 327:58–59 (1987). State as [TitForTat].
type SuspiciousTFT struct{}

func (SuspiciousTFT) Info() Info {
	return Info{ID: "STFT", Name: "Suspicious tit for tat", Source: "Boyd & Lorberbaum, Nature 327:58–59 (1987)", MemoryDepth: 1, States: 2}
}
func (SuspiciousTFT) Start() State                                { return 1 }
func (SuspiciousTFT) Coop(s State) float64                        { return float64(1 - s) }
func (SuspiciousTFT) Next(_ State, _ Move, other Move) Transition { return to(State(other)) }

// MemoryOne returns (0; 1, 0, 1, 0).
func (SuspiciousTFT) MemoryOne() (float64, [4]float64) { return 0, [4]float64{1, 0, 1, 0} }

// TitForTwoTats defects only after the other defected on both of the last two
// turns. Source: Axelrod (1980, 1984), who noted it would have won the first
// tournament. State: the other's last two observed moves as bits
// (2·previous + last).
type TitForTwoTats struct{}

func (TitForTwoTats) Info() Info {
	return Info{ID: "TF2T", Name: "Tit for two tats", Source: srcAxelrod, MemoryDepth: 2, States: 4}
}
func (TitForTwoTats) Start() State { return 0 }
func (TitForTwoTats) Coop(s State) float64 {
	if s == 3 {
		return 0
	}
	return 1
}
func (TitForTwoTats) Next(s State, _ Move, other Move) Transition {
	return to((s<<1 | State(other)) & 3)
}

// TwoTitsForTat defects twice after each defection: it defects when the other
// defected on either of the last two turns. Source: Axelrod (1984). State as
// [TitForTwoTats].
type TwoTitsForTat struct{}

func (TwoTitsForTat) Info() Info {
	return Info{ID: "2TFT", Name: "Two tits for tat", Source: srcAxelrod, MemoryDepth: 2, States: 4}
}
func (TwoTitsForTat) Start() State { return 0 }
func (TwoTitsForTat) Coop(s State) float64 {
	if s != 0 {
		return 0
	}
	return 1
}
func (TwoTitsForTat) Next(s State, _ Move, other Move) Transition {
	return to((s<<1 | State(other)) & 3)
}

// GenerousTFT is tit for tat that forgives a defection with probability G.
// With G = [Payoffs.Generosity], min(1 − (T−R)/(R−S), (R−P)/(T−P)), it is the
// most forgiving reactive strategy against which defecting does not pay.
// Source: Nowak & Sigmund, Nature 355:250–253 (1992); Molander, J. Conflict
// Resolution 29 (1985). State as [TitForTat].
type GenerousTFT struct{ G float64 }

func (g GenerousTFT) Info() Info {
	return Info{ID: "GTFT", Name: "Generous tit for tat", Source: "Nowak & Sigmund, Nature 355:250–253 (1992); Molander, J. Conflict Resolution 29 (1985)",
		MemoryDepth: 1, States: 2, Stochastic: stochastic(g.G), Params: "generosity = " + num(g.G)}
}
func (GenerousTFT) Start() State { return 0 }
func (g GenerousTFT) Coop(s State) float64 {
	if s == 0 {
		return 1
	}
	return g.G
}
func (GenerousTFT) Next(_ State, _ Move, other Move) Transition { return to(State(other)) }

// MemoryOne returns (1; 1, G, 1, G).
func (g GenerousTFT) MemoryOne() (float64, [4]float64) { return 1, [4]float64{1, g.G, 1, g.G} }

// WinStayLoseShift (Pavlov) repeats its move after a good outcome (R or T) and
// switches after a bad one (S or P): it cooperates exactly when both players
// made the same move last turn. Source: Nowak & Sigmund, Nature 364:56–58
// (1993); Kraines & Kraines, Theory and Decision 26 (1989). State: 1 if the two
// moves differed last turn.
type WinStayLoseShift struct{}

func (WinStayLoseShift) Info() Info {
	return Info{ID: "WSLS", Name: "Win-stay, lose-shift (Pavlov)", Source: srcNowak93 + "; Kraines & Kraines, Theory and Decision 26 (1989)", MemoryDepth: 1, States: 2}
}
func (WinStayLoseShift) Start() State                             { return 0 }
func (WinStayLoseShift) Coop(s State) float64                     { return float64(1 - s) }
func (WinStayLoseShift) Next(_ State, own, other Move) Transition { return to(State(own ^ other)) }

// MemoryOne returns (1; 1, 0, 0, 1).
func (WinStayLoseShift) MemoryOne() (float64, [4]float64) { return 1, [4]float64{1, 0, 0, 1} }

// Grudger (grim trigger) cooperates until the other's first observed defection
// and defects for ever after. Source: Friedman, Review of Economic Studies 38
// (1971); the FRIEDMAN entry of Axelrod (1980). State: 1 once triggered.
type Grudger struct{}

func (Grudger) Info() Info {
	return Info{ID: "GRUDGER", Name: "Grudger (grim trigger)", Source: "Friedman, Review of Economic Studies 38 (1971); " + srcAxelrod, MemoryDepth: -1, States: 2}
}
func (Grudger) Start() State                                { return 0 }
func (Grudger) Coop(s State) float64                        { return float64(1 - s) }
func (Grudger) Next(s State, _ Move, other Move) Transition { return to(s | State(other)) }

// ContriteTFT is tit for tat that keeps track of standing (Sugden 1986): a
// player is in good standing after cooperating, and after a defection only if
// the other was in bad standing at the time (a justified punishment). It
// defects only when it is in good standing and the other is not; so after its
// own mistaken defection it cooperates and accepts one punishment, which
// restores cooperation between two contrite players in two turns. Source:
// Boyd, J. Theoretical Biology 136 (1989); Wu & Axelrod, J. Conflict
// Resolution 39 (1995); Sugden, The Economics of Rights, Co-operation and
// Welfare (1986). State: bit 0 own bad standing, bit 1 other's bad standing.
//
// This deliberately differs from the Contrite TFT of the Axelrod-Python
// library, which knows its intended move and is contrite only after a
// defection its own execution noise caused against a cooperation. Standing
// needs no intended move, so it applies under perception noise and public
// signals too, and it is the definition of the sources above. Without noise
// both play exactly as tit for tat.
type ContriteTFT struct{}

func (ContriteTFT) Info() Info {
	return Info{ID: "CTFT", Name: "Contrite tit for tat", Source: "Boyd, J. Theoretical Biology 136 (1989); Wu & Axelrod, J. Conflict Resolution 39 (1995); Sugden (1986)", MemoryDepth: -1, States: 4}
}
func (ContriteTFT) Start() State { return 0 }
func (ContriteTFT) Coop(s State) float64 {
	if s == 2 { // own standing good, other's bad
		return 0
	}
	return 1
}
func (ContriteTFT) Next(s State, own, other Move) Transition {
	ownBad, otherBad := s&1, s>>1&1
	var nOwn, nOther State
	if own == D && otherBad == 0 {
		nOwn = 1 // unprovoked defection
	}
	if other == D && ownBad == 0 {
		nOther = 1
	}
	return to(nOwn | nOther<<1)
}

// Gradual punishes the other's n-th defection with n defections followed by
// two cooperations. It cooperates first and as long as the other cooperates.
// Outside a punishment, a defection seen on the last turn starts a punishment
// of n turns, n counting every defection of the other seen so far (the one
// just seen, and those seen during earlier punishments and calms, included);
// then it cooperates twice whatever the other does. The last turn may be the
// second calming turn: a defection seen then is answered at once, so against
// ALLD it plays C, D, C, C, D, D, D, D, C, C, D ×10, … (Beaufils et al.;
// Axelrod-Python's Gradual, whose recorded test against Defector is this
// sequence; a defection seen on the first calming turn is counted but does
// not by itself start a punishment). Source: Beaufils, Delahaye & Mathieu,
// "Our meeting with gradual", Artificial Life V (1997). State: n in the high
// 32 bits, the turns left in the current phase in bits 2–31, the phase
// (normal, punishing, calming) in bits 0–1; the state is unbounded in n.
type Gradual struct{}

const (
	gradNormal = iota
	gradPunish
	gradCalm
)

func (Gradual) Info() Info {
	return Info{ID: "GRADUAL", Name: "Gradual", Source: "Beaufils, Delahaye & Mathieu, Artificial Life V (1997)", MemoryDepth: -1, States: 0}
}
func (Gradual) Start() State { return 0 }
func (Gradual) Coop(s State) float64 {
	if s&3 == gradPunish {
		return 0
	}
	return 1
}
func (Gradual) Next(s State, _ Move, other Move) Transition {
	n, left, phase := s>>32, s>>2&(1<<30-1), s&3
	n += State(other)
	switch phase {
	case gradNormal:
		if other == D {
			phase, left = gradPunish, n
		}
	case gradPunish:
		if left--; left == 0 {
			phase, left = gradCalm, 2
		}
	case gradCalm:
		if left--; left == 0 {
			phase = gradNormal
			if other == D { // seen on the last calming turn: punish next turn
				phase, left = gradPunish, n
			}
		}
	}
	return to(n<<32 | left<<2 | phase)
}

// Truncate caps the counter and the turns left of the phase at r: a
// punishment of r turns or more lasts to the end of the match anyway, and one
// that starts later is at least as long as the turns left then.
func (Gradual) Truncate(s State, r int) State {
	if r < 0 {
		return s
	}
	n, left, phase := s>>32, s>>2&(1<<30-1), s&3
	cap := State(min(r, 1<<30-1))
	return min(n, cap)<<32 | min(left, cap)<<2 | phase
}

// Punisher is the L-period punishment of Green & Porter: after a defection
// seen in its normal phase it defects for L turns, ignoring what it sees
// meanwhile, then cooperates again. Under public monitoring two punishers
// play the L-period punishment of the espionage model. Source: Green & Porter,
// Econometrica 52(1) (1984). State: the punishment turns left. It is not the
// Punisher of the Axelrod-Python library, whose punishment length grows with
// the other's defections.
type Punisher struct{ L int }

func (p Punisher) Info() Info {
	return Info{ID: "PUNISH", Name: "L-period punisher", Source: srcGreenPorter, MemoryDepth: -1, States: p.L + 1, Params: "punish_length = " + strconv.Itoa(p.L)}
}
func (Punisher) Start() State { return 0 }
func (Punisher) Coop(s State) float64 {
	if s == 0 {
		return 1
	}
	return 0
}
func (p Punisher) Next(s State, _ Move, other Move) Transition {
	switch {
	case s > 0:
		return to(s - 1)
	case other == D:
		return to(State(p.L))
	}
	return to(0)
}

// ProbabilisticTrigger cooperates until it sees a defection, and then switches
// to permanent defection with probability Tau (otherwise it carries on
// cooperating). Under public monitoring the two players' switches use the
// same public random draw, so two probabilistic triggers switch together, as
// in the strongly symmetric strategies of the espionage model. Source: Abreu,
// Pearce & Stacchetti, Econometrica 58(5) (1990). State: 1 once switched.
type ProbabilisticTrigger struct{ Tau float64 }

func (p ProbabilisticTrigger) Info() Info {
	return Info{ID: "PTRIGGER", Name: "Probabilistic trigger", Source: "Abreu, Pearce & Stacchetti, Econometrica 58(5) (1990)", MemoryDepth: -1, States: 2,
		Stochastic: stochastic(p.Tau), Params: "trigger_prob = " + num(p.Tau)}
}
func (ProbabilisticTrigger) Start() State         { return 0 }
func (ProbabilisticTrigger) Coop(s State) float64 { return float64(1 - s) }
func (p ProbabilisticTrigger) Next(s State, _ Move, other Move) Transition {
	if s == 0 && other == D {
		return Transition{To: 1, Alt: 0, P: p.Tau}
	}
	return to(s)
}

// Random cooperates with probability P each turn, whatever happens. Source:
// the RANDOM entry of Axelrod's first tournament (Axelrod 1980).
type Random struct{ P float64 }

func (r Random) Info() Info {
	return Info{ID: "RANDOM", Name: "Random", Source: srcAxelrod, MemoryDepth: 0, States: 1, Stochastic: stochastic(r.P), Params: "coop_prob = " + num(r.P)}
}
func (Random) Start() State                      { return 0 }
func (r Random) Coop(State) float64              { return r.P }
func (Random) Next(State, Move, Move) Transition { return to(0) }

// MemoryOne returns (P; P, P, P, P).
func (r Random) MemoryOne() (float64, [4]float64) { return r.P, [4]float64{r.P, r.P, r.P, r.P} }

// Alternator cooperates first and then plays the opposite of its own last
// executed move: C, D, C, D, … Source: a periodic benchmark of the
// Axelrod-Python library (Knight et al., J. Open Research Software 4(1), 2016).
// State: the move it plays next.
type Alternator struct{}

func (Alternator) Info() Info {
	return Info{ID: "ALTERNATOR", Name: "Alternator", Source: "Knight et al., J. Open Research Software 4(1) (2016)", MemoryDepth: 1, States: 2}
}
func (Alternator) Start() State                         { return 0 }
func (Alternator) Coop(s State) float64                 { return float64(1 - s) }
func (Alternator) Next(_ State, own, _ Move) Transition { return to(State(1 - own)) }

// MemoryOne returns (1; 0, 0, 1, 1).
func (Alternator) MemoryOne() (float64, [4]float64) { return 1, [4]float64{0, 0, 1, 1} }

// Memory1 is the generic memory-one strategy: it cooperates first, then with
// probability P[CC], P[CD], P[DC] or P[DD] after each outcome of the last turn
// as it saw it (own move first). Source: Nowak & Sigmund, Nature 364:56–58
// (1993). State: 4 before the first turn, then the last outcome's index.
type Memory1 struct{ P [4]float64 }

func (m Memory1) Info() Info {
	return Info{ID: "MEMORY1", Name: "Memory-one (p_CC, p_CD, p_DC, p_DD)", Source: srcNowak93, MemoryDepth: 1, States: 5,
		Stochastic: stochastic(m.P[:]...), Params: "memory_one = " + vec(m.P)}
}
func (Memory1) Start() State { return 4 }
func (m Memory1) Coop(s State) float64 {
	if s == 4 {
		return 1
	}
	return m.P[s]
}
func (Memory1) Next(_ State, own, other Move) Transition { return to(m1(own, other)) }

// MemoryOne returns (1; P).
func (m Memory1) MemoryOne() (float64, [4]float64) { return 1, m.P }

// ZDExtortioner is a zero-determinant strategy of Press & Dyson that extorts:
// against any opponent, in the long run without noise, its score s_X and the
// opponent's s_Y satisfy s_X − P = χ(s_Y − P). Its memory-one vector is
//
//	p = (1 − φ(χ−1)(R−P), 1 − φ((P−S) + χ(T−P)), φ((T−P) + χ(P−S)), 0)
//
// with φ a share of the largest φ that keeps every entry in [0, 1]. It
// cooperates first. With χ = 3, share ½ and Axelrod's payoffs it is Press &
// Dyson's example (11/13, 1/2, 7/26, 0). Source: Press & Dyson, PNAS
// 109(26):10409–10413 (2012). Build it with [NewZDExtortioner].
type ZDExtortioner struct {
	Chi, Phi float64 // extortion factor χ and the φ in use
	P        [4]float64
}

// NewZDExtortioner returns the extortioner with factor chi ≥ 1 and φ equal to
// share ∈ (0, 1] of its largest feasible value at the payoffs g.
func NewZDExtortioner(g Payoffs, chi, share float64) (ZDExtortioner, error) {
	if err := g.Validate(); err != nil {
		return ZDExtortioner{}, err
	}
	if !(chi >= 1) || math.IsInf(chi, 0) {
		return ZDExtortioner{}, fmt.Errorf("chi must be a finite number ≥ 1, got %g", chi)
	}
	if !(share > 0 && share <= 1) {
		return ZDExtortioner{}, fmt.Errorf("phi must be in (0, 1], got %g", share)
	}
	phiMax := math.Min(1/((g.P-g.S)+chi*(g.T-g.P)), 1/((g.T-g.P)+chi*(g.P-g.S)))
	if chi > 1 {
		phiMax = math.Min(phiMax, 1/((chi-1)*(g.R-g.P)))
	}
	phi := share * phiMax
	clamp := func(x float64) float64 { return math.Min(1, math.Max(0, x)) }
	p := [4]float64{
		clamp(1 - phi*(chi-1)*(g.R-g.P)),
		clamp(1 - phi*((g.P-g.S)+chi*(g.T-g.P))),
		clamp(phi * ((g.T - g.P) + chi*(g.P-g.S))),
		0,
	}
	return ZDExtortioner{Chi: chi, Phi: phi, P: p}, nil
}

func (z ZDExtortioner) Info() Info {
	return Info{ID: "ZDEXTORT", Name: "Zero-determinant extortioner", Source: "Press & Dyson, PNAS 109(26):10409–10413 (2012)", MemoryDepth: 1, States: 5,
		Stochastic: stochastic(z.P[:]...), Params: fmt.Sprintf("chi = %s, phi = %s, memory_one = %s", num(z.Chi), num(z.Phi), vec(z.P))}
}
func (ZDExtortioner) Start() State { return 4 }
func (z ZDExtortioner) Coop(s State) float64 {
	if s == 4 {
		return 1
	}
	return z.P[s]
}
func (ZDExtortioner) Next(_ State, own, other Move) Transition { return to(m1(own, other)) }

// MemoryOne returns (1; P).
func (z ZDExtortioner) MemoryOne() (float64, [4]float64) { return 1, z.P }

// SoftMajority cooperates first and then as long as the other has cooperated
// at least as often as it has defected (as observed). Source: "go by majority"
// in Axelrod (1984); soft_majo in Mathieu & Delahaye, JASSS 20(4) (2017).
// State: the other's cooperations minus defections (two's complement); the
// state is unbounded.
type SoftMajority struct{}

func (SoftMajority) Info() Info {
	return Info{ID: "SOFTMAJORITY", Name: "Soft go by majority", Source: "Axelrod (1984); Mathieu & Delahaye, JASSS 20(4) (2017)", MemoryDepth: -1, States: 0}
}
func (SoftMajority) Start() State { return 0 }
func (SoftMajority) Coop(s State) float64 {
	if int64(s) >= 0 {
		return 1
	}
	return 0
}
func (SoftMajority) Next(s State, _ Move, other Move) Transition {
	if other == C {
		return to(s + 1)
	}
	return to(s - 1)
}

// Truncate clamps the difference to [−r, r−1]: from r−1 up it stays
// non-negative for the r decisions left (always cooperate), from −r down it
// stays negative (always defect).
func (SoftMajority) Truncate(s State, r int) State {
	if r < 1 {
		return s
	}
	d := min(max(int64(s), -int64(r)), int64(r)-1)
	return State(d)
}

func num(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }

func vec(p [4]float64) string {
	return "[" + num(p[0]) + ", " + num(p[1]) + ", " + num(p[2]) + ", " + num(p[3]) + "]"
}

// Interface checks.
var (
	_ MemoryOneStrategy = AllC{}
	_ MemoryOneStrategy = AllD{}
	_ MemoryOneStrategy = TitForTat{}
	_ MemoryOneStrategy = SuspiciousTFT{}
	_ MemoryOneStrategy = GenerousTFT{}
	_ MemoryOneStrategy = WinStayLoseShift{}
	_ MemoryOneStrategy = Random{}
	_ MemoryOneStrategy = Alternator{}
	_ MemoryOneStrategy = Memory1{}
	_ MemoryOneStrategy = ZDExtortioner{}
	_ Strategy          = TitForTwoTats{}
	_ Strategy          = TwoTitsForTat{}
	_ Strategy          = Grudger{}
	_ Strategy          = ContriteTFT{}
	_ Truncator         = Gradual{}
	_ Strategy          = Punisher{}
	_ Strategy          = ProbabilisticTrigger{}
	_ Truncator         = SoftMajority{}
)
