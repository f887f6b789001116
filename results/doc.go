// Package results reads the results table of a finished run directory
// (results.parquet, see package run) column by column, for analyses that
// come after a sweep: scenario discovery and robustness.
//
// A [Table] knows the roles of the run's columns from its manifest: the
// grid's levers, the sampled uncertain parameters, and the metrics with
// their aggregate columns. Columns are streamed page by page from every row
// group in row order ([Table.Floats], [Table.Strings]), so memory is one
// decoded page of one column whatever the number of rows; a caller keeps
// only what it needs. A merged sharded run has the same results.parquet as a
// single-machine run, so it reads the same.
//
// Rows are the run's cells in cell order: row i is grid cell i / S at sample
// point i % S, S = [Table.Samples] (see sweep.Design).
package results
