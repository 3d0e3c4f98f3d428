package measure

import (
	"context"
	"testing"
)

// TestCoordinatedOmissionAdviceFitsTheSubject checks that the closed-loop
// tail finding points an engine-driven subject to an arrival rate, and
// says of a subject that runs its own goroutines, which no arrival rate
// reaches, that it paces itself.
func TestCoordinatedOmissionAdviceFitsTheSubject(t *testing.T) {
	stalled := &Result{P50Ns: 1000, P999Ns: 100000, MaxNs: 5e6}
	tests := []struct {
		name      string
		subject   *Subject
		knob      Knob
		selfPaced bool
	}{
		{"loop", &Subject{Name: "loop", Loop: nop}, KnobRate, false},
		{"drive", &Subject{Name: "pool", Drive: func(context.Context, []*Recorder) error { return nil }}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newSubjectState(tt.subject, Config{}.WithDefaults())
			var co *Finding
			for _, f := range st.findings(stalled) {
				if f.Kind == FindingStall {
					co = &f
				}
			}
			if co == nil || co.Knob != tt.knob || co.SelfPaced != tt.selfPaced || co.StallNs != 5e6 {
				t.Errorf("finding %+v, want a 5ms stall with knob %q, self-paced %v", co, tt.knob, tt.selfPaced)
			}
		})
	}
}

// TestNoCoordinatedOmissionForAnOpenLoopOfItsOwn checks that a subject that
// runs its own open loop (a fleet of load generators at a rate) is not
// warned of a closed loop's tail: its latencies count from when each
// request was due.
func TestNoCoordinatedOmissionForAnOpenLoopOfItsOwn(t *testing.T) {
	stalled := &Result{P50Ns: 1000, P999Ns: 100000, MaxNs: 5e6}
	s := &Subject{Name: "fleet", OpenLoop: true, Drive: func(context.Context, []*Recorder) error { return nil }}
	for _, f := range newSubjectState(s, Config{}.WithDefaults()).findings(stalled) {
		if f.Kind == FindingStall {
			t.Errorf("an open loop of its own was warned of coordinated omission: %+v", f)
		}
	}
}
