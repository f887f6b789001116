package game

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
)

// MaxPayoffEntries bounds the size of a game built in memory: the number of
// pure-strategy profiles times the number of players. It keeps a malformed
// file or config from exhausting memory.
const MaxPayoffEntries = 1 << 26

// Game is a finite game in normal (strategic) form with N ≥ 1 players.
//
// Payoffs are exact rationals; a float64 copy of each is kept for the
// floating-point solvers. A game read from an .nfg file in outcome form keeps
// its outcomes (named payoff vectors shared by several profiles) so that it
// writes back in the same form; setting a single payoff with [Game.SetPayoff]
// turns it into the payoff form.
//
// Pure-strategy profiles are indexed with player 1's strategy varying
// fastest, as in Gambit's files: index = s₁ + d₁(s₂ + d₂(s₃ + …)).
type Game struct {
	// Title is the game's one-line title.
	Title string
	// Comment is free text describing the game.
	Comment string

	players []string
	strats  [][]string
	dims    []int
	stride  []int // stride[i] = d₁⋯dᵢ₋₁, the profile-index step of player i's strategy

	pay []big.Rat // pay[profile*N + player]
	fl  []float64 // float64 copies of pay

	// Outcome form, when read from such a file: outcomes[k-1] is outcome k,
	// outcomeOf[profile] is its outcome number (0: the null outcome, all
	// payoffs zero).
	outcomes  []Outcome
	outcomeOf []int
}

// Outcome is a named payoff vector of an outcome-form game.
type Outcome struct {
	Name    string
	Payoffs []*big.Rat // one per player
}

// New returns a game with len(dims) players, player i having dims[i]
// strategies, and all payoffs zero. Players are named "Player 1", "Player 2",
// …, strategies "1", "2", …, as Gambit names them.
func New(dims ...int) (*Game, error) {
	if len(dims) == 0 {
		return nil, errors.New("game: a game needs at least one player")
	}
	n := 1
	for i, d := range dims {
		if d < 1 {
			return nil, fmt.Errorf("game: player %d has %d strategies; each player needs at least one", i+1, d)
		}
		if n > MaxPayoffEntries/d {
			return nil, fmt.Errorf("game: %v strategies make more than %d pure-strategy profiles", dims, MaxPayoffEntries)
		}
		n *= d
	}
	if n > MaxPayoffEntries/len(dims) {
		return nil, fmt.Errorf("game: %v strategies make more than %d payoff entries", dims, MaxPayoffEntries)
	}
	g := &Game{
		players: make([]string, len(dims)),
		strats:  make([][]string, len(dims)),
		dims:    append([]int(nil), dims...),
		stride:  make([]int, len(dims)),
		pay:     make([]big.Rat, n*len(dims)),
		fl:      make([]float64, n*len(dims)),
	}
	s := 1
	for i, d := range dims {
		g.players[i] = "Player " + strconv.Itoa(i+1)
		g.strats[i] = make([]string, d)
		for j := range g.strats[i] {
			g.strats[i][j] = strconv.Itoa(j + 1)
		}
		g.stride[i] = s
		s *= d
	}
	return g, nil
}

// Bimatrix returns the 2-player game with row player payoffs a and column
// player payoffs b (both m×n).
func Bimatrix(a, b [][]*big.Rat) (*Game, error) {
	m := len(a)
	if m == 0 || len(b) != m || len(a[0]) == 0 {
		return nil, errors.New("game: bimatrix: a and b must be non-empty with the same number of rows")
	}
	n := len(a[0])
	for i := range a {
		if len(a[i]) != n || len(b[i]) != n {
			return nil, fmt.Errorf("game: bimatrix: row %d has %d and %d entries, want %d", i+1, len(a[i]), len(b[i]), n)
		}
	}
	g, err := New(m, n)
	if err != nil {
		return nil, err
	}
	for i := range m {
		for j := range n {
			if a[i][j] == nil || b[i][j] == nil {
				return nil, fmt.Errorf("game: bimatrix: missing payoff at row %d, column %d", i+1, j+1)
			}
			g.setPay(i+m*j, 0, a[i][j])
			g.setPay(i+m*j, 1, b[i][j])
		}
	}
	return g, nil
}

// BimatrixInt is [Bimatrix] for integer payoffs.
func BimatrixInt(a, b [][]int64) (*Game, error) {
	conv := func(x [][]int64) [][]*big.Rat {
		out := make([][]*big.Rat, len(x))
		for i, row := range x {
			out[i] = make([]*big.Rat, len(row))
			for j, v := range row {
				out[i][j] = new(big.Rat).SetInt64(v)
			}
		}
		return out
	}
	return Bimatrix(conv(a), conv(b))
}

// NumPlayers returns the number of players.
func (g *Game) NumPlayers() int { return len(g.dims) }

// Dims returns the number of strategies of each player (a copy).
func (g *Game) Dims() []int { return append([]int(nil), g.dims...) }

// NumProfiles returns the number of pure-strategy profiles.
func (g *Game) NumProfiles() int { return len(g.pay) / len(g.dims) }

// Player returns the name of player i (0-based).
func (g *Game) Player(i int) string { return g.players[i] }

// SetPlayer names player i (0-based).
func (g *Game) SetPlayer(i int, name string) { g.players[i] = name }

// Strategy returns the label of strategy s (0-based) of player i (0-based).
func (g *Game) Strategy(i, s int) string { return g.strats[i][s] }

// SetStrategy labels strategy s of player i (both 0-based).
func (g *Game) SetStrategy(i, s int, label string) { g.strats[i][s] = label }

// Index returns the index of a pure-strategy profile (one 0-based strategy
// per player). It panics if the profile has the wrong length or a strategy is
// out of range.
func (g *Game) Index(profile []int) int {
	if len(profile) != len(g.dims) {
		panic(fmt.Sprintf("game: profile %v has %d entries for %d players", profile, len(profile), len(g.dims)))
	}
	k := 0
	for i, s := range profile {
		if s < 0 || s >= g.dims[i] {
			panic(fmt.Sprintf("game: strategy %d of player %d out of range [0,%d)", s, i, g.dims[i]))
		}
		k += s * g.stride[i]
	}
	return k
}

// Profile returns the pure-strategy profile with index k.
func (g *Game) Profile(k int) []int {
	p := make([]int, len(g.dims))
	for i, d := range g.dims {
		p[i] = k % d
		k /= d
	}
	return p
}

// Payoff returns (a copy of) player i's payoff at a pure-strategy profile.
func (g *Game) Payoff(profile []int, i int) *big.Rat {
	return new(big.Rat).Set(&g.pay[g.Index(profile)*len(g.dims)+i])
}

// PayoffFloat returns player i's payoff at a profile as a float64 (the
// nearest float64 to the exact payoff).
func (g *Game) PayoffFloat(profile []int, i int) float64 {
	return g.fl[g.Index(profile)*len(g.dims)+i]
}

// SetPayoff sets player i's payoff at a pure-strategy profile. A game in
// outcome form turns into payoff form (its outcomes are dropped), since the
// outcome may be shared with other profiles.
func (g *Game) SetPayoff(profile []int, i int, v *big.Rat) {
	g.outcomes, g.outcomeOf = nil, nil
	g.setPay(g.Index(profile), i, v)
}

func (g *Game) setPay(k, i int, v *big.Rat) {
	r := &g.pay[k*len(g.dims)+i]
	r.Set(v)
	f, _ := r.Float64()
	g.fl[k*len(g.dims)+i] = f
}

// Outcomes returns the outcomes of a game in outcome form and, per profile,
// its outcome number (1-based; 0 is the null outcome with zero payoffs). Both
// are nil for a game in payoff form. The returned values are copies.
func (g *Game) Outcomes() ([]Outcome, []int) {
	if g.outcomes == nil {
		return nil, nil
	}
	out := make([]Outcome, len(g.outcomes))
	for k, o := range g.outcomes {
		out[k] = Outcome{Name: o.Name, Payoffs: make([]*big.Rat, len(o.Payoffs))}
		for i, v := range o.Payoffs {
			out[k].Payoffs[i] = new(big.Rat).Set(v)
		}
	}
	return out, append([]int(nil), g.outcomeOf...)
}

// SetOutcomes puts the game in outcome form: outcomes are the named payoff
// vectors and of[k] the outcome number (1-based, 0 for the null outcome) of
// profile k. Every profile's payoffs are set from its outcome.
func (g *Game) SetOutcomes(outcomes []Outcome, of []int) error {
	if len(of) != g.NumProfiles() {
		return fmt.Errorf("game: %d outcome numbers for %d profiles", len(of), g.NumProfiles())
	}
	for k, o := range outcomes {
		if len(o.Payoffs) != len(g.dims) {
			return fmt.Errorf("game: outcome %d has %d payoffs for %d players", k+1, len(o.Payoffs), len(g.dims))
		}
		for i, v := range o.Payoffs {
			if v == nil {
				return fmt.Errorf("game: outcome %d has no payoff for player %d", k+1, i+1)
			}
		}
	}
	for k, o := range of {
		if o < 0 || o > len(outcomes) {
			return fmt.Errorf("game: profile %d refers to outcome %d; outcomes are numbered 1 to %d (0 for none)", k+1, o, len(outcomes))
		}
	}
	g.outcomes = make([]Outcome, len(outcomes))
	for k, o := range outcomes {
		g.outcomes[k] = Outcome{Name: o.Name, Payoffs: make([]*big.Rat, len(o.Payoffs))}
		for i, v := range o.Payoffs {
			g.outcomes[k].Payoffs[i] = new(big.Rat).Set(v)
		}
	}
	g.outcomeOf = append([]int(nil), of...)
	zero := new(big.Rat)
	for k, o := range of {
		for i := range g.dims {
			if o == 0 {
				g.setPay(k, i, zero)
			} else {
				g.setPay(k, i, g.outcomes[o-1].Payoffs[i])
			}
		}
	}
	return nil
}

// Clone returns a deep copy of g.
func (g *Game) Clone() *Game {
	h, _ := New(g.dims...)
	h.Title, h.Comment = g.Title, g.Comment
	copy(h.players, g.players)
	for i := range g.strats {
		copy(h.strats[i], g.strats[i])
	}
	for k := range g.pay {
		h.pay[k].Set(&g.pay[k])
	}
	copy(h.fl, g.fl)
	if g.outcomes != nil {
		os, of := g.Outcomes()
		h.outcomes, h.outcomeOf = os, of
	}
	return h
}

// Equal reports whether g and h are the same game: title, comment, player
// names, strategy labels, exact payoffs and, for games in outcome form, the
// same outcomes assigned to the same profiles.
func (g *Game) Equal(h *Game) bool {
	if g.Title != h.Title || g.Comment != h.Comment || len(g.dims) != len(h.dims) {
		return false
	}
	for i := range g.dims {
		if g.dims[i] != h.dims[i] || g.players[i] != h.players[i] {
			return false
		}
		for s := range g.strats[i] {
			if g.strats[i][s] != h.strats[i][s] {
				return false
			}
		}
	}
	for k := range g.pay {
		if g.pay[k].Cmp(&h.pay[k]) != 0 {
			return false
		}
	}
	if (g.outcomes == nil) != (h.outcomes == nil) || len(g.outcomes) != len(h.outcomes) {
		return false
	}
	for k, o := range g.outcomes {
		if o.Name != h.outcomes[k].Name {
			return false
		}
		for i, v := range o.Payoffs {
			if v.Cmp(h.outcomes[k].Payoffs[i]) != 0 {
				return false
			}
		}
	}
	for k := range g.outcomeOf {
		if g.outcomeOf[k] != h.outcomeOf[k] {
			return false
		}
	}
	return true
}

// matrices returns the payoff matrices of a 2-player game as rationals:
// a[i][j] and b[i][j] are the row and column player's payoffs when the row
// player plays i and the column player j.
func (g *Game) matrices() (a, b [][]*big.Rat) {
	m, n := g.dims[0], g.dims[1]
	a = make([][]*big.Rat, m)
	b = make([][]*big.Rat, m)
	for i := range m {
		a[i] = make([]*big.Rat, n)
		b[i] = make([]*big.Rat, n)
		for j := range n {
			k := (i + m*j) * 2
			a[i][j] = &g.pay[k]
			b[i][j] = &g.pay[k+1]
		}
	}
	return a, b
}

// floatMatrices is matrices in float64, row-major: a[i*n+j].
func (g *Game) floatMatrices() (a, b []float64) {
	m, n := g.dims[0], g.dims[1]
	a = make([]float64, m*n)
	b = make([]float64, m*n)
	for i := range m {
		for j := range n {
			k := (i + m*j) * 2
			a[i*n+j] = g.fl[k]
			b[i*n+j] = g.fl[k+1]
		}
	}
	return a, b
}
