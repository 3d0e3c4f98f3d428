// Package workertest helps tests that start processes: it makes the test
// binary a helper process of its own, lists a process's children and waits
// for processes to go, so that a test can check that none is left behind.
package workertest

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/perflab/perflab/measure/measuretest"
)

// Children returns the ids of the live processes whose parent is ppid.
func Children(t testing.TB, ppid int) []int {
	t.Helper()
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, path := range stats {
		pid, parent, state, ok := readStat(path)
		if ok && parent == ppid && state != "Z" {
			out = append(out, pid)
		}
	}
	return out
}

// readStat reads a /proc/PID/stat line: "pid (comm) state ppid ...". The
// command name may hold spaces and parentheses, so fields are counted from
// the last ')'.
func readStat(path string) (pid, ppid int, state string, ok bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, "", false // the process ended meanwhile
	}
	s := string(b)
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || end < open {
		return 0, 0, "", false
	}
	fields := strings.Fields(s[end+1:])
	if len(fields) < 2 {
		return 0, 0, "", false
	}
	pid, err1 := strconv.Atoi(strings.TrimSpace(s[:open]))
	ppid, err2 := strconv.Atoi(fields[1])
	return pid, ppid, fields[0], err1 == nil && err2 == nil
}

// Alive reports whether pid is a process that has not exited. A zombie has
// exited: it only waits for its parent to collect its status.
func Alive(pid int) bool {
	_, _, state, ok := readStat("/proc/" + strconv.Itoa(pid) + "/stat")
	return ok && state != "Z" && syscall.Kill(pid, 0) == nil
}

// WaitGone waits until none of pids is alive and returns how long it took.
func WaitGone(t testing.TB, what string, pids []int) time.Duration {
	t.Helper()
	return measuretest.WaitFor(t, what, func() bool {
		for _, pid := range pids {
			if Alive(pid) {
				return false
			}
		}
		return true
	})
}

// QuietRace keeps the race detector's one-second sleep at exit out of the
// worker processes a race-enabled test binary spawns, unless GORACE is set
// already. Call it from TestMain.
func QuietRace() {
	if os.Getenv("GORACE") == "" {
		os.Setenv("GORACE", "atexit_sleep_ms=0")
	}
}

// Main runs a package's tests, with QuietRace. When the environment
// variable env is "1", the test binary is instead a helper process that a
// test started with StartHelper: Main runs helper and exits with its code.
// Call it from TestMain.
func Main(m *testing.M, env string, helper func() int) {
	if os.Getenv(env) == "1" {
		os.Exit(helper())
	}
	QuietRace()
	os.Exit(m.Run())
}

// A Helper is the test binary started again as a helper process, with
// pipes to its standard input and output.
type Helper struct {
	Cmd    *exec.Cmd
	Stdin  io.WriteCloser
	Stdout *bufio.Reader
}

// StartHelper starts the test binary again with env set to "1" and no test
// to run, so that Main runs the package's helper in it; its standard error
// is the test's. A helper still running when the test ends is killed.
func StartHelper(t testing.TB, env string) *Helper {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), env+"=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Both fail for a helper the test has waited for already: it is
		// gone, which is all the clean-up asks.
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return &Helper{Cmd: cmd, Stdin: stdin, Stdout: bufio.NewReader(stdout)}
}
