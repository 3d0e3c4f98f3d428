package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

// FuzzReadJSON gives ReadJSON, which reads the saved results that compare
// takes, arbitrary bytes: it must never panic, refuse anything not of the
// result schema, and what it accepts must write out and read back again.
func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`{"schema":"perflab/result/v1","lab":"measure","workload":"sort","strategies":[]}`))
	f.Add([]byte(`{"schema":"perflab/result/v1","strategies":[{"name":"a","ns_per_op":{"median":1,"lo":0,"hi":2},"reps":[{"ops":1}]}]}`))
	f.Add([]byte(`{"schema":"perflab/compare/v1"}`))
	f.Add([]byte(`{not json`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"schema":"perflab/result/v1","strategies":[{"histogram":"HISTFAAAAB"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ReadJSON(bytes.NewReader(b))
		if err != nil {
			return
		}
		if r.Schema != measure.Schema {
			t.Fatalf("accepted schema %q", r.Schema)
		}
		var out strings.Builder
		if err := WriteJSON(&out, r); err != nil {
			return // a value JSON cannot carry (NaN) is refused on the way out
		}
		if _, err := ReadJSON(strings.NewReader(out.String())); err != nil {
			t.Fatalf("a report read from %q does not read back after writing: %v", b, err)
		}
	})
}

// FuzzReadBenchmarksJSON gives ReadBenchmarksJSON, which reads perflab
// bench's results of several benchmarks for compare, arbitrary bytes: it
// must never panic, and every result it accepts is of the result schema
// and names its benchmark.
func FuzzReadBenchmarksJSON(f *testing.F) {
	f.Add([]byte(`{"benchmarks":[{"schema":"perflab/result/v1","lab":"own","workload":"bench","params":{"benchmark":"BenchmarkA-2"},"strategies":[]}]}`))
	f.Add([]byte(`{"benchmarks":[{"schema":"perflab/result/v1","params":{"benchmark":7}}]}`))
	f.Add([]byte(`{"benchmarks":[]}`))
	f.Add([]byte(`{"benchmarks":null}`))
	f.Add([]byte(`{"schema":"perflab/result/v1","benchmarks":[]}`))
	f.Add([]byte(`{not json`))
	f.Fuzz(func(t *testing.T, b []byte) {
		reps, err := ReadBenchmarksJSON(bytes.NewReader(b))
		if err != nil {
			return
		}
		if len(reps) == 0 {
			t.Fatal("accepted an empty set")
		}
		for _, r := range reps {
			if _, ok := r.Params["benchmark"].(string); r.Schema != measure.Schema || !ok {
				t.Fatalf("accepted a result of schema %q named %v", r.Schema, r.Params["benchmark"])
			}
		}
	})
}
