package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/statecraft/statecraft/model/repeated"
)

func strategiesCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "strategies",
		Short: "List the repeated-game strategies (ids for the match and tournament models)",
		Long: `Lists every strategy of the repeated-game models with its id (as written in
the row, col and strategies parameters), its source, memory depth (-1:
unbounded), whether it is stochastic, and the parameters it reads.`,
		Example: "  statecraft strategies\n  statecraft strategies --json",
		Args:    exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, args []string) error {
			cat := repeated.Catalogue()
			if asJSON {
				return writeJSON(e.stdout, cat)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "id\tname\tmemory\tstochastic\tparameters\tsource")
			for _, s := range cat {
				mem := fmt.Sprint(s.MemoryDepth)
				if s.MemoryDepth < 0 {
					mem = "unbounded"
				}
				var params []string
				for _, p := range s.Params {
					params = append(params, p.Key)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%v\t%s\t%s\n", s.ID, s.Name, mem, s.Stochastic, strings.Join(params, ", "), s.Source)
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}
