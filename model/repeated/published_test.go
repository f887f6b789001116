package repeated

import (
	"strings"
	"testing"

	"github.com/statecraft/statecraft/internal/modeltest"
)

// rep repeats a move string n times.
func rep(s string, n int) string { return strings.Repeat(s, n) }

// firstMover is a memory-one strategy with a given first move, for opponents
// of published tests that the catalogue does not hold.
type firstMover struct {
	first Move
	p     [4]float64
}

func (f firstMover) Info() Info { return Info{ID: "FIRSTMOVER", MemoryDepth: 1} }
func (firstMover) Start() State { return 4 }
func (f firstMover) Coop(s State) float64 {
	if s == 4 {
		return float64(1 - f.first)
	}
	return f.p[s]
}
func (firstMover) Next(_ State, own, other Move) Transition { return to(m1(own, other)) }

// Move sequences against scripted and catalogue opponents, without noise, as
// recorded in the strategy tests of the Axelrod-Python library (Knight et
// al., J. Open Research Software 4(1), 2016; files
// axelrod/tests/strategies/test_<file>.py, class Test<Class>), which were
// written independently of this project. A script cycles through its moves,
// as Axelrod-Python's MockPlayer does. row is the strategy's moves, col the
// opponent's (checked too, so that a mistyped script cannot pass).
func TestPublishedSequences(t *testing.T) {
	sc := func(s string) Strategy { return script{parse(s)} }
	// Axelrod-Python test_titfortat.py TestGradual, against Defector: one
	// defection answered by 1 D, then 4 by 4, 10 by 10, 22 by 22, each
	// followed by two calming C.
	gradualVsALLD := "C" + "D" + "CC" + rep("D", 4) + "CC" + rep("D", 10) + "CC" + rep("D", 22) + "CC" + rep("D", 4)
	cases := []struct {
		src      string // file: class
		s, opp   Strategy
		row, col string
	}{
		{"test_titfortat.py: TestTitForTat", TitForTat{}, Alternator{}, "CCDCD", "CDCDC"},
		{"test_titfortat.py: TestTitForTat", TitForTat{}, AllC{}, "CCCCC", "CCCCC"},
		{"test_titfortat.py: TestTitForTat", TitForTat{}, AllD{}, "CDDDD", "DDDDD"},
		{"test_titfortat.py: TestTitForTat", TitForTat{}, sc("CD"), "CCDC", "CDCD"},
		{"test_titfortat.py: TestTitForTat", TitForTat{}, sc("CCDDCD"), "CCCDDC", "CCDDCD"},
		{"test_titfortat.py: TestTitFor2Tats", TitForTwoTats{}, sc("DDDCC"), "CCDDCC", "DDDCCD"},
		{"test_titfortat.py: TestTitFor2Tats", TitForTwoTats{}, sc("CCDDCDDCCDD"), "CCCCDCCDCCC", "CCDDCDDCCDD"},
		{"test_titfortat.py: TestTwoTitsForTat", TwoTitsForTat{}, sc("DCCDC"), "CDDCD", "DCCDC"},
		{"test_titfortat.py: TestTwoTitsForTat", TwoTitsForTat{}, AllC{}, "CC", "CC"},
		{"test_titfortat.py: TestTwoTitsForTat", TwoTitsForTat{}, AllD{}, "CDD", "DDD"},
		{"test_titfortat.py: TestSuspiciousTitForTat", SuspiciousTFT{}, TitForTat{}, rep("DC", 8), rep("CD", 8)},
		{"test_titfortat.py: TestSuspiciousTitForTat", SuspiciousTFT{}, AllC{}, "DCC", "CCC"},
		{"test_titfortat.py: TestSuspiciousTitForTat", SuspiciousTFT{}, AllD{}, "DDD", "DDD"},
		{"test_titfortat.py: TestGradual", Gradual{}, sc("C"), "C", "C"},
		{"test_titfortat.py: TestGradual", Gradual{}, sc("DC"), "CD", "DC"},
		{"test_titfortat.py: TestGradual", Gradual{}, sc("DCC"), "CDC", "DCC"},
		{"test_titfortat.py: TestGradual", Gradual{}, sc("DCDC"), "CDCC", "DCDC"},
		{"test_titfortat.py: TestGradual", Gradual{}, sc("DCDCC"), "CDCCC", "DCDCC"},
		{"test_titfortat.py: TestGradual", Gradual{}, sc("DCDCCC"), "CDCCCC", "DCDCCC"},
		{"test_titfortat.py: TestGradual", Gradual{}, sc("DCDCCCDC"), "CDCCCCCD", "DCDCCCDC"},
		{"test_titfortat.py: TestGradual", Gradual{}, sc("DCDCCDDD"), "CDCCCCDD", "DCDCCDDD"},
		{"test_titfortat.py: TestGradual", Gradual{}, AllD{}, gradualVsALLD, rep("D", len(gradualVsALLD))},
		{"test_memoryone.py: TestWinStayLoseShift", WinStayLoseShift{}, Alternator{}, "CCDDC", "CDCDC"},
		{"test_grudger.py: TestGrudger", Grudger{}, AllC{}, rep("C", 20), rep("C", 20)},
		{"test_grudger.py: TestGrudger", Grudger{}, AllD{}, "C" + rep("D", 20), rep("D", 21)},
		{"test_grudger.py: TestGrudger", Grudger{}, sc(rep("C", 10) + "D" + rep("C", 20)), rep("C", 11) + rep("D", 20), rep("C", 10) + "D" + rep("C", 20)},
		{"test_alternator.py: TestAlternator", Alternator{}, AllC{}, rep("CD", 5), rep("C", 10)},
		{"test_alternator.py: TestAlternator", Alternator{}, AllD{}, rep("CD", 5), rep("D", 10)},
		{"test_alternator.py: TestAlternator", Alternator{}, sc("DC"), rep("CD", 5), rep("DC", 5)},
		{"test_cooperator.py, test_defector.py", AllC{}, AllD{}, "CCCCC", "DDDDD"},
		{"test_gobymajority.py: TestGoByMajority (soft, unbounded memory)", SoftMajority{}, sc(rep("C", 50) + rep("D", 100) + rep("C", 52)),
			rep("C", 50) + rep("C", 51) + rep("D", 49) + rep("D", 50) + rep("C", 2), rep("C", 50) + rep("D", 100) + rep("C", 52)},
	}
	for _, c := range cases {
		m := &Match{Row: c.s, Col: c.opp, Payoffs: Axelrod, Turns: len(c.row)}
		row, col := m.Moves(nil) // no noise and no mixed moves: nothing is drawn
		if got := str(row); got != c.row {
			t.Errorf("%s: %s vs %s:\n got %s\nwant %s", c.src, c.s.Info().ID, c.opp.Info().ID, got, c.row)
		}
		if got := str(col); got != c.col {
			t.Errorf("%s: opponent %s played %s, want %s", c.src, c.opp.Info().ID, got, c.col)
		}
	}
}

// Gradual's 1000-turn totals against the opponents of Axelrod-Python's
// test_titfortat.py TestGradual.test_specific_set_of_results (a round robin
// of 1000 turns; the scores are Gradual's totals). The memory-one opponent
// that defects first and cooperates only after mutual cooperation is their
// "mistrust with bug". The ALLD total also follows by hand: Gradual
// cooperates on turn 1 and on 2 calming turns after each of its 8 completed
// punishments (1, 4, 10, …, 382 turns), 17 C in all, so it scores 983.
func TestGradualPublishedScores(t *testing.T) {
	sc := func(s string) Strategy { return script{parse(s)} }
	cases := []struct {
		opp  Strategy
		want float64
	}{
		{TitForTat{}, 3000},
		{SoftMajority{}, 3000},
		{Grudger{}, 3000},
		{WinStayLoseShift{}, 3000},
		{AllD{}, 983},
		{firstMover{first: D, p: [4]float64{1, 0, 0, 0}}, 983},
		{AllC{}, 3000},
		{sc("CCD"), 3596},
		{sc("DDC"), 2302},
		{Gradual{}, 3000},
	}
	for _, c := range cases {
		m := &Match{Row: Gradual{}, Col: c.opp, Payoffs: Axelrod, Turns: 1000}
		res := m.Play(nil)
		if got := res.RowTotal(Axelrod); got != c.want {
			t.Errorf("GRADUAL vs %s over 1000 turns: %g, want %g", c.opp.Info().ID, got, c.want)
		}
		e, err := Exact(m, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.RowScore * 1000; !modeltest.Near(got, c.want, 1e-12) {
			t.Errorf("GRADUAL vs %s: exact total %g, want %g", c.opp.Info().ID, got, c.want)
		}
	}
}

// Without noise, contrite tit for tat plays exactly as tit for tat against
// any deterministic opponent (Axelrod-Python test_titfortat.py
// TestContriteTitForTat.test_is_tit_for_tat_with_no_noise). The two
// definitions part under noise: Axelrod-Python's is contrite after a
// defection its own noise caused (it knows its intended move), this
// project's follows Sugden's standing (see [ContriteTFT]).
func TestContriteIsTFTWithoutNoise(t *testing.T) {
	for _, opp := range allStrategies(t) {
		if opp.Info().Stochastic {
			continue
		}
		for _, turns := range []int{1, 7, 20} {
			a, _ := (&Match{Row: ContriteTFT{}, Col: opp, Payoffs: Axelrod, Turns: turns}).Moves(nil)
			b, _ := (&Match{Row: TitForTat{}, Col: opp, Payoffs: Axelrod, Turns: turns}).Moves(nil)
			if str(a) != str(b) {
				t.Errorf("CTFT vs %s over %d turns: %s, TFT plays %s", opp.Info().ID, turns, str(a), str(b))
			}
		}
	}
}
