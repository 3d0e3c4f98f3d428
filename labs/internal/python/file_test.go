package python

import (
	"context"
	"strings"
	"testing"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure/measuretest"
)

// FuzzModuleName checks that any file name a person gives becomes an ASCII
// Python identifier, so that the worker can import the file under it.
func FuzzModuleName(f *testing.F) {
	for _, s := range []string{"sorts.py", "/a/b/my-bench.py", "2fast.py", ".py", "données.py", "a b.c.py", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, path string) {
		name := moduleName(path)
		if name == "" {
			t.Fatalf("moduleName(%q) is empty", path)
		}
		for i, r := range name {
			letter := r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
			if !letter && (i == 0 || r < '0' || r > '9') {
				t.Fatalf("moduleName(%q) = %q, not an identifier", path, name)
			}
		}
	})
}

func TestFileLabDeclaresParamsAndStrategies(t *testing.T) {
	l, err := FileLab(context.Background(), measuretest.WriteTemp(t, "my-demo.py", demo))
	if err != nil {
		t.Fatal(err)
	}
	w := l.Workloads[0]
	if l.ID != FileLabID || w.ID != "my_demo" || w.Language() != lab.LangPython {
		t.Errorf("lab %s, workload %s, lang %s; want %s, my_demo, python", l.ID, w.ID, w.Language(), FileLabID)
	}
	var ids []string
	for _, s := range w.Strategies {
		ids = append(ids, s.ID)
	}
	if got, want := strings.Join(ids, ","), "zeta,alpha,mid"; got != want {
		t.Errorf("strategies = %s, want %s", got, want)
	}
	v, err := w.Parse(map[string]string{"n": "7", "fast": "false"})
	if err != nil {
		t.Fatal(err)
	}
	if v.Int("n") != 7 || v.Float("ratio") != 0.5 || v.Bool("fast") || v.String("label") != "x" {
		t.Errorf("values = %v, want n=7 ratio=0.5 fast=false label=x", v)
	}
	if _, err := w.Parse(map[string]string{"n": "seven"}); err == nil {
		t.Error("n=seven parsed; want an error")
	}
}
