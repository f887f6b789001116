package findings

import (
	"math"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/statecraft/statecraft/figure"
	"github.com/statecraft/statecraft/schema"
)

// A results table of a grid over strategy × q: slack falls linearly in q,
// from 0.3 − q for grim and 0.2 − q for punish; the regime switches where
// slack turns negative.
var testRun = Run{
	Params: []string{"strategy", "q"},
	Table: figure.NewTable(
		[]string{"cell", "strategy", "q", "discount", "slack", "regime", "coop_rate_mean", "vertices"},
		[][]string{
			{"0", "grim", "0", "0.9", "0.3", "comply", "0.9", "NaN"},
			{"1", "grim", "0.1", "0.9", "0.2", "comply", "0.8", "NaN"},
			{"2", "grim", "0.2", "0.9", "0.1", "comply", "0.7", "NaN"},
			{"3", "grim", "0.4", "0.9", "-0.1", "violate", "0.5", "NaN"},
			{"4", "punish", "0", "0.9", "0.2", "comply", "0.95", "[[1,1],[4,1],[1,4.333333333]]"},
			{"5", "punish", "0.1", "0.9", "0.1", "comply", "0.9", "NaN"},
			{"6", "punish", "0.2", "0.9", "0", "mixed", "0.96", "NaN"},
			{"7", "punish", "0.4", "0.9", "-0.2", "violate", "0.6", "NaN"},
		}),
}

func spec(t *testing.T, src string) Spec {
	t.Helper()
	var raw map[string]any
	if err := yaml.Unmarshal([]byte(src), &raw); err != nil {
		t.Fatal(err)
	}
	var s Spec
	if err := schema.MustOf(Spec{}).Decode(raw, &s); err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return s
}

func TestEvaluate(t *testing.T) {
	runs := map[string]Run{"r": testRun}
	cases := []struct{ spec, text string }{
		{"{name: a, run: r, where: {strategy: grim, q: 0.1}, value: slack, text: 'slack {value}'}", "slack 0.2"},
		// A simulated metric by its name is its mean.
		{"{name: a, run: r, where: {strategy: punish, q: 0}, value: coop_rate, text: '{value:.1f}'}", "0.9"},
		{"{name: a, run: r, max: coop_rate, text: 'most {value} at q = {at.q} ({at.strategy})'}", "most 0.96 at q = 0.2 (punish)"},
		{"{name: a, run: r, where: {strategy: grim}, min: slack, text: '{value} at {at.q}'}", "-0.1 at 0.4"},
		{"{name: a, run: r, where: {q: {from: 0.1, to: 0.2}}, min: slack, text: '{value}'}", "0"},
		// The first q where the regime is not comply: the grid point, and the one before.
		{"{name: a, run: r, where: {strategy: punish}, first: q, when: {regime: {not: comply}}, text: 'from {value} (after {before})'}", "from 0.2 (after 0.1)"},
		// Interpolated: slack = 0.3 − q crosses 0 at q = 0.3, between 0.2 and 0.4.
		{"{name: a, run: r, where: {strategy: grim}, first: q, when: {slack: {below: 0}}, interpolate: true, text: '{value:.3f}'}", "0.300"},
		// A bound that is a column: slack below coop_rate − 0.8 ... here coop_rate itself.
		{"{name: a, run: r, where: {strategy: grim}, first: q, when: {slack: {below: discount}}, text: '{value}'}", "0"},
		{"{name: a, run: r, where: {strategy: grim}, first: q, when: {regime: mixed}, otherwise: 'never mixed', text: '{value}'}", "never mixed"},
		{"{name: a, run: r, where: {strategy: {in: [grim]}}, first: q, when: {regime: violate}, text: '{at.coop_rate}'}", "0.5"},
		// Coop rises by 0.06 from q = 0.1 to 0.2 under punish: the only rise.
		{"{name: a, run: r, max_rise: coop_rate, along: q, text: '{value:.2f} from {before} at {at.strategy}'}", "0.06 from 0.1 at punish"},
		{"{name: a, run: r, where: {cell: 4}, value: vertices, text: '{value}'}", "(1, 1), (4, 1), (1, 4.333)"},
		{"{name: a, run: r, where: {strategy: punish}, count: {regime: {not: comply}}, text: '{value:d} of 4'}", "2 of 4"},
	}
	for _, c := range cases {
		r, err := Evaluate(spec(t, c.spec), runs, nil)
		if err != nil {
			t.Errorf("%s: %v", c.spec, err)
			continue
		}
		if r.Text != c.text {
			t.Errorf("%s: %q, want %q", c.spec, r.Text, c.text)
		}
	}
	r, err := Evaluate(spec(t, "{name: t, run: [r, s], where: {q: 0}, table: [strategy, slack], format: .2f, text: 'At q = 0:'}"), map[string]Run{"r": testRun, "s": testRun}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "At q = 0:\n\n| run | strategy | slack |\n|---|---|---|\n| r | grim | 0.30 |\n| r | punish | 0.20 |\n| s | grim | 0.30 |\n| s | punish | 0.20 |\n"
	if got := Markdown([]*Result{r}); got != want {
		t.Errorf("table:\n%s\nwant\n%s", got, want)
	}
}

// A text can use other findings: their value, before and row.
func TestReferences(t *testing.T) {
	runs := map[string]Run{"r": testRun}
	a, err := Evaluate(spec(t, "{name: lo, run: r, where: {strategy: grim}, min: slack}"), runs, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := spec(t, "{name: hi, run: r, where: {strategy: grim}, max: slack, text: 'slack from {lo} (q = {lo.at.q}, coop {lo.at.coop_rate}) to {value}'}")
	if refs := s.References(); len(refs) != 1 || refs[0] != "lo" {
		t.Errorf("references %v", refs)
	}
	r, err := Evaluate(s, runs, map[string]*Result{"lo": a})
	if err != nil || r.Text != "slack from -0.1 (q = 0.4, coop 0.5) to 0.3" {
		t.Errorf("%v %v", r, err)
	}
	if got := Markdown([]*Result{a, r}); got != "- slack from -0.1 (q = 0.4, coop 0.5) to 0.3\n" {
		t.Errorf("a finding without text is shown: %q", got)
	}
	if _, err := Evaluate(s, runs, nil); err == nil || !strings.Contains(err.Error(), `no finding "lo"`) {
		t.Errorf("missing reference: %v", err)
	}
}

// Evaluation errors name the finding and what is wrong.
func TestEvaluateErrors(t *testing.T) {
	runs := map[string]Run{"r": testRun}
	for src, want := range map[string]string{
		"{name: a, run: x, value: slack, text: v}":                                         `no run "x"`,
		"{name: a, run: r, where: {strategy: grim}, value: slak, text: v}":                 `did you mean "slack"`,
		"{name: a, run: r, where: {strategy: grim}, value: slack, text: v}":                "4 rows of run r",
		"{name: a, run: r, where: {strategy: tft}, value: slack, text: v}":                 "no row",
		"{name: a, run: r, first: q, when: {regime: violate}, text: v}":                    "both have q",
		"{name: a, run: r, where: {strategy: grim}, first: q, when: {regime: x}, text: v}": "no row meets when",
		"{name: a, run: r, where: {q: 0}, max: slack, text: '{before}'}":                   "{before}",
	} {
		_, err := Evaluate(spec(t, src), runs, nil)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "finding a: ") {
			t.Errorf("%s: %v, want %q", src, err, want)
		}
	}
}

// A finding's form is checked when it is decoded.
func TestSpecValidate(t *testing.T) {
	for src, want := range map[string]string{
		"{name: A, run: r, value: x, text: v}":                                  "name",
		"{name: a, value: x, text: v}":                                          "needs run",
		"{name: a, run: r, text: v}":                                            "exactly one query",
		"{name: a, run: r, value: x, min: y, text: v}":                          "exactly one query",
		"{name: a, run: [r, s], value: x, text: v}":                             "only a table",
		"{name: a, run: r, first: x, text: v}":                                  "needs when",
		"{name: a, run: r, value: x, when: {a: 1}, text: v}":                    "go with first",
		"{name: a, run: r, max_rise: x, text: v}":                               "along",
		"{name: a, run: r, first: x, when: {a: 1}, otherwise: o}":               "otherwise but no text",
		"{name: a, run: r, value: x, text: '{Valu}'}":                           "not a field",
		"{name: a, run: r, value: x, text: '{b.at}'}":                           "not a field",
		"{name: a, run: r, value: x, text: '{value:%2f}'}":                      "not a number format",
		"{name: a, run: r, value: x, format: x, text: v}":                       "not a number format",
		"{name: a, run: r, value: x, where: {q: {abov: 1}}, text: v}":           `did you mean "above"`,
		"{name: a, run: r, value: x, where: {q: [1, 2]}, text: v}":              "{in:",
		"{name: a, run: r, first: q, when: {r: x}, interpolate: true, text: v}": "interpolation",
		"{name: a, run: r, value: x, text: 'unclosed {value'}":                  "unclosed",
	} {
		var raw map[string]any
		yaml.Unmarshal([]byte(src), &raw)
		var s Spec
		err := schema.MustOf(Spec{}).Decode(raw, &s)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", src, err, want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for x, want := range map[float64]string{0.3727: "0.3727", 20.0 / 3: "6.667", 47: "47", 0.125: "0.125", 0: "0",
		-0.331: "-0.331", 12345.6: "12346", 0.00012: "0.00012", 2e7: "2e+07", math.NaN(): "NaN", -0.00001: "-1e-05"} {
		if got := formatNumber(x, ""); got != want {
			t.Errorf("%g: %q, want %q", x, got, want)
		}
	}
	if got := formatNumber(4.6, "d"); got != "5" {
		t.Errorf("d: %q", got)
	}
}

func TestBlock(t *testing.T) {
	rs := []*Result{{Text: "one"}, {Text: "two"}}
	block := Block(rs)
	readme := []byte("# X\n\ntext\n\n" + BeginMarker + "\nold\n" + EndMarker + "\n\nmore\n")
	got := ReplaceBlock(readme, block)
	if b, err := ReadBlock(got); err != nil || b != block || !strings.HasSuffix(string(got), "\n\nmore\n") || !strings.Contains(b, "- one\n- two\n") {
		t.Errorf("replaced:\n%s", got)
	}
	if got := ReplaceBlock([]byte("# X\n"), block); !strings.Contains(string(got), "## Findings\n\n"+block) {
		t.Errorf("appended:\n%s", got)
	}
}
