package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/internal/atomicfile"
	"github.com/statecraft/statecraft/model/game"
)

func gameCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "game",
		Short: "Finite games in Gambit's .nfg format: solve, convert",
		Long: `Normal-form games read from and written to Gambit's .nfg format (outcome and
payoff forms, N players, exact rational payoffs), and a YAML form that configs
can embed (the game model's payoffs parameter).`,
	}
	c.AddCommand(gameSolveCmd(e), gameConvertCmd(e))
	groupOnly(c)
	return c
}

func gameSolveCmd(e *env) *cobra.Command {
	var method string
	var asJSON, asCSV bool
	c := &cobra.Command{
		Use:   "solve FILE",
		Short: "Compute Nash equilibria of a game file (.nfg, .yaml or .json)",
		Long: `Computes Nash equilibria of the game and prints each as probability vectors per
player (exact fractions where the method is exact) with the players' payoffs.
Every equilibrium is verified (no player gains by a pure deviation) before it
is printed.

Methods: pure (pure equilibria, any number of players); enum (every extreme
equilibrium of a 2-player game, exact rational arithmetic; the default for 2
players); enum-float (the same in floating point, each answer verified); lh
(Lemke–Howson from every starting label, exact); lh-all (Lemke–Howson paths
from every equilibrium found, as Gambit's lcp); lp (zero-sum 2-player games by
linear programming); logit (the logit quantal-response path, N players).

--json prints {"game": …, "method": …, "equilibria": [{"profile": [[p₁…], …],
"payoffs": […], "exact": [["1/3", …], …]}]}.`,
		Example: `  statecraft game solve model/game/testdata/games/contrib__e04.nfg
  statecraft game solve game.nfg --method lh --json
  statecraft game solve game.yaml --method pure --csv`,
		Args: exactArgs(1, "a game file"),
		RunE: func(c *cobra.Command, args []string) error {
			if asJSON && asCSV {
				return usageError{fmt.Errorf("give --json or --csv, not both")}
			}
			g, err := readGame(args[0])
			if err != nil {
				return err
			}
			r, err := game.Solve(g, method)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			if r.Game == "" {
				r.Game = args[0]
			}
			switch {
			case asJSON:
				data, err := json.MarshalIndent(r, "", "  ")
				if err != nil {
					return err
				}
				_, err = e.stdout.Write(append(data, '\n'))
				return err
			case asCSV:
				return r.WriteCSV(e.stdout)
			}
			return r.WriteText(e.stdout)
		},
	}
	c.Flags().StringVar(&method, "method", "", "solution method: "+strings.Join(game.Methods, ", ")+" (default: enum for 2 players, pure otherwise)")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	c.Flags().BoolVar(&asCSV, "csv", false, "print CSV: one row per equilibrium, player and strategy")
	return c
}

func gameConvertCmd(e *env) *cobra.Command {
	var asConfig string
	c := &cobra.Command{
		Use:   "convert IN OUT",
		Short: "Convert a game between .nfg and YAML (or JSON), by file extension",
		Long: `Reads IN (.nfg, .yaml, .yml or .json) and writes OUT in the format its extension
names. Payoffs keep their exact values: a rational such as 1/3 becomes the
string "1/3" in YAML and an exact rational in .nfg.

--config MODEL writes OUT as a config of that model with the game in its
params instead: --config game (the game model: payoffs, players, title) or
--config payoffset (the 2-player payoff set of the repeated game: payoffs as
numbers). Edit or extend it from there.`,
		Example: "  statecraft game convert game.nfg game.yaml\n  statecraft game convert game.yaml game.nfg\n  statecraft game convert pd.nfg pd-payoffset.yaml --config payoffset",
		Args:    exactArgs(2, "an input and an output file"),
		RunE: func(c *cobra.Command, args []string) error {
			g, err := readGame(args[0])
			if err != nil {
				return err
			}
			var data []byte
			if asConfig != "" {
				cfg, err := gameConfig(g, asConfig, args[0])
				if err != nil {
					return err
				}
				if data, err = yaml.Marshal(cfg); err != nil {
					return err
				}
				if err := atomicfile.WriteFile(args[1], data); err != nil {
					return err
				}
				fmt.Fprintln(e.stdout, args[1])
				return nil
			}
			switch ext := strings.ToLower(filepath.Ext(args[1])); ext {
			case ".nfg":
				data = g.MarshalNFG()
			case ".yaml", ".yml":
				if data, err = yaml.Marshal(game.ToYAMLMap(g)); err != nil {
					return err
				}
			case ".json":
				if data, err = json.MarshalIndent(game.ToYAMLMap(g), "", "  "); err != nil {
					return err
				}
				data = append(data, '\n')
			default:
				return usageError{fmt.Errorf("%s: unknown output format %q; use .nfg, .yaml, .yml or .json", args[1], ext)}
			}
			if err := atomicfile.WriteFile(args[1], data); err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, args[1])
			return nil
		},
	}
	c.Flags().StringVar(&asConfig, "config", "", "write a config of this model (game or payoffset) holding the game")
	return c
}

// gameConfig returns a config of the model holding g: the game model takes
// the game's YAML form; payoffset takes a 2-player game's payoffs as
// [row payoff, column payoff] pairs of floats.
func gameConfig(g *game.Game, modelName, from string) (map[string]any, error) {
	title := g.Title
	if title == "" {
		title = from
	}
	switch modelName {
	case "game":
		return map[string]any{"model": "game", "title": title, "params": game.ToYAMLMap(g)}, nil
	case "payoffset":
		if g.NumPlayers() != 2 {
			return nil, usageError{fmt.Errorf("%s: payoffset needs a 2-player game, this one has %d players", from, g.NumPlayers())}
		}
		dims := g.Dims()
		rows := make([]any, dims[0])
		for r := range rows {
			cells := make([]any, dims[1])
			for c := range cells {
				p := []int{r, c}
				cells[c] = []any{g.PayoffFloat(p, 0), g.PayoffFloat(p, 1)}
			}
			rows[r] = cells
		}
		return map[string]any{"model": "payoffset", "title": "Equilibrium payoff set: " + title,
			"params": map[string]any{"payoffs": rows, "discount": 0.9}}, nil
	}
	return nil, usageError{fmt.Errorf("--config %q: allowed models are game and payoffset", modelName)}
}

// readGame reads a game from .nfg, or from its YAML/JSON form.
func readGame(path string) (*game.Game, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, &config.Error{File: path, Err: fmt.Errorf("no such file")}
		}
		return nil, err
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml", ".json":
		var m map[string]any
		if err := yaml.Unmarshal(data, &m); err != nil {
			return nil, &config.Error{File: path, Err: fmt.Errorf("cannot read: %v", err)}
		}
		g, err := game.FromYAMLMap(m)
		if err != nil {
			return nil, &config.Error{File: path, Err: err}
		}
		return g, nil
	}
	g, err := game.Parse(data)
	if err != nil {
		return nil, &config.Error{File: path, Err: err}
	}
	return g, nil
}
