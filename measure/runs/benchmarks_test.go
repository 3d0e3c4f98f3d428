package runs

import (
	"errors"
	"testing"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
	"github.com/perflab/perflab/measure/report"
)

// TestLoadBenchmarksCleansNames loads a set whose benchmark is named with
// an escape sequence: the name comes back inert, as Load's names do.
func TestLoadBenchmarksCleansNames(t *testing.T) {
	set := measuretest.WriteTemp(t, "set.json", `{"benchmarks":[{"schema":"`+measure.Schema+`","lab":"own","workload":"bench","params":{"benchmark":"BenchmarkA\u001b[2J"},"strategies":[]}]}`)
	reps, err := LoadBenchmarks(set)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := reps[0].Params["benchmark"], `BenchmarkA\x1b[2J`; got != want {
		t.Errorf("name %q; want %q", got, want)
	}
	one := measuretest.WriteTemp(t, "one.json", `{"schema":"`+measure.Schema+`","strategies":[]}`)
	if _, err := LoadBenchmarks(one); !errors.Is(err, report.ErrNotBenchmarks) {
		t.Errorf("one result: error %v; want ErrNotBenchmarks", err)
	}
}
