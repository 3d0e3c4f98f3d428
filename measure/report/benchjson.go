package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/perflab/perflab/measure"
)

// ErrNotBenchmarks is the error of ReadBenchmarksJSON for a file that is
// not a result of several benchmarks, so that a caller can read it as
// another kind of result instead.
var ErrNotBenchmarks = errors.New("not a result of several benchmarks")

// ReadBenchmarksJSON reads the result of perflab bench over several
// benchmarks: a JSON object whose "benchmarks" list holds one result per
// benchmark, each of the result schema (see ReadJSON) and each naming its
// benchmark in the parameter "benchmark". A file without such a list is
// ErrNotBenchmarks; a list that is empty, a result of another schema or
// one without a name is refused with the place it is at.
func ReadBenchmarksJSON(rd io.Reader) ([]*measure.Report, error) {
	var set struct {
		Schema     string            `json:"schema"`
		Benchmarks []json.RawMessage `json:"benchmarks"`
	}
	dec := json.NewDecoder(rd)
	// A file that is no JSON object at all is not a set of benchmarks
	// either: its reader as one result says what is wrong with it.
	if err := dec.Decode(&set); err != nil || set.Schema != "" || set.Benchmarks == nil {
		return nil, ErrNotBenchmarks
	}
	if err := dec.Decode(&json.RawMessage{}); !errors.Is(err, io.EOF) {
		return nil, errors.New("read benchmarks: more after the results' JSON")
	}
	if len(set.Benchmarks) == 0 {
		return nil, errors.New("read benchmarks: the list of benchmarks is empty")
	}
	reps := make([]*measure.Report, len(set.Benchmarks))
	for i, raw := range set.Benchmarks {
		r, err := ReadJSON(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("benchmark %d of %d: %w", i+1, len(set.Benchmarks), err)
		}
		if _, ok := r.Params["benchmark"].(string); !ok {
			return nil, fmt.Errorf("read benchmarks: benchmark %d of %d has no name", i+1, len(set.Benchmarks))
		}
		reps[i] = r
	}
	return reps, nil
}
