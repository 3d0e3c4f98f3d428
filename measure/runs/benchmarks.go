package runs

import (
	"bytes"
	"fmt"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/regular"
	"github.com/perflab/perflab/measure/report"
)

// LoadBenchmarks reads the result of perflab bench over several
// benchmarks (see report.ReadBenchmarksJSON), as Load reads one result:
// only a regular file of at most regular.ResultLimit bytes, its text made
// printable. A file of another kind is report.ErrNotBenchmarks.
func LoadBenchmarks(path string) ([]*measure.Report, error) {
	data, err := regular.Read(path, regular.ResultLimit)
	if err != nil {
		return nil, err
	}
	reps, err := report.ReadBenchmarksJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, r := range reps {
		cleanText(r)
	}
	return reps, nil
}
