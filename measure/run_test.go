package measure

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/perflab/perflab/measure/measuretest"
)

// fastConfig keeps engine tests short: the figures are not under test here,
// only what the engine does with them.
var fastConfig = Config{Reps: 6, RepDuration: 5 * time.Millisecond, Interval: 2 * time.Millisecond}

func tinyLoop() func(context.Context, int, int) error {
	var sink atomic.Int64
	return func(_ context.Context, _, n int) error {
		x := 0
		for i := range n {
			x += i
		}
		sink.Store(int64(x))
		return nil
	}
}

// waitRun waits for r to end, failing the test if it hangs.
func waitRun(t *testing.T, r *Run) (*Report, error) {
	t.Helper()
	measuretest.WaitFor(t, "the run to end", func() bool {
		select {
		case <-r.Done():
			return true
		default:
			return false
		}
	})
	return r.Wait()
}

// runToEnd runs subjects to the end, reading every snapshot, and returns the
// report.
func runToEnd(t *testing.T, cfg Config, subjects []*Subject) *Report {
	t.Helper()
	rep, err := runUnder(t, context.Background(), cfg, subjects)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// runUnder runs subjects under ctx, reading every snapshot, and returns
// what the run ended with: its report and its error, which the test
// judges. A run that cannot start ends the test.
func runUnder(t *testing.T, ctx context.Context, cfg Config, subjects []*Subject) (*Report, error) {
	t.Helper()
	r, err := Start(ctx, cfg, subjects)
	if err != nil {
		t.Fatal(err)
	}
	drain(r)
	return waitRun(t, r)
}

// drain reads snapshots until the channel closes and returns the last one.
func drain(r *Run) (last Snapshot, n int) {
	for s := range r.Snapshots() {
		last = s
		n++
	}
	return last, n
}

func TestRunInterleavesAndCompares(t *testing.T) {
	var closed atomic.Int32
	subjects := []*Subject{
		{Name: "a", Loop: tinyLoop(), Close: func() error { closed.Add(1); return nil }},
		{Name: "b", Loop: tinyLoop(), Close: func() error { closed.Add(1); return nil }},
	}
	r, err := Start(context.Background(), fastConfig, subjects)
	if err != nil {
		t.Fatal(err)
	}
	last, n := drain(r)
	rep, err := waitRun(t, r)
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 || last.Seq == 0 {
		t.Fatal("no snapshot was published")
	}
	if got := closed.Load(); got != 2 {
		t.Errorf("Close called %d times, want once per subject", got)
	}
	if len(rep.Strategies) != 2 || !rep.Strategies[0].Baseline || rep.Strategies[1].Baseline {
		t.Fatalf("strategies = %+v, want a baseline then one other", rep.Strategies)
	}
	for _, s := range rep.Strategies {
		if len(s.Reps) != fastConfig.Reps {
			t.Errorf("%s: %d measured reps, want %d (warm-up discarded)", s.Name, len(s.Reps), fastConfig.Reps)
		}
		if s.Ops == 0 || s.Throughput == 0 || s.NsPerOp.Median <= 0 {
			t.Errorf("%s: ops %d throughput %g ns/op %g, want all positive", s.Name, s.Ops, s.Throughput, s.NsPerOp.Median)
		}
		if s.Batch == 0 {
			t.Errorf("%s: a tiny operation was timed one by one, want batches", s.Name)
		}
		if s.AllocsPerOp == nil {
			t.Errorf("%s: no allocs/op for an in-process subject", s.Name)
		}
	}
	if rep.Strategies[1].VsBaseline == nil {
		t.Fatal("no comparison with the baseline")
	}
	if rep.Overhead.PerOp <= 0 || rep.Overhead.Batched <= 0 {
		t.Errorf("overhead = %+v, want both measured", rep.Overhead)
	}
	if last.Subjects[1].RepsDone != fastConfig.Reps {
		t.Errorf("last snapshot: %d reps done, want %d", last.Subjects[1].RepsDone, fastConfig.Reps)
	}
}

func TestRunSlowOperationsAreTimedOneByOne(t *testing.T) {
	s := &Subject{Name: "sleep", Loop: func(ctx context.Context, _, n int) error {
		for range n {
			time.Sleep(50 * time.Microsecond)
		}
		return nil
	}}
	rep := runToEnd(t, Config{Reps: 2, RepDuration: 5 * time.Millisecond}, []*Subject{s})
	if res := rep.Strategies[0]; res.Batch != 0 || res.P50Ns < int64(50*time.Microsecond) {
		t.Errorf("batch %d p50 %d ns, want per-op timing of at least 50µs", res.Batch, res.P50Ns)
	}
}

func TestRunDriveSubjectRecordsFromItsOwnGoroutines(t *testing.T) {
	const k, tasks = 4, 40
	s := &Subject{Name: "pool", Recorders: k, Drive: func(ctx context.Context, recs []*Recorder) error {
		done := make(chan struct{})
		jobs := make(chan int)
		for w := range k {
			go func() {
				defer func() { done <- struct{}{} }()
				for range jobs {
					start := Now()
					time.Sleep(10 * time.Microsecond)
					recs[w].RecordSince(start)
				}
			}()
		}
		for i := range tasks {
			jobs <- i
		}
		close(jobs)
		for range k {
			<-done
		}
		return nil
	}}
	rep := runToEnd(t, Config{Reps: 2, RepDuration: time.Millisecond}, []*Subject{s})
	for i, rp := range rep.Strategies[0].Reps {
		if rp.Ops == 0 || rp.Ops%tasks != 0 {
			t.Errorf("rep %d: %d ops, want a whole number of batches of %d", i, rp.Ops, tasks)
		}
	}
}

func TestRunFailuresMakeTheVerdictInconclusive(t *testing.T) {
	var calls atomic.Int64
	flaky := func(_ context.Context, _, n int) error {
		if calls.Add(1)%3 == 0 {
			return errors.New("backend said no")
		}
		time.Sleep(2 * time.Microsecond)
		return nil
	}
	subjects := []*Subject{{Name: "ok", Loop: tinyLoop()}, {Name: "flaky", Loop: flaky, Batch: BatchNever}}
	rep := runToEnd(t, fastConfig, subjects)
	res := rep.Strategies[1]
	if res.Errors == 0 {
		t.Fatal("errors were not counted")
	}
	if c := res.VsBaseline; c.Verdict != Inconclusive || c.Why == nil || c.Why.Kind != WhyFailures || c.Why.Failed == 0 {
		t.Errorf("verdict %s (%q), want inconclusive because operations failed", c.Verdict, whyText(*c))
	}
	if countOf(causes(res.Findings), "backend said no") != 1 {
		t.Errorf("findings %+v, want the failed operations' message", res.Findings)
	}
}

// TestRunKeepsTheMessageOfOpenLoopFailures runs a failing operation in an
// open loop with several workers: the message must reach the result once,
// not only the count.
func TestRunKeepsTheMessageOfOpenLoopFailures(t *testing.T) {
	var calls atomic.Int64
	flaky := func(_ context.Context, _, _ int) error {
		if calls.Add(1)%2 == 0 {
			return errors.New("backend said no")
		}
		return nil
	}
	cfg := Config{Reps: 1, RepDuration: 20 * time.Millisecond, Rate: 1000, Workers: 4}
	res := runToEnd(t, cfg, []*Subject{{Name: "flaky", Loop: flaky}}).Strategies[0]
	if res.Errors == 0 {
		t.Fatal("errors were not counted")
	}
	if n := countOf(causes(res.Findings), "backend said no"); n != 1 {
		t.Errorf("failures %q hold the failure's message %d times, want once", causes(res.Findings), n)
	}
}

func countOf(list []string, s string) (n int) {
	for _, x := range list {
		n += strings.Count(x, s)
	}
	return n
}

// TestRunCancelStopsEverything cancels a run whose operations block until
// their context ends: Wait must return the partial report, and every
// goroutine the engine started must be gone.
func TestRunCancelStopsEverything(t *testing.T) {
	measuretest.NoLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{}, 1)
	blocking := func(ctx context.Context, _, _ int) error {
		select {
		case started <- struct{}{}:
		default:
		}
		<-ctx.Done()
		return ctx.Err()
	}
	subjects := []*Subject{
		{Name: "quick", Loop: tinyLoop()},
		{Name: "blocked", Loop: blocking, Batch: BatchNever},
	}
	cfg := Config{Reps: 3, RepDuration: time.Hour, Workers: 4}
	r, err := Start(ctx, cfg, subjects)
	if err != nil {
		t.Fatal(err)
	}
	go drain(r)
	cancel()
	rep, err := waitRun(t, r)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Wait error = %v, want context.Canceled", err)
	}
	if rep == nil || !rep.Cancelled {
		t.Fatalf("report = %+v, want a partial report marked cancelled", rep)
	}
	// The comparison it could not decide says the run was stopped, not
	// that a budget ended.
	if c := rep.Strategies[1].VsBaseline; c == nil || c.Why == nil || c.Why.Ended != EndStopped || c.Why.EndRound != 0 {
		t.Errorf("the undecided comparison of a cancelled run: %+v", c)
	}
}

func TestStartRejectsBadInput(t *testing.T) {
	loop := tinyLoop()
	drive := func(context.Context, []*Recorder) error { return nil }
	tests := []struct {
		name     string
		cfg      Config
		subjects []*Subject
		want     string
	}{
		{"no subjects", Config{}, nil, "no subjects"},
		{"no name", Config{}, []*Subject{{Loop: loop}}, "no name"},
		{"neither", Config{}, []*Subject{{Name: "x"}}, "exactly one"},
		{"both", Config{}, []*Subject{{Name: "x", Loop: loop, Drive: drive}}, "exactly one"},
		{"duplicate", Config{}, []*Subject{{Name: "x", Loop: loop}, {Name: "x", Loop: loop}}, "two subjects"},
		{"reps", Config{Reps: -1}, []*Subject{{Name: "x", Loop: loop}}, "repetitions"},
		{"duration", Config{RepDuration: -time.Second}, []*Subject{{Name: "x", Loop: loop}}, "duration"},
		{"rate", Config{Rate: -1}, []*Subject{{Name: "x", Loop: loop}}, "rate"},
		{"subtract drive", Config{}, []*Subject{{Name: "x", Drive: drive, Subtract: time.Millisecond}}, "subtract"},
		{"subtract negative", Config{}, []*Subject{{Name: "x", Loop: loop, Subtract: -1}}, "subtract"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Start(context.Background(), tt.cfg, tt.subjects)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Start error = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestOfferReplacesAnUnreadSnapshot(t *testing.T) {
	ch := make(chan Snapshot, 1)
	Offer(ch, Snapshot{Seq: 1})
	Offer(ch, Snapshot{Seq: 2})
	Offer(ch, Snapshot{Seq: 3})
	if got := (<-ch).Seq; got != 3 {
		t.Errorf("read snapshot %d, want the newest, 3", got)
	}
	select {
	case s := <-ch:
		t.Errorf("a second snapshot %d was waiting, want only the newest", s.Seq)
	default:
	}
}

// TestRunKeepsTheMessageADriveSubjectFailsWith has a Drive subject count
// its failures with Fail: the result must say why, once per message.
func TestRunKeepsTheMessageADriveSubjectFailsWith(t *testing.T) {
	s := &Subject{Name: "pool", Recorders: 2, Drive: func(ctx context.Context, recs []*Recorder) error {
		for _, r := range recs {
			r.Record(1000)
			r.Fail(errors.New("connection reset"))
		}
		return nil
	}}
	res := runToEnd(t, Config{Reps: 1, RepDuration: time.Millisecond}, []*Subject{s}).Strategies[0]
	if res.Errors == 0 {
		t.Fatal("failures were not counted")
	}
	if n := countOf(causes(res.Findings), "connection reset"); n != 1 {
		t.Errorf("failures %q hold the failure's message %d times, want once", causes(res.Findings), n)
	}
}
