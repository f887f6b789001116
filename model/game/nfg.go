package game

import (
	"bytes"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ParseError is a malformed .nfg file (or YAML game): where the problem is
// and what was expected. It is bad input: [ParseError.BadInput] reports true.
type ParseError struct {
	File string // optional: the file name, set by the caller
	Line int    // 1-based; 0 when the error is not about a place in the text
	Col  int    // 1-based, in characters
	Msg  string
}

func (e *ParseError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d, column %d: ", e.Line, e.Col)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// BadInput marks the error as the user's to fix (exit code 2).
func (e *ParseError) BadInput() bool { return true }

type tokKind int

const (
	tokEOF tokKind = iota
	tokNumber
	tokText
	tokSymbol
	tokLBrace
	tokRBrace
	tokComma
)

func (k tokKind) String() string {
	return [...]string{"end of file", "a number", "a quoted text", "a word", "'{'", "'}'", "','"}[k]
}

type token struct {
	kind      tokKind
	text      string
	line, col int
}

// lexer splits an .nfg file into tokens, tracking line and column.
type lexer struct {
	src       []byte
	pos       int
	line, col int
}

func (l *lexer) errAt(line, col int, format string, args ...any) error {
	return &ParseError{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// advance moves past one character (a UTF-8 sequence, or one invalid byte).
func (l *lexer) advance() {
	r, size := utf8.DecodeRune(l.src[l.pos:])
	l.pos += size
	if r == '\n' {
		l.line++
		l.col = 1
	} else {
		l.col++
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func isNumberByte(c byte) bool {
	return c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.' || c == '/' || c == 'e' || c == 'E'
}

func (l *lexer) next() (token, error) {
	for l.pos < len(l.src) && isSpace(l.src[l.pos]) {
		l.advance()
	}
	t := token{line: l.line, col: l.col}
	if l.pos >= len(l.src) {
		t.kind = tokEOF
		return t, nil
	}
	c := l.src[l.pos]
	switch {
	case c == '{':
		l.advance()
		t.kind = tokLBrace
	case c == '}':
		l.advance()
		t.kind = tokRBrace
	case c == ',':
		l.advance()
		t.kind = tokComma
	case c == '"':
		// A quoted text. \" is a quote and \\ a backslash; a backslash before
		// any other character is kept, as Gambit reads it.
		l.advance()
		var b []byte
		for {
			if l.pos >= len(l.src) {
				return t, l.errAt(t.line, t.col, "text starting here has no closing quote")
			}
			c := l.src[l.pos]
			if c == '"' {
				l.advance()
				break
			}
			if c == '\\' && l.pos+1 < len(l.src) && (l.src[l.pos+1] == '"' || l.src[l.pos+1] == '\\') {
				b = append(b, l.src[l.pos+1])
				l.advance()
				l.advance()
				continue
			}
			start := l.pos
			l.advance()
			b = append(b, l.src[start:l.pos]...)
		}
		t.kind, t.text = tokText, string(b)
	case c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.':
		start := l.pos
		for l.pos < len(l.src) && isNumberByte(l.src[l.pos]) {
			l.advance()
		}
		t.kind, t.text = tokNumber, string(l.src[start:l.pos])
	default:
		start := l.pos
		for l.pos < len(l.src) {
			c := l.src[l.pos]
			if isSpace(c) || c == '{' || c == '}' || c == '"' || c == ',' {
				break
			}
			l.advance()
		}
		t.kind, t.text = tokSymbol, string(l.src[start:l.pos])
	}
	return t, nil
}

// maxExponent bounds the decimal exponent of a number, so that a file cannot
// ask for a payoff with a billion digits.
const maxExponent = 1000

// ParseNumber reads an exact payoff as written in .nfg files: an integer
// ("-3"), a decimal ("1.25", ".5", "2.", with an optional exponent "1.5e3") or
// a fraction ("3/4").
func ParseNumber(s string) (*big.Rat, error) {
	bad := func(why string) error { return fmt.Errorf("%q is not a number: %s", s, why) }
	body := s
	if body != "" && (body[0] == '+' || body[0] == '-') {
		body = body[1:]
	}
	if body == "" {
		return nil, bad("no digits")
	}
	if num, den, ok := strings.Cut(body, "/"); ok {
		if !allDigits(num) || !allDigits(den) {
			return nil, bad("a fraction is written p/q with whole numbers p and q")
		}
		d, _ := new(big.Int).SetString(den, 10)
		if d.Sign() == 0 {
			return nil, bad("division by zero")
		}
		n, _ := new(big.Int).SetString(num, 10)
		if s[0] == '-' {
			n.Neg(n)
		}
		return new(big.Rat).SetFrac(n, d), nil
	}
	mant, exp := body, ""
	if k := strings.IndexAny(body, "eE"); k >= 0 {
		mant, exp = body[:k], body[k+1:]
		e := exp
		if e != "" && (e[0] == '+' || e[0] == '-') {
			e = e[1:]
		}
		if !allDigits(e) {
			return nil, bad("the exponent must be a whole number")
		}
		if len(e) > 4 || atoiSmall(e) > maxExponent {
			return nil, bad(fmt.Sprintf("the exponent is beyond ±%d", maxExponent))
		}
	}
	// allDigits(fp) also rejects a second decimal point.
	ip, fp, _ := strings.Cut(mant, ".")
	if (ip != "" && !allDigits(ip)) || (fp != "" && !allDigits(fp)) || (ip == "" && fp == "") {
		return nil, bad("expected digits with at most one decimal point")
	}
	digits := ip + fp
	n, _ := new(big.Int).SetString(digits, 10)
	scale := -len(fp)
	if exp != "" {
		e, _ := strconv.Atoi(exp)
		scale += e
	}
	r := new(big.Rat)
	if scale >= 0 {
		n.Mul(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil))
		r.SetInt(n)
	} else {
		r.SetFrac(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-scale)), nil))
	}
	if s[0] == '-' {
		r.Neg(r)
	}
	return r, nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func atoiSmall(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// FormatNumber writes an exact payoff the way [ParseNumber] reads it back: an
// integer, a terminating decimal ("0.125"), or a fraction ("1/3").
func FormatNumber(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	// A fraction in lowest terms has a terminating decimal expansion iff its
	// denominator has no prime factors other than 2 and 5.
	d := new(big.Int).Set(r.Denom())
	twos := d.TrailingZeroBits()
	d.Rsh(d, twos)
	fives := uint(0)
	five, q, m := big.NewInt(5), new(big.Int), new(big.Int)
	for {
		q.QuoRem(d, five, m)
		if m.Sign() != 0 {
			break
		}
		d.Set(q)
		fives++
	}
	if d.Cmp(big.NewInt(1)) != 0 || max(twos, fives) > 60 {
		return r.String()
	}
	return r.FloatString(int(max(twos, fives)))
}

type parser struct {
	lx  lexer
	tok token
}

func (p *parser) advance() error {
	t, err := p.lx.next()
	if err != nil {
		return err
	}
	p.tok = t
	return nil
}

func (p *parser) errf(format string, args ...any) error {
	return p.lx.errAt(p.tok.line, p.tok.col, format, args...)
}

func (p *parser) describe() string {
	switch p.tok.kind {
	case tokNumber, tokSymbol:
		return fmt.Sprintf("%q", p.tok.text)
	case tokText:
		return fmt.Sprintf("the text %q", shorten(p.tok.text))
	}
	return p.tok.kind.String()
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) > 30 {
		r := []rune(s)
		return string(r[:30]) + "…"
	}
	return s
}

func (p *parser) expect(k tokKind, what string) error {
	if p.tok.kind != k {
		return p.errf("expected %s, found %s", what, p.describe())
	}
	return p.advance()
}

// Parse reads a game in Gambit's .nfg format (version 1, payoff or outcome
// form). Errors are [*ParseError]s with the line and column of the problem.
func Parse(src []byte) (*Game, error) {
	p := &parser{lx: lexer{src: src, line: 1, col: 1}}
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind != tokSymbol || p.tok.text != "NFG" {
		return nil, p.errf("expected the header NFG 1 R (a Gambit strategic-form file), found %s", p.describe())
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind != tokNumber || p.tok.text != "1" {
		return nil, p.errf("expected the format version 1 after NFG, found %s", p.describe())
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind != tokSymbol || (p.tok.text != "R" && p.tok.text != "D") {
		return nil, p.errf("expected the number type R or D after NFG 1, found %s", p.describe())
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind != tokText {
		return nil, p.errf("expected the game's title in double quotes, found %s", p.describe())
	}
	title := p.tok.text
	if err := p.advance(); err != nil {
		return nil, err
	}

	// Players.
	if err := p.expect(tokLBrace, "'{' opening the list of player names"); err != nil {
		return nil, err
	}
	var players []string
	for p.tok.kind == tokText {
		players = append(players, p.tok.text)
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
	if p.tok.kind != tokRBrace {
		return nil, p.errf("expected a player name in double quotes or '}', found %s", p.describe())
	}
	if len(players) == 0 {
		return nil, p.errf("the game has no players")
	}
	if err := p.advance(); err != nil {
		return nil, err
	}

	// Strategies: either { { "a" "b" } { "c" "d" } } or counts { 2 2 }.
	if err := p.expect(tokLBrace, "'{' opening the strategies"); err != nil {
		return nil, err
	}
	strats := make([][]string, len(players))
	dims := make([]int, len(players))
	if p.tok.kind == tokLBrace {
		for i := range players {
			if err := p.expect(tokLBrace, fmt.Sprintf("'{' opening the strategies of player %d", i+1)); err != nil {
				return nil, err
			}
			for p.tok.kind == tokText {
				strats[i] = append(strats[i], p.tok.text)
				if err := p.advance(); err != nil {
					return nil, err
				}
			}
			if p.tok.kind != tokRBrace {
				return nil, p.errf("expected a strategy label in double quotes or '}' for player %d, found %s", i+1, p.describe())
			}
			if len(strats[i]) == 0 {
				return nil, p.errf("player %d (%q) has no strategies", i+1, players[i])
			}
			if err := p.advance(); err != nil {
				return nil, err
			}
		}
	} else {
		for i := range players {
			if p.tok.kind != tokNumber || !allDigits(p.tok.text) {
				return nil, p.errf("expected the number of strategies of player %d, found %s", i+1, p.describe())
			}
			n, err := strconv.Atoi(p.tok.text)
			if err != nil || n < 1 || n > len(src) {
				return nil, p.errf("player %d cannot have %s strategies", i+1, p.tok.text)
			}
			dims[i] = n
			strats[i] = make([]string, n)
			for j := range strats[i] {
				strats[i][j] = strconv.Itoa(j + 1)
			}
			if err := p.advance(); err != nil {
				return nil, err
			}
		}
	}
	if p.tok.kind != tokRBrace {
		return nil, p.errf("expected '}' closing the strategies of %d players, found %s", len(players), p.describe())
	}
	sizeLine, sizeCol := p.tok.line, p.tok.col
	if err := p.advance(); err != nil {
		return nil, err
	}
	// Every profile needs at least one number in the body, so a body longer
	// than the file is malformed; checking this first keeps a short file from
	// allocating a huge table.
	profiles := 1
	for i := range strats {
		dims[i] = len(strats[i])
		if profiles > len(src)/dims[i] {
			return nil, p.lx.errAt(sizeLine, sizeCol, "%v strategies make more pure-strategy profiles than this file has payoffs for", dims)
		}
		profiles *= dims[i]
	}

	comment := ""
	if p.tok.kind == tokText {
		comment = p.tok.text
		if err := p.advance(); err != nil {
			return nil, err
		}
	}

	g, err := New(dims...)
	if err != nil {
		return nil, p.lx.errAt(sizeLine, sizeCol, "%s", strings.TrimPrefix(err.Error(), "game: "))
	}
	g.Title, g.Comment = title, comment
	copy(g.players, players)
	for i := range strats {
		copy(g.strats[i], strats[i])
	}

	switch p.tok.kind {
	case tokLBrace:
		err = p.outcomeBody(g)
	case tokNumber:
		err = p.payoffBody(g)
	default:
		err = p.errf("expected the payoffs (numbers) or the outcome list ('{'), found %s", p.describe())
	}
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tokEOF {
		return nil, p.errf("expected the end of the file after %d profiles, found %s", g.NumProfiles(), p.describe())
	}
	return g, nil
}

func (p *parser) number(what string) (*big.Rat, error) {
	if p.tok.kind != tokNumber {
		return nil, p.errf("expected %s, found %s", what, p.describe())
	}
	r, err := ParseNumber(p.tok.text)
	if err != nil {
		return nil, p.errf("%v", err)
	}
	return r, p.advance()
}

func (p *parser) payoffBody(g *Game) error {
	n := g.NumPlayers()
	for k := range g.NumProfiles() {
		for i := range n {
			r, err := p.number(fmt.Sprintf("the payoff of player %d at profile %d (of %d)", i+1, k+1, g.NumProfiles()))
			if err != nil {
				return err
			}
			g.setPay(k, i, r)
		}
	}
	return nil
}

func (p *parser) outcomeBody(g *Game) error {
	n := g.NumPlayers()
	if err := p.advance(); err != nil { // the '{' opening the outcome list
		return err
	}
	var outcomes []Outcome
	for p.tok.kind == tokLBrace {
		if err := p.advance(); err != nil {
			return err
		}
		if p.tok.kind != tokText {
			return p.errf("expected the name of outcome %d in double quotes, found %s", len(outcomes)+1, p.describe())
		}
		o := Outcome{Name: p.tok.text, Payoffs: make([]*big.Rat, n)}
		if err := p.advance(); err != nil {
			return err
		}
		for i := range n {
			r, err := p.number(fmt.Sprintf("the payoff of player %d in outcome %d", i+1, len(outcomes)+1))
			if err != nil {
				return err
			}
			o.Payoffs[i] = r
			if p.tok.kind == tokComma {
				if err := p.advance(); err != nil {
					return err
				}
			}
		}
		if p.tok.kind != tokRBrace {
			return p.errf("expected '}' closing outcome %d after its %d payoffs, found %s", len(outcomes)+1, n, p.describe())
		}
		if err := p.advance(); err != nil {
			return err
		}
		outcomes = append(outcomes, o)
		if len(outcomes) > len(p.lx.src) {
			return p.errf("too many outcomes")
		}
	}
	if err := p.expect(tokRBrace, "'{' opening an outcome or '}' closing the outcome list"); err != nil {
		return err
	}
	of := make([]int, g.NumProfiles())
	for k := range of {
		if p.tok.kind != tokNumber || !allDigits(p.tok.text) {
			return p.errf("expected the outcome number of profile %d (of %d), found %s", k+1, len(of), p.describe())
		}
		o, err := strconv.Atoi(p.tok.text)
		if err != nil || o > len(outcomes) {
			return p.errf("profile %d refers to outcome %s, but there are %d outcomes (0 means none)", k+1, p.tok.text, len(outcomes))
		}
		of[k] = o
		if err := p.advance(); err != nil {
			return err
		}
	}
	if err := g.SetOutcomes(outcomes, of); err != nil {
		return p.errf("%s", strings.TrimPrefix(err.Error(), "game: "))
	}
	return nil
}

// Read reads a game in .nfg format from r. See [Parse].
func Read(r io.Reader) (*Game, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return Parse(src)
}

// quote writes s as an .nfg text: quotes become \", and a backslash is doubled
// where it would otherwise be read as an escape (before a quote, a backslash
// or the closing quote).
func quote(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\' && (i+1 == len(s) || s[i+1] == '"' || s[i+1] == '\\'):
			b.WriteString(`\\`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
}

// MarshalNFG writes g in Gambit's .nfg format: the outcome form for a game
// read in (or set to) outcome form, else the payoff form, one profile per
// line. Payoffs are written exactly (see [FormatNumber]).
func (g *Game) MarshalNFG() []byte {
	var b bytes.Buffer
	b.WriteString("NFG 1 R ")
	quote(&b, g.Title)
	b.WriteString(" {")
	for _, name := range g.players {
		b.WriteByte(' ')
		quote(&b, name)
	}
	b.WriteString(" }\n\n{ ")
	for i, ss := range g.strats {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteByte('{')
		for _, s := range ss {
			b.WriteByte(' ')
			quote(&b, s)
		}
		b.WriteString(" }")
	}
	b.WriteString("\n}\n")
	quote(&b, g.Comment)
	b.WriteString("\n\n")
	n := len(g.dims)
	if g.outcomes != nil {
		b.WriteString("{\n")
		for _, o := range g.outcomes {
			b.WriteString("{ ")
			quote(&b, o.Name)
			for i, v := range o.Payoffs {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteByte(' ')
				b.WriteString(FormatNumber(v))
			}
			b.WriteString(" }\n")
		}
		b.WriteString("}\n")
		for k, o := range g.outcomeOf {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.Itoa(o))
		}
		b.WriteByte('\n')
		return b.Bytes()
	}
	for k := range g.NumProfiles() {
		for i := range n {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(FormatNumber(&g.pay[k*n+i]))
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// WriteNFG writes g in .nfg format to w (see [Game.MarshalNFG]).
func (g *Game) WriteNFG(w io.Writer) error {
	_, err := w.Write(g.MarshalNFG())
	return err
}
