// Package catalog lists every Statecraft model by name. It is the only place
// that imports all model packages; the CLI and the sweep engine find models here.
package catalog

import (
	"sort"

	"github.com/statecraft/statecraft/model"
	"github.com/statecraft/statecraft/model/agreement"
	"github.com/statecraft/statecraft/model/attribution"
	"github.com/statecraft/statecraft/model/espionage"
	"github.com/statecraft/statecraft/model/game"
	"github.com/statecraft/statecraft/model/inspection"
	"github.com/statecraft/statecraft/model/ishigami"
	"github.com/statecraft/statecraft/model/repeated/match"
	"github.com/statecraft/statecraft/model/repeated/payoffset"
	"github.com/statecraft/statecraft/model/repeated/tournament"
	"github.com/statecraft/statecraft/model/sanctions"
	"github.com/statecraft/statecraft/model/timing"
)

// All returns every model, sorted by name.
func All() []model.Model {
	ms := []model.Model{
		agreement.Model{},
		attribution.Model{},
		espionage.Model{},
		game.Model{},
		inspection.Model{},
		ishigami.Model{},
		match.Model{},
		payoffset.Model{},
		tournament.Model{},
		sanctions.Model{},
		timing.Model{},
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Info().Name < ms[j].Info().Name })
	return ms
}

// Names returns the names of all models, sorted.
func Names() []string {
	var names []string
	for _, m := range All() {
		names = append(names, m.Info().Name)
	}
	return names
}

// Lookup returns the model with the given name.
func Lookup(name string) (model.Model, bool) {
	for _, m := range All() {
		if m.Info().Name == name {
			return m, true
		}
	}
	return nil, false
}
