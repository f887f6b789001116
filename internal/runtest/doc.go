// Package runtest makes finished run directories for the tests of the
// analyses that read them: a config written to a temporary file, swept on
// one machine or as shards that are then merged.
package runtest
