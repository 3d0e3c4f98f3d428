// Package workertest helps tests of worker processes check that none is
// left behind: it lists a process's children and waits for processes to go.
package workertest

import (
	"os"
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
