// Package figure draws a sweep's results table as publication figures with
// gonum/plot: line plots of a metric's mean with its 95% band and one series
// per value of a parameter, heat maps of a metric over two parameters with a
// colour bar, and regime maps of a categorical metric with a legend.
//
// Figures read result tables, never models. Colours are colour-blind safe
// (Okabe & Ito for categories, viridis for continuous scales) and series also
// differ by marker and dash. SVG and PNG output is byte-for-byte reproducible,
// so figures are checked against golden files.
package figure
