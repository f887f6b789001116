package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/config"
	"github.com/statecraft/statecraft/figure"
	"github.com/statecraft/statecraft/run"
)

var updateUSChina = flag.Bool("update-us-china", false, "rewrite the numbers of experiments/us-china-2015/README.md from the runs")

const usChinaDir = "../../experiments/us-china-2015"

// numberMark is how the README marks a number that the runs produce:
// <!--n:name-->value<!--/n-->. The comments do not show when it is rendered.
var numberMark = regexp.MustCompile(`<!--n:([a-z0-9-]+)-->(.*?)<!--/n-->`)

// Every marked number of the study's README is what its runs give: the
// closed-form runs of experiment.yaml are run here, and the sensitivity
// analysis with the command the README gives. A number that differs, one
// marked but not computed, or one computed but not marked fails the test;
// go test ./cmd/statecraft -run USChina -update-us-china rewrites them.
func TestUSChinaReadmeNumbers(t *testing.T) {
	exp, err := run.LoadExperiment(usChinaDir, config.Overrides{})
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	tables := map[string]*figure.Table{}
	for _, r := range exp.Runs {
		if r.Study.Spec.Replications > 0 && r.Study.Config.Model == "agreement" {
			continue // simulated runs: the README quotes their closed forms
		}
		dir := filepath.Join(tmp, r.Name)
		if _, err := run.Sweep(context.Background(), r.Study, dir, run.Options{Workers: 2}); err != nil {
			t.Fatalf("run %s: %v", r.Name, err)
		}
		f, err := os.Open(filepath.Join(dir, "results.csv"))
		if err != nil {
			t.Fatal(err)
		}
		tables[r.Name], err = figure.ReadCSV(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	sens := mustRun(t, nil, "sensitivity", filepath.Join(usChinaDir, "sensitivity.yaml"), "-o", filepath.Join(tmp, "sensitivity"), "--json")
	want := usChinaNumbers(t, tables, sens)

	path := filepath.Join(usChinaDir, "README.md")
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	marked := map[string]bool{}
	var bad []string
	out := numberMark.ReplaceAllStringFunc(string(text), func(m string) string {
		sub := numberMark.FindStringSubmatch(m)
		name, got := sub[1], sub[2]
		marked[name] = true
		w, ok := want[name]
		switch {
		case !ok:
			bad = append(bad, fmt.Sprintf("%s is marked but no run computes it", name))
			return m
		case got != w:
			bad = append(bad, fmt.Sprintf("%s: README says %q, the runs give %q", name, got, w))
		}
		return "<!--n:" + name + "-->" + w + "<!--/n-->"
	})
	for name := range want {
		if !marked[name] {
			bad = append(bad, fmt.Sprintf("%s (= %s) is computed but not in the README", name, want[name]))
		}
	}
	sort.Strings(bad)
	if *updateUSChina {
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, b := range bad {
		t.Error(b)
	}
	if len(bad) > 0 {
		t.Log("run go test ./cmd/statecraft -run USChina -update-us-china after checking the new numbers")
	}
}

// rows selects the rows of a table whose columns have the given values
// (compared as numbers when both are).
func rows(t *testing.T, tb *figure.Table, kv ...string) []int {
	t.Helper()
	var out []int
	for r := range tb.Rows {
		ok := true
		for i := 0; i < len(kv); i += 2 {
			f, w := tb.Str(r, kv[i]), kv[i+1]
			var a, b float64
			_, e1 := fmt.Sscan(f, &a)
			_, e2 := fmt.Sscan(w, &b)
			if e1 == nil && e2 == nil {
				ok = ok && math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b))
			} else {
				ok = ok && f == w
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

// one is the single row with these values.
func one(t *testing.T, tb *figure.Table, kv ...string) int {
	t.Helper()
	rs := rows(t, tb, kv...)
	if len(rs) != 1 {
		t.Fatalf("%d rows with %v", len(rs), kv)
	}
	return rs[0]
}

// extreme is the least (or greatest) value of col over the rows with
// these values in which the column cond equals condValue; NaN if none.
func extreme(t *testing.T, tb *figure.Table, col string, greatest bool, cond, condValue string, kv ...string) float64 {
	t.Helper()
	best := math.NaN()
	for _, r := range rows(t, tb, kv...) {
		if tb.Str(r, cond) != condValue {
			continue
		}
		x := tb.Num(r, col)
		if math.IsNaN(best) || (greatest && x > best) || (!greatest && x < best) {
			best = x
		}
	}
	return best
}

func usChinaNumbers(t *testing.T, tb map[string]*figure.Table, sensJSON string) map[string]string {
	t.Helper()
	n := map[string]string{}
	f2 := func(x float64) string { return fmt.Sprintf("%.2f", x) }
	f3 := func(x float64) string { return fmt.Sprintf("%.3f", x) }
	pct := func(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }

	// 1. The threat.
	cr := tb["credibility"]
	for _, ag := range []string{"before", "after"} {
		r := one(t, cr, "agreement", ag, "sender_cost", "0.5")
		n["base-"+ag+"-regime"] = cr.Str(r, "regime")
		n["base-"+ag+"-sender-slack"] = f2(cr.Num(r, "sender_slack"))
		n["base-"+ag+"-max-cs"] = f2(cr.Num(r, "max_sender_cost"))
		n["base-"+ag+"-target-slack"] = f2(cr.Num(r, "target_slack"))
	}
	tm := tb["threat-map"]
	for _, ag := range []string{"before", "after"} {
		n["map-"+ag+"-restraint-max-cs"] = f2(extreme(t, tm, "sender_cost", true, "regime", "restraint", "agreement", ag))
		n["map-"+ag+"-restraint-min-ct"] = f2(extreme(t, tm, "target_cost", false, "regime", "restraint", "agreement", ag))
		n["map-"+ag+"-spying-max-cs"] = f2(extreme(t, tm, "sender_cost", true, "regime", "stealthy_espionage", "agreement", ag))
	}
	rv := tb["resolve"]
	n["resolve-before-comply"] = f2(rv.Num(one(t, rv, "audience_cost", "0.1", "sender_cost.max", "2"), "p_comply"))
	n["resolve-after-comply"] = f2(rv.Num(one(t, rv, "audience_cost", "1.1", "sender_cost.max", "2"), "p_comply"))

	// 2. The review period.
	re := tb["review"]
	n["review-s03-max-dt"] = f2(extreme(t, re, "review_period", true, "self_enforcing", "1", "agreement", "after", "max_stealth", "0.3"))
	n["review-s05-max-dt"] = f2(extreme(t, re, "review_period", true, "self_enforcing", "1", "agreement", "after", "max_stealth", "0.5"))
	n["review-s03-before-max-dt"] = f2(extreme(t, re, "review_period", true, "self_enforcing", "1", "agreement", "before", "max_stealth", "0.3"))
	n["review-s08-count"] = fmt.Sprint(len(rows(t, re, "agreement", "after", "max_stealth", "0.8", "self_enforcing", "1")))
	n["review-count"] = fmt.Sprint(len(rows(t, re, "agreement", "after", "max_stealth", "0.8")))
	rm := tb["review-map"]
	limit := math.NaN()
	for r := range rm.Rows {
		if x := rm.Num(r, "required_detection_rate"); !math.IsNaN(x) && !math.IsInf(x, 0) {
			limit = math.Max(nanTo(limit, 0), rm.Num(r, "review_period"))
		}
	}
	n["review-map-limit"] = f2(limit)
	st := tb["stealthier"]
	n["half-s03-slack"] = f3(st.Num(one(t, st, "agreement", "after", "max_stealth", "0.3"), "target_slack"))

	// 3. The hotline.
	hl := tb["hotline"]
	for _, nu := range []string{"0.5", "1"} {
		n["hotline-min-h-nu"+strings.ReplaceAll(nu, ".", "")] = f3(extreme(t, hl, "hotline", false, "regime", "restraint", "nonstate_rate", nu))
	}
	n["pwy-h0"] = f2(hl.Num(one(t, hl, "nonstate_rate", "0.5", "hotline", "0"), "p_wrongful_year"))
	n["pwy-h05"] = f2(hl.Num(one(t, hl, "nonstate_rate", "0.5", "hotline", "0.5"), "p_wrongful_year"))
	n["wrongful-max"] = f2(extreme(t, hl, "wrongful_per_year", true, "regime", "restraint"))

	// 4. Fewer but stealthier.
	for _, ag := range []string{"before", "after"} {
		r := one(t, st, "agreement", ag, "max_stealth", "0.8")
		n["s08-"+ag+"-regime"] = st.Str(r, "regime")
		n["s08-"+ag+"-detected"] = f2(st.Num(r, "detected_per_year"))
		n["s08-"+ag+"-violations"] = fmt.Sprintf("%.0f", st.Num(r, "violations_per_year"))
		n["s08-"+ag+"-stealth"] = f2(st.Num(r, "stealth"))
		n["s08-"+ag+"-pd"] = f3(st.Num(r, "detection_prob"))
	}
	n["restraint-detected"] = f2(st.Num(one(t, st, "agreement", "after", "max_stealth", "0.2"), "detected_per_year"))
	tg := tb["timing"]
	for _, s := range []string{"0.2", "0.8"} {
		for _, pen := range []string{"0", "1"} {
			n["timing-"+strings.ReplaceAll(s, ".", "")+"-"+pen] = f2(tg.Num(one(t, tg, "stealth", s, "penalty", pen), "use_prob"))
		}
	}

	// 5. Verification.
	vf := tb["verification"]
	for _, ag := range []string{"before", "after"} {
		n["reqdet-"+ag+"-0"] = f2(vf.Num(one(t, vf, "agreement", ag, "max_stealth", "0"), "required_detection_rate"))
		n["reqdet-"+ag+"-03"] = f2(vf.Num(one(t, vf, "agreement", ag, "max_stealth", "0.3"), "required_detection_rate"))
		last := math.NaN()
		for _, r := range rows(t, vf, "agreement", ag) {
			if x := vf.Num(r, "required_detection_rate"); !math.IsNaN(x) && !math.IsInf(x, 0) {
				last = math.Max(vf.Num(r, "max_stealth"), nanTo(last, 0))
			}
		}
		n["reqdet-"+ag+"-limit"] = f2(last)
	}
	in := tb["inspection"]
	n["inspect-b1"] = f2(in.Num(one(t, in, "penalty", "1", "detect_prob", "1"), "inspect_prob"))
	im := tb["inspection-map"]
	n["inspect-b1-min-detect"] = f2(extreme(t, im, "detect_prob", false, "regime", "comply", "penalty", "1"))

	// Robustness: shares of the draws.
	rb := tb["robustness"]
	for _, ag := range []string{"before", "after"} {
		all := rows(t, rb, "agreement", ag)
		share := func(col, v string) float64 {
			return float64(len(rows(t, rb, "agreement", ag, col, v))) / float64(len(all))
		}
		n["rob-"+ag+"-restraint"] = pct(share("regime", "restraint"))
		n["rob-"+ag+"-stealthy"] = pct(share("regime", "stealthy_espionage"))
		n["rob-"+ag+"-noncredible"] = pct(share("regime", "non_credible"))
		n["rob-"+ag+"-self-enforcing"] = pct(share("self_enforcing", "1"))
		n["rob-"+ag+"-credible"] = pct(share("credible", "1"))
	}
	n["rob-draws"] = fmt.Sprint(len(rows(t, rb, "agreement", "after")))

	// Sensitivity: the two largest total indices of the constraints.
	var sens struct {
		Indices []struct {
			Metric, Param string
			ST            *float64
		}
	}
	if err := json.Unmarshal([]byte(sensJSON), &sens); err != nil {
		t.Fatal(err)
	}
	for _, metric := range []string{"self_enforcing", "credible", "target_slack", "sender_slack"} {
		type pst struct {
			p  string
			st float64
		}
		var list []pst
		for _, ix := range sens.Indices {
			if ix.Metric == metric && ix.ST != nil {
				list = append(list, pst{ix.Param, *ix.ST})
			}
		}
		if len(list) < 2 {
			t.Fatalf("sensitivity of %s: %d indices", metric, len(list))
		}
		sort.Slice(list, func(i, j int) bool { return list[i].st > list[j].st })
		key := "sens-" + strings.ReplaceAll(metric, "_", "-")
		for k := 0; k < 2; k++ {
			n[fmt.Sprintf("%s-%d", key, k+1)] = list[k].p
			n[fmt.Sprintf("%s-%d-st", key, k+1)] = f2(list[k].st)
		}
	}
	return n
}

func nanTo(x, v float64) float64 {
	if math.IsNaN(x) {
		return v
	}
	return x
}
