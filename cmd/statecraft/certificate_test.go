package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// Every model's certificate, as `solve --json` prints it, names its solution
// concept and claims uniqueness only where a proof applies (each model's
// documentation gives the argument): a closed form or exhaustive enumeration
// with one solution, a contraction, coinciding extremal equilibria of a
// monotone best response. Repeated games (many equilibria), commitment
// searches, fixed strategy pairs and formulas never claim it.
func TestSolveCertificates(t *testing.T) {
	cases := []struct {
		config  string
		sets    []string
		concept string // a prefix of the concept
		unique  bool
	}{
		{"agreement", nil, "perfect public equilibrium in a stated class of trigger strategies", false},
		{"attribution", nil, "perfect Bayesian equilibrium", true},
		{"attribution", []string{"params.defender=commitment"}, "Stackelberg commitment", false},
		{"espionage", nil, "strongly symmetric perfect public equilibrium", false},
		{"game", nil, "Nash equilibrium", true},
		{"game", []string{"params.method=lh"}, "Nash equilibrium", false},
		{"inspection", nil, "Nash equilibrium", true},
		{"inspection", []string{"params.leadership=true"}, "inspector leadership", false},
		{"inspection", []string{"params.variant=dresher"}, "value and optimal (minimax) strategies", true},
		{"inspection", []string{"params.variant=transparency"}, "none", false},
		{"ishigami", nil, "none", false},
		{"match", nil, "none", false},
		{"payoffset", nil, "set of pure-strategy subgame-perfect equilibrium payoffs", false},
		{"sanctions", nil, "perfect Bayesian equilibrium", true},
		{"sanctions", []string{"params.target_cost=1"}, "perfect Bayesian equilibrium", false},
		{"timing", nil, "optimal policy", true},
		{"tournament", []string{"params.turns=20", "params.repetitions=1"}, "none", false},
	}
	for _, c := range cases {
		args := []string{"solve", filepath.Join("..", "..", "configs", c.config+".yaml"), "--json"}
		for _, s := range c.sets {
			args = append(args, "--set", s)
		}
		code, out, stderr := runCLI(t, nil, args...)
		if code != 0 {
			t.Errorf("%s %v: exit %d: %s", c.config, c.sets, code, stderr)
			continue
		}
		var got struct {
			Certificate struct {
				Concept *string `json:"concept"`
				Unique  *bool   `json:"unique"`
			} `json:"certificate"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%s: %v", c.config, err)
		}
		cert := got.Certificate
		if cert.Concept == nil || cert.Unique == nil {
			t.Errorf("%s %v: certificate lacks concept or unique: %s", c.config, c.sets, out)
			continue
		}
		if !strings.HasPrefix(*cert.Concept, c.concept) || *cert.Unique != c.unique {
			t.Errorf("%s %v: concept %q, unique %v; want concept %q…, unique %v", c.config, c.sets, *cert.Concept, *cert.Unique, c.concept, c.unique)
		}
	}
}
