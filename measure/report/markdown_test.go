package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteMarkdown(t *testing.T) {
	var m bytes.Buffer
	if err := WriteMarkdown(&m, fakeReport()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.String(), "| map | 16.6ns |") {
		t.Errorf("markdown lacks the map row:\n%s", m.String())
	}
}
