package game

import (
	"bytes"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/model"
)

// referenceGames returns the .nfg files copied from Gambit's distribution
// (see testdata/README.md).
func referenceGames(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/games/*.nfg")
	if err != nil || len(files) == 0 {
		t.Fatalf("no reference games: %v", err)
	}
	sort.Strings(files)
	return files
}

func mustParseFile(t testing.TB, path string) *Game {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	g, err := Parse(src)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return g
}

func mustParse(t testing.TB, src string) *Game {
	t.Helper()
	g, err := Parse([]byte(src))
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, src)
	}
	return g
}

func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic(s)
	}
	return r
}

// Every reference game reads, writes and reads back to the same game, and the
// second write is byte-identical to the first.
func TestRoundTripReferenceGames(t *testing.T) {
	files := referenceGames(t)
	perf, _ := filepath.Glob("testdata/perf/*.nfg")
	for _, f := range append(files, perf...) {
		g := mustParseFile(t, f)
		out := g.MarshalNFG()
		h, err := Parse(out)
		if err != nil {
			t.Fatalf("%s: re-reading the written file: %v\n%s", f, err, out)
		}
		if !g.Equal(h) {
			t.Errorf("%s: round trip changed the game", f)
		}
		if out2 := h.MarshalNFG(); !bytes.Equal(out, out2) {
			t.Errorf("%s: second write differs from the first", f)
		}
	}
}

// Spot checks of what the reader finds in known files, against the file text.
func TestParseKnownFiles(t *testing.T) {
	g := mustParseFile(t, "testdata/games/contrib__2x2x2.nfg")
	if g.NumPlayers() != 3 || g.Title != "2x2x2 Example from McKelvey-McLennan, with 9 Nash equilibria, 2 totally mixed" {
		t.Fatalf("2x2x2: %d players, title %q", g.NumPlayers(), g.Title)
	}
	// Outcome 4 ("" 9, 8, 2) sits at profile 4 = (2,2,1) in 1-based terms.
	if got := g.Payoff([]int{1, 1, 0}, 2); got.Cmp(rat("2")) != 0 {
		t.Errorf("payoff of player 3 at (2,2,1) = %v, want 2", got)
	}
	os, of := g.Outcomes()
	if len(os) != 8 || of[7] != 8 {
		t.Errorf("outcomes: %d, last profile → %d", len(os), of[7])
	}

	g = mustParseFile(t, "testdata/games/contrib__8x8.nfg")
	// Profile 1 (both play strategy 1) is outcome 1: { "" 1.131000, 1.210000 }.
	if got := g.Payoff([]int{0, 0}, 0); got.Cmp(rat("1131/1000")) != 0 {
		t.Errorf("8x8 payoff = %v, want exactly 1.131", got)
	}

	g = mustParseFile(t, "testdata/games/contrib__winkels.nfg")
	// Payoff form: the 5th and 6th numbers are profile 3 = (row 3, column 1): 3 -2.
	if got := g.Payoff([]int{2, 0}, 1); got.Cmp(rat("-2")) != 0 {
		t.Errorf("winkels payoff = %v, want -2", got)
	}
	if got := g.Payoff([]int{4, 0}, 0); got.Cmp(rat("5/2")) != 0 {
		t.Errorf("winkels rational payoff = %v, want 5/2", got)
	}

	g = mustParseFile(t, "testdata/games/contrib__e04.nfg")
	if g.Dims()[0] != 3 || g.Dims()[1] != 2 || g.Strategy(0, 2) != "3" {
		t.Errorf("count form: dims %v, label %q", g.Dims(), g.Strategy(0, 2))
	}
	g = mustParseFile(t, "testdata/games/tests__2x2_bimatrix_all_zero_payoffs.nfg")
	if g.Player(0) != "Joe" || g.Strategy(1, 1) != "defect" {
		t.Errorf("labels: %q %q", g.Player(0), g.Strategy(1, 1))
	}
	g = mustParseFile(t, "testdata/games/catalog__journals_dcg_vonstengel1999_6x6_game_with_75_eq.nfg")
	if !strings.HasPrefix(g.Comment, "The example from :cite:p:`vS97`") || !strings.Contains(g.Comment, "\nwhich is more") {
		t.Errorf("multi-line comment: %q", g.Comment)
	}
}

func TestNumbers(t *testing.T) {
	good := map[string]string{
		"0": "0", "-3": "-3", "+7": "7", "1.25": "5/4", ".5": "1/2", "-.5": "-1/2", "2.": "2",
		"1.131000": "1131/1000", "3/4": "3/4", "-6/8": "-3/4", "1.5e3": "1500", "1e-2": "1/100",
		"2E+2": "200", "1000000000000000000000": "1000000000000000000000",
	}
	for s, want := range good {
		r, err := ParseNumber(s)
		if err != nil {
			t.Errorf("ParseNumber(%q): %v", s, err)
			continue
		}
		if r.Cmp(rat(want)) != 0 {
			t.Errorf("ParseNumber(%q) = %v, want %s", s, r, want)
		}
		back, err := ParseNumber(FormatNumber(r))
		if err != nil || back.Cmp(r) != 0 {
			t.Errorf("FormatNumber(%v) = %q does not read back", r, FormatNumber(r))
		}
	}
	for _, s := range []string{"-", "+", ".", "1/0", "1/", "/2", "1e", "1e+", "1.2.3", "1/2/3", "--1", "1e99999", "1e5000", "1.5/2", "3-4"} {
		if _, err := ParseNumber(s); err == nil {
			t.Errorf("ParseNumber(%q) accepted", s)
		}
	}
	for r, want := range map[string]string{"1/3": "1/3", "5/4": "1.25", "-1/8": "-0.125", "7": "7", "1/1024": "0.0009765625"} {
		if got := FormatNumber(rat(r)); got != want {
			t.Errorf("FormatNumber(%s) = %q, want %q", r, got, want)
		}
	}
}

func TestLabelsWithQuotesAndBackslashes(t *testing.T) {
	g, _ := New(2, 1)
	g.Title = `a "quoted" title \ with \\ backslashes \`
	g.SetPlayer(0, `\"`)
	g.SetPlayer(1, "new\nline")
	g.SetStrategy(0, 0, `\alpha`)
	g.SetStrategy(0, 1, "")
	g.Comment = `ends with \`
	h, err := Parse(g.MarshalNFG())
	if err != nil {
		t.Fatal(err)
	}
	if !g.Equal(h) {
		t.Errorf("labels changed: %q %q %q %q", h.Title, h.Player(0), h.Strategy(0, 0), h.Comment)
	}
	// A lone backslash before an ordinary character is written as Gambit writes it.
	if !bytes.Contains(g.MarshalNFG(), []byte(`"\alpha"`)) {
		t.Errorf("\\alpha escaped needlessly:\n%s", g.MarshalNFG())
	}
}

// Malformed files: one error each, naming the line and column of the problem.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"empty", "", 1, 1, "expected the header NFG"},
		{"wrong header", "EFG 2 R \"t\" { \"1\" }", 1, 1, "expected the header NFG"},
		{"wrong version", "NFG 2 R \"t\" { \"1\" } { 1 } 0", 1, 5, "format version 1"},
		{"wrong type", "NFG 1 X \"t\" { \"1\" } { 1 } 0", 1, 7, "number type R or D"},
		{"no title", "NFG 1 R { \"1\" } { 1 } 0", 1, 9, "title"},
		{"no players", "NFG 1 R \"t\" { } { } 0", 1, 15, "no players"},
		{"unclosed text", "NFG 1 R \"t\" { \"1\n ", 1, 15, "no closing quote"},
		{"bad strategy count", "NFG 1 R \"t\" { \"1\" \"2\" } { 2 x } 0", 1, 29, "number of strategies of player 2"},
		{"zero strategies", "NFG 1 R \"t\" { \"1\" } { 0 } 0", 1, 23, "cannot have 0 strategies"},
		{"empty strategy list", "NFG 1 R \"t\" { \"1\" \"2\" }\n{ { \"a\" }\n{ }\n}", 3, 3, "player 2 (\"2\") has no strategies"},
		{"too few payoffs", "NFG 1 R \"t\" { \"1\" \"2\" } { 2 2 }\n\n1 2 3 4 5 6 7", 3, 14, "payoff of player 2 at profile 4 (of 4)"},
		{"too many payoffs", "NFG 1 R \"t\" { \"1\" \"2\" } { 1 1 }\n1 2 3", 2, 5, "end of the file"},
		{"bad number", "NFG 1 R \"t\" { \"1\" \"2\" } { 1 1 }\n1 2/0", 2, 3, "division by zero"},
		{"bad decimal", "NFG 1 R \"t\" { \"1\" \"2\" } { 1 1 }\n1.2.3 4", 2, 1, "at most one decimal point"},
		{"word for payoff", "NFG 1 R \"t\" { \"1\" } { 2 }\n1 two", 2, 3, "payoff of player 1 at profile 2"},
		{"huge game", "NFG 1 R \"t\" { \"1\" \"2\" } { 30 30 } 0", 1, 33, "more pure-strategy profiles"},
		{"absurd strategy count", "NFG 1 R \"t\" { \"1\" } { 100000 } 0", 1, 23, "cannot have 100000 strategies"},
		{"outcome out of range", "NFG 1 R \"t\" { \"1\" } { 2 }\n{ { \"o\" 1 } }\n1 2", 3, 3, "refers to outcome 2"},
		{"outcome short", "NFG 1 R \"t\" { \"1\" \"2\" } { 1 1 }\n{ { \"o\" 1 } }\n1", 2, 11, "payoff of player 2 in outcome 1"},
		{"outcome without name", "NFG 1 R \"t\" { \"1\" } { 1 }\n{ { 1 } }\n1", 2, 5, "name of outcome 1"},
		{"truncated outcomes", "NFG 1 R \"t\" { \"1\" } { 3 }\n{ { \"o\" 1 } }\n1 1", 3, 4, "outcome number of profile 3"},
		{"truncated header", "NFG 1 R \"t\" { \"1\" \"2\" }\n{ { \"a\" }", 2, 10, "'{' opening the strategies of player 2"},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.src))
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: error %v is not a *ParseError", c.name, err)
			continue
		}
		if pe.Line != c.line || pe.Col != c.col || !strings.Contains(pe.Msg, c.msg) {
			t.Errorf("%s: got %d:%d %q, want %d:%d containing %q", c.name, pe.Line, pe.Col, pe.Msg, c.line, c.col, c.msg)
		}
		if !model.IsBadInput(err) {
			t.Errorf("%s: not bad input", c.name)
		}
	}
}

// FuzzParse checks that the reader never panics and that whatever it accepts
// writes and reads back to the same game. The seed corpus is in
// testdata/fuzz/FuzzParse plus the reference games.
func FuzzParse(f *testing.F) {
	for _, file := range referenceGames(f) {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		g, err := Parse(src)
		if err != nil {
			if !model.IsBadInput(err) {
				t.Fatalf("error is not bad input: %v", err)
			}
			return
		}
		out := g.MarshalNFG()
		h, err := Parse(out)
		if err != nil {
			t.Fatalf("written game does not read back: %v\n%s", err, out)
		}
		if !g.Equal(h) {
			t.Fatalf("round trip changed the game:\n%s", out)
		}
		if !bytes.Equal(out, h.MarshalNFG()) {
			t.Fatalf("second write differs")
		}
	})
}
