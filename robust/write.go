package robust

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/statecraft/statecraft/internal/atomicfile"
)

func g(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }
func f(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// WriteText writes one row per setting of the levers.
func (a *Analysis) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "Robustness of the levers of %s (%s): %s %s across %d scenarios of %s",
		a.Run, a.Model, a.Direction, a.Metric, a.Scenarios, strings.Join(a.Uncertain, ", "))
	if a.LeftOut > 0 {
		fmt.Fprintf(w, " (%d more left out: %s undefined for some setting)", a.LeftOut, a.Metric)
	}
	fmt.Fprintln(w)
	sat := "satisficing"
	if a.Threshold != nil {
		op := "≥"
		if a.Direction == "minimize" {
			op = "≤"
		}
		sat = fmt.Sprintf("share %s %g", op, *a.Threshold)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "setting\tmean\tq05\tmedian\tq95\t%s\tmax regret\tat sample (%s)\t\n", sat, strings.Join(a.Uncertain, ", "))
	for _, s := range a.Settings {
		st := "·"
		if s.Satisficing != nil {
			st = g(*s.Satisficing)
		}
		at := make([]string, len(s.MaxRegretAt))
		for k, x := range s.MaxRegretAt {
			at[k] = g(x)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d (%s)\t\n", s.Label, g(s.Mean), g(s.Q05), g(s.Q50), g(s.Q95), st, g(s.MaxRegret), s.MaxRegretSample, strings.Join(at, ", "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nSmallest maximum regret (Savage): %s\n", a.MinimaxRegret)
	if a.MostSatisficing != nil {
		fmt.Fprintf(w, "Largest satisficing share: %s\n", *a.MostSatisficing)
	}
	return nil
}

// WriteCSV writes one row per setting: the lever values, the statistics,
// the sample point of the maximum regret and its uncertain values.
func (a *Analysis) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := append(append([]string{}, a.Levers...), "mean", "q05", "q50", "q95", "satisficing", "max_regret", "max_regret_sample")
	for _, u := range a.Uncertain {
		head = append(head, "max_regret_"+u)
	}
	cw.Write(head)
	for _, s := range a.Settings {
		sat := "NaN"
		if s.Satisficing != nil {
			sat = f(*s.Satisficing)
		}
		row := append(append([]string{}, s.Values...), f(s.Mean), f(s.Q05), f(s.Q50), f(s.Q95), sat, f(s.MaxRegret), strconv.Itoa(s.MaxRegretSample))
		for _, x := range s.MaxRegretAt {
			row = append(row, f(x))
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// Outputs lists the files Write writes, figures aside.
var Outputs = []string{"robust.txt", "robust.json", "robust.csv"}

// Write writes robust.txt (as printed), robust.json and robust.csv into
// dir and the figure into dir/figures, each file atomically, and returns
// the paths.
func (a *Analysis) Write(dir string, formats []string) ([]string, error) {
	var text, table bytes.Buffer
	if err := a.WriteText(&text); err != nil {
		return nil, err
	}
	if err := a.WriteCSV(&table); err != nil {
		return nil, err
	}
	js, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return nil, err
	}
	data := map[string][]byte{"robust.txt": text.Bytes(), "robust.json": append(js, '\n'), "robust.csv": table.Bytes()}
	var paths []string
	for _, name := range Outputs {
		p := filepath.Join(dir, name)
		if err := atomicfile.WriteFile(p, data[name]); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	figs, err := a.DrawFigure(filepath.Join(dir, "figures"), formats)
	return append(paths, figs...), err
}
