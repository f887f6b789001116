package game

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Methods lists the solution methods [Solve] accepts, in the order the CLI
// documents them.
var Methods = []string{"pure", "enum", "enum-float", "lh", "lh-all", "lp", "logit"}

// methodDoc says in one line what each method returns.
var methodDoc = map[string]string{
	"pure":       "every pure-strategy equilibrium (exact; any number of players)",
	"enum":       "every extreme equilibrium, by vertex enumeration (exact; 2 players)",
	"enum-float": "extreme equilibria by vertex enumeration in floating point, each verified (2 players; complete for non-degenerate games)",
	"lh":         "Lemke–Howson from each starting label (exact; 2 players; not all equilibria)",
	"lh-all":     "every equilibrium reachable by Lemke–Howson paths from the artificial one (exact; 2 players; not all equilibria)",
	"lp":         "linear programming for zero-sum games (floating point, verified; 2 players)",
	"logit":      "the equilibrium the logit quantal response branch leads to (any number of players; exact where it verifies exactly, else floating point, verified)",
}

// concepts names the solution concept each method's outcome satisfies.
var concepts = map[string]string{
	"pure":       "pure-strategy Nash equilibrium",
	"enum":       "Nash equilibrium",
	"enum-float": "Nash equilibrium",
	"lh":         "Nash equilibrium",
	"lh-all":     "Nash equilibrium",
	"lp":         "Nash equilibrium of a zero-sum game (minimax strategies; the value is unique)",
	"logit":      "Nash equilibrium (the limit of the logit quantal response branch)",
}

// MethodDoc returns a one-line description of a method, or "".
func MethodDoc(method string) string { return methodDoc[method] }

// DefaultMethod is the method [Solve] uses for "": enum for 2-player games,
// pure otherwise.
func DefaultMethod(g *Game) string {
	if g.NumPlayers() == 2 {
		return "enum"
	}
	return "pure"
}

// Report is the result of solving a game with one method, in the form the
// command line prints. It marshals to JSON as
//
//	{"game": "…", "method": "enum", "equilibria": [
//	  {"profile": [[0.5, 0.5], [1, 0]], "payoffs": [1.5, 2], "exact": [["1/2", "1/2"], ["1", "0"]]}]}
//
// with "exact" left out for floating-point results.
type Report struct {
	// Game names the game: its title, which a caller may replace by the
	// file name.
	Game       string              `json:"game"`
	Method     string              `json:"method"`
	Equilibria []ReportEquilibrium `json:"equilibria"`

	g *Game
}

// ReportEquilibrium is one equilibrium of a [Report].
type ReportEquilibrium struct {
	Profile [][]float64 `json:"profile"`
	Payoffs []float64   `json:"payoffs"`
	Exact   [][]string  `json:"exact,omitempty"`

	exactPayoffs []string // for the text writer
}

// Solve computes the equilibria of g with a method of [Methods] ("" for
// [DefaultMethod]) and returns them as a [Report]. An unknown method, or one
// that does not apply to g, is a [*MethodError] (bad input).
func Solve(g *Game, method string) (Report, error) {
	if method == "" {
		method = DefaultMethod(g)
	}
	es, err := SolveEquilibria(g, method)
	if err != nil {
		return Report{}, err
	}
	return NewReport(g, method, es), nil
}

// NewReport builds the report of equilibria es of g found with method.
func NewReport(g *Game, method string, es []Equilibrium) Report {
	r := Report{Game: g.Title, Method: method, Equilibria: make([]ReportEquilibrium, 0, len(es)), g: g}
	for _, e := range es {
		re := ReportEquilibrium{Profile: e.Profile, Payoffs: e.Payoffs}
		for _, v := range e.ExactPayoffs {
			re.exactPayoffs = append(re.exactPayoffs, v.RatString())
		}
		if e.Exact != nil {
			re.Exact = make([][]string, len(e.Exact))
			for i, p := range e.Exact {
				re.Exact[i] = make([]string, len(p))
				for s, v := range p {
					re.Exact[i][s] = v.RatString()
				}
			}
		}
		r.Equilibria = append(r.Equilibria, re)
	}
	return r
}

// SolveEquilibria is [Solve] returning the equilibria themselves.
func SolveEquilibria(g *Game, method string) ([]Equilibrium, error) {
	switch method {
	case "pure":
		return PureEquilibria(g)
	case "enum":
		return Enumerate(g)
	case "enum-float":
		return EnumerateFloat(g, 0)
	case "lh":
		return LemkeHowson(g, false)
	case "lh-all":
		return LemkeHowson(g, true)
	case "lp":
		e, err := ZeroSum(g, 0)
		if err != nil {
			return nil, err
		}
		return []Equilibrium{e}, nil
	case "logit":
		e, err := Logit(g, 0)
		if err != nil {
			return nil, err
		}
		return []Equilibrium{e}, nil
	}
	return nil, &MethodError{Method: method, Msg: "unknown method; allowed: " + strings.Join(Methods, ", ")}
}

// labels returns player names and strategy labels for the writers.
func (r *Report) labels() (players []string, strats [][]string) {
	if r.g != nil {
		return r.g.players, r.g.strats
	}
	if len(r.Equilibria) == 0 {
		return nil, nil
	}
	for i, p := range r.Equilibria[0].Profile {
		players = append(players, "Player "+strconv.Itoa(i+1))
		var ss []string
		for s := range p {
			ss = append(ss, strconv.Itoa(s+1))
		}
		strats = append(strats, ss)
	}
	return players, strats
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// WriteCSV writes the report as a tidy table, one row per equilibrium,
// player and strategy:
//
//	equilibrium,player,strategy,probability,exact,payoff
//
// where payoff is the player's expected payoff in that equilibrium and exact
// the probability as a fraction (empty for floating-point results).
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"equilibrium", "player", "strategy", "probability", "exact", "payoff"}); err != nil {
		return err
	}
	players, strats := r.labels()
	for k, e := range r.Equilibria {
		for i, p := range e.Profile {
			for s, v := range p {
				ex := ""
				if e.Exact != nil {
					ex = e.Exact[i][s]
				}
				rec := []string{strconv.Itoa(k + 1), players[i], strats[i][s], formatFloat(v), ex, formatFloat(e.Payoffs[i])}
				if err := cw.Write(rec); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteText writes the report for people: each equilibrium with the
// strategies played with positive probability (as fractions where exact) and
// the players' expected payoffs.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	players, strats := r.labels()
	if r.Game != "" {
		fmt.Fprintf(&b, "Game: %s\n", r.Game)
	}
	fmt.Fprintf(&b, "Method: %s", r.Method)
	if d := MethodDoc(r.Method); d != "" {
		fmt.Fprintf(&b, " — %s", d)
	}
	b.WriteByte('\n')
	switch len(r.Equilibria) {
	case 0:
		b.WriteString("No equilibrium found.\n")
	case 1:
		b.WriteString("1 equilibrium\n")
	default:
		fmt.Fprintf(&b, "%d equilibria\n", len(r.Equilibria))
	}
	width := len("payoffs")
	for _, p := range players {
		width = max(width, len([]rune(p)))
	}
	for k, e := range r.Equilibria {
		fmt.Fprintf(&b, "\n%d.", k+1)
		indent := strings.Repeat(" ", len(strconv.Itoa(k+1))+1)
		for i, p := range e.Profile {
			if i > 0 {
				b.WriteString(indent)
			}
			fmt.Fprintf(&b, " %-*s  ", width, players[i])
			first := true
			for s, v := range p {
				if v == 0 && (e.Exact == nil || e.Exact[i][s] == "0") {
					continue
				}
				if !first {
					b.WriteString(", ")
				}
				first = false
				prob := formatFloat(v)
				if e.Exact != nil {
					prob = e.Exact[i][s]
				}
				if prob == "1" {
					b.WriteString(strats[i][s])
				} else {
					fmt.Fprintf(&b, "%s %s", strats[i][s], prob)
				}
			}
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s %-*s  ", indent, width, "payoffs")
		for i, v := range e.Payoffs {
			if i > 0 {
				b.WriteString(", ")
			}
			if e.exactPayoffs != nil {
				b.WriteString(e.exactPayoffs[i])
			} else {
				b.WriteString(strconv.FormatFloat(v, 'g', 10, 64))
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
