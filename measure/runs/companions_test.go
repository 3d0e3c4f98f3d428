package runs

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestDeleteTakesWhatWasKeptBeside deletes a run kept with profiles and a
// workshop room beside it: they go with it, and those of a run of a name
// that begins the same stay.
func TestDeleteTakesWhatWasKeptBeside(t *testing.T) {
	s := Store{Dir: filepath.Join(t.TempDir(), "runs")}
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	gone, err := s.Save(result("membership", t0), nil)
	if err != nil {
		t.Fatal(err)
	}
	kept, err := s.Save(result("membership", t0), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, run := range []string{gone, kept} {
		if err := os.MkdirAll(ProfileDir(run), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{filepath.Join(ProfileDir(run), "map.pprof"), Companion(run, RoomSuffix)} {
			if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.Delete(gone); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{gone, ProfileDir(gone), Companion(gone, RoomSuffix)} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s is left after its run was deleted (%v)", p, err)
		}
	}
	for _, p := range []string{kept, ProfileDir(kept), Companion(kept, RoomSuffix)} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("another run's %s: %v", p, err)
		}
	}
}
