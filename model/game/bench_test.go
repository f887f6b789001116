package game

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// perfGames are the random n×n games of testdata/perf (integer payoffs in
// [−100, 100]) with their numbers of extreme equilibria, from lrsnash and
// Gambit (testdata/README.md).
var perfGames = []struct {
	n, eq int
}{{4, 1}, {8, 9}, {10, 9}, {12, 3}, {15, 73}}

func perfGame(b testing.TB, n int) *Game {
	return mustParseFile(b, fmt.Sprintf("testdata/perf/rand_%dx%d_seed20260101.nfg", n, n))
}

// cpuTime is the process's user plus system time: on a shared machine it
// measures the work done, where wall time also counts waiting for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchSolve times one method on one game and reports, besides wall time,
// the CPU seconds per solve (summed over threads: the enumerations use two).
func benchSolve(b *testing.B, g *Game, want int, solve func(*Game) ([]Equilibrium, error)) {
	start := cpuTime()
	for b.Loop() {
		es, err := solve(g)
		if err != nil || (want >= 0 && len(es) != want) {
			b.Fatalf("%d equilibria, %v; want %d", len(es), err, want)
		}
	}
	b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkEnumerate runs the exact and floating-point enumerations on the
// random games. The 15×15 runs only with -bench including "15x15" or with
// -game.large, as it takes seconds.
func BenchmarkEnumerate(b *testing.B) {
	for _, pg := range perfGames {
		g := perfGame(b, pg.n)
		b.Run(fmt.Sprintf("exact/%dx%d", pg.n, pg.n), func(b *testing.B) {
			benchSolve(b, g, pg.eq, Enumerate)
		})
		b.Run(fmt.Sprintf("float/%dx%d", pg.n, pg.n), func(b *testing.B) {
			benchSolve(b, g, pg.eq, func(g *Game) ([]Equilibrium, error) { return EnumerateFloat(g, 0) })
		})
	}
}

// BenchmarkLemkeHowson runs Lemke–Howson from every label, and the
// all-accessible closure, on the random games.
func BenchmarkLemkeHowson(b *testing.B) {
	for _, pg := range perfGames {
		g := perfGame(b, pg.n)
		b.Run(fmt.Sprintf("labels/%dx%d", pg.n, pg.n), func(b *testing.B) {
			benchSolve(b, g, -1, func(g *Game) ([]Equilibrium, error) { return LemkeHowson(g, false) })
		})
		b.Run(fmt.Sprintf("all/%dx%d", pg.n, pg.n), func(b *testing.B) {
			benchSolve(b, g, -1, func(g *Game) ([]Equilibrium, error) { return LemkeHowson(g, true) })
		})
	}
}

// BenchmarkPure times pure equilibria of the 15×15 game and of a 3-player
// game.
func BenchmarkPure(b *testing.B) {
	g := perfGame(b, 15)
	b.Run("15x15", func(b *testing.B) { benchSolve(b, g, -1, PureEquilibria) })
	g3 := mustParseFile(b, "testdata/games/contrib__8x2x2.nfg")
	b.Run("8x2x2", func(b *testing.B) { benchSolve(b, g3, 2, PureEquilibria) })
}

// BenchmarkLrsnash runs lrsnash (lrslib, GMP arithmetic) as a separate
// process on the same games, for a ratio measured in the same window: the
// process start (a few ms) is included, as in testdata's reference timings.
// It skips when lrsnash is not installed.
func BenchmarkLrsnash(b *testing.B) {
	if _, err := exec.LookPath("lrsnash"); err != nil {
		b.Skip("lrsnash not on PATH (Debian package lrslib)")
	}
	for _, pg := range perfGames {
		g := perfGame(b, pg.n)
		b.Run(fmt.Sprintf("%dx%d", pg.n, pg.n), func(b *testing.B) {
			file := filepath.Join(b.TempDir(), "game.txt")
			if err := os.WriteFile(file, lrsnashInput(g), 0o644); err != nil {
				b.Fatal(err)
			}
			start := childCPUTime()
			for b.Loop() {
				out, err := exec.Command("lrsnash", file).Output()
				if err != nil {
					b.Fatal(err)
				}
				if want := fmt.Sprintf("Number of equilibria found: %d", pg.eq); !strings.Contains(string(out), want) {
					b.Fatalf("lrsnash output lacks %q", want)
				}
			}
			b.ReportMetric((childCPUTime()-start).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

func childCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
