package game

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/statecraft/statecraft/schema"
)

// The YAML form of a game, for configs and `statecraft game convert`:
//
//	title: Prisoner's dilemma          # optional
//	comment: Axelrod's payoffs         # optional
//	players:                           # optional: names and strategy labels
//	  - {name: Row, strategies: [Cooperate, Defect]}
//	  - {name: Column, strategies: [Cooperate, Defect]}
//	payoffs:                           # payoffs[s1][s2]…[sN] = [u1, …, uN]
//	  - [[3, 3], [0, 5]]               # row 1: (C,C), (C,D)
//	  - [[5, 0], [1, 1]]               # row 2: (D,C), (D,D)
//
// payoffs nests one list level per player (rows, then columns, then the
// third player's strategies, …) around the list of the players' payoffs in
// that cell, so payoffs.0.1.0 is the row player's payoff when she plays her
// first strategy and the column player his second. Payoffs are numbers, or
// strings for exact values a float cannot hold ("1/3", "0.1" is read as
// 1/10 either way). Without players, the shape of payoffs gives the
// dimensions and players are named Player 1, Player 2, … with strategies
// 1, 2, …; strategies may also be given as a count.

var yamlKeys = []string{"title", "comment", "players", "payoffs"}

// ToYAMLMap returns the YAML form of g (see above) as maps and lists ready
// for a YAML or JSON encoder. Payoffs that are integers or decimals a float64
// carries exactly become numbers, the rest strings such as "1/3"; the
// outcome form of a game is not kept.
func ToYAMLMap(g *Game) map[string]any {
	out := map[string]any{}
	if g.Title != "" {
		out["title"] = g.Title
	}
	if g.Comment != "" {
		out["comment"] = g.Comment
	}
	players := make([]any, len(g.dims))
	for i := range g.dims {
		ss := make([]any, g.dims[i])
		for s, l := range g.strats[i] {
			ss[s] = l
		}
		players[i] = map[string]any{"name": g.players[i], "strategies": ss}
	}
	out["players"] = players
	n := len(g.dims)
	var build func(level, base int) any
	build = func(level, base int) any {
		if level == n {
			cell := make([]any, n)
			for i := range n {
				cell[i] = yamlNumber(&g.pay[base*n+i])
			}
			return cell
		}
		list := make([]any, g.dims[level])
		for s := range list {
			list[s] = build(level+1, base+s*g.stride[level])
		}
		return list
	}
	out["payoffs"] = build(0, 0)
	return out
}

// yamlNumber returns r as an int (when it fits), a float64 (when its
// shortest decimal reads back as r) or an exact string.
func yamlNumber(r *big.Rat) any {
	if r.IsInt() && r.Num().IsInt64() {
		v := r.Num().Int64()
		if v >= -(1<<53) && v <= 1<<53 {
			return int(v)
		}
	}
	f, _ := r.Float64()
	if !math.IsInf(f, 0) {
		if back, err := ParseNumber(strconv.FormatFloat(f, 'g', -1, 64)); err == nil && back.Cmp(r) == 0 {
			return f
		}
	}
	return FormatNumber(r)
}

// ratFromYAML reads a payoff given as a YAML number or string. A float64 is
// read through its shortest decimal form, so 0.1 means 1/10.
func ratFromYAML(v any, path string) (*big.Rat, error) {
	switch x := v.(type) {
	case int:
		return new(big.Rat).SetInt64(int64(x)), nil
	case int64:
		return new(big.Rat).SetInt64(x), nil
	case int32:
		return new(big.Rat).SetInt64(int64(x)), nil
	case uint64:
		return new(big.Rat).SetInt(new(big.Int).SetUint64(x)), nil
	case uint:
		return new(big.Rat).SetInt(new(big.Int).SetUint64(uint64(x))), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, schema.Errorf(path, "want a finite number, got %v", x)
		}
		return ParseNumber(strconv.FormatFloat(x, 'g', -1, 64))
	case *big.Rat:
		return new(big.Rat).Set(x), nil
	case string:
		r, err := ParseNumber(strings.TrimSpace(x))
		if err != nil {
			return nil, schema.Errorf(path, "%v (write an integer, a decimal or a fraction like 1/3)", err)
		}
		return r, nil
	}
	return nil, schema.Errorf(path, "want a payoff (a number, or a string like \"1/3\"), got %s", describeValue(v))
}

func describeValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "nothing"
	case []any:
		return fmt.Sprintf("a list of %d", len(x))
	case map[string]any:
		return "a mapping"
	case string:
		return fmt.Sprintf("text %q", x)
	}
	return fmt.Sprintf("%v", v)
}

// FromYAMLMap reads a game from its YAML form (see [ToYAMLMap]). Errors are
// [*schema.Error]s naming the key path, e.g. "payoffs.1.0: want 2 payoffs
// (one per player), got 3".
func FromYAMLMap(m map[string]any) (*Game, error) {
	for k := range m {
		if !contains(yamlKeys, k) {
			msg := "unknown key"
			if near := schema.Nearest(k, yamlKeys); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			return nil, schema.Errorf(k, "%s (valid keys: %s)", msg, strings.Join(yamlKeys, ", "))
		}
	}
	raw, ok := m["payoffs"]
	if !ok {
		return nil, schema.Errorf("payoffs", "required: the payoffs as nested lists, payoffs[s1][s2]…[sN] = [u1, …, uN]")
	}
	names, labels, err := playersFromYAML(m["players"])
	if err != nil {
		return nil, err
	}
	g, err := PayoffsFromYAML(raw, "payoffs")
	if err != nil {
		return nil, err
	}
	if names != nil {
		if len(names) != g.NumPlayers() {
			return nil, schema.Errorf("players", "%d players listed, but the payoffs are for %d", len(names), g.NumPlayers())
		}
		for i := range names {
			if len(labels[i]) != g.dims[i] {
				return nil, schema.Errorf(fmt.Sprintf("players.%d.strategies", i), "%d strategies listed, but the payoffs have %d for player %d", len(labels[i]), g.dims[i], i+1)
			}
			g.players[i] = names[i]
			copy(g.strats[i], labels[i])
		}
	}
	for _, k := range []string{"title", "comment"} {
		if v, ok := m[k]; ok {
			s, isStr := v.(string)
			if !isStr {
				return nil, schema.Errorf(k, "want text, got %s", describeValue(v))
			}
			if k == "title" {
				g.Title = s
			} else {
				g.Comment = s
			}
		}
	}
	return g, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// playersFromYAML reads the optional players list: names and strategy labels
// (or counts).
func playersFromYAML(v any) (names []string, labels [][]string, err error) {
	if v == nil {
		return nil, nil, nil
	}
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return nil, nil, schema.Errorf("players", "want a list of players, each {name: …, strategies: […]}, got %s", describeValue(v))
	}
	for i, p := range list {
		path := fmt.Sprintf("players.%d", i)
		pm, ok := p.(map[string]any)
		if !ok {
			return nil, nil, schema.Errorf(path, "want {name: …, strategies: […]}, got %s", describeValue(p))
		}
		for k := range pm {
			if k != "name" && k != "strategies" {
				return nil, nil, schema.Errorf(path+"."+k, "unknown key (valid keys: name, strategies)")
			}
		}
		name, ok := pm["name"].(string)
		if !ok {
			return nil, nil, schema.Errorf(path+".name", "want the player's name as text, got %s", describeValue(pm["name"]))
		}
		var ls []string
		switch s := pm["strategies"].(type) {
		case []any:
			for j, l := range s {
				str, ok := l.(string)
				if !ok {
					if n, isNum := l.(int); isNum {
						str = strconv.Itoa(n)
					} else {
						return nil, nil, schema.Errorf(fmt.Sprintf("%s.strategies.%d", path, j), "want a strategy label, got %s", describeValue(l))
					}
				}
				ls = append(ls, str)
			}
		case int:
			if s < 1 || s > MaxPayoffEntries {
				return nil, nil, schema.Errorf(path+".strategies", "want at least 1 strategy, got %d", s)
			}
			for j := range s {
				ls = append(ls, strconv.Itoa(j+1))
			}
		default:
			return nil, nil, schema.Errorf(path+".strategies", "want a list of strategy labels or a number of strategies, got %s", describeValue(pm["strategies"]))
		}
		if len(ls) == 0 {
			return nil, nil, schema.Errorf(path+".strategies", "a player needs at least one strategy")
		}
		names = append(names, name)
		labels = append(labels, ls)
	}
	return names, labels, nil
}

// PayoffsFromYAML reads the nested payoff lists of the YAML form (path is
// the key path for error messages) into a game with default names.
func PayoffsFromYAML(raw any, path string) (*Game, error) {
	// The shape: follow first elements down to the first list of non-lists.
	var dims []int
	v := raw
	for {
		list, ok := v.([]any)
		if !ok {
			return nil, schema.Errorf(path, "want nested lists payoffs[s1]…[sN] = [u1, …, uN], got %s", describeValue(raw))
		}
		if len(list) == 0 {
			p := path
			for range dims {
				p = pathIndex(p, 0)
			}
			return nil, schema.Errorf(p, "empty list: every player needs at least one strategy")
		}
		if _, nested := list[0].([]any); !nested {
			break
		}
		dims = append(dims, len(list))
		v = list[0]
	}
	n := len(dims)
	if n == 0 {
		return nil, schema.Errorf(path, "want one list level per player around each cell's payoffs, e.g. [[[3, 3], [0, 5]], [[5, 0], [1, 1]]] for 2 players")
	}
	g, err := New(dims...)
	if err != nil {
		return nil, schema.Errorf(path, "%s", strings.TrimPrefix(err.Error(), "game: "))
	}
	var walk func(v any, level, base int, p string) error
	walk = func(v any, level, base int, p string) error {
		list, ok := v.([]any)
		if level == n {
			if !ok || len(list) != n {
				return schema.Errorf(p, "want %d payoffs (one per player), got %s", n, describeValue(v))
			}
			for i, x := range list {
				r, err := ratFromYAML(x, pathIndex(p, i))
				if err != nil {
					if se, isSchema := err.(*schema.Error); isSchema {
						return se
					}
					return schema.Errorf(pathIndex(p, i), "%v", err)
				}
				g.setPay(base, i, r)
			}
			return nil
		}
		if !ok || len(list) != dims[level] {
			return schema.Errorf(p, "want a list of %d (player %d's strategies), got %s", dims[level], level+1, describeValue(v))
		}
		for s, x := range list {
			if err := walk(x, level+1, base+s*g.stride[level], pathIndex(p, s)); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(raw, 0, 0, path); err != nil {
		return nil, err
	}
	return g, nil
}

// pathIndex appends a list index to a key path.
func pathIndex(path string, i int) string {
	if path == "" {
		return strconv.Itoa(i)
	}
	return path + "." + strconv.Itoa(i)
}
