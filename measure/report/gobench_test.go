package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteGoBenchFeedsBenchstat(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGoBench(&b, fakeReport()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"BenchmarkMembership/Slice\t1000\t2500 ns/op\t0 B/op\t0 allocs/op", "BenchmarkMembership/Map\t600000\t16.6 ns/op"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("gobench output lacks %q:\n%s", want, b.String())
		}
	}
}
