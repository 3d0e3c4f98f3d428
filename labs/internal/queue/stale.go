package queue

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// storePrefix starts the name of every embedded server's store folder,
// followed by the pid of the process that owns it: "perflab-nats-4242-...".
const storePrefix = "perflab-nats-"

// cleanStaleStores removes, from dir, the store folders whose owner process
// is gone: a coordinator killed before it could remove its own. A folder
// whose owner lives, or whose owner cannot be told, is left alone; so is
// one owned by another user, which this process cannot signal. Failing to
// remove one is no reason to fail a run, so nothing is returned.
func cleanStaleStores(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, ok := storeOwner(e.Name())
		if !ok || !e.IsDir() || alive(pid) {
			continue
		}
		_ = os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}

// storeOwner reads the owner's pid from a store folder's name.
func storeOwner(name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, storePrefix)
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

// alive reports whether process pid may still be running: signal 0 checks
// without sending anything, and only "no such process" counts as gone. A
// zombie, dead but not yet reaped by its parent, counts as gone too.
func alive(pid int) bool {
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
