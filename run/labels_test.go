package run

import (
	"testing"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
)

type labelAttacker struct {
	Opportunity float64 `key:"opportunity" label:"opportunity γ" unit:"probability" doc:"γ: …"`
}

type labelParams struct {
	Detection  float64         `key:"detection" label:"detection p" unit:"probability" doc:"p: probability of an alarm …"`
	PunishLen  int             `key:"punish_length" unit:"periods" doc:"L: …"`
	SenderCost dist.Dist       `key:"sender_cost" label:"sender's cost c_S" unit:"payoff" doc:"c_S: …"`
	Attackers  []labelAttacker `key:"attackers" doc:"…"`
	Payoffs    [][]float64     `key:"payoffs" label:"payoffs" doc:"…"`
}

func TestParamLabels(t *testing.T) {
	s := schema.MustOf(labelParams{})
	got := paramLabels(s, []string{"detection", "punish_length", "sender_cost.max", "attackers.0.opportunity", "payoffs.1.0", "nosuch"})
	want := []struct{ label, unit string }{
		{"detection p", "probability"},
		{"punish length", "periods"}, // no label tag: the key in words
		{"max of sender's cost c_S", "payoff"},
		{"opportunity γ [0]", "probability"},
		{"payoffs [1][0]", ""},
		{"", ""}, // not in the schema: figures fall back to the name
	}
	for i, w := range want {
		if got[i].Label != w.label || got[i].Unit != w.unit {
			t.Errorf("%s: %q (%q), want %q (%q)", got[i].Name, got[i].Label, got[i].Unit, w.label, w.unit)
		}
	}
}

func TestFigureLabelsOfMetrics(t *testing.T) {
	l := figureLabels(nil, []model.Metric{
		{Name: "p_attack", Label: "P(attack)", Unit: "probability", Doc: "probability of a strategic attack in a round, Σ γᵢαᵢ"},
		{Name: "coop_rate", Unit: "share of periods", Doc: "share of periods in which both states restrained"},
		{Name: "value", Doc: "normalised discounted value of the chosen strategy pair and of everything else, (1−δ)Σδᵗuₜ"},
		{Name: "case", Levels: []string{"a", "b"}, Doc: "regime"},
	})
	for col, want := range map[string]string{
		"p_attack":  "P(attack)",
		"coop_rate": "share of periods in which both states restrained", // the doc's first clause
		"value":     "value",                                            // the doc is too long: the name
		"case":      "regime",
	} {
		if got := l.Text(col); got != want {
			t.Errorf("%s: %q, want %q", col, got, want)
		}
	}
	if got := l["case"].Levels; len(got) != 2 {
		t.Errorf("levels of case: %v", got)
	}
}
