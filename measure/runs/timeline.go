package runs

import (
	"time"

	"github.com/perflab/perflab/measure"
)

// maxFrames bounds a timeline: a run of an hour publishes 36,000 snapshots,
// more than a replay needs to look as the run did and more than a runs
// folder should hold. Past it, every other frame is dropped.
const maxFrames = 1500

// A Timeline is what a run showed while it ran: its snapshots in order,
// each without its subjects' series of points, which grow with the run and
// are kept once, whole, in Series.
type Timeline struct {
	// Frames are the snapshots kept, oldest first, their subjects'
	// Timeline emptied.
	Frames []measure.Snapshot `json:"frames"`
	// Series holds each subject's series of points from the last
	// snapshot: a frame's own series is its points up to the frame's
	// Elapsed.
	Series [][]measure.Point `json:"series"`
	// stride keeps one snapshot in stride once the timeline has been
	// thinned; seen counts the snapshots offered.
	stride, seen int
}

// Add keeps s, thinning the frames once they pass maxFrames.
func (t *Timeline) Add(s measure.Snapshot) {
	if t.stride == 0 {
		t.stride = 1
	}
	t.Series = make([][]measure.Point, len(s.Subjects))
	for i, sub := range s.Subjects {
		t.Series[i] = sub.Timeline
	}
	t.seen++
	if (t.seen-1)%t.stride != 0 {
		return
	}
	frame := s
	frame.Subjects = make([]measure.SubjectSnapshot, len(s.Subjects))
	for i, sub := range s.Subjects {
		sub.Timeline = nil
		frame.Subjects[i] = sub
	}
	t.Frames = append(t.Frames, frame)
	if len(t.Frames) > maxFrames {
		kept := t.Frames[:0]
		for i := 0; i < len(t.Frames); i += 2 {
			kept = append(kept, t.Frames[i])
		}
		t.Frames = kept
		t.stride *= 2
	}
}

// Frame returns frame i as the run published it, its subjects' series of
// points restored up to the frame's time.
func (t *Timeline) Frame(i int) measure.Snapshot {
	s := t.Frames[i]
	subs := make([]measure.SubjectSnapshot, len(s.Subjects))
	for j, sub := range s.Subjects {
		if j < len(t.Series) {
			sub.Timeline = pointsUpTo(t.Series[j], s.Elapsed)
		}
		subs[j] = sub
	}
	s.Subjects = subs
	return s
}

// pointsUpTo returns the points of a series at or before at.
func pointsUpTo(ps []measure.Point, at time.Duration) []measure.Point {
	n := 0
	for n < len(ps) && ps[n].At <= at {
		n++
	}
	return ps[:n:n]
}
