package sweep_test

import (
	"fmt"
	"os"

	"github.com/statecraft/statecraft/sweep"
)

// A design crosses the grid of levers with the sample points of the
// uncertain parameters: grid cell major, sample minor.
func ExampleDesign() {
	d := sweep.Design{
		Grid:      sweep.Grid{Axes: []sweep.Axis{{Param: "strategy", Values: []any{"grim", "punish"}}}},
		Uncertain: []string{"detection"},
		Points:    [][]float64{{0.7}, {0.8}, {0.9}},
	}
	fmt.Println(d.Len(), "cells")
	if err := d.WriteCSV(os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// 6 cells
	// cell,strategy,detection
	// 0,grim,0.7
	// 1,grim,0.8
	// 2,grim,0.9
	// 3,punish,0.7
	// 4,punish,0.8
	// 5,punish,0.9
}

// Shards are contiguous blocks of cells whose sizes differ by at most one.
func ExampleShard_Range() {
	for i := 1; i <= 3; i++ {
		s := sweep.Shard{I: i, N: 3}
		lo, hi := s.Range(10)
		fmt.Printf("%s %s: cells %d–%d\n", s, s.Name(), lo, hi-1)
	}
	// Output:
	// 1/3 part-0001-of-0003: cells 0–2
	// 2/3 part-0002-of-0003: cells 3–5
	// 3/3 part-0003-of-0003: cells 6–9
}

// In a Slurm job array submitted with --array=1-4 the fourth task is shard
// 4/4.
func ExampleShardFromEnv() {
	s, ok, err := sweep.ShardFromEnv([]string{"SLURM_ARRAY_TASK_ID=4", "SLURM_ARRAY_TASK_MIN=1", "SLURM_ARRAY_TASK_COUNT=4"})
	fmt.Println(s, ok, err)
	// Output:
	// 4/4 true <nil>
}
