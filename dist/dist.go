// Package dist is the one way Statecraft writes and evaluates univariate
// probability distributions in configs:
//
//	{dist: uniform, min: 0, max: 2}
//	{dist: normal, mean: 0, sd: 1}
//	{dist: truncnormal, mean: 0, sd: 1, min: -1, max: 2}
//	{dist: lognormal, mu: 0, sigma: 1}
//	{dist: beta, alpha: 2, beta: 5}            (on [0,1]; add min/max to rescale)
//	{dist: triangular, min: 0, mode: 1, max: 3}
//	{dist: loguniform, min: 0.01, max: 1}
//	{dist: exponential, rate: 2}
//	{dist: discrete, values: [1, 10], weights: [0.9, 0.1]}
//	{dist: constant, value: 3}                 (a bare number means the same)
//
// The continuous laws are gonum's stat/distuv; [Dist.Rand] samples by inverting
// the CDF at a uniform draw, so a sample uses exactly one number from the
// stream and Latin hypercube or Sobol points map through [Dist.Quantile] the
// same way.
package dist

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"

	"github.com/statecraft/statecraft/schema"
	"gonum.org/v1/gonum/stat/distuv"
)

// Dist is a univariate distribution as written in a config. The zero value is
// not usable; build one with [Dist.DecodeValue] or the constructors.
type Dist struct {
	kind   string
	fields map[string]any // as written, for String and reports
	impl   law
}

type law interface {
	CDF(x float64) float64
	Quantile(p float64) float64
	Mean() float64
}

// Kinds lists the distribution names a config may use.
var Kinds = []string{"uniform", "normal", "truncnormal", "lognormal", "beta", "triangular", "loguniform", "exponential", "discrete", "constant"}

// Per-kind parameter structs; their tags give strict decoding and messages.
type (
	uniformSpec struct {
		Min float64 `key:"min" doc:"lower bound"`
		Max float64 `key:"max" doc:"upper bound"`
	}
	normalSpec struct {
		Mean float64 `key:"mean" doc:"mean"`
		SD   float64 `key:"sd" range:"(0,)" doc:"standard deviation"`
	}
	truncSpec struct {
		Mean float64  `key:"mean" doc:"mean of the untruncated normal"`
		SD   float64  `key:"sd" range:"(0,)" doc:"standard deviation of the untruncated normal"`
		Min  *float64 `key:"min" default:"−∞" doc:"lower truncation point"`
		Max  *float64 `key:"max" default:"+∞" doc:"upper truncation point"`
	}
	lognormalSpec struct {
		Mu    float64 `key:"mu" doc:"mean of the logarithm"`
		Sigma float64 `key:"sigma" range:"(0,)" doc:"standard deviation of the logarithm"`
	}
	betaSpec struct {
		Alpha float64 `key:"alpha" range:"(0,)" doc:"first shape parameter"`
		Beta  float64 `key:"beta" range:"(0,)" doc:"second shape parameter"`
		Min   float64 `key:"min" default:"0" doc:"lower end of the support"`
		Max   float64 `key:"max" default:"1" doc:"upper end of the support"`
	}
	triangularSpec struct {
		Min  float64 `key:"min" doc:"lower bound"`
		Mode float64 `key:"mode" doc:"most likely value"`
		Max  float64 `key:"max" doc:"upper bound"`
	}
	loguniformSpec struct {
		Min float64 `key:"min" range:"(0,)" doc:"lower bound"`
		Max float64 `key:"max" range:"(0,)" doc:"upper bound"`
	}
	exponentialSpec struct {
		Rate float64 `key:"rate" range:"(0,)" doc:"rate (1/mean)"`
	}
	discreteSpec struct {
		Values  []float64 `key:"values" doc:"support points"`
		Weights []float64 `key:"weights" range:"[0,)" doc:"probabilities (normalised to sum 1)"`
	}
	constantSpec struct {
		Value float64 `key:"value" doc:"the value"`
	}
)

// DecodeValue implements schema.Decoder: a mapping with a "dist" key, or a bare
// number (a point mass).
func (d *Dist) DecodeValue(v any) error {
	switch x := v.(type) {
	case float64, int, int64:
		f, _ := toFloat(x)
		*d = Constant(f)
		return nil
	case map[string]any:
		kind, ok := x["dist"].(string)
		if !ok {
			return schema.Errorf("dist", "a distribution needs dist: one of %s", strings.Join(Kinds, ", "))
		}
		rest := make(map[string]any, len(x))
		for k, val := range x {
			if k != "dist" {
				rest[k] = val
			}
		}
		nd, err := build(kind, rest)
		if err != nil {
			return err
		}
		*d = nd
		return nil
	}
	return schema.Errorf("", "want a distribution such as {dist: uniform, min: 0, max: 1} or a number, got %v", v)
}

// SchemaKind names the form in docs.
func (d *Dist) SchemaKind() string { return "distribution" }

// New builds a distribution from its kind and parameters, as in a config.
func New(kind string, params map[string]any) (Dist, error) { return build(kind, params) }

func build(kind string, params map[string]any) (Dist, error) {
	d := Dist{kind: kind, fields: params}
	decode := func(spec any) error {
		return schema.MustOf(spec).Decode(params, spec)
	}
	switch kind {
	case "uniform":
		var s uniformSpec
		if err := decode(&s); err != nil {
			return d, err
		}
		if !(s.Min < s.Max) {
			return d, schema.Errorf("max", "uniform needs min < max, got min=%g max=%g", s.Min, s.Max)
		}
		d.impl = distuv.Uniform{Min: s.Min, Max: s.Max}
	case "normal":
		var s normalSpec
		if err := decode(&s); err != nil {
			return d, err
		}
		d.impl = distuv.Normal{Mu: s.Mean, Sigma: s.SD}
	case "truncnormal":
		var s truncSpec
		if err := decode(&s); err != nil {
			return d, err
		}
		lo, hi := math.Inf(-1), math.Inf(1)
		if s.Min != nil {
			lo = *s.Min
		}
		if s.Max != nil {
			hi = *s.Max
		}
		if !(lo < hi) {
			return d, schema.Errorf("max", "truncnormal needs min < max, got min=%g max=%g", lo, hi)
		}
		t := truncNormal{mu: s.Mean, sigma: s.SD, lo: lo, hi: hi}
		t.cLo, t.cHi = stdNormalCDF((lo-s.Mean)/s.SD), stdNormalCDF((hi-s.Mean)/s.SD)
		if !(t.cHi-t.cLo > 0 || stdNormalCDF(-(lo-s.Mean)/s.SD)-stdNormalCDF(-(hi-s.Mean)/s.SD) > 0) {
			return d, schema.Errorf("min", "truncnormal: [%g, %g] holds no probability under normal(%g, %g)", lo, hi, s.Mean, s.SD)
		}
		d.impl = t
	case "lognormal":
		var s lognormalSpec
		if err := decode(&s); err != nil {
			return d, err
		}
		d.impl = distuv.LogNormal{Mu: s.Mu, Sigma: s.Sigma}
	case "beta":
		var s betaSpec
		if err := decode(&s); err != nil {
			return d, err
		}
		if !(s.Min < s.Max) {
			return d, schema.Errorf("max", "beta needs min < max, got min=%g max=%g", s.Min, s.Max)
		}
		d.impl = scaled{law: distuv.Beta{Alpha: s.Alpha, Beta: s.Beta}, lo: s.Min, width: s.Max - s.Min}
	case "triangular":
		var s triangularSpec
		if err := decode(&s); err != nil {
			return d, err
		}
		if !(s.Min < s.Max && s.Min <= s.Mode && s.Mode <= s.Max) {
			return d, schema.Errorf("mode", "triangular needs min ≤ mode ≤ max and min < max, got %g, %g, %g", s.Min, s.Mode, s.Max)
		}
		d.impl = distuv.NewTriangle(s.Min, s.Max, s.Mode, nil)
	case "loguniform":
		var s loguniformSpec
		if err := decode(&s); err != nil {
			return d, err
		}
		if !(s.Min < s.Max) {
			return d, schema.Errorf("max", "loguniform needs min < max, got min=%g max=%g", s.Min, s.Max)
		}
		d.impl = logUniform{lo: math.Log(s.Min), hi: math.Log(s.Max)}
	case "exponential":
		var s exponentialSpec
		if err := decode(&s); err != nil {
			return d, err
		}
		d.impl = distuv.Exponential{Rate: s.Rate}
	case "discrete":
		var s discreteSpec
		if err := decode(&s); err != nil {
			return d, err
		}
		dd, err := newDiscrete(s.Values, s.Weights)
		if err != nil {
			return d, err
		}
		d.impl = dd
	case "constant":
		var s constantSpec
		if err := decode(&s); err != nil {
			return d, err
		}
		return Constant(s.Value), nil
	default:
		msg := fmt.Sprintf("unknown distribution %q; known: %s", kind, strings.Join(Kinds, ", "))
		if near := schema.Nearest(kind, Kinds); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		return d, schema.Errorf("dist", "%s", msg)
	}
	return d, nil
}

// Uniform returns the uniform distribution on [lo, hi].
func Uniform(lo, hi float64) Dist {
	d, err := build("uniform", map[string]any{"min": lo, "max": hi})
	if err != nil {
		panic(err)
	}
	return d
}

// Constant returns a point mass at x.
func Constant(x float64) Dist {
	return Dist{kind: "constant", fields: map[string]any{"value": x}, impl: pointMass(x)}
}

// Kind returns the distribution's name ("uniform", …).
func (d Dist) Kind() string { return d.kind }

// IsConstant reports whether d is a point mass.
func (d Dist) IsConstant() bool { return d.kind == "constant" }

// Valid reports whether d was built (the zero Dist is not).
func (d Dist) Valid() bool { return d.impl != nil }

// CDF returns P(X ≤ x).
func (d Dist) CDF(x float64) float64 { return d.impl.CDF(x) }

// Quantile returns the smallest x with CDF(x) ≥ p, for p in [0, 1].
func (d Dist) Quantile(p float64) float64 {
	p = math.Min(1, math.Max(0, p))
	return d.impl.Quantile(p)
}

// Mean returns E[X].
func (d Dist) Mean() float64 { return d.impl.Mean() }

// Rand draws one value by inverting the CDF at one uniform from rng.
func (d Dist) Rand(rng *rand.Rand) float64 {
	u := rng.Float64()
	for u == 0 { // Quantile(0) is −∞ for unbounded laws
		u = rng.Float64()
	}
	return d.impl.Quantile(u)
}

// Support returns the smallest interval [lo, hi] holding all the probability
// (infinite ends for unbounded laws).
func (d Dist) Support() (lo, hi float64) { return d.impl.Quantile(0), d.impl.Quantile(1) }

// String writes the distribution as in a config, keys sorted.
func (d Dist) String() string {
	keys := make([]string, 0, len(d.fields))
	for k := range d.fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := []string{"dist: " + d.kind}
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s: %v", k, d.fields[k]))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// MarshalJSON writes the distribution as its config form.
func (d Dist) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteString(`{"dist":` + strconv.Quote(d.kind))
	keys := make([]string, 0, len(d.fields))
	for k := range d.fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString("," + strconv.Quote(k) + ":")
		switch v := d.fields[k].(type) {
		case []any:
			parts := make([]string, len(v))
			for i, e := range v {
				parts[i] = fmt.Sprint(e)
			}
			b.WriteString("[" + strings.Join(parts, ",") + "]")
		default:
			b.WriteString(fmt.Sprint(v))
		}
	}
	b.WriteString("}")
	return []byte(b.String()), nil
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	}
	return 0, false
}

type pointMass float64

func (p pointMass) CDF(x float64) float64 {
	if x < float64(p) {
		return 0
	}
	return 1
}
func (p pointMass) Quantile(float64) float64 { return float64(p) }
func (p pointMass) Mean() float64            { return float64(p) }

// scaled is a law on [0,1] moved to [lo, lo+width].
type scaled struct {
	law
	lo, width float64
}

func (s scaled) CDF(x float64) float64 {
	z := (x - s.lo) / s.width
	switch {
	case z <= 0:
		return 0
	case z >= 1:
		return 1
	}
	return s.law.CDF(z)
}
func (s scaled) Quantile(p float64) float64 { return s.lo + s.width*s.law.Quantile(p) }
func (s scaled) Mean() float64              { return s.lo + s.width*s.law.Mean() }

type logUniform struct{ lo, hi float64 } // bounds of log X

func (l logUniform) CDF(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return math.Min(1, math.Max(0, (math.Log(x)-l.lo)/(l.hi-l.lo)))
}
func (l logUniform) Quantile(p float64) float64 { return math.Exp(l.lo + p*(l.hi-l.lo)) }
func (l logUniform) Mean() float64              { return (math.Exp(l.hi) - math.Exp(l.lo)) / (l.hi - l.lo) }

func stdNormalCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

type truncNormal struct {
	mu, sigma, lo, hi float64
	cLo, cHi          float64 // standard normal CDF at the standardised bounds
}

// upper reports whether the interval lies in the upper half of the normal,
// where CDF differences 1 − Φ lose every digit far in the tail; there the
// survival function Q(z) = Φ(−z) is used instead, by symmetry.
func (t truncNormal) upper() bool { return t.lo > t.mu }

func (t truncNormal) CDF(x float64) float64 {
	switch {
	case x <= t.lo:
		return 0
	case x >= t.hi:
		return 1
	}
	z := (x - t.mu) / t.sigma
	if t.upper() {
		qLo, qHi := stdNormalCDF(-(t.lo-t.mu)/t.sigma), stdNormalCDF(-(t.hi-t.mu)/t.sigma)
		return (qLo - stdNormalCDF(-z)) / (qLo - qHi)
	}
	return (stdNormalCDF(z) - t.cLo) / (t.cHi - t.cLo)
}

func (t truncNormal) Quantile(p float64) float64 {
	switch {
	case p <= 0:
		return t.lo
	case p >= 1:
		return t.hi
	}
	var x float64
	if t.upper() {
		qLo, qHi := stdNormalCDF(-(t.lo-t.mu)/t.sigma), stdNormalCDF(-(t.hi-t.mu)/t.sigma)
		x = t.mu - t.sigma*distuv.UnitNormal.Quantile(qLo-p*(qLo-qHi))
	} else {
		x = t.mu + t.sigma*distuv.UnitNormal.Quantile(t.cLo+p*(t.cHi-t.cLo))
	}
	return math.Min(t.hi, math.Max(t.lo, x))
}

func (t truncNormal) Mean() float64 {
	a, b := (t.lo-t.mu)/t.sigma, (t.hi-t.mu)/t.sigma
	phi := func(z float64) float64 {
		if math.IsInf(z, 0) {
			return 0
		}
		return math.Exp(-z*z/2) / math.Sqrt(2*math.Pi)
	}
	return t.mu + t.sigma*(phi(a)-phi(b))/(t.cHi-t.cLo)
}

type discrete struct {
	values []float64 // sorted ascending
	cum    []float64 // cumulative probabilities, last = 1
	mean   float64
}

func newDiscrete(values, weights []float64) (discrete, error) {
	if len(values) == 0 {
		return discrete{}, schema.Errorf("values", "discrete needs at least one value")
	}
	if len(weights) != len(values) {
		return discrete{}, schema.Errorf("weights", "discrete has %d values but %d weights", len(values), len(weights))
	}
	idx := make([]int, len(values))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return values[idx[a]] < values[idx[b]] })
	total := 0.0
	for _, w := range weights {
		total += w
	}
	if !(total > 0) {
		return discrete{}, schema.Errorf("weights", "discrete weights must have a positive sum")
	}
	// Repeated values are merged into one support point, so that CDF and
	// Quantile see one step of their total weight.
	var d discrete
	acc := 0.0
	for _, i := range idx {
		acc += weights[i] / total
		d.mean += values[i] * weights[i] / total
		if n := len(d.values); n > 0 && d.values[n-1] == values[i] {
			d.cum[n-1] = acc
			continue
		}
		d.values = append(d.values, values[i])
		d.cum = append(d.cum, acc)
	}
	d.cum[len(d.cum)-1] = 1
	return d, nil
}

func (d discrete) CDF(x float64) float64 {
	k := sort.SearchFloat64s(d.values, x) // first index with values[k] ≥ x
	if k < len(d.values) && d.values[k] == x {
		return d.cum[k]
	}
	if k == 0 {
		return 0
	}
	return d.cum[k-1]
}

func (d discrete) Quantile(p float64) float64 {
	k := sort.SearchFloat64s(d.cum, p)
	if k >= len(d.values) {
		k = len(d.values) - 1
	}
	for k > 0 && d.cum[k-1] >= p { // smallest value whose CDF reaches p
		k--
	}
	return d.values[k]
}

func (d discrete) Mean() float64 { return d.mean }
