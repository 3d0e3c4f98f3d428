package own

import (
	"runtime"
	"strconv"
	"testing"
	"time"
)

func TestIterationsFillTheRound(t *testing.T) {
	for _, tc := range []struct {
		ns   float64
		d    time.Duration
		want int
	}{
		{1000, 100 * time.Millisecond, 100000},
		{3e9, 100 * time.Millisecond, 1}, // slower than a round: one iteration
		{0.01, time.Second, 1e9},         // capped as testing caps b.N
		{0, time.Second, 1},
	} {
		if got := iterations(tc.ns, tc.d); got != tc.want {
			t.Errorf("iterations(%v, %v) = %d, want %d", tc.ns, tc.d, got, tc.want)
		}
	}
}

func TestSubPatternRunsExactlyOneBenchmark(t *testing.T) {
	procs := runtime.GOMAXPROCS(0)
	suffix := ""
	if procs > 1 {
		suffix = "-" + strconv.Itoa(procs)
	}
	for _, tc := range []struct {
		name string
		cpu  int
		want string
	}{
		{"BenchmarkSum" + suffix, 0, `^BenchmarkSum$`},
		{"BenchmarkSum/n=10" + suffix, 0, `^BenchmarkSum$/^n=10$`},
		{"BenchmarkSum/a.b*c-4", 4, `^BenchmarkSum$/^a\.b\*c$`},
		{"BenchmarkSum/size-10", 1, `^BenchmarkSum$/^size-10$`}, // -cpu 1 adds no suffix
	} {
		if got := subPattern(tc.name, tc.cpu); got != tc.want {
			t.Errorf("subPattern(%q, %d) = %q, want %q", tc.name, tc.cpu, got, tc.want)
		}
	}
}

func TestUnitKey(t *testing.T) {
	for unit, want := range map[string]string{
		"B/op": "bytes_per_op", "allocs/op": "allocs_per_op", "B/s": "bytes_per_s", "hits/op": "hits_per_op", "B": "bytes",
	} {
		if got := unitKey(unit); got != want {
			t.Errorf("unitKey(%q) = %q, want %q", unit, got, want)
		}
	}
}
