package labs

import (
	"testing"

	"github.com/perflab/perflab/measure/measuretest"
)

// TestProfilingTable holds the catalogue's declarations of what a profile
// shows (lab.Workload.Profile) to testdata/profiling.txt, the table against
// which the command line and the TUI's set-up are tested too: a workload
// added or changed shows up here first.
func TestProfilingTable(t *testing.T) {
	want := measuretest.ReadRows(t, "testdata/profiling.txt")
	for _, l := range Catalogue() {
		for _, w := range l.Workloads {
			path := l.ID + "/" + w.ID
			if kind, ok := want.Take(path); ok && w.Profile.String() != kind {
				t.Errorf("%s declares its profile %s, the table says %s", path, w.Profile, kind)
			}
		}
	}
	want.Done()
}
