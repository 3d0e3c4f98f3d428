package runs

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/perflab/perflab/measure"
)

func result(workload string, started time.Time) *measure.Report {
	return &measure.Report{Schema: measure.Schema, Lab: "data-structures", Workload: workload, Started: started,
		Strategies: []*measure.Result{{Name: "slice", Baseline: true}}}
}

func snapshot(seq int) measure.Snapshot {
	at := time.Duration(seq) * 100 * time.Millisecond
	var pts []measure.Point
	for i := 1; i <= seq; i++ {
		pts = append(pts, measure.Point{At: time.Duration(i) * 100 * time.Millisecond, Ops: int64(i)})
	}
	return measure.Snapshot{Seq: seq, Elapsed: at, Subjects: []measure.SubjectSnapshot{{Name: "slice", Ops: int64(seq), Timeline: pts}}}
}

func TestSaveListLoadDelete(t *testing.T) {
	s := Store{Dir: filepath.Join(t.TempDir(), "runs")}
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	var tl Timeline
	for i := 1; i <= 5; i++ {
		tl.Add(snapshot(i))
	}
	older, err := s.Save(result("membership", t0), &tl)
	if err != nil {
		t.Fatal(err)
	}
	newer, err := s.Save(result("queue", t0.Add(time.Minute)), nil)
	if err != nil {
		t.Fatal(err)
	}
	same, err := s.Save(result("queue", t0.Add(time.Minute)), nil)
	if err != nil || same == newer {
		t.Fatalf("a second run of the same second: %q, %v; want a file of its own beside %q", same, err, newer)
	}
	if err := os.WriteFile(filepath.Join(s.Dir, "broken.json"), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	entries, skipped, err := s.List()
	if err != nil || len(entries) != 3 || len(skipped) != 1 {
		t.Fatalf("List = %d entries, skipped %q, %v; want 3 and broken.json", len(entries), skipped, err)
	}
	if got := entries[2].Path; got != older {
		t.Errorf("oldest listed last is %q, want %q", got, older)
	}
	if entries[2].Frames != 5 || entries[0].Frames != 0 {
		t.Errorf("frames %d and %d, want 5 and 0", entries[2].Frames, entries[0].Frames)
	}
	saved, err := Load(older)
	if err != nil {
		t.Fatal(err)
	}
	f := saved.Timeline.Frame(2)
	if got := len(f.Subjects[0].Timeline); f.Seq != 3 || got != 3 {
		t.Errorf("frame 2: seq %d with %d points, want seq 3 with its 3 points", f.Seq, got)
	}
	if err := s.Delete(filepath.Join(t.TempDir(), "x.json")); err == nil {
		t.Error("Delete removed a file outside the runs folder")
	}
	if err := s.Delete(older); err != nil {
		t.Fatal(err)
	}
	if entries, _, _ := s.List(); len(entries) != 2 {
		t.Errorf("after Delete, %d runs, want 2", len(entries))
	}
}

func TestListOfAFolderNotMadeYet(t *testing.T) {
	entries, skipped, err := Store{Dir: filepath.Join(t.TempDir(), "none")}.List()
	if err != nil || len(entries) != 0 || len(skipped) != 0 {
		t.Errorf("List = %v, %v, %v; want nothing and no error", entries, skipped, err)
	}
}

func TestTimelineThins(t *testing.T) {
	var tl Timeline
	n := 3*maxFrames + 7
	for i := 1; i <= n; i++ {
		tl.Add(snapshot(1 + i%3))
	}
	if got := len(tl.Frames); got > maxFrames || got < maxFrames/2 {
		t.Errorf("%d snapshots kept as %d frames, want between %d and %d", n, got, maxFrames/2, maxFrames)
	}
	if tl.Frames[0].Seq != 2 {
		t.Errorf("first frame seq %d, want the first snapshot's, 2", tl.Frames[0].Seq)
	}
}

func TestDefaultDir(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/data")
	if got, _ := DefaultDir(); got != "/data/perflab/runs" {
		t.Errorf("DefaultDir = %q, want /data/perflab/runs", got)
	}
	t.Setenv("XDG_DATA_HOME", "relative")
	t.Setenv("HOME", "/home/x")
	if got, _ := DefaultDir(); got != "/home/x/.local/share/perflab/runs" {
		t.Errorf("DefaultDir with a relative XDG_DATA_HOME = %q, want the home default", got)
	}
}

// TestSaveKeepsTheWords checks that a kept run is the JSON contract, its
// findings in the command line's words beside their figures, and that the
// report saved is left as it was.
func TestSaveKeepsTheWords(t *testing.T) {
	rep := &measure.Report{Schema: measure.Schema, Lab: "measure", Workload: "sort",
		Findings: []measure.Finding{{Kind: measure.FindingTooFewRounds, Rounds: 3, Need: 6, Alpha: 0.05, Knob: measure.KnobReps}}}
	path, err := Store{Dir: t.TempDir()}.Save(rep, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "3 rounds: a verdict needs at least 6") || !strings.Contains(string(b), `"kind":"too_few_rounds"`) {
		t.Errorf("kept run lacks the words or the figures:\n%s", b)
	}
	if rep.Warnings != nil {
		t.Errorf("Save wrote words into the report: %q", rep.Warnings)
	}
}

func TestSavesAtOnceKeepEveryRun(t *testing.T) {
	s := Store{Dir: filepath.Join(t.TempDir(), "runs")}
	started := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	const n = 24
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Save(result("membership", started), nil); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	entries, skipped, err := s.List()
	if err != nil || len(entries) != n || len(skipped) != 0 {
		t.Errorf("%d runs saved at once in the same second: %d listed, skipped %v, %v; want all %d", n, len(entries), skipped, err, n)
	}
}
