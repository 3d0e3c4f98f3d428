package measuretest

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// Ended reports whether the process pid has ended: it no longer exists, or
// it is a zombie that only waits for its parent to collect its status. A
// test that checks that nothing outlives a run asks this of every process
// the run started.
func Ended(pid int) bool {
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		return true
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	// The state follows the command name in parentheses, which may itself
	// hold spaces and parentheses: "123 (sleep) Z ...".
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return len(f) > 0 && f[0] == "Z"
}

// ReadPID returns the process id a test's child wrote to path, or 0 while
// the file is missing or not yet a whole number.
func ReadPID(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}

// WaitPID waits, as WaitFor does, for a child to write its process id to
// path, and returns it.
func WaitPID(t testing.TB, what, path string) int {
	t.Helper()
	var pid int
	WaitFor(t, what, func() bool {
		pid = ReadPID(path)
		return pid > 0
	})
	return pid
}
