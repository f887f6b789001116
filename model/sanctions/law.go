package sanctions

import (
	"math"

	"github.com/statecraft/statecraft/dist"
	"github.com/statecraft/statecraft/internal/numeric"
)

// law is a cost law with what the equilibrium needs from it: P(X < x) and
// P(X = x) from [numeric.Law], and partial expectations.
type law struct{ numeric.Law }

func newLaw(d dist.Dist) law { return law{numeric.NewLaw(d)} }

// partial returns E[X; X < x] for a law on [lo, ∞) with lo ≥ 0 (costs).
// For a continuous law, integrating by parts,
//
//	E[X; X < x] = x F(x) − ∫_lo^x F(u) du,
//
// whose integrand is bounded and monotone, which suits adaptive quadrature
// (a density may be unbounded, a CDF never is).
func (l *law) partial(x float64) float64 {
	if l.Discrete {
		s := 0.0
		for i, v := range l.Xs {
			if v < x {
				s += l.Ps[i] * v
			}
		}
		return s
	}
	switch {
	case x <= l.Lo:
		return 0
	case x >= l.Hi:
		return l.Dist.Mean()
	}
	integral, _ := numeric.Integrate(l.Dist.CDF, l.Lo, x, 1e-13*math.Max(1, x-l.Lo))
	return x*l.Dist.CDF(x) - integral
}
