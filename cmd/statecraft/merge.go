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
writes manifest.json, then draws the figures (one that cannot be drawn is
skipped with a warning; statecraft plot redraws it). The parts are kept. A missing or
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
			fmt.Fprintf(e.stderr, "merged %d parts into %s\n", len(m.Parts), args[0])
			printOutputs(e, args[0], m)
			printSummary(e, args[0], m)
			return nil
		},
	}
}
