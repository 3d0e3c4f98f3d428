package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

// benchSet is perflab bench's JSON of several benchmarks, one result of
// fakeReport's per name.
func benchSet(t *testing.T, names ...string) string {
	t.Helper()
	reps := make([]*measure.Report, len(names))
	for i, n := range names {
		reps[i] = fakeReport()
		reps[i].Params = map[string]any{"benchmark": n}
	}
	b, err := json.Marshal(map[string]any{"benchmarks": reps})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReadBenchmarksJSONReadsEveryBenchmark(t *testing.T) {
	reps, err := ReadBenchmarksJSON(strings.NewReader(benchSet(t, "BenchmarkA-2", "BenchmarkB-2")))
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 2 || reps[0].Params["benchmark"] != "BenchmarkA-2" || reps[1].Params["benchmark"] != "BenchmarkB-2" {
		t.Fatalf("got %d results: %+v", len(reps), reps)
	}
	if got, want := reps[1].Strategies[0].NsPerOp.Median, fakeReport().Strategies[0].NsPerOp.Median; got != want {
		t.Errorf("the second benchmark's median %v; want %v", got, want)
	}
}

func TestReadBenchmarksJSONTellsAnotherKindOfFile(t *testing.T) {
	var one bytes.Buffer
	if err := WriteJSON(&one, fakeReport()); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"one result": one.String(), "not JSON": "garbage", "a list": "[]", "empty": ""} {
		if _, err := ReadBenchmarksJSON(strings.NewReader(text)); !errors.Is(err, ErrNotBenchmarks) {
			t.Errorf("%s: error %v; want ErrNotBenchmarks", name, err)
		}
	}
}

func TestReadBenchmarksJSONRefusesABadSet(t *testing.T) {
	unnamed := strings.Replace(benchSet(t, "BenchmarkA-2"), `"benchmark":"BenchmarkA-2"`, `"n":3`, 1)
	foreign := strings.Replace(benchSet(t, "BenchmarkA-2", "BenchmarkB-2"), `"schema":"`+measure.Schema+`"`, `"schema":"other/v9"`, 1)
	for name, text := range map[string]string{
		"an empty list":     `{"benchmarks":[]}`,
		"an unnamed result": unnamed,
		"a foreign schema":  foreign,
		"more after it":     benchSet(t, "BenchmarkA-2") + "{}",
	} {
		_, err := ReadBenchmarksJSON(strings.NewReader(text))
		if err == nil || errors.Is(err, ErrNotBenchmarks) {
			t.Errorf("%s: error %v; want a refusal", name, err)
		}
	}
}
