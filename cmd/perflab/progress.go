package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
	"github.com/perflab/perflab/measure/runs"
)

// showProgress draws one status line on stderr while the run goes on, when
// stderr is a terminal, and returns the run's timeline for its replay. It
// is the one progress line of perflab run, exec, http and python: a run
// that lasts half a minute says how far it is, and on a pipe or in a file
// nothing is written, so that a log holds results, not carriage returns.
func showProgress(r *labs.Run, stderr io.Writer) *runs.Timeline {
	f, ok := stderr.(*os.File)
	return followRun(r.Snapshots(), stderr, ok && term.IsTerminal(int(f.Fd())))
}

// followRun keeps every snapshot in a timeline until the channel closes and,
// on a terminal, redraws the progress line after each, clearing it at the
// end.
func followRun(snaps <-chan measure.Snapshot, w io.Writer, tty bool) *runs.Timeline {
	tl := &runs.Timeline{}
	// The engine refines its estimate of the total time after every
	// round, and early on it swings: the line shows it settled.
	var total report.Settled
	for s := range snaps {
		tl.Add(s)
		est := time.Duration(total.Add(float64(s.Estimate)))
		if tty {
			fmt.Fprintf(w, "\r\033[K%s", progressLine(s, est))
		}
	}
	if tty {
		fmt.Fprint(w, "\r\033[K")
	}
	return tl
}

// progressLine says where a run is: the share done, the round, the subject
// being measured with its operations a second and errors so far, and the
// time left of the run's estimated total time, est (see report.Settled).
func progressLine(s measure.Snapshot, est time.Duration) string {
	phase := fmt.Sprintf("round %d/%d", s.Rep, s.Reps)
	if s.MaxTime > 0 {
		phase = fmt.Sprintf("round %d, %d of %d decided", s.Rep, decided(s.Compare), len(s.Compare))
	}
	if s.Warmup {
		phase = "warm-up"
	}
	done := 0.0
	if est > 0 {
		done = min(1, float64(s.Elapsed)/float64(est))
	}
	line := fmt.Sprintf("%3.0f%%  %s", 100*done, phase)
	if s.Active >= 0 && s.Active < len(s.Subjects) {
		sub := s.Subjects[s.Active]
		line += "  " + sub.Name
		if sub.Throughput > 0 {
			line += "  " + thousands(int64(sub.Throughput+0.5)) + "/s"
		}
		if sub.Errors > 0 {
			line += "  " + thousands(sub.Errors) + " failed"
		}
	}
	return line + fmt.Sprintf("  %v left", max(0, est-s.Elapsed).Round(100*time.Millisecond))
}

// decided counts the comparisons decided.
func decided(cs []measure.Comparison) int {
	n := 0
	for _, c := range cs {
		if c.Decided {
			n++
		}
	}
	return n
}

// thousands writes n with its digits grouped by three: 10,036.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, d := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
