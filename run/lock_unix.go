//go:build linux || darwin || freebsd || openbsd || netbsd || dragonfly

package run

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// lockPart takes an exclusive lock on path (created if needed) so that two
// processes never run the same part at once — a Slurm task requeued while its
// first run is still alive, or a sweep started twice. The kernel releases the
// lock when the process ends, however it ends.
func lockPart(path string) (release func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		data, _ := os.ReadFile(path)
		f.Close()
		holder := strings.TrimSpace(string(data))
		if holder == "" {
			holder = "another process"
		}
		return nil, fmt.Errorf("%s is being run by %s (lock %s)", strings.TrimSuffix(path, ".lock"), holder, path)
	}
	host, _ := os.Hostname()
	f.Truncate(0)
	f.WriteAt([]byte("pid "+strconv.Itoa(os.Getpid())+" on "+host+"\n"), 0)
	// Unlock by closing; the file stays, since removing it would let a
	// process that opened it before the removal lock a file nobody else sees.
	return func() { f.Close() }, nil
}
