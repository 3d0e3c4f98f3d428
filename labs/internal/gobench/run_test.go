package gobench

import (
	"errors"
	"strings"
	"testing"
)

const sample = `goos: linux
goarch: amd64
pkg: example.com/m
cpu: Some CPU
BenchmarkSum/n=10-8         	 1000000	      1050 ns/op	      16 B/op	       1 allocs/op	  12.50 hits/op
BenchmarkSum/n=100-8        	  100000	     10500 ns/op	     128 B/op	       2 allocs/op
a line the benchmark printed
BenchmarkRead-8  	    5000	    200000 ns/op	 500.00 MB/s
PASS
`

func TestParseReadsEveryUnit(t *testing.T) {
	rs, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 {
		t.Fatalf("%d results, want 3: %+v", len(rs), rs)
	}
	for _, tc := range []struct {
		i       int
		name    string
		iters   int
		ns      float64
		unit    string
		value   float64
		missing string
	}{
		{0, "BenchmarkSum/n=10-8", 1000000, 1050, "hits/op", 12.5, ""},
		{0, "BenchmarkSum/n=10-8", 1000000, 1050, "B/op", 16, ""},
		{1, "BenchmarkSum/n=100-8", 100000, 10500, "allocs/op", 2, "hits/op"},
		{2, "BenchmarkRead-8", 5000, 200000, "B/s", 500e6, "B/op"},
	} {
		r := rs[tc.i]
		if r.Name != tc.name || r.Iters != tc.iters || r.NsPerOp != tc.ns || r.Values[tc.unit] != tc.value {
			t.Errorf("result %d = %+v, want %s, %d iterations, %v ns/op, %v %s", tc.i, r, tc.name, tc.iters, tc.ns, tc.value, tc.unit)
		}
		if _, ok := r.Values[tc.missing]; tc.missing != "" && ok {
			t.Errorf("result %d has %s, which it did not print", tc.i, tc.missing)
		}
	}
}

func TestFailureSaysWhy(t *testing.T) {
	for _, tc := range []struct{ out, want string }{
		{"goos: linux\npanic: planted\n\ngoroutine 1 [running]:\nmain.f()\n", "panic: planted /  / goroutine 1 [running]:"},
		{"BenchmarkWork-2   \tpanic: planted\n\ngoroutine 5 [running]:\n", "panic: planted /  / goroutine 5 [running]:"},
		{"BenchmarkWork-2   \tfatal error: all goroutines are asleep\n", "fatal error: all goroutines are asleep"},
		{"--- FAIL: BenchmarkX\n    x_test.go:9: wrong sum\nFAIL\n", "--- FAIL: BenchmarkX / x_test.go:9: wrong sum / FAIL"},
		{"one\ntwo\nthree\nfour\nexit status 3\n", "three / four / exit status 3"},
	} {
		if got := failure(tc.out); got != tc.want {
			t.Errorf("failure(%q) = %q, want %q", tc.out, got, tc.want)
		}
	}
	if strings.Contains(failure(sample), "\n") {
		t.Error("a failure's lines are not joined into one")
	}
}

// TestUntimedResultIsAFailure reads what a test binary printed when it
// exited 0 before a panic in the benchmark's only call could end it.
func TestUntimedResultIsAFailure(t *testing.T) {
	rs, err := Parse([]byte("goos: linux\nBenchmarkWork-2   \t       1\t       0 B/op\t       0 allocs/op\nPASS\n"))
	if err != nil || len(rs) != 1 {
		t.Fatalf("Parse = %+v, %v; want one result", rs, err)
	}
	if fe, ok := errors.AsType[*FailError](untimed(rs)); !ok || !strings.Contains(fe.Output, "BenchmarkWork-2 printed no time") {
		t.Errorf("untimed = %v, want a failure naming the benchmark", untimed(rs))
	}
	if rs, err := Parse([]byte(sample)); err != nil || untimed(rs) != nil {
		t.Errorf("timed results: %v, %v; want no failure", err, untimed(rs))
	}
}
