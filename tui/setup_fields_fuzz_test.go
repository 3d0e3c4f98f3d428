package tui

import (
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

// FuzzRunFields types anything into the set-up's run fields (repetitions,
// duration, arrival rate, workers, operations): a value is either refused
// with one line or accepted within the engine's bounds, never a panic.
func FuzzRunFields(f *testing.F) {
	for _, s := range []string{"10", "0", "-1", "1h", "1ns", "99999999999999999999", "5000", "1e400", "NaN", "", " 7 ", "100ms", "0x10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		oneLine := func(what string, err error) {
			if err != nil && (err.Error() == "" || strings.Contains(err.Error(), "\n")) {
				t.Errorf("%s %q: error %q is not one line", what, s, err)
			}
		}
		if n, err := parseReps(s); err == nil {
			if cerr := (measure.Config{Reps: n}).Validate(); cerr != nil || n < 0 {
				t.Errorf("repetitions %q accepted as %d, which the engine refuses: %v", s, n, cerr)
			}
		} else {
			oneLine("repetitions", err)
		}
		if d, err := parseDuration(s); err == nil {
			if cerr := (measure.Config{RepDuration: d}).Validate(); cerr != nil || d <= 0 {
				t.Errorf("duration %q accepted as %v, which the engine refuses: %v", s, d, cerr)
			}
		} else {
			oneLine("duration", err)
		}
		if r, err := parseRate(s); err == nil {
			if cerr := (measure.Config{Rate: r}).Validate(); cerr != nil {
				t.Errorf("arrival rate %q accepted as %v, which the engine refuses: %v", s, r, cerr)
			}
		} else {
			oneLine("arrival rate", err)
		}
		if w, err := parseWorkers(s); err == nil {
			if cerr := (measure.Config{Workers: w}).Validate(); cerr != nil {
				t.Errorf("workers %q accepted as %d, which the engine refuses: %v", s, w, cerr)
			}
		} else {
			oneLine("workers", err)
		}
		if n, err := parseOps(s); err == nil {
			if cerr := (measure.Config{RepOps: n}).Validate(); cerr != nil {
				t.Errorf("operations %q accepted as %d, which the engine refuses: %v", s, n, cerr)
			}
		} else {
			oneLine("operations", err)
		}
	})
}
