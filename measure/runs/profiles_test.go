package runs

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
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

// TestLoadReadsProfilesBack checks that a kept run loads with the profiles
// kept beside it: a strategy's file is its CPUProfile again, a strategy
// without a file has none, a file that is no profile loads as it is (the
// why says it cannot be read), and a folder in a file's place is named in
// ProfileErr while the rest of the run loads.
func TestLoadReadsProfilesBack(t *testing.T) {
	store := Store{Dir: t.TempDir()}
	rep := &measure.Report{Schema: measure.Schema, Lab: "data-structures", Workload: "membership", Strategies: []*measure.Result{
		{Name: "slice", Baseline: true, CPUProfile: []byte("slice's profile")},
		{Name: "map", CPUProfile: []byte("not a profile")},
		{Name: "sorted"},
		{Name: "odd"},
	}}
	path, err := store.Save(rep, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteProfiles(ProfileDir(path), rep); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(ProfileDir(path), "odd.pprof"), 0o755); err != nil {
		t.Fatal(err)
	}
	saved, err := Load(path)
	if err != nil {
		t.Fatalf("a run with an unreadable profile did not load: %v", err)
	}
	got := map[string]string{}
	for _, s := range saved.Strategies {
		got[s.Name] = string(s.CPUProfile)
	}
	want := map[string]string{"slice": "slice's profile", "map": "not a profile", "sorted": "", "odd": ""}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s's profile = %q, want %q", name, got[name], w)
		}
	}
	if saved.ProfileErr == nil || !strings.Contains(saved.ProfileErr.Error(), "odd") {
		t.Errorf("ProfileErr = %v, want the folder in odd.pprof's place named", saved.ProfileErr)
	}
}

func TestLoadWithoutProfiles(t *testing.T) {
	store := Store{Dir: t.TempDir()}
	path, err := store.Save(&measure.Report{Schema: measure.Schema, Strategies: []*measure.Result{{Name: "a"}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	saved, err := Load(path)
	if err != nil || saved.ProfileErr != nil || saved.Strategies[0].CPUProfile != nil {
		t.Fatalf("a run kept without profiles: %v, %v, %q", err, saved.ProfileErr, saved.Strategies[0].CPUProfile)
	}
}
