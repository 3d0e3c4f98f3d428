package measure

import (
	"context"
	"strings"
	"testing"
)

// TestCoordinatedOmissionAdviceFitsTheSubject checks that the closed-loop
// tail warning tells an engine-driven subject to set an arrival rate, and a
// subject that runs its own goroutines, which no arrival rate reaches, what
// its tail means instead.
func TestCoordinatedOmissionAdviceFitsTheSubject(t *testing.T) {
	stalled := &Result{P50Ns: 1000, P999Ns: 100000, MaxNs: 5e6}
	tests := []struct {
		name    string
		subject *Subject
		want    string
		notWant string
	}{
		{"loop", &Subject{Name: "loop", Loop: nop}, "set an arrival rate", "lower bound"},
		{"drive", &Subject{Name: "pool", Drive: func(context.Context, []*Recorder) error { return nil }}, "read its tail as a lower bound", "set an arrival rate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newSubjectState(tt.subject, Config{}.withDefaults())
			var co string
			for _, w := range st.warnings(stalled) {
				if strings.Contains(w, "coordinated omission") {
					co = w
				}
			}
			if !strings.Contains(co, tt.want) || strings.Contains(co, tt.notWant) {
				t.Errorf("warning %q, want it to say %q and not %q", co, tt.want, tt.notWant)
			}
		})
	}
}
