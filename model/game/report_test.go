package game

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/model"
)

// matchingPennies has one equilibrium, both players mixing 1/2–1/2 with
// payoffs 0 (known by hand: each must make the other indifferent).
const matchingPennies = `NFG 1 R "Matching pennies" { "Even" "Odd" }
{ { "Heads" "Tails" } { "Heads" "Tails" } }
""
1 -1 -1 1 -1 1 1 -1
`

// The JSON shape the CLI prints, exactly.
func TestReportJSON(t *testing.T) {
	g := mustParse(t, matchingPennies)
	r, err := Solve(g, "enum")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"game":"Matching pennies","method":"enum","equilibria":[{"profile":[[0.5,0.5],[0.5,0.5]],"payoffs":[0,0],"exact":[["1/2","1/2"],["1/2","1/2"]]}]}`
	if string(b) != want {
		t.Errorf("JSON\n%s\nwant\n%s", b, want)
	}
	// Floating-point results have no "exact"; no equilibrium is an empty list.
	r, err = Solve(g, "enum-float")
	if err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(r)
	var back struct {
		Equilibria []map[string]json.RawMessage `json:"equilibria"`
	}
	if err := json.Unmarshal(b, &back); err != nil || len(back.Equilibria) != 1 {
		t.Fatalf("float JSON %s: %v", b, err)
	}
	if _, ok := back.Equilibria[0]["exact"]; ok {
		t.Errorf("float JSON has exact: %s", b)
	}
	var prof [][]float64
	json.Unmarshal(back.Equilibria[0]["profile"], &prof)
	for _, p := range prof {
		for _, v := range p {
			if math.Abs(v-0.5) > 1e-12 {
				t.Errorf("float profile %v", prof)
			}
		}
	}
	r, _ = Solve(g, "pure")
	b, _ = json.Marshal(r)
	if !strings.HasSuffix(string(b), `"equilibria":[]}`) {
		t.Errorf("no pure equilibrium: %s", b)
	}
}

func TestReportCSV(t *testing.T) {
	g := mustParseFile(t, "testdata/games/contrib__coord2.nfg")
	r, err := Solve(g, "enum")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// 3 equilibria × 2 players × 2 strategies, plus the header.
	if len(rows) != 13 || strings.Join(rows[0], ",") != "equilibrium,player,strategy,probability,exact,payoff" {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	for _, row := range rows[1:] {
		if row[4] == "" {
			t.Errorf("row %v has no exact probability", row)
		}
	}
}

func TestSolveUnknownMethod(t *testing.T) {
	g := mustParse(t, matchingPennies)
	for _, m := range []string{"simplex", "ENUM"} {
		_, err := Solve(g, m)
		if err == nil || !model.IsBadInput(err) || !strings.Contains(err.Error(), "allowed: pure, enum") {
			t.Errorf("method %q: %v", m, err)
		}
	}
	g3 := mustParseFile(t, "testdata/games/contrib__2x2x2.nfg")
	for _, m := range []string{"enum", "enum-float", "lh", "lh-all", "lp"} {
		_, err := Solve(g3, m)
		if err == nil || !model.IsBadInput(err) || !strings.Contains(err.Error(), "2-player games") {
			t.Errorf("method %s on 3 players: %v", m, err)
		}
	}
	if _, err := Solve(mustParseFile(t, "testdata/games/contrib__pd.nfg"), "lp"); err == nil || !model.IsBadInput(err) {
		t.Errorf("lp on the prisoner's dilemma: %v", err)
	}
	// "" picks enum for two players and pure for more.
	r, err := Solve(g3, "")
	if err != nil || r.Method != "pure" || len(r.Equilibria) != 4 {
		t.Errorf("default method on 2x2x2: %s, %d equilibria, %v", r.Method, len(r.Equilibria), err)
	}
}

// Every method names the solution concept its certificate reports.
func TestEveryMethodHasAConcept(t *testing.T) {
	for _, m := range Methods {
		if concepts[m] == "" || MethodDoc(m) == "" {
			t.Errorf("method %s: concept %q, doc %q", m, concepts[m], MethodDoc(m))
		}
	}
}
