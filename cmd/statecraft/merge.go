package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/statecraft/statecraft/run"
)

func mergeCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "merge RUN_DIR",
		Short: "Merge the parts of a sharded sweep into results, manifest and figures",
		Long: `Reads RUN_DIR/parts/part-*-of-*.json (written by statecraft sweep --shard i/n),
checks that every cell of the design is in exactly one part, that all parts
come from the same config (by its SHA-256) and that each part's rows match its
manifest, then writes RUN_DIR/design.csv, results.csv, results.parquet
(replications.parquet with sweep.raw) byte-identical to a single-machine run,
draws the figures and writes manifest.json. The parts are kept. A missing or
duplicated cell, or a part of another config, is an error naming them
(exit code 2).`,
		Example: `  statecraft sweep configs/espionage.yaml -o /tmp/run --shard 1/2
  statecraft sweep configs/espionage.yaml -o /tmp/run --shard 2/2
  statecraft merge /tmp/run`,
		Args: exactArgs(1, "a run directory"),
		RunE: func(c *cobra.Command, args []string) error {
			m, err := run.Merge(args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "merged %d parts: %d cells × %d replications → %s\n", len(m.Parts), m.Cells, m.Replications, args[0])
			if m.Invalid > 0 {
				fmt.Fprintf(e.stderr, "%d cells had invalid parameters and hold NaN (first: %s)\n", m.Invalid, m.InvalidNotes[0])
			}
			printOutputs(e, args[0], m)
			return nil
		},
	}
}
