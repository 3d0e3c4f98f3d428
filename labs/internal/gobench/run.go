package gobench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/perf/benchfmt"

	"github.com/perflab/perflab/labs/internal/command"
)

// A failed benchmark is told by the first failLines lines of what its
// binary printed from the failure on: the FAIL line or the panic and where
// it happened.
const failLines = 3

// CheckTime is the -test.benchtime of a run that only shows that a
// benchmark runs and what its sub-benchmarks are called: the fewest
// iterations that tell a panic from a pass. With "1x" they cannot: the test
// binary runs the benchmark function once, and a panic in it runs that
// call's deferred signal, which lets the binary print the result, PASS and
// exit 0 before the panic ends it with exit status 2 (on a busy machine 18
// times in 500 a planted panic passed so). At 2x the binary has to call
// the function again, after a garbage collection, before it can print
// anything, and the panic ends it first (no pass in 1500 on the same
// machine).
const CheckTime = "2x"

// A Result is one benchmark's line of output, read with benchfmt.
type Result struct {
	// Name is the full name as the binary printed it, sub-benchmarks and
	// the GOMAXPROCS suffix included ("BenchmarkSum/n=10-8").
	Name string
	// Iters is how many times the benchmark's loop ran.
	Iters int
	// NsPerOp is its time per iteration.
	NsPerOp float64
	// Values are its other figures by unit as benchfmt tidies them
	// ("B/op", "allocs/op", "B/s", a custom "hits/op").
	Values map[string]float64
}

// A Run is one benchmark of one test binary, ready to be run again and
// again with the same flags.
type Run struct {
	runner *command.Runner
	out    string
}

// Spec says which benchmarks a Run runs and how long.
type Spec struct {
	// Bin is the test binary.
	Bin string
	// Pattern is passed to -test.bench.
	Pattern string
	// Benchtime is passed to -test.benchtime: "100ms" or "2500x".
	Benchtime string
	// CPU, if positive, is passed to -test.cpu.
	CPU int
	// Out is the file the binary's output goes to.
	Out string
	// CPUProfile, if set, is passed to -test.cpuprofile: an absolute
	// path, which every run overwrites with its own profile.
	CPUProfile string
}

// NewRun readies the runs of s. The binary runs through sh only to send its
// output to s.Out; the time compared is the one it reports, so the shell's
// start costs nothing that counts.
func NewRun(s Spec) (*Run, error) {
	args := []string{"sh", "-c", `out=$1; shift; exec "$@" >"$out" 2>&1`, "sh", s.Out, s.Bin,
		"-test.run", "^$", "-test.bench", s.Pattern, "-test.count", "1",
		"-test.benchtime", s.Benchtime, "-test.benchmem"}
	if s.CPU > 0 {
		args = append(args, "-test.cpu", strconv.Itoa(s.CPU))
	}
	if s.CPUProfile != "" {
		args = append(args, "-test.cpuprofile", s.CPUProfile)
	}
	c := command.Command{Text: s.Bin + " -test.bench " + s.Pattern, Path: "/bin/sh", Args: args}
	r, err := command.NewRunner(c)
	if err != nil {
		return nil, err
	}
	return &Run{runner: r, out: s.Out}, nil
}

// Run runs the binary once and returns the results it printed. A failed or
// panicking benchmark is an error that says why in the binary's words.
func (r *Run) Run(ctx context.Context) ([]Result, error) {
	_, runErr := r.runner.Run(ctx)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	b, err := os.ReadFile(r.out)
	if err != nil {
		return nil, errors.Join(runErr, err)
	}
	if runErr != nil {
		return nil, &FailError{Output: failure(string(b))}
	}
	rs, err := Parse(b)
	if err != nil {
		return nil, err
	}
	return rs, untimed(rs)
}

// untimed is a failure for a result that printed no time per operation,
// which leaves nothing to race: a benchmark that hides its ns/op
// (b.ReportMetric(0, "ns/op")), or one whose timer never stopped because
// it panicked and its binary exited 0 before the panic ended it (see
// CheckTime), which a race of one iteration a run meets too.
func untimed(rs []Result) error {
	for _, r := range rs {
		if !(r.NsPerOp > 0) {
			return &FailError{Output: r.Name + " printed no time per operation: it hides its ns/op, or it panicked and its binary exited 0 before the panic was printed"}
		}
	}
	return nil
}

// Close releases what the runs share.
func (r *Run) Close() error { return r.runner.Close() }

// A FailError is a benchmark that failed or panicked.
type FailError struct {
	// Output is the first lines of the binary's output from the failure
	// on.
	Output string
}

func (e *FailError) Error() string { return "the benchmark failed: " + e.Output }

// failure returns the lines that say why a benchmark failed: from the
// first FAIL or panic line on, or the output's last lines.
func failure(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	from := max(0, len(lines)-failLines)
	for i, l := range lines {
		if strings.Contains(l, "--- FAIL") {
			from = i
			break
		}
		if at := crashAt(l); at >= 0 {
			from, lines[i] = i, l[at:]
			break
		}
	}
	lines = lines[from:]
	if len(lines) > failLines {
		lines = lines[:failLines]
	}
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return strings.Join(lines, " / ")
}

// crashAt returns where the runtime's "panic:" or "fatal error:" begins in
// line, or -1. It begins the line, or follows the benchmark's name and its
// tab when the binary had printed the name before the benchmark crashed.
func crashAt(line string) int {
	for _, word := range []string{"panic: ", "fatal error: "} {
		if at := strings.Index(line, word); at == 0 || at > 0 && line[at-1] == '\t' {
			return at
		}
	}
	return -1
}

// Parse reads the results of a test binary's output with benchfmt.
func Parse(out []byte) ([]Result, error) {
	rd := benchfmt.NewReader(bytes.NewReader(out), "output")
	var rs []Result
	for rd.Scan() {
		res, ok := rd.Result().(*benchfmt.Result)
		if !ok {
			continue // a syntax error: a line the benchmark printed itself
		}
		// benchfmt takes "Benchmark" off the names; the binary wants it.
		r := Result{Name: "Benchmark" + res.Name.String(), Iters: res.Iters, Values: map[string]float64{}}
		for _, v := range res.Values {
			if v.Unit == "sec/op" {
				// The figure as printed, when it was ns/op: seconds
				// times 1e9 is not always the same float.
				r.NsPerOp = v.Value * 1e9
				if v.OrigUnit == "ns/op" {
					r.NsPerOp = v.OrigValue
				}
				continue
			}
			r.Values[v.Unit] = v.Value
		}
		rs = append(rs, r)
	}
	if err := rd.Err(); err != nil {
		return nil, fmt.Errorf("reading the benchmark's output: %w", err)
	}
	return rs, nil
}
