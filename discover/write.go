package discover

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

// MarshalJSON writes a numeric limit with its bounds, a categorical one
// with its levels.
func (l Limit) MarshalJSON() ([]byte, error) {
	type numeric struct {
		Dim             string   `json:"dim"`
		Lower           float64  `json:"lower"`
		Upper           float64  `json:"upper"`
		LowerRestricted bool     `json:"lower_restricted"`
		UpperRestricted bool     `json:"upper_restricted"`
		QP              *float64 `json:"quasi_p,omitempty"`
	}
	type categorical struct {
		Dim    string   `json:"dim"`
		Levels []string `json:"levels"`
		QP     *float64 `json:"quasi_p,omitempty"`
	}
	if l.Levels != nil {
		return json.Marshal(categorical{l.Dim, l.Levels, l.QP})
	}
	return json.Marshal(numeric{l.Dim, l.Lower, l.Upper, l.LowerRestricted, l.UpperRestricted, l.QP})
}

func g(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }

// WriteText writes the boxes and their trajectories as tables.
func (a *Analysis) WriteText(w io.Writer) error {
	at := ""
	if len(a.At) > 0 {
		at = " at " + strings.Join(a.At, ", ")
	}
	fmt.Fprintf(w, "PRIM over %s (%s): %d cases%s, %d of interest (%s)", a.Run, a.Model, a.Cases, at, a.Interest, a.Where)
	if a.Undefined > 0 {
		fmt.Fprintf(w, "; %d cases left out where %s is undefined", a.Undefined, a.Metric)
	}
	fmt.Fprintf(w, "\npeel α %g, paste α %g, minimum mass %g, objective %s\n", a.PeelAlpha, a.PasteAlpha, a.MassMin, a.Objective)
	for _, b := range a.Boxes {
		how := fmt.Sprintf("the densest covering ≥ %g of the %d cases of interest left", a.MinCoverage, b.RemainingInterest)
		if k := b.Box - 1; k < len(a.Params.Choose) && a.Params.Choose[k] >= 0 {
			how = "chosen with --box"
		}
		fmt.Fprintf(w, "\nBox %d: step %d of 0–%d (%s)\n", b.Box, b.Chosen, len(b.Trajectory)-1, how)
		fmt.Fprintf(w, "  %d cases, %d of interest: coverage %s, density %s, mass %s, restricted dimensions %d\n",
			b.Cases, b.Interest, g(b.Coverage), g(b.Density), g(b.Mass), b.Restricted)
		if len(b.Limits) == 0 {
			fmt.Fprintln(w, "  no restriction: the box is the whole space of the cases left (choose a later step with --box)")
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		if len(b.Limits) > 0 {
			fmt.Fprintln(tw, "  dimension\tbox\trange\tquasi-p")
		}
		for _, l := range b.Limits {
			rg := a.rangeOf(l.Dim)
			qp := ""
			if l.QP != nil {
				qp = strconv.FormatFloat(*l.QP, 'g', 3, 64)
			}
			if l.Levels != nil {
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", l.Dim, strings.Join(l.Levels, ", "), strings.Join(rg.Levels, ", "), qp)
				continue
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s – %s\t%s\n", l.Dim, describeLimit(l), g(rg.Min), g(rg.Max), qp)
		}
		tw.Flush()
		fmt.Fprintf(w, "\n  Trajectory of box %d (choose another step with --box):\n", b.Box)
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "  step\tphase\tcases\tinterest\tcoverage\tdensity\tmass\trestricted\t")
		for _, st := range b.Trajectory {
			mark := ""
			if st.Index == b.Chosen {
				mark = " ←"
			}
			fmt.Fprintf(tw, "  %d\t%s\t%d\t%d\t%s\t%s\t%s\t%d\t%s\n", st.Index, st.Phase, st.Cases, st.Interest, g(st.Coverage), g(st.Density), g(st.Mass), st.Restricted, mark)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(a.Boxes) < a.Params.Boxes {
		fmt.Fprintf(w, "\nCovering stopped after %d of %d boxes: no box of the cases left is restricted.\n", len(a.Boxes), a.Params.Boxes)
	}
	return nil
}

func describeLimit(l Limit) string {
	switch {
	case l.LowerRestricted && l.UpperRestricted:
		return g(l.Lower) + " ≤ " + l.Dim + " ≤ " + g(l.Upper)
	case l.LowerRestricted:
		return l.Dim + " ≥ " + g(l.Lower)
	}
	return l.Dim + " ≤ " + g(l.Upper)
}

// WriteBoxesCSV writes one row per box and restricted dimension of the
// chosen boxes.
func (a *Analysis) WriteBoxesCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"box", "step", "coverage", "density", "mass", "dim", "lower", "upper", "lower_restricted", "upper_restricted", "levels", "quasi_p", "min", "max"})
	for _, b := range a.Boxes {
		for _, l := range b.Limits {
			rg := a.rangeOf(l.Dim)
			row := []string{strconv.Itoa(b.Box), strconv.Itoa(b.Chosen), f(b.Coverage), f(b.Density), f(b.Mass), l.Dim}
			if l.Levels != nil {
				row = append(row, "", "", "", "", strings.Join(l.Levels, "|"))
			} else {
				row = append(row, f(l.Lower), f(l.Upper), strconv.FormatBool(l.LowerRestricted), strconv.FormatBool(l.UpperRestricted), "")
			}
			qp := ""
			if l.QP != nil {
				qp = f(*l.QP)
			}
			mn, mx := f(rg.Min), f(rg.Max)
			if rg.Levels != nil {
				mn, mx = "", ""
			}
			cw.Write(append(row, qp, mn, mx))
		}
	}
	cw.Flush()
	return cw.Error()
}

func f(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// WriteTrajectoryCSV writes one row per step of every box: its statistics
// and its limits on every dimension (<dim>_lower and <dim>_upper, the data's
// range where unrestricted; <dim>_levels joined by | for a categorical one).
func (a *Analysis) WriteTrajectoryCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"box", "step", "phase", "cases", "interest", "coverage", "density", "mass", "restricted", "chosen"}
	for _, rg := range a.Dims {
		if rg.Levels != nil {
			head = append(head, rg.Dim+"_levels")
		} else {
			head = append(head, rg.Dim+"_lower", rg.Dim+"_upper")
		}
	}
	cw.Write(head)
	for _, b := range a.Boxes {
		for _, st := range b.Trajectory {
			row := []string{strconv.Itoa(b.Box), strconv.Itoa(st.Index), string(st.Phase), strconv.Itoa(st.Cases), strconv.Itoa(st.Interest),
				f(st.Coverage), f(st.Density), f(st.Mass), strconv.Itoa(st.Restricted), strconv.FormatBool(st.Index == b.Chosen)}
			for _, rg := range a.Dims {
				lim := Limit{Dim: rg.Dim, Lower: rg.Min, Upper: rg.Max, Levels: rg.Levels}
				for _, l := range st.Limits {
					if l.Dim == rg.Dim {
						lim = l
					}
				}
				if rg.Levels != nil {
					row = append(row, strings.Join(lim.Levels, "|"))
				} else {
					row = append(row, f(lim.Lower), f(lim.Upper))
				}
			}
			cw.Write(row)
		}
	}
	cw.Flush()
	return cw.Error()
}

// Outputs lists the files Write writes, figures aside.
var Outputs = []string{"discover.txt", "discover.json", "boxes.csv", "trajectory.csv"}

// Write writes the analysis into dir — discover.txt (as printed),
// discover.json, boxes.csv, trajectory.csv — and its figures into
// dir/figures, each file atomically, and returns the paths.
func (a *Analysis) Write(dir string, formats []string) ([]string, error) {
	var text, boxes, traj bytes.Buffer
	if err := a.WriteText(&text); err != nil {
		return nil, err
	}
	if err := a.WriteBoxesCSV(&boxes); err != nil {
		return nil, err
	}
	if err := a.WriteTrajectoryCSV(&traj); err != nil {
		return nil, err
	}
	js, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return nil, err
	}
	data := map[string][]byte{"discover.txt": text.Bytes(), "discover.json": append(js, '\n'), "boxes.csv": boxes.Bytes(), "trajectory.csv": traj.Bytes()}
	var paths []string
	for _, name := range Outputs {
		p := filepath.Join(dir, name)
		if err := atomicfile.WriteFile(p, data[name]); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	figs, err := a.DrawFigures(filepath.Join(dir, "figures"), formats)
	return append(paths, figs...), err
}
