package report

import (
	"strconv"
	"syscall"
)

// LostWords words why a load generator was lost mid-run, from the figures
// a fleet's result carries: how ("exited", "left", "stalled" or "failed"),
// and for one that exited its exit status, or -1 and the number of the
// signal that ended it. "died (killed)", "died (exit status 3)",
// "stalled", "left"; empty for how empty, a generator that was not lost
// or whose loss nothing says more of.
func LostWords(how string, exitStatus, signal int) string {
	switch how {
	case "exited":
		switch {
		case signal > 0:
			return "died (" + syscall.Signal(signal).String() + ")"
		case exitStatus >= 0:
			return "died (exit status " + strconv.Itoa(exitStatus) + ")"
		}
		return "died"
	case "left":
		return "left"
	case "stalled":
		return "stalled"
	case "failed":
		return "failed"
	}
	return ""
}
