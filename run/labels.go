package run

import (
	"strconv"

	"github.com/statecraft/statecraft/config"
	"strings"
	"unicode/utf8"

	"github.com/statecraft/statecraft/figure"
	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/schema"
)

// Figures read result tables, never models: what their axes and legends
// say about each column travels with the run. The manifest records the
// swept and sampled parameters' labels and units (Manifest.Parameters,
// resolved here from the model's schema) beside the metrics (with their
// labels, docs, units and levels), and both the sweep and `statecraft plot`
// draw from those records.

// Labels are the labels a study's figures get for its columns: the swept
// and sampled parameters' and the metrics'.
func Labels(st *config.Study, metrics []model.Metric) figure.Labels {
	return figureLabels(paramLabels(st.Model.Info().Params, st.Spec.Design.Columns()), metrics)
}

// paramLabels returns the label and unit of each parameter path of the
// design (e.g. detection, sender_cost.max, attackers.0.opportunity): the
// schema field's label tag, or its key in words, qualified by what the
// path selects inside the field ("max of …", "… [0]").
func paramLabels(s *schema.Schema, paths []string) []figure.Label {
	out := make([]figure.Label, 0, len(paths))
	for _, path := range paths {
		lb := figure.Label{Name: path}
		var (
			sch   = s
			f     schema.Field
			found bool
			index []string // list indices along the path
			rest  []string // keys inside a field without a schema (a distribution's max)
		)
		for _, part := range strings.Split(path, ".") {
			if _, err := strconv.Atoi(part); err == nil && found {
				index = append(index, part)
				continue
			}
			if sch != nil && len(rest) == 0 {
				if next, ok := sch.Field(part); ok {
					f, found, sch = next, true, next.Elem
					continue
				}
			}
			rest = append(rest, part)
		}
		if found {
			lb.Label, lb.Unit = f.Label, f.Unit
			if lb.Label == "" {
				lb.Label = strings.ReplaceAll(f.Key, "_", " ")
			}
			if len(index) > 0 {
				lb.Label += " [" + strings.Join(index, "][") + "]"
			}
			if len(rest) > 0 {
				lb.Label = strings.Join(rest, " ") + " of " + lb.Label
			}
		}
		out = append(out, lb)
	}
	return out
}

// maxDocLabel is the longest doc clause a metric without a label of its own
// is named by on a figure.
const maxDocLabel = 50

// figureLabels are the labels of a run's columns: the parameters' as
// recorded, each metric's label, or else the first clause of its doc when
// that is short, or else its name in words.
func figureLabels(params []figure.Label, metrics []model.Metric) figure.Labels {
	out := figure.Labels{}
	for _, p := range params {
		out[p.Name] = p
	}
	for _, m := range metrics {
		lb := figure.Label{Name: m.Name, Label: m.Label, Unit: m.Unit, Levels: m.Levels}
		if lb.Label == "" {
			lb.Label = firstClause(m.Doc)
		}
		out[m.Name] = lb
	}
	return out
}

// firstClause is doc up to its first "; ", ", " or " (", if that is at most
// maxDocLabel characters; else "".
func firstClause(doc string) string {
	end := len(doc)
	for _, sep := range []string{"; ", ", ", " ("} {
		if i := strings.Index(doc, sep); i >= 0 && i < end {
			end = i
		}
	}
	if c := doc[:end]; utf8.RuneCountInString(c) <= maxDocLabel {
		return c
	}
	return ""
}
