package runs

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/perflab/perflab/measure"
)

// sweepTimeline is the timeline of a sweep of three points, four snapshots
// each, whose elapsed time runs on over the sweep while each point's series
// starts again from its own first point, as labs publishes them. Point p's
// series count Ops from 100*p.
func sweepTimeline() *Timeline {
	tl := &Timeline{}
	for p := range 3 {
		for k := 1; k <= 4; k++ {
			s := snapshot(k)
			s.Elapsed += time.Duration(p) * time.Second
			for i := range s.Subjects[0].Timeline {
				s.Subjects[0].Timeline[i].Ops += int64(100 * p)
			}
			tl.AddAt(p, s)
		}
	}
	return tl
}

func TestTimelineOfASweep(t *testing.T) {
	tl := sweepTimeline()
	// Through JSON, as a kept run is read back.
	data, err := json.Marshal(tl)
	if err != nil {
		t.Fatal(err)
	}
	var back Timeline
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Frames) != 12 || len(back.Earlier) != 2 {
		t.Fatalf("%d frames and %d earlier points, want 12 and 2", len(back.Frames), len(back.Earlier))
	}
	for i := range back.Frames {
		p, k := i/4, i%4+1
		if got := back.Point(i); got != p {
			t.Errorf("frame %d is of point %d, want %d", i, got, p)
		}
		series := back.Frame(i).Subjects[0].Timeline
		if len(series) != k || series[0].Ops != int64(1+100*p) {
			t.Errorf("frame %d shows %d points starting at %d, want point %d's first %d, from %d", i, len(series), series[0].Ops, p, k, 1+100*p)
		}
	}
}

func TestTimelineOfASweepThins(t *testing.T) {
	var tl Timeline
	for i := range 3*maxFrames + 1 {
		tl.AddAt(i/maxFrames, snapshot(1+i%3))
	}
	if len(tl.Points) != len(tl.Frames) || len(tl.Lens) != len(tl.Frames) {
		t.Fatalf("%d frames, %d points, %d lens: thinned apart", len(tl.Frames), len(tl.Points), len(tl.Lens))
	}
	if last := tl.Point(len(tl.Frames) - 1); last != 3 {
		t.Errorf("the last frame is of point %d, want 3", last)
	}
}

// TestTimelineKeptBeforeLens reads a frame of a timeline without lengths,
// as kept before they were: its series is cut at the frame's time.
func TestTimelineKeptBeforeLens(t *testing.T) {
	tl := Timeline{Frames: []measure.Snapshot{snapshot(2)}, Series: [][]measure.Point{snapshot(5).Subjects[0].Timeline}}
	tl.Frames[0].Subjects[0].Timeline = nil
	if got := len(tl.Frame(0).Subjects[0].Timeline); got != 2 {
		t.Errorf("the frame at 200ms shows %d points, want 2", got)
	}
}
