package game

import (
	"fmt"
	"math/big"
)

// cmpPayoff compares two exact payoffs, using their float64 copies when
// those settle it: rounding to the nearest float64 is monotone, so copies that
// differ order the rationals the same way; equal copies need the exact test.
func cmpPayoff(a, b *big.Rat, fa, fb float64) int {
	switch {
	case fa < fb:
		return -1
	case fa > fb:
		return 1
	}
	return a.Cmp(b)
}

// PureEquilibria returns every pure-strategy Nash equilibrium of g (any
// number of players), exactly: a profile is one when no player's payoff
// rises by changing only their own strategy; ties count as no gain. Each is
// checked by the exact verifier; they come in the order of [sortEquilibria].
func PureEquilibria(g *Game) ([]Equilibrium, error) {
	n := len(g.dims)
	var out []Equilibrium
	prof := make([]int, n)
	for k := range g.NumProfiles() {
		// prof is the profile of index k (player 1 fastest).
		if k > 0 {
			for i := 0; i < n; i++ {
				prof[i]++
				if prof[i] < g.dims[i] {
					break
				}
				prof[i] = 0
			}
		}
		if g.isPureNash(k, prof) {
			p := make([][]*big.Rat, n)
			for i, d := range g.dims {
				p[i] = make([]*big.Rat, d)
				for s := range p[i] {
					p[i][s] = new(big.Rat)
				}
				p[i][prof[i]].SetInt64(1)
			}
			e, err := g.exactEquilibrium(p)
			if err != nil {
				return nil, fmt.Errorf("pure: %w", err)
			}
			out = append(out, e)
		}
	}
	sortEquilibria(out)
	return out, nil
}

func (g *Game) isPureNash(k int, prof []int) bool {
	n := len(g.dims)
	for i := range n {
		base := k - prof[i]*g.stride[i]
		here := k*n + i
		for s := range g.dims[i] {
			if s == prof[i] {
				continue
			}
			there := (base+s*g.stride[i])*n + i
			if cmpPayoff(&g.pay[there], &g.pay[here], g.fl[there], g.fl[here]) > 0 {
				return false
			}
		}
	}
	return true
}
