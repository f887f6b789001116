package repeated

import (
	"testing"

	"github.com/statecraft/statecraft/internal/modeltest"
)

// TFT against ALLD scores (2, 7) over 3 turns and (199, 204) over 200 turns
// (totals, Axelrod payoffs, no noise): by hand, TFT is suckered once (0
// against 5) and then both defect (1 each) every turn.
func TestTFTvsALLDTotals(t *testing.T) {
	for _, c := range []struct {
		turns    int
		row, col float64
	}{{3, 2, 7}, {200, 199, 204}} {
		m := &Match{Row: TitForTat{}, Col: AllD{}, Payoffs: Axelrod, Turns: c.turns}
		e, err := Exact(m, 0)
		if err != nil {
			t.Fatal(err)
		}
		n := float64(c.turns)
		if !modeltest.Near(e.RowScore*n, c.row, 1e-12) || !modeltest.Near(e.ColScore*n, c.col, 1e-12) {
			t.Errorf("%d turns: exact totals (%g, %g), want (%g, %g)", c.turns, e.RowScore*n, e.ColScore*n, c.row, c.col)
		}
		res := m.Play(nil) // deterministic strategies without noise draw nothing
		if res.RowTotal(Axelrod) != c.row || res.ColTotal(Axelrod) != c.col {
			t.Errorf("%d turns: played totals (%g, %g), want (%g, %g)", c.turns, res.RowTotal(Axelrod), res.ColTotal(Axelrod), c.row, c.col)
		}
	}
}

// The Axelrod-Python comparison workload of BENCHMARKS.md: TFT vs ALLD, 200
// turns, execution noise 0.05. Exact mean scores per turn TFT 1.09576125,
// ALLD 1.34213625 (recorded in BENCHMARKS.md; the simulation agrees,
// TestNoisyReferenceSimulation).
func TestNoisyReferenceScores(t *testing.T) {
	m := &Match{Row: TitForTat{}, Col: AllD{}, Payoffs: Axelrod, Turns: 200, Noise: Noise{Execution: 0.05}}
	e, err := Exact(m, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !modeltest.Near(e.RowScore, 1.09576125, 1e-12) || !modeltest.Near(e.ColScore, 1.34213625, 1e-12) {
		t.Errorf("exact (%.10f, %.10f), want (1.09576125, 1.34213625)", e.RowScore, e.ColScore)
	}
}

// TFT against TFT averages 2.25 in the long run under any execution noise
// ε in (0, 1): each move copies the other's last move and flips with
// probability ε, so the chain on the four outcomes is doubly stochastic and
// its stationary law uniform, (R+S+T+P)/4 = 9/4. Without noise it is R = 3
// (the start is mutual cooperation and nothing disturbs it).
func TestTFTvsTFTLongRun(t *testing.T) {
	for _, eps := range []float64{1e-6, 0.01, 0.05, 0.3, 0.5, 0.9, 0.999} {
		n := Noise{Execution: eps}
		e, err := LongRunMemoryOne(TitForTat{}, TitForTat{}, Axelrod, n)
		if err != nil {
			t.Fatal(err)
		}
		g, err := LongRun(&Match{Row: TitForTat{}, Col: TitForTat{}, Payoffs: Axelrod, Noise: n}, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []float64{e.RowScore, e.ColScore, g.RowScore, g.ColScore} {
			if !modeltest.Near(v, 2.25, 1e-9) {
				t.Errorf("ε=%g: long-run score %.12f, want 2.25", eps, v)
			}
		}
	}
	e, err := LongRunMemoryOne(TitForTat{}, TitForTat{}, Axelrod, Noise{})
	if err != nil {
		t.Fatal(err)
	}
	if e.RowScore != 3 || e.ColScore != 3 {
		t.Errorf("no noise: long run (%g, %g), want (3, 3)", e.RowScore, e.ColScore)
	}
}

// A burn-in is played but not counted: TFT against ALLD plays C, D, D, D, D
// (by hand), so after a burn-in of 2 the 3 counted turns are all (D, D) and
// score 3 each, not the (2, 7) of the first 3 turns. Exact agrees, and a
// burn-in needs a fixed length.
func TestBurnIn(t *testing.T) {
	m := &Match{Row: TitForTat{}, Col: AllD{}, Payoffs: Axelrod, Turns: 3, BurnIn: 2}
	res := m.Play(nil)
	if res.Turns != 3 || res.RowTotal(Axelrod) != 3 || res.ColTotal(Axelrod) != 3 {
		t.Errorf("played: %d turns, totals (%g, %g), want 3 turns, (3, 3)", res.Turns, res.RowTotal(Axelrod), res.ColTotal(Axelrod))
	}
	row, _ := m.Moves(nil)
	if str(row) != "CDDDD" {
		t.Errorf("moves %s, want CDDDD", str(row))
	}
	e, err := Exact(m, 0)
	if err != nil {
		t.Fatal(err)
	}
	if e.RowScore != 1 || e.ColScore != 1 || e.RowCoop != 0 {
		t.Errorf("exact after burn-in: %+v", e)
	}
	// Non-memory-one pair (the automaton loop) with noise: the window's
	// exact average is the difference of two prefixes' totals.
	n := Noise{Execution: 0.1}
	w, _ := Exact(&Match{Row: Grudger{}, Col: TitForTwoTats{}, Payoffs: Axelrod, Noise: n, Turns: 7, BurnIn: 5}, 0)
	a, _ := Exact(&Match{Row: Grudger{}, Col: TitForTwoTats{}, Payoffs: Axelrod, Noise: n, Turns: 12}, 0)
	b, _ := Exact(&Match{Row: Grudger{}, Col: TitForTwoTats{}, Payoffs: Axelrod, Noise: n, Turns: 5}, 0)
	if want := (12*a.RowScore - 5*b.RowScore) / 7; !modeltest.Near(w.RowScore, want, 1e-12) {
		t.Errorf("window average %.15g, want %.15g", w.RowScore, want)
	}
	for _, bad := range []*Match{
		{Row: TitForTat{}, Col: AllD{}, Payoffs: Axelrod, Continuation: 0.9, BurnIn: 2},
		{Row: TitForTat{}, Col: AllD{}, Payoffs: Axelrod, Turns: 3, BurnIn: -1},
	} {
		if err := bad.Validate(); err == nil {
			t.Errorf("burn-in %d with turns %d: no error", bad.BurnIn, bad.Turns)
		}
	}
}
