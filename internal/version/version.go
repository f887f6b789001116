// Package version reports which build of Statecraft is running, for run
// manifests: the module version, the VCS revision and the Go version.
package version

import (
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
)

// Version is the release; builds from a checkout say so with their revision.
const Version = "0.1.0-dev"

// Info describes the running build.
type Info struct {
	Version   string `json:"version"`
	Revision  string `json:"revision"`
	Modified  bool   `json:"modified"`
	GoVersion string `json:"go_version"`
}

// Get returns the build's version information. The revision comes from the
// binary's embedded VCS stamp when `go build` recorded one, else from git in
// dir (`go run` and tests do not stamp binaries); "unknown" when neither is
// available.
func Get(dir string) Info {
	info := Info{Version: Version, Revision: "unknown", GoVersion: runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				info.Revision = s.Value
			case "vcs.modified":
				info.Modified = s.Value == "true"
			}
		}
	}
	if info.Revision == "unknown" {
		if out, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output(); err == nil {
			info.Revision = strings.TrimSpace(string(out))
			if st, err := exec.Command("git", "-C", dir, "status", "--porcelain", "--untracked-files=no").Output(); err == nil {
				info.Modified = len(strings.TrimSpace(string(st))) > 0
			}
		}
	}
	return info
}
