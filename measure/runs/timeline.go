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
// are kept once, whole, in Series, or for a sweep once per point.
type Timeline struct {
	// Frames are the snapshots kept, oldest first, their subjects'
	// Timeline emptied.
	Frames []measure.Snapshot `json:"frames"`
	// Series holds each subject's series of points from the last
	// snapshot: a frame's own series is the first Lens of it.
	Series [][]measure.Point `json:"series"`
	// Lens are, for each frame, the length of each subject's series
	// when it was published. A timeline kept before Lens existed cuts
	// the series at the frame's Elapsed instead.
	Lens [][]int `json:"lens,omitempty"`
	// Points are, for a sweep, each frame's point, from 0; Earlier holds
	// the series of the points before the last, by point, as Series
	// holds the last one's. A run of one point has neither.
	Points  []int               `json:"points,omitempty"`
	Earlier [][][]measure.Point `json:"earlier,omitempty"`
	// stride keeps one snapshot in stride once the timeline has been
	// thinned; seen counts the snapshots offered.
	stride, seen int
}

// Add keeps s, a snapshot of a run of one point.
func (t *Timeline) Add(s measure.Snapshot) { t.AddAt(0, s) }

// AddAt keeps s, published while a sweep measured its point point (from
// 0), thinning the frames once they pass maxFrames. A sweep's points come
// in order: the series of a point before are kept whole when it ends.
func (t *Timeline) AddAt(point int, s measure.Snapshot) {
	if t.stride == 0 {
		t.stride = 1
	}
	for point > len(t.Earlier) {
		// A new point: the last one's series are complete.
		t.Earlier = append(t.Earlier, t.Series)
		t.Series = nil
	}
	t.Series = make([][]measure.Point, len(s.Subjects))
	lens := make([]int, len(s.Subjects))
	for i, sub := range s.Subjects {
		t.Series[i] = sub.Timeline
		lens[i] = len(sub.Timeline)
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
	t.Lens = append(t.Lens, lens)
	if point > 0 || len(t.Points) > 0 {
		for len(t.Points) < len(t.Frames)-1 {
			t.Points = append(t.Points, 0)
		}
		t.Points = append(t.Points, point)
	}
	if len(t.Frames) > maxFrames {
		t.thin()
	}
}

// thin drops every other frame, and doubles the stride of those to come.
func (t *Timeline) thin() {
	var frames []measure.Snapshot
	var lens [][]int
	var points []int
	for i := 0; i < len(t.Frames); i += 2 {
		frames = append(frames, t.Frames[i])
		lens = append(lens, t.Lens[i])
		if len(t.Points) > 0 {
			points = append(points, t.Points[i])
		}
	}
	t.Frames, t.Lens, t.Points = frames, lens, points
	t.stride *= 2
}

// Point returns the sweep point frame i was published at, 0 for a run of
// one point.
func (t *Timeline) Point(i int) int {
	if i < len(t.Points) {
		return t.Points[i]
	}
	return 0
}

// Frame returns frame i as the run published it, its subjects' series of
// points restored as they were then.
func (t *Timeline) Frame(i int) measure.Snapshot {
	s := t.Frames[i]
	series := t.Series
	if p := t.Point(i); p < len(t.Earlier) {
		series = t.Earlier[p]
	}
	subs := make([]measure.SubjectSnapshot, len(s.Subjects))
	for j, sub := range s.Subjects {
		switch {
		case j >= len(series):
		case i < len(t.Lens) && j < len(t.Lens[i]):
			n := min(t.Lens[i][j], len(series[j]))
			sub.Timeline = series[j][:n:n]
		default:
			sub.Timeline = pointsUpTo(series[j], s.Elapsed)
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
