package payoffset

import (
	"math"
	"math/rand/v2"
	"testing"
)

// checkHull asserts the defining properties of the convex hull of pts up to
// eps, checked by brute force: every vertex is an input point, the polygon
// turns strictly left at every vertex, and every input point lies inside it
// or within eps of it.
func checkHull(t *testing.T, pts, h []pt, eps float64) {
	t.Helper()
	for _, v := range h {
		found := false
		for _, p := range pts {
			if p == v {
				found = true
			}
		}
		if !found {
			t.Fatalf("hull vertex %v is not an input point", v)
		}
	}
	n := len(h)
	if n >= 3 {
		for i := range n {
			if c := cross(h[i], h[(i+1)%n], h[(i+2)%n]); c <= 0 {
				t.Fatalf("hull %v does not turn left at vertex %d (cross %g)", h, (i+1)%n, c)
			}
		}
	}
	for _, p := range pts {
		if d := distTo(p, h); d > 4*eps {
			t.Fatalf("input point %v lies %g outside the hull %v", p, d, h)
		}
	}
}

func TestHullRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n := 1 + rng.IntN(40)
		pts := make([]pt, n)
		for i := range pts {
			if trial%3 == 0 {
				// Integer grids give exact collinearities and duplicates.
				pts[i] = pt{float64(rng.IntN(5)), float64(rng.IntN(5))}
			} else {
				pts[i] = pt{rng.NormFloat64(), rng.NormFloat64()}
			}
		}
		orig := append([]pt(nil), pts...)
		h := hull(nil, pts, 1e-12)
		checkHull(t, orig, h, 1e-12)
	}
}

func TestHullDegenerate(t *testing.T) {
	eps := 1e-12
	cases := []struct {
		name string
		pts  []pt
		want int
	}{
		{"empty", nil, 0},
		{"one point", []pt{{1, 2}}, 1},
		{"repeated point", []pt{{1, 2}, {1, 2}, {1, 2}}, 1},
		{"point up to rounding", []pt{{1, 2}, {1 + 1e-15, 2}, {1, 2 - 1e-15}}, 1},
		{"segment", []pt{{0, 0}, {1, 1}, {2, 2}, {0.5, 0.5}}, 2},
		{"vertical segment", []pt{{3, 0}, {3, 5}, {3, 2}}, 2},
		{"flat up to rounding", []pt{{0, 0}, {1, 1e-14}, {2, 0}}, 2},
		{"square with edge midpoints", []pt{{0, 0}, {1, 0}, {2, 0}, {2, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}, {1, 1}}, 4},
	}
	for _, c := range cases {
		pts := append([]pt(nil), c.pts...)
		h := hull(nil, pts, eps)
		if len(h) != c.want {
			t.Errorf("%s: hull %v has %d vertices, want %d", c.name, h, len(h), c.want)
			continue
		}
		checkHull(t, c.pts, h, eps)
	}
}

func TestClip(t *testing.T) {
	sq := []pt{{0, 0}, {2, 0}, {2, 2}, {0, 2}}
	// Keep x ≥ 1: the right half, area 2.
	h := hull(nil, clip(nil, sq, pt{-1, 0}, -1), 1e-12)
	if got := Area(h); math.Abs(got-2) > 1e-15 || len(h) != 4 {
		t.Errorf("right half of the square: %v, area %g, want 4 vertices and area 2", h, got)
	}
	// Keep x + y ≤ 1: the triangle (0,0), (1,0), (0,1), area 1/2.
	h = hull(nil, clip(nil, sq, pt{1, 1}, 1), 1e-12)
	if got := Area(h); math.Abs(got-0.5) > 1e-15 || len(h) != 3 {
		t.Errorf("corner of the square: %v, area %g, want a triangle of area 1/2", h, got)
	}
	// Segment and point.
	seg := []pt{{0, 0}, {4, 4}}
	h = hull(nil, clip(nil, seg, pt{0, -1}, -1), 1e-12) // y ≥ 1
	if len(h) != 2 || Hausdorff(h, []pt{{1, 1}, {4, 4}}) > 1e-15 {
		t.Errorf("clipped segment %v, want (1,1)–(4,4)", h)
	}
	if got := clip(nil, []pt{{1, 1}}, pt{0, -1}, -2); len(got) != 0 {
		t.Errorf("a point outside the half-plane should vanish, got %v", got)
	}
	if got := clip(nil, sq, pt{1, 0}, -1); len(got) != 0 {
		t.Errorf("a half-plane missing the square should leave nothing, got %v", got)
	}
}

func TestHausdorffAndArea(t *testing.T) {
	sq := []pt{{0, 0}, {1, 0}, {1, 1}, {0, 1}}
	shifted := []pt{{0.3, 0}, {1.3, 0}, {1.3, 1}, {0.3, 1}}
	if got := Hausdorff(sq, shifted); math.Abs(got-0.3) > 1e-15 {
		t.Errorf("square vs square shifted by 0.3: %g", got)
	}
	// A point inside a square: the farthest square vertex from the point.
	if got, want := Hausdorff(sq, []pt{{0.5, 0.5}}), math.Sqrt(0.5); math.Abs(got-want) > 1e-15 {
		t.Errorf("square vs its centre: %g, want %g", got, want)
	}
	if got := Hausdorff([]pt{{0, 0}, {2, 0}}, []pt{{1, 1}}); math.Abs(got-math.Sqrt2) > 1e-15 {
		t.Errorf("segment vs point above its middle: %g, want √2", got)
	}
	if !math.IsInf(Hausdorff(sq, nil), 1) || Hausdorff(nil, nil) != 0 {
		t.Error("Hausdorff with empty sets")
	}
	if got := Area(sq); got != 1 {
		t.Errorf("unit square area %g", got)
	}
	if Area([]pt{{0, 0}, {3, 3}}) != 0 || Area([]pt{{1, 1}}) != 0 {
		t.Error("segments and points have no area")
	}
}

func TestCanonical(t *testing.T) {
	// Counter-clockwise, starting anywhere; the lowest-left vertex is (1, 0).
	poly := []pt{{3, 1}, {2, 3}, {0, 1}, {1, 0}}
	got := canonical(append([]pt(nil), poly...), 1e-9)
	want := []pt{{1, 0}, {3, 1}, {2, 3}, {0, 1}}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("canonical(%v) = %v, want %v", poly, got, want)
		}
	}
	// A bottom edge that rounding tilts: (5, 1−1e-12) is lower, but within
	// the tolerance it ties with (1, 1), which is further left.
	poly = []pt{{5, 1 - 1e-12}, {3, 3}, {1, 1}}
	got = canonical(append([]pt(nil), poly...), 1e-9)
	if got[0] != (pt{1, 1}) || got[1] != (pt{5, 1 - 1e-12}) {
		t.Errorf("tolerant tie: got %v, want start (1,1) then (5,1)", got)
	}
}
