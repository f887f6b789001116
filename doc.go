// Package statecraft is the library interface to Statecraft: load a config
// (or write one in code), override its values, solve the model, sweep it into
// a table with typed columns, run a sensitivity analysis, and draw figures to
// PNG or SVG bytes — in memory, touching files only when asked. It is what
// the notebooks in notebooks/ use, and what the statecraft command does its
// work through, so there is one way to do each thing.
//
//	s := statecraft.Must(statecraft.Load("configs/espionage.yaml"))
//	sol := statecraft.Must(s.Solve())
//	sol.Value("delta_star")                  // 0.625 at p = 0.8, q = 0.1
//	s95 := statecraft.Must(s.With("params.detection", 0.95))
//
//	t := statecraft.Must(s.Sweep())          // one row per cell, as results.csv
//	grim := t.Where("strategy", "grim")
//	grim.Float("coop_rate_mean")             // []float64, NaN where undefined
//	t.Column("coop_rate_mean").Doc           // what the metric means
//
//	fig := statecraft.Must(s.Figure("coop-rate"))
//	png := statecraft.Must(fig.Draw(t, "png"))
//
// # Studies
//
// A [Study] is a config bound to its model: [Load] reads a file (with extends:
// and --set style overrides), [Parse] takes the YAML text of a config, and
// [New] a model name and parameters. Every error is the CLI's: it names the
// file (or the study), the key and what is allowed. [Study.With] returns a
// copy with one config key changed, checked like --set. [LoadExperiment]
// reads an experiment's named runs, each a study.
//
// # Results
//
// [Study.Sweep] runs the config's sweep in memory, in parallel and with the
// same random streams as statecraft sweep, and returns a [Table] whose
// [Table.WriteCSV] writes the bytes of the CLI's results.csv. Numeric columns
// (parameters, metrics and their aggregates, counts) are float64; categorical
// ones (string parameters, levels of categorical metrics, kept structured
// outputs) are strings. Each [Column] carries its metric's doc, unit and
// levels. Raw replication records (sweep.raw) are written only by
// [Study.SweepTo], which makes a run directory exactly as statecraft sweep
// does.
//
// # Figures
//
// A [Figure] is a figures entry of the config ([Study.Figure]) or one written
// in code ([ParseFigure]); [Figure.Draw] renders it against a table to the
// bytes statecraft sweep writes for that format. In a GoNB notebook, show it
// inline with gonbui.DisplayPNG(png) or gonbui.DisplaySVG(string(svg)).
//
// # Errors and panics
//
// Functions return errors for bad input and failed methods. Accessors that
// take a column, metric or parameter name panic when the name does not exist
// (a programming error, like an index out of range), naming the nearest
// valid one. [Must] turns an error into a panic, for notebooks and examples.
package statecraft
