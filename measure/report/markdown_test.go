package report

import (
	"strings"
	"testing"
)

func TestWriteMarkdown(t *testing.T) {
	m := written(t, WriteMarkdown, fakeReport())
	if !strings.Contains(m, "| map | 16.6ns |") {
		t.Errorf("markdown lacks the map row:\n%s", m)
	}
}
