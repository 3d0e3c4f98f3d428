package runs

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// TestLoadBenchmarksCleansNames loads a set whose benchmark is named with
// an escape sequence: the name comes back inert, as Load's names do.
func TestLoadBenchmarksCleansNames(t *testing.T) {
	dir := t.TempDir()
	set := filepath.Join(dir, "set.json")
	text := `{"benchmarks":[{"schema":"` + measure.Schema + `","lab":"own","workload":"bench","params":{"benchmark":"BenchmarkA\u001b[2J"},"strategies":[]}]}`
	if err := os.WriteFile(set, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	reps, err := LoadBenchmarks(set)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := reps[0].Params["benchmark"], `BenchmarkA\x1b[2J`; got != want {
		t.Errorf("name %q; want %q", got, want)
	}
	one := filepath.Join(dir, "one.json")
	if err := os.WriteFile(one, []byte(`{"schema":"`+measure.Schema+`","strategies":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadBenchmarks(one); !errors.Is(err, report.ErrNotBenchmarks) {
		t.Errorf("one result: error %v; want ErrNotBenchmarks", err)
	}
}
