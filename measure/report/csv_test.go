package report

import (
	"encoding/csv"
	"strings"
	"testing"
)

func TestWriteCSV(t *testing.T) {
	c := written(t, WriteCSV, fakeReport())
	if lines := strings.Count(c, "\n"); lines != 5 {
		t.Errorf("CSV has %d lines, want a header and 4 rows:\n%s", lines, c)
	}
}

// TestWriteCSVSweep writes a sweep of two points: a row for each strategy at
// each point, with the swept value in a column named after the parameter.
func TestWriteCSVSweep(t *testing.T) {
	c := written(t, WriteCSV, sweepReport())
	recs, err := csv.NewReader(strings.NewReader(c)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 || recs[0][2] != "n" {
		t.Fatalf("CSV of a sweep: %d lines, header %v; want a header with an n column and 4 rows", len(recs), recs[0])
	}
	var got []string
	for _, r := range recs[1:] {
		got = append(got, r[2]+" "+r[3]+" "+r[7])
	}
	want := "16 slice 16, 16 map 16, 256 slice 256, 256 map 256"
	if strings.Join(got, ", ") != want {
		t.Errorf("rows (n, strategy, ns/op) = %s, want %s", strings.Join(got, ", "), want)
	}
}
