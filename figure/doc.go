// Package figure draws a sweep's results table as publication figures with
// gonum/plot: line plots of a metric's mean with its 95% band and one series
// per value of a parameter, heat maps of a metric over two parameters with a
// colour bar, regime maps of a categorical metric with a legend, and
// payoff-set polygons.
//
// Figures read result tables, never models. What a column is called on an
// axis, in a legend or on a colour bar comes with the table as [Labels]
// (a run records them in its manifest from the model's schema); a figure
// can set its own. Colours are colour-blind safe (Okabe & Ito for
// categories, viridis for continuous scales) and series also differ by
// marker and dash. Categorical and 0/1 metrics are drawn as steps; a line
// figure can overlay a closed form on its simulation; heat and regime maps
// can draw contours of a threshold. [Render] takes the formats and labels
// as [Options] and reports a figure the table cannot give as an [*Error]
// naming the figure and the missing column.
//
// Formats: PNG (300 dpi), SVG and PDF, all byte-for-byte reproducible.
// PDFs embed their font as a Unicode TrueType subset, so Greek letters and
// symbols (δ, τ*, ≥) are real text; SVGs draw text as glyph outlines (with
// a hidden copy for search), so they look the same in librsvg and in a
// browser whatever fonts are installed. Heat and regime maps are images at
// the PNG's resolution, typed image/png in SVG, the same way up in every
// format.
package figure
