package run

import (
	"strings"
	"testing"
)

func parts(spec ...[4]int) []*Part { // shard, shards, first, end
	var out []*Part
	for _, s := range spec {
		out = append(out, &Part{Shard: s[0], Shards: s[1], First: s[2], End: s[3], DesignCells: 10})
	}
	return out
}

// coverage names every gap and overlap, and which part files should fill a
// gap when all parts share a shard count.
func TestCoverage(t *testing.T) {
	cases := []struct {
		parts      []*Part
		unfinished []string
		want       []string // substrings; none: no error
	}{
		{parts([4]int{2, 3, 3, 6}, [4]int{1, 3, 0, 3}, [4]int{3, 3, 6, 10}), nil, nil},
		{parts([4]int{1, 3, 0, 3}, [4]int{3, 3, 6, 10}), []string{"part-0002-of-0003"},
			[]string{"cells 3–5 are in no part", "part-0002-of-0003.json (a journal exists", "--shard 2/3 --resume"}},
		{parts([4]int{1, 3, 0, 3}, [4]int{2, 3, 3, 6}), nil, []string{"cells 6–9 are in no part (missing: part-0003-of-0003.json)"}},
		{parts([4]int{1, 1, 0, 10}, [4]int{2, 2, 5, 10}), nil, []string{"cells 5–9 are in two parts: part-0001-of-0001 and part-0002-of-0002"}},
		{parts([4]int{1, 2, 0, 5}, [4]int{3, 4, 5, 7}), nil, []string{"cells 7–9 are in no part"}},
		{parts([4]int{2, 2, 9, 10}, [4]int{1, 2, 0, 8}), nil, []string{"cell 8 is in no part"}},
	}
	for i, c := range cases {
		err := coverage(c.parts, 10, "parts", c.unfinished)
		if len(c.want) == 0 {
			if err != nil {
				t.Errorf("case %d: %v", i, err)
			}
			if c.parts[0].First != 0 || c.parts[2].First != 6 {
				t.Errorf("case %d: parts not ordered", i)
			}
			continue
		}
		if err == nil {
			t.Errorf("case %d: no error", i)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("case %d: %q does not say %q", i, err, w)
			}
		}
	}
}
