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
	want := measuretest.ReadTable(t, "testdata/profiling.txt")
	for _, l := range Catalogue() {
		for _, w := range l.Workloads {
			path := l.ID + "/" + w.ID
			kind, ok := want[path]
			if !ok {
				t.Errorf("%s (%s) is missing from testdata/profiling.txt", path, w.Profile)
				continue
			}
			delete(want, path)
			if got := w.Profile.String(); got != kind {
				t.Errorf("%s declares its profile %s, the table says %s", path, got, kind)
			}
		}
	}
	for path := range want {
		t.Errorf("testdata/profiling.txt names %s, which the catalogue does not have", path)
	}
}
