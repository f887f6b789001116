// Package robust compares the settings of a sweep's levers across its
// scenarios: which choice holds up best when the uncertain parameters are
// not known. A run's design crosses every grid cell (a setting of the
// levers) with the same sample points of the uncertain parameters (the
// scenarios, see sweep.Design), so each setting has one value of a metric
// per scenario.
//
// Per setting it reports the mean and the 5%, 50% and 95% quantiles of the
// metric over the scenarios (linear interpolation between order statistics,
// Hyndman & Fan's definition 7), the satisficing share — the fraction of
// scenarios in which the metric meets a threshold (Simon 1956; used as a
// robustness measure by Lempert & Collins 2007) — and the maximum regret
// with the scenario where it is reached: the regret of a setting in a
// scenario is how far it falls short of the best setting in that scenario
// (L. J. Savage, The theory of statistical decision, JASA 46, 1951).
// Maximising, regret = best − value; minimising, value − best. The
// minimax-regret setting has the smallest maximum regret. EMA Workbench's
// robustness functions (Kwakkel 2017) compute the same quantities over
// results held in memory; here they stream.
//
// Scenarios where any setting's metric is undefined (NaN: an invalid cell,
// an outcome that does not exist there) are left out for every setting, so
// that all are judged on the same scenarios; the count is reported.
//
// # Memory
//
// [Robustness] takes the table in two passes in setting order, each value
// once: the first learns each scenario's best value, the second describes
// each setting. It holds one value per scenario (the best, plus one
// setting's values for its quantiles), so [Analyze] streams a run's
// results.parquet twice and keeps O(scenarios) whatever the number of
// settings.
package robust
