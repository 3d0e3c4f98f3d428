package labs

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/perflab/perflab/labs/lab"
)

// update rewrites testdata/catalogue.golden from the catalogue as it is
// declared now; the flag has the name the other goldens use.
var update = flag.Bool("update", false, "rewrite testdata/catalogue.golden")

// TestCatalogueGolden pins what the lessons declare: every workload with
// its parameters and strategies, as a front end offers them. A declaration
// moved from one form to another (a literal to a table, a table to a
// helper) must leave this file as it was; a deliberate change shows here
// line by line. The lessons' texts are left out: they are Markdown files a
// reviewer reads as such.
func TestCatalogueGolden(t *testing.T) {
	var b bytes.Buffer
	for _, l := range All() {
		writeLab(&b, l)
	}
	path := filepath.Join("testdata", "catalogue.golden")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read the golden file (go test ./labs -run CatalogueGolden -update writes it): %v", err)
	}
	if got := b.Bytes(); !bytes.Equal(got, want) {
		t.Errorf("the catalogue differs from %s (after a deliberate change: go test ./labs -run CatalogueGolden -update)\n--- got:\n%s", path, got)
	}
}

func writeLab(b *bytes.Buffer, l *lab.Lab) {
	fmt.Fprintf(b, "lab %d %s: %s\n", l.Number, l.ID, l.Title)
	for _, w := range l.Workloads {
		fmt.Fprintf(b, "  workload %s/%s (%s): %s\n", l.ID, w.ID, w.Language(), w.Title)
		if w.Lesson == "" {
			fmt.Fprintf(b, "    no lesson\n")
		}
		var hooks []string
		for name, set := range map[string]bool{"check": w.Check != nil, "check-chosen": w.CheckChosen != nil, "config": w.Config != nil, "prepare": w.Prepare != nil} {
			if set {
				hooks = append(hooks, name)
			}
		}
		fmt.Fprintf(b, "    fresh %v, kept %q, file param %q, hooks %s\n", w.Fresh, w.Kept, w.FileParam, sortedList(hooks))
		for _, p := range w.Params {
			fmt.Fprintf(b, "    param %s %s default %q min %q max %q", p.Name, p.Kind, p.Default, p.Min, p.Max)
			if len(p.Choices) > 0 {
				fmt.Fprintf(b, " choices %s", strings.Join(p.Choices, "|"))
			}
			if len(p.Schemes) > 0 {
				fmt.Fprintf(b, " schemes %s", strings.Join(p.Schemes, "|"))
			}
			if p.IdleWhenSet != "" {
				fmt.Fprintf(b, " idle when %s is set", p.IdleWhenSet)
			}
			fmt.Fprintf(b, ": %s\n", p.Help)
		}
		for _, s := range w.Strategies {
			fmt.Fprintf(b, "    strategy %s %q: %s\n", s.ID, s.Title, s.Help)
			if s.New == nil {
				fmt.Fprintf(b, "      no constructor\n")
			}
		}
	}
}

func sortedList(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	slices.Sort(xs)
	return strings.Join(xs, ", ")
}
