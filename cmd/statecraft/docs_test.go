package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
