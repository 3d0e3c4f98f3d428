package own

import (
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

// TestShellFiguresAreDeclared checks that the exec race declares what its
// shell figures mean, which the notes of every front end then say: which
// commands ran through sh -c, and what was subtracted.
func TestShellFiguresAreDeclared(t *testing.T) {
	for name, want := range map[string]string{"through_shell": "started directly", "shell_subtracted_ns": "the shell's start-up"} {
		if m, ok := measure.LookupMetric(name); !ok || !strings.Contains(m.Meaning, want) {
			t.Errorf("%s: declared %v as %+v, want a meaning that says %q", name, ok, m, want)
		}
	}
}
