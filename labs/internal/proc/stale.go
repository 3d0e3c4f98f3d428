package proc

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// RemoveStale removes, from dir, the folders named prefix followed by the
// pid of the process that owns them and a dash ("perflab-worker-4242-...",
// "perflab-python-4242-..."), whose owner is gone: a perflab killed
// (SIGKILL, a crash) before it or its workers could remove their own. A folder whose owner lives, or whose owner cannot be
// told, is left alone; so is one owned by another user, which this process
// cannot signal. Failing to remove one is no reason to fail a run, so
// nothing is returned.
func RemoveStale(dir, prefix string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, ok := Owner(e.Name(), prefix)
		if !ok || !e.IsDir() || Alive(pid) {
			continue
		}
		_ = os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}

// Owner reads the owner's pid from a folder's name made of prefix, the pid
// and a dash.
func Owner(name, prefix string) (int, bool) {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return 0, false
	}
	digits, _, ok := strings.Cut(rest, "-")
	if !ok {
		return 0, false
	}
	pid, err := strconv.Atoi(digits)
	return pid, err == nil && pid > 0
}

// Alive reports whether process pid may still be running: signal 0 checks
// without sending anything, and only "no such process" counts as gone. A
// zombie, dead but not yet reaped by its parent, counts as gone too.
func Alive(pid int) bool {
	if errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true // cannot tell: leave its folder alone
	}
	// The state follows the command name, which is in parentheses and
	// may hold spaces or parentheses of its own.
	i := bytes.LastIndexByte(stat, ')')
	return i < 0 || i+2 >= len(stat) || stat[i+2] != 'Z'
}
