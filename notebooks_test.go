package statecraft_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNotebooksForm checks the committed notebooks without running them (CI
// runs them with scripts/notebooks.sh run): valid nbformat 4 for the GoNB
// kernel, outputs cleared, the GoNB version of scripts/notebooks.sh pinned in
// the first code cell with the repository in the Go workspace, a question
// first, figures shown, and a last cell of checks. Each is listed in
// notebooks/README.md.
func TestNotebooksForm(t *testing.T) {
	paths, _ := filepath.Glob("notebooks/*.ipynb")
	if len(paths) < 8 {
		t.Fatalf("%d notebooks, want the tour and one per experiment family", len(paths))
	}
	script, err := os.ReadFile("scripts/notebooks.sh")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^GONB_VERSION=(\S+)`).FindSubmatch(script)
	if m == nil {
		t.Fatal("scripts/notebooks.sh sets no GONB_VERSION")
	}
	pin := "go get github.com/janpfeifer/gonb@" + string(m[1])
	readme, err := os.ReadFile("notebooks/README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var nb struct {
				NBFormat int `json:"nbformat"`
				Metadata struct {
					Kernelspec struct{ Name string } `json:"kernelspec"`
				} `json:"metadata"`
				Cells []struct {
					CellType       string          `json:"cell_type"`
					Source         []string        `json:"source"`
					Outputs        []any           `json:"outputs"`
					ExecutionCount json.RawMessage `json:"execution_count"`
				} `json:"cells"`
			}
			if err := json.Unmarshal(data, &nb); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			if nb.NBFormat != 4 || nb.Metadata.Kernelspec.Name != "gonb" {
				t.Fatalf("nbformat %d, kernel %q; want 4 and gonb", nb.NBFormat, nb.Metadata.Kernelspec.Name)
			}
			var code []string
			shows := false
			for i, c := range nb.Cells {
				src := strings.Join(c.Source, "")
				if c.CellType == "code" {
					code = append(code, src)
					if len(c.Outputs) > 0 || (len(c.ExecutionCount) > 0 && string(c.ExecutionCount) != "null") {
						t.Errorf("cell %d has outputs: run scripts/notebooks.sh clear %s", i, path)
					}
				}
				if strings.Contains(src, "gonbui.Display") {
					shows = true
				}
			}
			if len(nb.Cells) == 0 || nb.Cells[0].CellType != "markdown" || !strings.Contains(strings.Join(nb.Cells[0].Source, ""), "**Question.**") {
				t.Error("the first cell should state the question (markdown, **Question.**)")
			}
			if len(code) < 3 {
				t.Fatalf("%d code cells", len(code))
			}
			for _, want := range []string{pin, `go work use . "$GONB_DIR/.."`, "%goworkfix"} {
				if !strings.Contains(code[0], want) {
					t.Errorf("the first code cell lacks %q", want)
				}
			}
			if !shows {
				t.Error("no figure is shown inline (gonbui.Display…)")
			}
			last := code[len(code)-1]
			if !strings.Contains(last, "check(") && !strings.Contains(last, "holds(") {
				t.Error("the last code cell should check the notebook's numbers")
			}
			if !strings.Contains(string(readme), "("+filepath.Base(path)+")") {
				t.Errorf("notebooks/README.md does not link %s", filepath.Base(path))
			}
		})
	}
}
