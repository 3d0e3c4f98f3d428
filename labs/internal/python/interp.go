// Package python runs Python strategies through perflab's engine: a
// standard-library-only worker program, embedded in the binary, runs in a
// Python interpreter of the person's choice and times the operations
// itself with time.perf_counter_ns, on orders given over its standard input
// and output.
//
// Each strategy has a worker process of its own, so that one strategy's
// heap, caches and threads never weigh on another's. A Subject drives it:
// operations under a microsecond are batched by the engine's calibration
// rule (measure.NextBatch), slower ones report each latency, and every
// batch or latency the worker reports is recorded as the engine records a
// Go operation's.
package python

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// EnvPython names the environment variable that chooses the interpreter;
// the command line sets it from a flag of its own.
const EnvPython = "PERFLAB_PYTHON"

// The oldest Python the worker runs on.
const minMajor, minMinor = 3, 8

// An Interpreter is a Python found and checked.
type Interpreter struct {
	Path string
	// Version is "3.11", Implementation "cpython", "pypy".
	Version        string
	Implementation string
}

func (i Interpreter) String() string {
	return fmt.Sprintf("%s %s (%s)", i.Implementation, i.Version, i.Path)
}

// ErrNoPython is the error of a Python workload on a machine without a
// usable interpreter.
var ErrNoPython = errors.New("no Python: install python3 (3.8 or newer) or name one with $" + EnvPython)

var (
	checkedMu sync.Mutex
	checked   = map[string]checkResult{}
)

type checkResult struct {
	in  Interpreter
	err error
}

// Find returns the interpreter Python workloads run in: $PERFLAB_PYTHON
// if set, else python3 on PATH. It checks the version once per path.
func Find() (Interpreter, error) {
	if path := os.Getenv(EnvPython); path != "" {
		in, err := Check(path)
		if err != nil {
			return in, fmt.Errorf("$%s: %w", EnvPython, err)
		}
		return in, nil
	}
	path, err := exec.LookPath("python3")
	if err != nil {
		return Interpreter{}, ErrNoPython
	}
	return Check(path)
}

// Check runs the interpreter at path once to learn its version, and
// refuses one older than 3.8 or one that does not start.
func Check(path string) (Interpreter, error) {
	checkedMu.Lock()
	defer checkedMu.Unlock()
	if r, ok := checked[path]; ok {
		return r.in, r.err
	}
	in, err := check(path)
	checked[path] = checkResult{in, err}
	return in, err
}

func check(path string) (Interpreter, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	const probe = "import sys; print('%d %d %s' % (sys.version_info[0], sys.version_info[1], sys.implementation.name))"
	out, err := exec.CommandContext(ctx, path, "-c", probe).Output()
	if err != nil {
		return Interpreter{}, fmt.Errorf("python %s does not run: %v", path, err)
	}
	f := strings.Fields(string(out))
	if len(f) != 3 {
		return Interpreter{}, fmt.Errorf("python %s: cannot read its version from %q", path, strings.TrimSpace(string(out)))
	}
	major, err1 := strconv.Atoi(f[0])
	minor, err2 := strconv.Atoi(f[1])
	if err1 != nil || err2 != nil {
		return Interpreter{}, fmt.Errorf("python %s: cannot read its version from %q", path, strings.TrimSpace(string(out)))
	}
	in := Interpreter{Path: path, Version: f[0] + "." + f[1], Implementation: f[2]}
	if major < minMajor || (major == minMajor && minor < minMinor) {
		return in, fmt.Errorf("python %s is %s; perflab needs %d.%d or newer", path, in.Version, minMajor, minMinor)
	}
	return in, nil
}
