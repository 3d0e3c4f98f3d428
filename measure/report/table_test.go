package report

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWriteTableIsAlignedAndComplete(t *testing.T) {
	out := written(t, WriteTable, fakeReport())
	lines := strings.Split(out, "\n")
	var header string
	var rows []string
	for i, l := range lines {
		if strings.HasPrefix(l, "strategy") {
			header, rows = l, lines[i+1:i+5]
			break
		}
	}
	// Columns are aligned in characters, not bytes ("µs", "–").
	runeIndex := func(s, sub string) int {
		i := strings.Index(s, sub)
		if i < 0 {
			return -1
		}
		return utf8.RuneCountInString(s[:i])
	}
	col := runeIndex(header, "vs baseline")
	if col < 0 {
		t.Fatalf("no header in:\n%s", out)
	}
	for _, want := range []string{"baseline", "151x faster ± 3.80", "~ no difference", "? inconclusive"} {
		found := false
		for _, r := range rows {
			if runeIndex(r, want) == col {
				found = true
			}
		}
		if !found {
			t.Errorf("no row has %q under the vs baseline column:\n%s", want, out)
		}
	}
	wantAll(t, "table", out, "n=10000", "noisy: inconclusive because 3 repetitions", "warning: map: timed in batches", "p=0.0002")
}
