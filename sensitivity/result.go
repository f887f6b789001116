package sensitivity

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"
)

// Index holds the first-order (S1) and total (ST) Sobol indices of one
// parameter for one metric, with their bootstrap confidence intervals. In
// JSON it is {"metric", "param", "S1", "S1_lo", "S1_hi", "ST", "ST_lo",
// "ST_hi"}, with null for NaN (undefined, e.g. a metric with zero variance,
// or no interval).
type Index struct {
	Metric, Param  string
	S1, S1Lo, S1Hi float64
	ST, STLo, STHi float64
}

// SecondIndex is the second-order Sobol index S2 of a pair of parameters
// (ParamI before ParamJ in design order): the share of variance due to their
// interaction alone. JSON: {"metric", "param_i", "param_j", "S2", "S2_lo",
// "S2_hi"}.
type SecondIndex struct {
	Metric, ParamI, ParamJ string
	S2, S2Lo, S2Hi         float64
}

// MorrisIndex holds the Morris measures of one parameter for one metric.
// JSON: {"metric", "param", "mu", "mu_star", "mu_star_lo", "mu_star_hi",
// "sigma"}.
type MorrisIndex struct {
	Metric, Param             string
	Mu, MuStar                float64
	MuStarLo, MuStarHi, Sigma float64
}

// Result is the outcome of a sensitivity analysis, ready for `--json`:
//
//	{"indices": [...], "second_order": [...], "morris": [...],
//	 "confidence": 0.95, "resamples": 1000}
//
// Empty sections are left out. Rows are ordered by metric (in the order the
// results were added), then by parameter in design order.
type Result struct {
	Indices     []Index       `json:"indices,omitempty"`
	SecondOrder []SecondIndex `json:"second_order,omitempty"`
	Morris      []MorrisIndex `json:"morris,omitempty"`
	Confidence  float64       `json:"confidence,omitempty"` // level of the intervals
	Resamples   int           `json:"resamples,omitempty"`  // bootstrap resamples behind them
}

// Add appends the rows of other (typically another metric's) to r.
func (r *Result) Add(other Result) {
	r.Indices = append(r.Indices, other.Indices...)
	r.SecondOrder = append(r.SecondOrder, other.SecondOrder...)
	r.Morris = append(r.Morris, other.Morris...)
	if r.Confidence == 0 {
		r.Confidence = other.Confidence
	}
	if r.Resamples == 0 {
		r.Resamples = other.Resamples
	}
}

// jsonObject writes an object with keys in the given order; float values
// that are NaN or infinite become null.
func jsonObject(kv ...any) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i := 0; i < len(kv); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(kv[i].(string)))
		b.WriteByte(':')
		switch v := kv[i+1].(type) {
		case string:
			b.WriteString(strconv.Quote(v))
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				b.WriteString("null")
			} else {
				b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
			}
		}
	}
	b.WriteByte('}')
	return b.Bytes()
}

// MarshalJSON writes the index with its documented keys, NaN as null.
func (x Index) MarshalJSON() ([]byte, error) {
	return jsonObject("metric", x.Metric, "param", x.Param,
		"S1", x.S1, "S1_lo", x.S1Lo, "S1_hi", x.S1Hi,
		"ST", x.ST, "ST_lo", x.STLo, "ST_hi", x.STHi), nil
}

// MarshalJSON writes the index with its documented keys, NaN as null.
func (x SecondIndex) MarshalJSON() ([]byte, error) {
	return jsonObject("metric", x.Metric, "param_i", x.ParamI, "param_j", x.ParamJ,
		"S2", x.S2, "S2_lo", x.S2Lo, "S2_hi", x.S2Hi), nil
}

// MarshalJSON writes the measures with their documented keys, NaN as null.
func (x MorrisIndex) MarshalJSON() ([]byte, error) {
	return jsonObject("metric", x.Metric, "param", x.Param,
		"mu", x.Mu, "mu_star", x.MuStar, "mu_star_lo", x.MuStarLo, "mu_star_hi", x.MuStarHi,
		"sigma", x.Sigma), nil
}

// Bar is one bar of a sensitivity bar chart: the value of one index (with its
// interval; NaN when it has none) for one parameter and metric. Index is "S1",
// "ST" or "S2" (Param is then "a:b" for the pair), or "mu_star", "mu" or
// "sigma" for Morris measures.
type Bar struct {
	Metric, Param, Index string
	Value, Lo, Hi        float64
}

// Bars lists the result in long form, one bar per (metric, parameter, index):
// for each Sobol row S1 then ST, then the S2 rows, then for each Morris row
// mu_star, mu and sigma. A bar figure facets by Metric, puts Param on the
// axis and groups by Index, with Lo–Hi as error bars.
func (r Result) Bars() []Bar {
	nan := math.NaN()
	var bars []Bar
	for _, x := range r.Indices {
		bars = append(bars,
			Bar{x.Metric, x.Param, "S1", x.S1, x.S1Lo, x.S1Hi},
			Bar{x.Metric, x.Param, "ST", x.ST, x.STLo, x.STHi})
	}
	for _, x := range r.SecondOrder {
		bars = append(bars, Bar{x.Metric, x.ParamI + ":" + x.ParamJ, "S2", x.S2, x.S2Lo, x.S2Hi})
	}
	for _, x := range r.Morris {
		bars = append(bars,
			Bar{x.Metric, x.Param, "mu_star", x.MuStar, x.MuStarLo, x.MuStarHi},
			Bar{x.Metric, x.Param, "mu", x.Mu, nan, nan},
			Bar{x.Metric, x.Param, "sigma", x.Sigma, nan, nan})
	}
	return bars
}

// WriteBarsCSV writes [Result.Bars] as CSV with the header
// metric,param,index,value,lo,hi; numbers in the shortest form that reads
// back exactly, NaN as NaN.
func (r Result) WriteBarsCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"metric", "param", "index", "value", "lo", "hi"}); err != nil {
		return err
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for _, b := range r.Bars() {
		if err := cw.Write([]string{b.Metric, b.Param, b.Index, num(b.Value), num(b.Lo), num(b.Hi)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteText writes the result as aligned tables for a terminal: Sobol indices,
// second-order indices, Morris measures, each with its intervals, numbers to
// 4 decimals and "–" for undefined values.
func (r Result) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	f := func(v float64) string {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return "–"
		}
		return strconv.FormatFloat(v, 'f', 4, 64)
	}
	ci := func(lo, hi float64) string {
		if math.IsNaN(lo) || math.IsNaN(hi) {
			return "–"
		}
		return "[" + f(lo) + ", " + f(hi) + "]"
	}
	level := "CI"
	if r.Confidence > 0 {
		level = strconv.FormatFloat(100*r.Confidence, 'g', -1, 64) + "% CI"
	}
	sections := 0
	sep := func() {
		if sections > 0 {
			fmt.Fprintln(tw)
		}
		sections++
	}
	if len(r.Indices) > 0 {
		sep()
		fmt.Fprintf(tw, "metric\tparam\tS1\tS1 %s\tST\tST %s\n", level, level)
		for _, x := range r.Indices {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", x.Metric, x.Param, f(x.S1), ci(x.S1Lo, x.S1Hi), f(x.ST), ci(x.STLo, x.STHi))
		}
	}
	if len(r.SecondOrder) > 0 {
		sep()
		fmt.Fprintf(tw, "metric\tparams\tS2\tS2 %s\n", level)
		for _, x := range r.SecondOrder {
			fmt.Fprintf(tw, "%s\t%s, %s\t%s\t%s\n", x.Metric, x.ParamI, x.ParamJ, f(x.S2), ci(x.S2Lo, x.S2Hi))
		}
	}
	if len(r.Morris) > 0 {
		sep()
		fmt.Fprintf(tw, "metric\tparam\tmu*\tmu* %s\tmu\tsigma\n", level)
		for _, x := range r.Morris {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", x.Metric, x.Param, f(x.MuStar), ci(x.MuStarLo, x.MuStarHi), f(x.Mu), f(x.Sigma))
		}
	}
	return tw.Flush()
}
