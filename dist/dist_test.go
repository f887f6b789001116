package dist

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func mustDecode(t *testing.T, v any) Dist {
	t.Helper()
	var d Dist
	if err := d.DecodeValue(v); err != nil {
		t.Fatalf("%v: %v", v, err)
	}
	return d
}

// Each law's mean (closed form, listed per case) against the sample mean of
// 200 000 draws through Rand, within 4 standard errors; and CDF(Quantile(p)) = p.
func TestLaws(t *testing.T) {
	cases := []struct {
		spec     map[string]any
		mean, sd float64 // textbook moments
	}{
		{map[string]any{"dist": "uniform", "min": 0, "max": 2}, 1, 2 / math.Sqrt(12)},
		{map[string]any{"dist": "normal", "mean": 1, "sd": 2}, 1, 2},
		// Standard normal truncated to [0, ∞): half-normal, mean √(2/π), sd √(1−2/π).
		{map[string]any{"dist": "truncnormal", "mean": 0, "sd": 1, "min": 0}, math.Sqrt(2 / math.Pi), math.Sqrt(1 - 2/math.Pi)},
		{map[string]any{"dist": "lognormal", "mu": 0, "sigma": 0.5}, math.Exp(0.125), math.Sqrt((math.Exp(0.25) - 1) * math.Exp(0.25))},
		// Beta(2,5) on [0,1]: mean 2/7, variance αβ/((α+β)²(α+β+1)) = 10/392.
		{map[string]any{"dist": "beta", "alpha": 2, "beta": 5}, 2.0 / 7, math.Sqrt(10.0 / 392)},
		{map[string]any{"dist": "beta", "alpha": 2, "beta": 5, "min": 1, "max": 3}, 1 + 4.0/7, 2 * math.Sqrt(10.0/392)},
		// Triangular(0, 1, 3): mean (a+b+c)/3, variance (a²+b²+c²−ab−ac−bc)/18.
		{map[string]any{"dist": "triangular", "min": 0, "mode": 1, "max": 3}, 4.0 / 3, math.Sqrt((0 + 1 + 9 - 0 - 0 - 3) / 18.0)},
		// Log-uniform on [1, e]: mean e−1.
		{map[string]any{"dist": "loguniform", "min": 1, "max": math.E}, math.E - 1, math.Sqrt((math.E*math.E-1)/2 - (math.E-1)*(math.E-1))},
		{map[string]any{"dist": "exponential", "rate": 2}, 0.5, 0.5},
		{map[string]any{"dist": "discrete", "values": []any{1, 10}, "weights": []any{0.9, 0.1}}, 1.9, math.Sqrt(0.9*0.1) * 9},
		{map[string]any{"dist": "constant", "value": 3}, 3, 0},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 200000
	for _, c := range cases {
		d := mustDecode(t, c.spec)
		if math.Abs(d.Mean()-c.mean) > 1e-9*math.Max(1, math.Abs(c.mean)) {
			t.Errorf("%v: Mean() = %.12g, want %.12g", c.spec, d.Mean(), c.mean)
		}
		sum := 0.0
		for i := 0; i < n; i++ {
			sum += d.Rand(rng)
		}
		if se := c.sd / math.Sqrt(n); math.Abs(sum/n-c.mean) > 4*se+1e-12 {
			t.Errorf("%v: sample mean %.6g, want %.6g ± %.2g", c.spec, sum/n, c.mean, 4*se)
		}
		if d.Kind() != "discrete" && d.Kind() != "constant" {
			for _, p := range []float64{0.01, 0.3, 0.5, 0.9, 0.999} {
				if got := d.CDF(d.Quantile(p)); math.Abs(got-p) > 1e-9 {
					t.Errorf("%v: CDF(Quantile(%g)) = %g", c.spec, p, got)
				}
			}
		}
	}
}

func TestDiscreteSteps(t *testing.T) {
	d := mustDecode(t, map[string]any{"dist": "discrete", "values": []any{10, 1}, "weights": []any{1, 3}})
	for _, c := range []struct{ x, cdf float64 }{{0, 0}, {1, 0.75}, {5, 0.75}, {10, 1}} {
		if got := d.CDF(c.x); got != c.cdf {
			t.Errorf("CDF(%g) = %g, want %g", c.x, got, c.cdf)
		}
	}
	for _, c := range []struct{ p, q float64 }{{0.5, 1}, {0.75, 1}, {0.76, 10}} {
		if got := d.Quantile(c.p); got != c.q {
			t.Errorf("Quantile(%g) = %g, want %g", c.p, got, c.q)
		}
	}
}

func TestBareNumberIsPointMass(t *testing.T) {
	d := mustDecode(t, 2.5)
	if !d.IsConstant() || d.Mean() != 2.5 || d.CDF(2.4) != 0 || d.CDF(2.5) != 1 {
		t.Errorf("bare number: %v", d)
	}
}

func TestBadSpecs(t *testing.T) {
	cases := []struct {
		spec any
		want string
	}{
		{map[string]any{"dist": "unifrom", "min": 0, "max": 1}, `did you mean "uniform"`},
		{map[string]any{"dist": "uniform", "min": 1, "max": 0}, "min < max"},
		{map[string]any{"dist": "uniform", "min": 0, "mx": 1}, `did you mean "max"`},
		{map[string]any{"dist": "normal", "mean": 0, "sd": -1}, "sd"},
		{map[string]any{"dist": "discrete", "values": []any{1, 2}, "weights": []any{1}}, "2 values but 1 weights"},
		{map[string]any{"min": 0}, "needs dist"},
		{"uniform", "want a distribution"},
	}
	for _, c := range cases {
		var d Dist
		err := d.DecodeValue(c.spec)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want one mentioning %q", c.spec, err, c.want)
		}
	}
}

func TestDiscreteRepeatedValues(t *testing.T) {
	d := mustDecode(t, map[string]any{"dist": "discrete", "values": []any{1, 1, 2}, "weights": []any{0.2, 0.3, 0.5}})
	if d.CDF(1) != 0.5 || d.Quantile(0.4) != 1 || d.Quantile(0.6) != 2 || math.Abs(d.Mean()-1.5) > 1e-15 {
		t.Errorf("CDF(1) = %g, Q(0.4) = %g, Q(0.6) = %g, mean %g", d.CDF(1), d.Quantile(0.4), d.Quantile(0.6), d.Mean())
	}
}

// Far in the upper tail: P(X > x | X > a) = Q(x)/Q(a) for the standard
// normal survival function Q, evaluated here with the asymptotic Mills-ratio
// series Q(z) ≈ φ(z)/z · (1 − 1/z² + 3/z⁴ − 15/z⁶) (Abramowitz & Stegun
// 26.2.12), accurate to ~1e-7 at z = 12. The naive 1 − Φ difference has no
// correct digits here.
func TestTruncNormalFarTail(t *testing.T) {
	d := mustDecode(t, map[string]any{"dist": "truncnormal", "mean": 0, "sd": 1, "min": 12})
	for _, s := range []float64{0.5, 1, 2} {
		x := 12 + s/12
		got := 1 - d.CDF(x)
		q := func(z float64) float64 {
			return math.Exp(-z*z/2) / z * (1 - 1/(z*z) + 3/math.Pow(z, 4) - 15/math.Pow(z, 6))
		}
		want := q(x) / q(12)
		if math.Abs(got-want) > 1e-6*want {
			t.Errorf("P(X > %g) = %g, want ≈ %g", x, got, want)
		}
		if q := d.Quantile(d.CDF(x)); math.Abs(q-x) > 1e-9 {
			t.Errorf("Quantile(CDF(%g)) = %g", x, q)
		}
	}
}
