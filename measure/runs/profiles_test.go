package runs

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/perflab/perflab/measure"
)

func TestWriteProfiles(t *testing.T) {
	dir := t.TempDir()
	kept := filepath.Join(dir, "20261207-065043-optimize-caching.json")
	if got, want := ProfileDir(kept), filepath.Join(dir, "20261207-065043-optimize-caching.profiles"); got != want {
		t.Errorf("ProfileDir = %s, want %s", got, want)
	}
	rep := &measure.Report{Strategies: []*measure.Result{
		{Name: "map", CPUProfile: []byte("one")},
		{Name: "map#2", CPUProfile: []byte("two")},
		{Name: "none"},
	}}
	paths, err := WriteProfiles(ProfileDir(kept), rep)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"map.pprof": "one", "map#2.pprof": "two"}
	if len(paths) != len(want) {
		t.Fatalf("wrote %v, want %d files", paths, len(want))
	}
	for _, p := range paths {
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if w, ok := want[filepath.Base(p)]; !ok || !bytes.Equal(got, []byte(w)) {
			t.Errorf("%s holds %q, want %q", p, got, w)
		}
	}
}

func TestWriteNoProfiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x.profiles")
	paths, err := WriteProfiles(dir, &measure.Report{Strategies: []*measure.Result{{Name: "a"}}})
	if err != nil || len(paths) != 0 {
		t.Fatalf("wrote %v, %v: want nothing", paths, err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a run without profiles made %s", dir)
	}
}
