package figure

import (
	"reflect"
	"testing"
)

// A logarithmic axis over less than two decades gets ticks at 1, 2 and 5
// times powers of ten; a wider one keeps the powers of ten.
func TestLogTicks(t *testing.T) {
	labels := func(min, max float64) []string {
		var out []string
		for _, tk := range (logTicks{}).Ticks(min, max) {
			if tk.Label != "" && tk.Value >= min && tk.Value <= max {
				out = append(out, tk.Label)
			}
		}
		return out
	}
	if got, want := labels(8, 64), []string{"10", "20", "50"}; !reflect.DeepEqual(got, want) {
		t.Errorf("8 … 64: %v, want %v", got, want)
	}
	if got, want := labels(0.25, 16), []string{"0.5", "1", "2", "5", "10"}; !reflect.DeepEqual(got, want) {
		t.Errorf("0.25 … 16: %v, want %v", got, want)
	}
	if got, want := labels(0.01, 100), []string{"0.01", "0.1", "1", "10", "100"}; !reflect.DeepEqual(got, want) {
		t.Errorf("0.01 … 100: %v, want %v", got, want)
	}
}
