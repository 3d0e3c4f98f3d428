package proc

import (
	"bufio"
	"io"
	"strconv"
	"syscall"
	"time"
)

// grace is how long the groups have, after SIGTERM, before SIGKILL: long
// enough for a Python worker to remove its folder, short enough that what
// perflab started is gone within a second of perflab.
const grace = 500 * time.Millisecond

// serve is the holder: it keeps the list of groups read from orders ("+pgid"
// and "-pgid", one a line) until end of file, then ends every group still on
// it, and returns the exit status.
func serve(orders io.Reader) int {
	groups := map[int]bool{}
	sc := bufio.NewScanner(orders)
	for sc.Scan() {
		b := sc.Bytes()
		if len(b) < 2 {
			continue
		}
		pgid, err := strconv.Atoi(string(b[1:]))
		if err != nil || pgid <= 1 {
			continue
		}
		switch b[0] {
		case '+':
			groups[pgid] = true
		case '-':
			delete(groups, pgid)
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
