package pytrack

import (
	"reflect"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/perflab/perflab/labs/internal/python"
	"github.com/perflab/perflab/labs/lab"
)

// files are a lesson package's: a module and its lesson.
var files = fstest.MapFS{
	"py_sort.py":     {Data: []byte("def bench_a(): pass\n")},
	"python-sort.md": {Data: []byte("Predict\nthis.\n\nThen look.\n")},
}

func sortDecl() Workload {
	return Workload{
		ID:      "python-sort",
		Title:   "Python: sort",
		File:    "py_sort.py",
		Params:  []lab.Param{{Name: "n", Kind: lab.Int, Default: "10", Help: "items"}},
		Options: python.Options{Fresh: true},
		Strategies: []python.Strategy{
			{ID: "a", Title: "A", Help: "the first", Bench: "bench_a"},
			{ID: "b", Title: "B", Help: "the same under another name", Bench: "bench_a"},
		},
	}
}

func TestNewBuildsTheDeclaration(t *testing.T) {
	prepared := false
	d := sortDecl()
	d.Prepare = func(*lab.Env) (any, error) { prepared = true; return nil, nil }
	w := New(files, d)
	if w.ID != "python-sort" || w.Title != "Python: sort" || w.Language() != lab.LangPython {
		t.Errorf("got id %q, title %q, language %q; want python-sort, Python: sort, python", w.ID, w.Title, w.Language())
	}
	if want := "Predict this.\n\nThen look."; w.Lesson != want {
		t.Errorf("lesson: got %q, want %q (python-sort.md unwrapped)", w.Lesson, want)
	}
	if !reflect.DeepEqual(w.Params, d.Params) {
		t.Errorf("params: got %+v, want %+v", w.Params, d.Params)
	}
	var got []string
	for _, s := range w.Strategies {
		if s.New == nil {
			t.Errorf("strategy %s has no constructor", s.ID)
		}
		got = append(got, s.ID+"|"+s.Title+"|"+s.Help)
	}
	if want := []string{"a|A|the first", "b|B|the same under another name"}; !slices.Equal(got, want) {
		t.Errorf("strategies: got %q, want %q", got, want)
	}
	if w.Prepare == nil {
		t.Fatal("the declaration's Prepare was dropped")
	}
	if _, err := w.Prepare(nil); err != nil || !prepared {
		t.Errorf("Prepare ran %v with error %v; want the declaration's, without error", prepared, err)
	}
}

// A declaration that names a file the build lacks is a defect of the
// build: it panics, so that every test that lists the labs fails.
func TestNewPanicsOnAMissingFile(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Workload)
	}{
		{"module", func(w *Workload) { w.File = "py_none.py" }},
		{"lesson", func(w *Workload) { w.ID = "python-none" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := sortDecl()
			tc.edit(&d)
			defer func() {
				if recover() == nil {
					t.Errorf("no panic for a missing %s", tc.name)
				}
			}()
			New(files, d)
		})
	}
}
