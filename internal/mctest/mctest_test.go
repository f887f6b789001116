package mctest

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/statecraft/statecraft/internal/modeltest"
)

// Against the two-pass textbook formulas on a sample with a large mean and a
// small spread, where the one-pass Σx² − n·x̄² loses digits.
func TestStatsAgainstTwoPass(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	xs := make([]float64, 1000)
	var s Stats
	for i := range xs {
		xs[i] = 1e6 + rng.NormFloat64()*1e-3
		s.Add(xs[i])
	}
	s.Add(math.NaN()) // left out
	m := 0.0
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	v := 0.0
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	se := math.Sqrt(v / float64(len(xs)-1) / float64(len(xs)))
	if s.N() != len(xs) || math.Abs(s.Mean()-m) > 1e-14*m || math.Abs(s.SE()/se-1) > 1e-6 {
		t.Errorf("n %d mean %.12g se %.6g; two-pass mean %.12g se %.6g", s.N(), s.Mean(), s.SE(), m, se)
	}
	var c Stats
	for i := 0; i < 10; i++ {
		c.Add(0.1)
	}
	if c.Mean() != 0.1 || c.SE() != 0 {
		t.Errorf("constant sample: mean %.17g se %g", c.Mean(), c.SE())
	}
	var one Stats
	one.Add(3)
	if var0 := (Stats{}); !math.IsNaN(var0.Mean()) || one.Mean() != 3 || !math.IsNaN(one.SE()) {
		t.Errorf("empty mean %g; one value: mean %g se %g", var0.Mean(), one.Mean(), one.SE())
	}
}

// A simulator whose outputs are known: a fair die (mean 3.5, variance 35/12),
// a constant, and a value that is NaN in half the replications.
func die(rng *rand.Rand, out []float64) error {
	if len(out) != 3 {
		return fmt.Errorf("want 3 outputs, got %d", len(out))
	}
	out[0] = float64(1 + rng.IntN(6))
	out[1] = 2
	out[2] = math.NaN()
	if rng.IntN(2) == 0 {
		out[2] = 1
	}
	return nil
}

func TestMoments(t *testing.T) {
	const n = 20000
	mean, se := Moments(t, die, n, rand.New(rand.NewPCG(3, 4)), 3)
	want := math.Sqrt(35.0 / 12 / n)
	if math.Abs(se[0]/want-1) > 0.05 || math.Abs(mean[0]-3.5) > 4*want {
		t.Errorf("die: %g ± %g, want 3.5 ± %g", mean[0], se[0], want)
	}
	if mean[1] != 2 || se[1] != 0 || mean[2] != 1 || se[2] != 0 {
		t.Errorf("constant %g ± %g, half-NaN %g ± %g", mean[1], se[1], mean[2], se[2])
	}
	// The same generator state gives the same result.
	if mean2, _ := Moments(t, die, n, rand.New(rand.NewPCG(3, 4)), 3); mean2[0] != mean[0] {
		t.Errorf("not reproducible: %g then %g", mean[0], mean2[0])
	}
}

// An error of the simulator fails the test at once, naming the replication.
func TestMomentsStopsAtError(t *testing.T) {
	r := &modeltest.Recorder{}
	calls := 0
	r.Run(func() {
		Moments(r, func(*rand.Rand, []float64) error {
			calls++
			if calls == 3 {
				return errors.New("boom")
			}
			return nil
		}, 10, rand.New(rand.NewPCG(1, 1)), 1)
	})
	if calls != 3 || len(r.Msgs) != 1 || !strings.Contains(r.Msgs[0], "replication 2: boom") || !r.Stopped {
		t.Errorf("%d calls, messages %q (fatal %v)", calls, r.Msgs, r.Stopped)
	}
	r = &modeltest.Recorder{}
	r.Run(func() { Moments(r, die, 5, rand.New(rand.NewPCG(3, 4)), 2) })
	if len(r.Msgs) != 1 || !strings.Contains(r.Msgs[0], "want 3 outputs, got 2") {
		t.Errorf("short output slice: %q", r.Msgs)
	}
}

func TestWithin(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		got, se, want, k float64
		ok               bool
		msg              string
	}{
		{1.0, 0.1, 1.39, 4, true, ""},
		{1.0, 0.1, 1.41, 4, false, "off by 4.1 se"},
		{1.0, 0.1, 0.61, 3.5, false, "off by 3.9 se"},
		{2.0, 0, 2.0, 4, true, ""},
		{2.0, 0, 2.0 + 1e-13, 4, true, ""},
		{2.0, 0, 2.0 + 1e-10, 4, false, "without spread"},
		{nan, nan, nan, 4, true, ""},
		{nan, nan, 1, 4, false, "exact 1"},
		{1, 0.1, nan, 4, false, "exact NaN"},
		{1, nan, 1, 4, false, "no standard error"},
	}
	for _, c := range cases {
		r := &modeltest.Recorder{}
		ok := Within(r, "metric x", c.got, c.se, c.want, c.k)
		if ok != c.ok || (len(r.Msgs) == 0) != c.ok {
			t.Errorf("%g ± %g vs %g: ok %v, messages %q", c.got, c.se, c.want, ok, r.Msgs)
			continue
		}
		if !c.ok && (!strings.Contains(r.Msgs[0], "metric x") || !strings.Contains(r.Msgs[0], c.msg)) {
			t.Errorf("%g ± %g vs %g: message %q lacks %q", c.got, c.se, c.want, r.Msgs[0], c.msg)
		}
	}
}
