package proc

import (
	"io"
	"os"
	"sync/atomic"
	"syscall"
	"time"
)

// grace is how long the groups have, after SIGTERM, before SIGKILL: long
// enough for a Python worker to remove its folder, short enough that what
// perflab started is gone within a second of perflab.
const grace = 500 * time.Millisecond

// serve is the holder: it waits for the end of alive, which comes when the
// process that started it ends, then ends every group in the table mapped
// from f, and returns the exit status.
func serve(alive io.Reader, f *os.File) int {
	t, err := mapTable(f)
	if err != nil {
		os.Stderr.WriteString("perflab: the process-group holder cannot read its table: " + err.Error() + "\n")
		return 1
	}
	_, _ = io.Copy(io.Discard, alive)
	groups := map[int]bool{}
	for i := range t {
		if g := int(atomic.LoadInt32(&t[i])); g > 1 {
			groups[g] = true
		}
	}
	endGroups(groups, grace)
	return 0
}

// endGroups sends SIGTERM to every group, waits up to wait for them to be
// gone, and sends SIGKILL to those that are not.
func endGroups(groups map[int]bool, wait time.Duration) {
	for g := range groups {
		_ = syscall.Kill(-g, syscall.SIGTERM)
	}
	deadline := time.Now().Add(wait)
	for len(groups) > 0 && time.Now().Before(deadline) {
		for g := range groups {
			if syscall.Kill(-g, 0) == syscall.ESRCH {
				delete(groups, g)
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	for g := range groups {
		_ = syscall.Kill(-g, syscall.SIGKILL)
	}
}
