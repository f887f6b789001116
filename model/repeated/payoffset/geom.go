package payoffset

import (
	"math"
	"slices"
)

// pt is a payoff pair: pt[0] is the row player's payoff, pt[1] the column
// player's.
type pt = [2]float64

// cross is the z-component of (a−o)×(b−o): positive when o→a→b turns
// counter-clockwise.
func cross(o, a, b pt) float64 {
	return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0])
}

func dist(a, b pt) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

func cmpXY(a, b pt) int {
	switch {
	case a[0] < b[0]:
		return -1
	case a[0] > b[0]:
		return 1
	case a[1] < b[1]:
		return -1
	case a[1] > b[1]:
		return 1
	}
	return 0
}

// hull returns the convex hull of pts, counter-clockwise from the
// lexicographically smallest point, in dst (Andrew's monotone chain, 1979).
// pts is sorted in place. The chain itself uses the plain orientation test;
// [simplify] then removes vertices that are within eps of their neighbours or
// of the segment joining them, so a set that is flat up to eps comes back as
// a segment (two points) and one that is a point up to eps as one point. The
// empty set gives an empty hull.
//
// Tolerances belong in simplify, not in the chain: points whose x
// coordinates differ by rounding are sorted by x alone, so the chain can
// visit a vertex beyond the end of the chord it is tested against, where a
// distance-to-line test would discard a true corner.
func hull(dst, pts []pt, eps float64) []pt {
	dst = dst[:0]
	switch len(pts) {
	case 0:
		return dst
	case 1:
		return append(dst, pts[0])
	}
	slices.SortFunc(pts, cmpXY)
	for _, p := range pts { // lower chain
		for len(dst) >= 2 && cross(dst[len(dst)-2], dst[len(dst)-1], p) <= 0 {
			dst = dst[:len(dst)-1]
		}
		dst = append(dst, p)
	}
	lo := len(dst) + 1
	for i := len(pts) - 2; i >= 0; i-- { // upper chain
		p := pts[i]
		for len(dst) >= lo && cross(dst[len(dst)-2], dst[len(dst)-1], p) <= 0 {
			dst = dst[:len(dst)-1]
		}
		dst = append(dst, p)
	}
	dst = dst[:len(dst)-1] // the chain ends where it started
	return simplify(dst, eps)
}

// simplify removes, in place, vertices of the counter-clockwise convex polygon
// poly that lie within eps of the previous vertex or within eps of the segment
// joining their neighbours. Removing a vertex v moves the boundary by exactly
// its distance to that segment, so each removal changes the set by at most
// eps in Hausdorff distance. Points that collinearity and rounding have left
// in the chain (dents of the order of 1e-16) go the same way.
func simplify(poly []pt, eps float64) []pt {
	for changed := true; changed && len(poly) > 1; {
		changed = false
		n := len(poly)
		for i := 0; i < n && n > 1; i++ {
			prev := poly[(i+n-1)%n]
			drop := dist(prev, poly[i]) <= eps
			if !drop && n >= 3 {
				next := poly[(i+1)%n]
				// Not the sign of the turn: at the tip of a needle-thin
				// polygon rounding can flip it, and dropping a tip would
				// cut the set short.
				drop = segDist(poly[i], prev, next) <= eps
			}
			if drop {
				poly = append(poly[:i], poly[i+1:]...)
				n--
				i--
				changed = true
			}
		}
	}
	return poly
}

// reduce removes vertices of the counter-clockwise convex polygon poly while
// the result stays within tol of the original in Hausdorff distance. Unlike
// repeated [simplify], whose removals each move the boundary by up to its
// tolerance and can add up, it measures every candidate against the
// original polygon. Removing a vertex only shrinks a convex polygon, so the
// distance is the largest distance from an original vertex to the candidate.
// It is meant for final output (O(n³)), not for the iteration.
func reduce(poly []pt, tol float64) []pt {
	orig := append([]pt(nil), poly...)
	cand := make([]pt, 0, len(poly))
	for changed := true; changed && len(poly) > 1; {
		changed = false
		for i := 0; i < len(poly) && len(poly) > 1; i++ {
			cand = append(append(cand[:0], poly[:i]...), poly[i+1:]...)
			ok := true
			for _, v := range orig {
				if distTo(v, cand) > tol {
					ok = false
					break
				}
			}
			if ok {
				poly = append(poly[:0], cand...)
				changed = true
				i--
			}
		}
	}
	return poly
}

// clip keeps the part of the convex polygon poly (any number of vertices; one
// is a point, two a segment) where n·p ≤ c (Sutherland–Hodgman against one
// half-plane), appending it to dst. The output may repeat a vertex; callers
// pass it through [hull] or [simplify].
func clip(dst, poly []pt, n pt, c float64) []pt {
	m := len(poly)
	if m == 1 {
		if n[0]*poly[0][0]+n[1]*poly[0][1] <= c {
			dst = append(dst, poly[0])
		}
		return dst
	}
	for k := 0; k < m; k++ {
		p, q := poly[k], poly[(k+1)%m]
		vp := n[0]*p[0] + n[1]*p[1] - c
		vq := n[0]*q[0] + n[1]*q[1] - c
		if vp <= 0 {
			dst = append(dst, p)
		}
		if (vp <= 0) != (vq <= 0) {
			s := vp / (vp - vq)
			dst = append(dst, pt{p[0] + s*(q[0]-p[0]), p[1] + s*(q[1]-p[1])})
		}
	}
	return dst
}

// distTo is the Euclidean distance from p to the convex polygon poly
// (counter-clockwise; a point or a segment allowed), 0 inside. It is +Inf for
// the empty set.
func distTo(p pt, poly []pt) float64 {
	switch len(poly) {
	case 0:
		return math.Inf(1)
	case 1:
		return dist(p, poly[0])
	case 2:
		return segDist(p, poly[0], poly[1])
	}
	inside := true
	best := math.Inf(1)
	n := len(poly)
	for i := range n {
		a, b := poly[i], poly[(i+1)%n]
		if cross(a, b, p) < 0 {
			inside = false
		}
		best = math.Min(best, segDist(p, a, b))
	}
	if inside {
		return 0
	}
	return best
}

func segDist(p, a, b pt) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return dist(p, a)
	}
	s := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / l2
	s = math.Max(0, math.Min(1, s))
	return dist(p, pt{a[0] + s*dx, a[1] + s*dy})
}

// Hausdorff returns the Hausdorff distance between two convex polygons given
// by their vertices (counter-clockwise; a point or a segment allowed). For
// convex sets the largest distance from one set to the other is attained at a
// vertex, so checking vertices is exact. It is +Inf when exactly one set is
// empty and 0 when both are.
func Hausdorff(a, b [][2]float64) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	h := 0.0
	for _, p := range a {
		h = math.Max(h, distTo(p, b))
	}
	for _, p := range b {
		h = math.Max(h, distTo(p, a))
	}
	return h
}

// Area is the area of a convex polygon given counter-clockwise (shoelace
// formula); 0 for a segment or a point.
func Area(poly [][2]float64) float64 {
	if len(poly) < 3 {
		return 0
	}
	s := 0.0
	for i, p := range poly {
		q := poly[(i+1)%len(poly)]
		s += p[0]*q[1] - q[0]*p[1]
	}
	return s / 2
}

// mins returns the smallest row and column payoffs over the polygon.
func mins(poly []pt) pt {
	m := pt{math.Inf(1), math.Inf(1)}
	for _, p := range poly {
		m[0] = math.Min(m[0], p[0])
		m[1] = math.Min(m[1], p[1])
	}
	return m
}

// canonical rotates a counter-clockwise polygon in place so that it starts at
// its lowest-left vertex: the smallest column payoff (y), where y values
// within tol of the smallest count as tied and the tie goes to the smallest
// row payoff (x). The tolerance keeps the start stable when rounding puts one
// end of a horizontal bottom edge a hair below the other.
func canonical(poly []pt, tol float64) []pt {
	if len(poly) < 2 {
		return poly
	}
	ymin := mins(poly)[1]
	k := -1
	for i, p := range poly {
		if p[1] <= ymin+tol && (k < 0 || p[0] < poly[k][0]) {
			k = i
		}
	}
	slices.Reverse(poly[:k])
	slices.Reverse(poly[k:])
	slices.Reverse(poly)
	return poly
}
