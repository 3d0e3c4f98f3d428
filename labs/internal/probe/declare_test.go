package probe

import (
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

// TestProbeDeclaresItsFigures checks that every figure the probe reports
// is declared, peak_goroutines with whose goroutines it counts, so that the
// notes of every front end can say it.
func TestProbeDeclaresItsFigures(t *testing.T) {
	for _, name := range []string{"peak_goroutines", "peak_threads", "peak_rss_mb", "rss_growth_mb", "kernel_stack_mb"} {
		m, ok := measure.LookupMetric(name)
		if !ok || m.Meaning == "" || m.Better != measure.Lower {
			t.Errorf("%s: declared %v as %+v, want a meaning and lower is better", name, ok, m)
		}
	}
	if m, _ := measure.LookupMetric("peak_goroutines"); !strings.Contains(m.Meaning, "of the whole process") || !strings.Contains(m.Meaning, "loopback backend") {
		t.Errorf("peak_goroutines means %q, want it to say whose goroutines they are", m.Meaning)
	}
}
