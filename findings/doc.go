// Package findings states an experiment's results in words, computed from its
// runs: each finding is a named query over one run's results table (the value
// at a cell, a minimum or maximum and where it lies, the first value of a
// swept parameter at which a condition holds — a regime switches, a metric
// crosses a threshold, with linear interpolation where that is meaningful —
// the largest rise of a metric along a parameter, a count of cells, or a
// small table) and a
// sentence with the answer filled in.
//
// Findings are declared in an experiment's experiment.yaml under findings:
// and evaluated by statecraft reproduce, which writes findings.md and
// findings.json beside the runs, compares them with the experiment's
// expected/ record, and with --update-expected rewrites the block of the
// experiment's README between <!-- findings:begin --> and
// <!-- findings:end -->. So every number an experiment's README states comes
// from its runs, and a test notices when one no longer does.
//
// A finding, in YAML:
//
//	findings:
//	  - name: leader-compliance-limit   # id: lower-case letters, digits, -
//	    run: leader-cost                # the run whose results.csv is asked
//	    where: {leadership: true}       # rows: column conditions (below)
//	    first: inspect_cost             # the query (below)
//	    when: {regime: {not: comply}}   # the condition the first value meets
//	    text: "compliance holds up to k ≈ {before:.3g}, not from {value:.3g}"
//
// Queries (exactly one per finding):
//
//	value: C          the value of column C in the one row where selects
//	min: C, max: C    the smallest or largest C over the rows; {at.X} is the
//	                  row it is in (argmin, argmax)
//	first: X          over the rows sorted by X, the first X at which every
//	                  condition of when: holds; {before} is the X before it
//	                  and {at.Y} that row. interpolate: true places the
//	                  crossing linearly between the two rows, for a when: of
//	                  one {above: t} or {below: t} condition. otherwise: is
//	                  the text when no X qualifies (else that is an error).
//	max_rise: C       with along: X, the largest increase of C from one value
//	                  of X to the next, the other swept parameters fixed;
//	                  {before} is the lower X and {at.Y} the upper row
//	count: {…}        how many of the rows meet these conditions
//	table: [C, …]     the rows as a Markdown table with these columns, after
//	                  the text (its caption, where {at.X} is the value of X
//	                  all rows share); run: may list several runs, which adds
//	                  a run column
//
// Conditions (in where: and when:, each a column and a test, all must hold):
// a value (a number matches to a relative 1e-9), {not: v}, {in: [v, …]},
// {above: t} and {below: t} (t a number or another column), {from: a, to: b}
// (inclusive). A simulated metric is named by its metric name for its mean
// (C_mean) or, when categorical, its mode (C_mode).
//
// Text is a template: {value}, {before}, {at.X}, and an earlier finding's
// {NAME}, {NAME.before} and {NAME.at.X}, each optionally with a Go fmt verb
// after a colon ({value:.2f}, {at.detection:.3g}, {china-at-0:.2f}); {{ and
// }} are braces. A finding without text is checked but not shown: it lends
// its answer to the sentences of others. A number without a verb is written with 4 significant digits (0.3727,
// 6.667, 47); a list of pairs from a JSON column, e.g. vertices, as (1, 1),
// (4, 1); NaN as NaN.
package findings
