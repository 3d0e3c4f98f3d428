package labs

import (
	"os"
	"strings"
	"testing"
)

// TestProfilingTable holds the catalogue's declarations of what a profile
// shows (lab.Workload.Profile) to testdata/profiling.txt, the table against
// which the command line and the TUI's set-up are tested too: a workload
// added or changed shows up here first.
func TestProfilingTable(t *testing.T) {
	b, err := os.ReadFile("testdata/profiling.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if path, kind, ok := strings.Cut(line, " "); ok && !strings.HasPrefix(line, "#") {
			want[path] = kind
		}
	}
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
