package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteCSV(t *testing.T) {
	var c bytes.Buffer
	if err := WriteCSV(&c, fakeReport()); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(c.String(), "\n"); lines != 5 {
		t.Errorf("CSV has %d lines, want a header and 4 rows:\n%s", lines, c.String())
	}
}
