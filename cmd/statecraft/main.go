// Command statecraft runs game-theoretic policy models: it solves a model at a
// config's parameters, sweeps it over a design with replications, draws the
// figures, and reproduces experiments.
//
// Usage:
//
//	statecraft models                          list the models
//	statecraft describe MODEL [--json]         parameters (defaults, bounds, docs) and metrics
//	statecraft solve CONFIG [--set k=v]... [--json]
//	statecraft sweep CONFIG [-o DIR] [--workers N] [--set k=v]... [--shard i/n] [--resume] [--formats png,svg,pdf]
//	statecraft merge RUN_DIR                   combine the parts of a sharded sweep
//	statecraft sensitivity CONFIG [--method sobol|morris] [--json] [-o DIR]
//	statecraft discover RUN_DIR --metric M --where 'M < 0.5' [--at lever=v] [--boxes N] [--box K] [--json]
//	statecraft robust RUN_DIR --metric M [--maximize|--minimize] [--threshold T] [--json]
//	statecraft plot RUN_DIR [--set figures.N.k=v]... [--figures FILE] [--formats png,svg,pdf]
//	                                           redraw a finished run's figures, nothing rerun
//	statecraft reproduce EXPERIMENT_DIR [-o DIR] [--resume] [--run NAME]... [--update-expected]
//	statecraft reproduce --all [EXPERIMENTS_DIR]
//	                                           run experiments, check them against expected/
//	statecraft version
//
// Configs are YAML files with the top-level keys model, params, sweep, figures
// and output; configs/ holds one documented base config per model. Overrides:
// --set params.detection=0.9 (the value is YAML) and STATECRAFT_PARAMS_DETECTION=0.9;
// precedence file < environment < --set.
//
// Exit codes: 0 success, 1 failure (a reproduction that differs from its
// record, too), 2 bad input (a config or parameter error, a malformed file, a
// wrong flag, an unknown command). A figure that cannot be drawn does not fail
// a sweep: it is a warning, and statecraft plot redraws it.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/statecraft/statecraft/model"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(execute(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Environ()))
}

// usageError marks errors in how the command was called (exit code 2).
type usageError struct{ err error }

func (u usageError) Error() string  { return u.err.Error() }
func (u usageError) Unwrap() error  { return u.err }
func (u usageError) BadInput() bool { return true }

// exitCode maps an error to the documented exit codes.
func exitCode(err error) int {
	switch {
	case err == nil:
		return 0
	case model.IsBadInput(err):
		return 2
	case errors.Is(err, context.Canceled):
		return 1
	}
	return 1
}

func reportError(stderr interface{ Write([]byte) (int, error) }, err error) {
	fmt.Fprintf(stderr, "statecraft: %v\n", err)
}
