package sweep

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/statecraft/statecraft/model"
)

// Shard is one of N deterministic slices of a design: shard I of N (1 ≤ I ≤
// N) holds the contiguous block of cells [⌊(I−1)C/N⌋, ⌊IC/N⌋) of a design of
// C cells. Blocks keep a part's rows in cell order, so parts merge by
// concatenation; their sizes differ by at most one cell. The zero Shard is
// the whole design (1 of 1).
type Shard struct{ I, N int }

// Whole reports whether the shard is the whole design.
func (s Shard) Whole() bool { return s.N <= 1 }

func (s Shard) norm() Shard {
	if s.N <= 0 {
		return Shard{1, 1}
	}
	return s
}

// Range returns the cells [lo, hi) of the shard in a design of cells cells.
func (s Shard) Range(cells int) (lo, hi int) {
	s = s.norm()
	c, i, n := int64(cells), int64(s.I), int64(s.N)
	return int((i - 1) * c / n), int(i * c / n)
}

// Name is the shard's file-name stem, "part-0003-of-0008".
func (s Shard) Name() string {
	s = s.norm()
	return fmt.Sprintf("part-%04d-of-%04d", s.I, s.N)
}

func (s Shard) String() string {
	s = s.norm()
	return fmt.Sprintf("%d/%d", s.I, s.N)
}

// ParseShard reads "i/n" (1 ≤ i ≤ n).
func ParseShard(text string) (Shard, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(text), "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil {
		return Shard{}, model.Invalid("--shard", "want i/n, e.g. --shard 3/8 (shard 3 of 8, counted from 1), got %q", text)
	}
	if n < 1 || i < 1 || i > n {
		return Shard{}, model.Invalid("--shard", "shard %d/%d: want 1 ≤ i ≤ n", i, n)
	}
	return Shard{I: i, N: n}, nil
}

// ShardFromEnv derives the shard from a Slurm job array's environment:
//
//	i = (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP + 1
//	n = SLURM_ARRAY_TASK_COUNT
//
// so an array submitted as --array=0-7, --array=1-8 or --array=0-14:2 runs
// shards 1/8 … 8/8 whatever its first index (STEP defaults to 1, MIN to 0 if
// Slurm does not set them). ok is false outside a job array. An index list
// that is not an evenly spaced range (--array=1,4,9) is an error.
func ShardFromEnv(environ []string) (s Shard, ok bool, err error) {
	vars := map[string]string{}
	for _, kv := range environ {
		if k, v, found := strings.Cut(kv, "="); found && strings.HasPrefix(k, "SLURM_ARRAY_TASK_") {
			vars[k] = v
		}
	}
	idText, ok := vars["SLURM_ARRAY_TASK_ID"]
	if !ok || idText == "" {
		return Shard{}, false, nil
	}
	num := func(name string, def int) (int, error) {
		v, found := vars[name]
		if !found || v == "" {
			if def < 0 {
				return 0, model.Invalid(name, "SLURM_ARRAY_TASK_ID is set but %s is not; run inside a Slurm job array or give --shard i/n", name)
			}
			return def, nil
		}
		x, err := strconv.Atoi(v)
		if err != nil {
			return 0, model.Invalid(name, "want a whole number, got %q", v)
		}
		return x, nil
	}
	id, err := num("SLURM_ARRAY_TASK_ID", -1)
	if err != nil {
		return Shard{}, true, err
	}
	count, err := num("SLURM_ARRAY_TASK_COUNT", -1)
	if err != nil {
		return Shard{}, true, err
	}
	lo, err := num("SLURM_ARRAY_TASK_MIN", 0)
	if err != nil {
		return Shard{}, true, err
	}
	step, err := num("SLURM_ARRAY_TASK_STEP", 1)
	if err != nil {
		return Shard{}, true, err
	}
	if step < 1 {
		step = 1
	}
	i := (id-lo)/step + 1
	if id < lo || (id-lo)%step != 0 || count < 1 || i > count {
		return Shard{}, true, model.Invalid("SLURM_ARRAY_TASK_ID",
			"task %d of an array with MIN=%d, STEP=%d, COUNT=%d is not one of shards 1…%d: submit the array as an evenly spaced range (e.g. --array=0-%d), or give --shard i/n",
			id, lo, step, count, count, max(count-1, 0))
	}
	return Shard{I: i, N: count}, true, nil
}
