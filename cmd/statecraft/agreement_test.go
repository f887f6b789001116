package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The agreement model through the CLI: bad input exits with 2 and one line
// naming the file and the key; the base config solves and the sweep writes
// no file when a cell is bad.
func TestAgreementCLI(t *testing.T) {
	bad := []struct {
		name, config string
		sweep        bool
		want         []string
	}{
		{"hotline out of range", "model: agreement\nparams: {hotline: 2}\n", false, []string{"study.yaml", "params.hotline", "0 ≤ x ≤ 1"}},
		{"misspelt parameter", "model: agreement\nparams: {nonstate: 1}\n", false, []string{"params.nonstate", `did you mean "nonstate_rate"`}},
		{"two sanction lengths", "model: agreement\nparams: {sanction_length: 2, sanction_years: 1}\n", false, []string{"params.sanction_years", "not both"}},
		{"bad agreement", "model: agreement\nparams: {agreement: during}\n", false, []string{"params.agreement", "before", "after"}},
		{"discount underflows", "model: agreement\nparams: {interest_rate: 1000, review_period: 1}\n", false, []string{"params.interest_rate", "outside (0, 1)"}},
		{"bad cell in a sweep", "model: agreement\nsweep:\n  grid:\n    - {param: hotline, values: [0.5, 1.5]}\n", true, []string{"study.yaml", "cell 1", "hotline=1.5", "0 ≤ x ≤ 1"}},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"solve", writeConfig(t, c.config)}
			out := t.TempDir()
			if c.sweep {
				args = []string{"sweep", args[1], "-o", out}
			}
			code, _, stderr := runCLI(t, nil, args...)
			if code != 2 {
				t.Errorf("exit %d, want 2: %s", code, stderr)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("want one line, got:\n%s", stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q does not mention %q", stderr, w)
				}
			}
			if _, err := os.Stat(filepath.Join(out, "results.csv")); err == nil {
				t.Error("a failed sweep left results.csv")
			}
		})
	}

	code, stdout, stderr := runCLI(t, nil, "solve", "../../configs/agreement.yaml", "--json", "--set", "params.agreement=before")
	if code != 0 {
		t.Fatalf("solve the base config: exit %d: %s", code, stderr)
	}
	var sol struct {
		Metrics     map[string]any `json:"metrics"`
		Certificate struct {
			Concept string   `json:"concept"`
			Unique  bool     `json:"unique"`
			Notes   []string `json:"notes"`
		} `json:"certificate"`
	}
	if err := json.Unmarshal([]byte(stdout), &sol); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	if sol.Certificate.Unique || len(sol.Certificate.Notes) == 0 || !strings.HasPrefix(sol.Certificate.Concept, "perfect public equilibrium") {
		t.Errorf("certificate %+v", sol.Certificate)
	}
	if sol.Metrics["regime"] != "non_credible" {
		t.Errorf("regime before the pledge %v, want non_credible (%s)", sol.Metrics["regime"], stdout)
	}
}
