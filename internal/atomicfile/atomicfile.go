// Package atomicfile writes files so that a reader never sees half of one:
// data goes to a temporary file in the same directory, which is synced and
// renamed over the final name only when the writer commits.
package atomicfile

import (
	"os"
	"path/filepath"
)

// File is a file being written. Write to it, then Commit or Abort.
type File struct {
	*os.File
	final string
	done  bool
}

// Create starts writing path. The temporary file lives beside it, so the
// final rename stays on one file system.
func Create(path string) (*File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, err
	}
	return &File{File: f, final: path}, nil
}

// Commit flushes the data to disk and renames the file to its final name.
func (f *File) Commit() error {
	if f.done {
		return nil
	}
	f.done = true
	if err := f.Sync(); err != nil {
		f.File.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.File.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), f.final)
}

// Abort discards the temporary file. It is safe to call after Commit (then it
// does nothing), so `defer f.Abort()` cleans up on every error path.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.File.Close()
	os.Remove(f.Name())
}

// WriteFile writes data to path atomically.
func WriteFile(path string, data []byte) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Commit()
}
