package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/internal/version"
)

// The committed reference docs equal what the code generates; after changing
// a model's parameters or metrics, run `go run ./cmd/statecraft docs`.
func TestDocsUpToDate(t *testing.T) {
	for name, want := range referenceDocs() {
		path := filepath.Join("..", "..", "docs", name)
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go run ./cmd/statecraft docs)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is out of date: run go run ./cmd/statecraft docs", path)
		}
	}
}

func TestStrategies(t *testing.T) {
	code, out, _ := runCLI(t, nil, "strategies")
	for _, id := range []string{"TFT", "GTFT", "WSLS", "GRUDGER", "ZDEXTORT"} {
		if code != 0 || !strings.Contains(out, id) {
			t.Errorf("strategies lacks %s", id)
		}
	}
	code, out, _ = runCLI(t, nil, "strategies", "--json")
	var list []struct {
		ID          string `json:"id"`
		MemoryDepth int    `json:"memory_depth"`
	}
	if err := json.Unmarshal([]byte(out), &list); code != 0 || err != nil || len(list) < 17 {
		t.Errorf("strategies --json: %v, %d entries", err, len(list))
	}
}

// CITATION.cff names the version the tool reports, and the license there is.
func TestCitationVersion(t *testing.T) {
	data, err := os.ReadFile("../../CITATION.cff")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "\nversion: "+version.Version+"\n") {
		t.Errorf("CITATION.cff does not give version %s", version.Version)
	}
	if lic, err := os.ReadFile("../../LICENSE"); err != nil || !strings.HasPrefix(string(lic), "MIT License") || !strings.Contains(string(data), "license: MIT") {
		t.Errorf("LICENSE and CITATION.cff disagree: %v", err)
	}
}
