package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// usChinaSensitivityHeader starts the table of experiments/us-china-2015/README.md
// that states the Sobol indices.
const usChinaSensitivityHeader = "| metric | largest total index ST | second largest |"

// The Sobol indices that experiments/us-china-2015/README.md states come
// from a sensitivity analysis, not from a run of the experiment, so they are
// not among its findings: this test runs the analysis as the README's
// command does and compares the README's table, row by row, with the two
// largest total indices of each constraint.
func TestUSChinaSensitivity(t *testing.T) {
	dir := "../../experiments/us-china-2015"
	code, stdout, stderr := runCLI(t, nil, "sensitivity", filepath.Join(dir, "sensitivity.yaml"), "-o", t.TempDir(), "--json")
	if code != 0 {
		t.Fatalf("sensitivity: exit %d\n%s", code, stderr)
	}
	var sens struct {
		Indices []struct {
			Metric, Param string
			ST            *float64
		}
	}
	if err := json.Unmarshal([]byte(stdout), &sens); err != nil {
		t.Fatal(err)
	}
	want := []string{usChinaSensitivityHeader, "|---|---|---|"}
	for _, metric := range []string{"self_enforcing", "target_slack", "credible", "sender_slack"} {
		type index struct {
			param string
			st    float64
		}
		var list []index
		for _, ix := range sens.Indices {
			if ix.Metric == metric && ix.ST != nil {
				list = append(list, index{ix.Param, *ix.ST})
			}
		}
		if len(list) < 2 {
			t.Fatalf("sensitivity of %s: %d indices", metric, len(list))
		}
		sort.SliceStable(list, func(i, j int) bool { return list[i].st > list[j].st })
		want = append(want, fmt.Sprintf("| `%s` | %s %.2f | %s %.2f |", metric, list[0].param, list[0].st, list[1].param, list[1].st))
	}

	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	lines := strings.Split(string(readme), "\n")
	for i, l := range lines {
		if l == usChinaSensitivityHeader {
			for _, row := range lines[i:] {
				if !strings.HasPrefix(row, "|") {
					break
				}
				got = append(got, row)
			}
			break
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s/README.md: the table of Sobol indices is\n%s\nthe analysis gives\n%s", dir, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
