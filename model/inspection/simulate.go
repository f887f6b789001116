package inspection

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Indices of the simulated metrics in the slice Simulate fills.
const (
	simInspectRate = iota
	simViolationRate
	simDetectRate
	simFalseAlarmRate
	simInspectorPayoff
	simInspecteePayoff
	numSimulated
)

// Simulate plays the game `rounds` times at the reported equilibrium and
// writes the simulated metrics to out, in the order of the model's simulated
// metrics. basic and alpha_beta: each play draws the inspection, the
// violation and, when inspected, the test's outcome (detection or false
// alarm) independently; dresher: each play is a whole n-period game following
// the exact stage strategies; transparency has nothing to simulate (NaN). It
// allocates nothing.
func (g *Game) Simulate(rng *rand.Rand, out []float64) error {
	if len(out) != numSimulated {
		return fmt.Errorf("inspection: Simulate needs %d outputs, got %d", numSimulated, len(out))
	}
	switch g.P.Variant {
	case "basic", "alpha_beta":
		g.simulateMix(rng, out)
	case "dresher":
		g.simulateDresher(rng, out)
	default:
		for i := range out {
			out[i] = math.NaN()
		}
	}
	return nil
}

func (g *Game) simulateMix(rng *rand.Rand, out []float64) {
	s := stageOf(g.P, g.play.alpha, g.play.beta)
	// Payoffs (inspector, inspectee) of the six outcomes.
	var (
		cleanI, cleanE   = -s.k, 0.0        // inspected, compliant, no alarm
		falseI, falseE   = -s.k - s.e, -s.h // inspected, compliant, false alarm
		caughtI, caughtE = -s.k - s.a, -s.b // inspected, violated, detected
		missI, missE     = -s.k - s.c, s.d  // inspected, violated, missed
		freeI, freeE     = -s.c, s.d        // not inspected, violated
	)
	p, q := g.play.p, g.play.q
	n := g.P.SimRounds
	var inspected, violations, detected, compliant, alarms int
	var sumI, sumE float64
	for i := 0; i < n; i++ {
		insp := rng.Float64() < p
		viol := rng.Float64() < q
		switch {
		case viol && insp:
			violations++
			inspected++
			if rng.Float64() < 1-s.beta {
				detected++
				sumI += caughtI
				sumE += caughtE
			} else {
				sumI += missI
				sumE += missE
			}
		case viol:
			violations++
			sumI += freeI
			sumE += freeE
		case insp:
			inspected++
			compliant++
			if rng.Float64() < s.alpha {
				alarms++
				sumI += falseI
				sumE += falseE
			} else {
				sumI += cleanI
				sumE += cleanE
			}
		default:
			compliant++
		}
	}
	fn := float64(n)
	out[simInspectRate] = float64(inspected) / fn
	out[simViolationRate] = float64(violations) / fn
	out[simDetectRate] = ratio(detected, violations)
	out[simFalseAlarmRate] = ratio(alarms, compliant)
	out[simInspectorPayoff] = sumI / fn
	out[simInspecteePayoff] = sumE / fn
}

func (g *Game) simulateDresher(rng *rand.Rand, out []float64) {
	tb := g.dre
	w := tb.m + 1
	rounds := g.P.SimRounds
	var inspections, violations, caught int
	var sum float64
	for i := 0; i < rounds; i++ {
		r := tb.m
		for k := tb.n; k >= 1; k-- {
			insp := rng.Float64() < tb.inspect[k*w+r]
			viol := rng.Float64() < tb.violate[k*w+r]
			if insp {
				inspections++
			}
			if viol {
				violations++
				if insp {
					caught++
					sum--
				} else {
					sum++
				}
				break
			}
			if insp {
				r--
			}
		}
	}
	fr := float64(rounds)
	out[simInspectRate] = float64(inspections) / (fr * float64(tb.n))
	out[simViolationRate] = float64(violations) / fr
	out[simDetectRate] = ratio(caught, violations)
	out[simFalseAlarmRate] = math.NaN()
	out[simInspecteePayoff] = sum / fr
	out[simInspectorPayoff] = -sum / fr
}

// ratio is a/b, NaN when b = 0 (the metric is undefined in that replication).
func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}
