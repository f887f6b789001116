package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// The JYC outer bound at the finest tolerance the model accepts and 256
// directions used to exit 1 with an ill-conditioned LP in gonum's simplex;
// it converges (exit 0) and bounds the exact set of the prisoner's dilemma
// at δ = 0.9, whose largest row payoff is 13/3 (model/repeated/
// payoffset's known answer for Axelrod's payoffs, which this base config
// uses).
func TestSolvePayoffSetFinestTolerance(t *testing.T) {
	code, out, stderr := runCLI(t, nil, "solve", filepath.Join("..", "..", "configs", "payoffset.yaml"), "--json",
		"--set", "params.method=outer", "--set", "params.directions=256", "--set", "params.tolerance=1e-12")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Metrics     map[string]float64 `json:"metrics"`
		Certificate struct {
			Converged bool `json:"converged"`
		} `json:"certificate"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	// The outer bound on 256 directions overshoots 13/3 by 0.0026 (its
	// polygon's corner there is cut by directions 1.4° apart).
	if rowMax := got.Metrics["row_max"]; !got.Certificate.Converged || rowMax < 13.0/3-1e-12 || rowMax > 13.0/3+0.005 {
		t.Errorf("converged %v, row_max %.12g, want at least 13/3 and within 0.005 of it", got.Certificate.Converged, rowMax)
	}
}

// Timing with persistence 1 and discount < 1 is the optimal-stopping case:
// at S = 0 and U[0, 1] stakes the reservation value is T* = (1 − √(1 − w²))/w
// (0.626789 at w = 0.9; model/timing's TestOptimalStopping). With discount 1
// too it is undefined and refused as bad input (exit 2), naming the key.
func TestSolveTimingPersistenceOne(t *testing.T) {
	cfg := filepath.Join("..", "..", "configs", "timing.yaml")
	code, out, stderr := runCLI(t, nil, "solve", cfg, "--json", "--set", "params.persistence=1", "--set", "params.stealth=0")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Metrics map[string]float64 `json:"metrics"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if th := got.Metrics["threshold"]; th < 0.6267885 || th > 0.6267895 {
		t.Errorf("threshold %.9g, want 0.626789", th)
	}
	code, _, stderr = runCLI(t, nil, "solve", cfg, "--set", "params.persistence=1", "--set", "params.discount=1")
	if code != 2 || !strings.Contains(stderr, "params.persistence") || !strings.Contains(stderr, "discount") {
		t.Errorf("persistence 1 with discount 1: exit %d, %s", code, stderr)
	}
}
