package modeltest

import (
	"fmt"
	"runtime"
	"testing"
)

// Recorder is a testing.TB that records failures instead of failing, for
// the tests of checks that take a testing.TB (this package's, package
// mctest's). Only Helper, Errorf and Fatalf are implemented; other methods
// panic. Its Fatalf ends the calling goroutine as testing's does, so a check
// that may call it runs through [Recorder.Run].
type Recorder struct {
	testing.TB
	Msgs    []string // the failure messages, in order
	Stopped bool     // whether Fatalf was called (and ended the goroutine)
}

// Helper does nothing.
func (r *Recorder) Helper() {}

// Errorf records a failure.
func (r *Recorder) Errorf(format string, args ...any) {
	r.Msgs = append(r.Msgs, fmt.Sprintf(format, args...))
}

// Fatalf records a failure and ends the goroutine.
func (r *Recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	r.Stopped = true
	runtime.Goexit()
}

// Run calls f on a goroutine of its own, as the testing package runs a test,
// and waits for it: a Fatalf ends f only.
func (r *Recorder) Run(f func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	<-done
}
