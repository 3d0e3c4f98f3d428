package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

// TestDiffWhyTellsTheNewRunFromTheOld compares two kept runs whose
// profiles are known: in the new one, strategy slice runs the map's code,
// so slices.Contains is what it no longer runs; map, the same in both,
// shows no difference but the samples'; a strategy without profiles in
// one run has no why.
func TestDiffWhyTellsTheNewRunFromTheOld(t *testing.T) {
	old, new := whyReport(), whyReport()
	new.Strategies[0].Profile = new.Strategies[1].Profile
	new.Strategies = append(new.Strategies, &measure.Result{Name: "binary"})
	old.Strategies = append(old.Strategies, &measure.Result{Name: "binary"})
	var buf bytes.Buffer
	if err := WriteDiffWhy(&buf, old, new); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	wantAll(t, "the diff's why", out,
		"why: CPU profiles of each run's profiling rounds",
		"slice, new against old:",
		"  old: 100 samples over 1000 operations, 1.00ms of CPU an operation",
		"  new: 100 samples over 100000 operations, 10.0µs of CPU an operation",
		"slices.Contains[go.shape.[]int,go.shape.int]  900µs (90%)",
		"new no longer runs it",
		"only new runs it",
		"map, new against old:",
	)
	if strings.Contains(out, "binary") {
		t.Errorf("a strategy without profiles has a why:\n%s", out)
	}
	// The first row of slice's is the largest difference, the scan's.
	lines := strings.Split(out, "\n")
	i := lineIndex(lines, "slice, new against old:")
	if i < 0 || !strings.Contains(lines[i+4], "slices.Contains") {
		t.Errorf("the first difference of slice is not slices.Contains:\n%s", out)
	}

	buf.Reset()
	if err := WriteDiffWhyMarkdown(&buf, old, new); err != nil {
		t.Fatal(err)
	}
	if md := buf.String(); !strings.HasPrefix(md, "\n```text\n") || !strings.HasSuffix(md, "```\n") {
		t.Errorf("the Markdown why is not one preformatted block:\n%s", md)
	}

	// Runs without profiles: nothing at all.
	for _, r := range []*measure.Report{old, new} {
		for _, s := range r.Strategies {
			s.Profile = nil
		}
	}
	buf.Reset()
	if err := WriteDiffWhy(&buf, old, new); err != nil || buf.Len() != 0 {
		t.Errorf("runs without profiles: %v, wrote %q", err, buf.String())
	}
}
