package repeated

import (
	"math"
	"reflect"
	"strconv"
	"testing"

	"github.com/statecraft/statecraft/schema"
)

// config is a model's parameter struct in miniature: the shared blocks
// embedded, Validate calling theirs.
type config struct {
	Noise float64 `key:"noise" default:"0.05" range:"[0,1]" doc:"execution noise"`
	MonitoringConfig
	StrategyConfig
}

func (c *config) Validate() error {
	if err := c.StrategyConfig.Validate(); err != nil {
		return err
	}
	return c.MonitoringConfig.Validate()
}

var configSchema = schema.MustOf(config{})

// The tag defaults give the catalogue's default strategy parameters, and the
// catalogue documents each family's parameter under a key of the schema with
// the same default.
func TestConfigDefaults(t *testing.T) {
	var c config
	if err := configSchema.Decode(nil, &c); err != nil {
		t.Fatal(err)
	}
	got, want := c.StrategyParams(), DefaultStrategyParams()
	if !math.IsNaN(got.Generosity) {
		t.Errorf("absent generosity gives %g, want NaN", got.Generosity)
	}
	got.Generosity, want.Generosity = 0, 0
	if !reflect.DeepEqual(got, want) {
		t.Errorf("defaults give %+v, want %+v", got, want)
	}
	if n := c.MonitoringConfig.Noise(0); n != (Noise{Detection: 1}) {
		t.Errorf("default noise %+v", n)
	}
	for _, e := range Catalogue() {
		for _, p := range e.Params {
			f, ok := configSchema.Field(p.Key)
			if !ok {
				t.Errorf("%s: parameter %s is not a key", e.ID, p.Key)
				continue
			}
			if _, err := strconv.ParseFloat(p.Default, 64); err == nil && p.Default != f.Default {
				t.Errorf("%s: %s default %s in the catalogue, %s in the schema", e.ID, p.Key, p.Default, f.Default)
			}
		}
	}
}

func TestConfigDecode(t *testing.T) {
	var c config
	g := 0.25
	err := configSchema.Decode(map[string]any{"noise": 0.1, "monitoring": "public", "detection": 0.8, "false_alarm": 0.1,
		"temptation": 4, "reward": 2, "punishment": 0.5, "sucker": -1, "generosity": g, "memory_one": []any{1, 0, 0, 1}}, &c)
	if err != nil {
		t.Fatal(err)
	}
	n := c.MonitoringConfig.Noise(c.Noise)
	if n != (Noise{Execution: 0.1, Public: true, Detection: 0.8, FalseAlarm: 0.1}) {
		t.Errorf("noise %+v", n)
	}
	sp := c.StrategyParams()
	if sp.Payoffs != (Payoffs{T: 4, R: 2, P: 0.5, S: -1}) || sp.Generosity != g || !reflect.DeepEqual(sp.MemoryOne, []float64{1, 0, 0, 1}) {
		t.Errorf("strategy params %+v", sp)
	}
	for _, bad := range []struct {
		values map[string]any
		path   string
	}{
		{map[string]any{"sucker": 2}, "temptation"},
		{map[string]any{"monitoring": "public", "perception_noise": 0.1}, "perception_noise"},
	} {
		err := configSchema.Decode(bad.values, &c)
		if se, ok := err.(*schema.Error); !ok || se.Path != bad.path {
			t.Errorf("%v: error %v, want one at %s", bad.values, err, bad.path)
		}
	}
}

func TestRandomLength(t *testing.T) {
	in := map[string]any{"continuation": 0.9, "noise": 0.1}
	out := RandomLength(in)
	if out["turns"] != 0 || out["continuation"] != 0.9 || out["noise"] != 0.1 || len(out) != 3 {
		t.Errorf("continuation without turns: %v", out)
	}
	if _, changed := in["turns"]; changed || len(in) != 2 {
		t.Errorf("input changed: %v", in)
	}
	for _, same := range []map[string]any{
		nil,
		{"turns": 10, "continuation": 0.9}, // both given: the model refuses the pair
		{"continuation": nil},
		{"noise": 0.1},
	} {
		if got := RandomLength(same); !reflect.DeepEqual(got, same) {
			t.Errorf("%v became %v", same, got)
		}
	}
}

func TestCheckRandomLength(t *testing.T) {
	d := 0.9
	for _, c := range []struct {
		turns int
		cont  *float64
		bad   bool
	}{{200, nil, false}, {0, nil, false}, {0, &d, false}, {10, &d, true}} {
		err := CheckRandomLength(c.turns, c.cont)
		if se, ok := err.(*schema.Error); (err != nil) != c.bad || (c.bad && (!ok || se.Path != "continuation")) {
			t.Errorf("turns %d, continuation %v: %v", c.turns, c.cont, err)
		}
	}
}
