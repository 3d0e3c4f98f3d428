package measure

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestBlockValues(t *testing.T) {
	reps := []Rep{{Ops: 1, NsPerOp: 1}, {Ops: 1, NsPerOp: 4}, {Ops: 1, NsPerOp: 2}, {Ops: 1, NsPerOp: 8}, {Ops: 1, NsPerOp: 3}}
	for _, tc := range []struct {
		k       int
		partial bool
		want    []float64
	}{
		{1, true, []float64{1, 4, 2, 8, 3}},
		{2, true, []float64{2, 4, 3}},
		{2, false, []float64{2, 4}},
		{5, false, []float64{math.Pow(1*4*2*8*3, 0.2)}},
	} {
		got := blockValues(reps, tc.k, tc.partial)
		if len(got) != len(tc.want) {
			t.Fatalf("k=%d partial=%v: got %v, want %v", tc.k, tc.partial, got, tc.want)
		}
		for i := range got {
			if math.Abs(got[i]-tc.want[i]) > 1e-9 {
				t.Errorf("k=%d partial=%v: block %d is %g, want %g", tc.k, tc.partial, i, got[i], tc.want[i])
			}
		}
	}
	// A repetition that measured nothing has no ns/op to average.
	if got := geoMeanNs([]Rep{{Ops: 0}, {Ops: 3, NsPerOp: 5}}); got != 5 {
		t.Errorf("geoMeanNs skips empty repetitions: got %g, want 5", got)
	}
	if got := geoMeanNs([]Rep{{Ops: 0}}); got != 0 {
		t.Errorf("geoMeanNs of nothing: got %g, want 0", got)
	}
}

// simulatedReps returns rounds of a baseline at 100 ns/op and a subject
// whose every block of k rounds is one fresh instance, off by a normal of
// deviation sigmaI (log), and whose every round adds noise of sigmaE.
func simulatedReps(rng *rand.Rand, blocks, k int, sigmaI, sigmaE float64) (base, subject []Rep) {
	for range blocks {
		// Each strategy's instance is off by its own draw; the ratio sees
		// the difference of the two.
		baseOff, subOff := sigmaI*rng.NormFloat64(), sigmaI*rng.NormFloat64()
		for range k {
			base = append(base, Rep{Ops: 1, NsPerOp: 100 * math.Exp(baseOff)})
			subject = append(subject, Rep{Ops: 1, NsPerOp: 100 * math.Exp(subOff+sigmaE*rng.NormFloat64())})
		}
	}
	return base, subject
}

func TestInstanceSpreadKnownAnswer(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		sigmaI, sigmaE float64
		k              int
	}{
		{0.03, 0.02, 2},
		{0.03, 0.05, 2},
		{0.05, 0.02, 4},
		{0, 0.03, 2},
	} {
		base, subject := simulatedReps(rng, 400, tc.k, tc.sigmaI, tc.sigmaE)
		got, ok := instanceSpread(base, subject, tc.k)
		if !ok {
			t.Fatalf("%+v: no estimate from 400 blocks", tc)
		}
		// Within a tenth of the spread, or of a per cent where there is
		// none: 400 blocks pin it to a few per cent of itself.
		if tol := max(0.15*tc.sigmaI, 0.01); math.Abs(got-tc.sigmaI) > tol {
			t.Errorf("σI=%g σE=%g k=%d: estimated %.4f, want %.4f ± %.4f", tc.sigmaI, tc.sigmaE, tc.k, got, tc.sigmaI, tol)
		}
	}
	base, subject := simulatedReps(rng, minSpreadBlocks-1, 2, 0.03, 0.02)
	if _, ok := instanceSpread(base, subject, 2); ok {
		t.Errorf("an estimate from %d blocks, fewer than %d", minSpreadBlocks-1, minSpreadBlocks)
	}
	if _, ok := instanceSpread(base, subject, 1); ok {
		t.Error("an estimate from blocks of one round, which cannot tell instances from rounds")
	}
}

// TestFreshInstancesKeepAARight is the reason for fresh instances, as a
// known answer: two instances of one strategy differ by a few per cent, so
// an A/A run that measures one instance of each finds a difference far
// more often than α allows, while one that takes a fresh pair a block, an
// observation a block, errs at most as often as α.
func TestFreshInstancesKeepAARight(t *testing.T) {
	const runs, maxBlocks, k = 200, 400, 2
	const sigmaI, sigmaE = 0.03, 0.02
	rng := rand.New(rand.NewPCG(1, 2))
	wrong := func(fresh bool) int {
		n := 0
		for range runs {
			s := NewSequence(DefaultAlpha, DefaultMargin)
			off := sigmaI * math.Sqrt2 * rng.NormFloat64()
			for b := 0; b < maxBlocks && !s.Decided(); b++ {
				if fresh {
					off = sigmaI * math.Sqrt2 * rng.NormFloat64()
				}
				sum := 0.0
				for range k {
					sum += off + sigmaE*rng.NormFloat64()
				}
				s.Add(100*math.Exp(sum/k), 100)
			}
			if v := s.Comparison().Verdict; v == Faster || v == Slower {
				n++
			}
		}
		return n
	}
	one, fresh := wrong(false), wrong(true)
	if limit := runs * 5 / 100; fresh > limit {
		t.Errorf("fresh instances: %d of %d A/A runs said faster or slower, more than α allows (%d)", fresh, runs, limit)
	}
	if one < runs/4 {
		t.Errorf("one instance each: only %d of %d A/A runs went wrong; the simulation no longer shows why instances are renewed", one, runs)
	}
	t.Logf("A/A runs said faster or slower: %d of %d with one instance each, %d with fresh instances", one, runs, fresh)
}

// instanceCounter builds subjects that say which instance served each
// operation, and counts what it built and closed.
type instanceCounter struct {
	built, closed atomic.Int32
	last          atomic.Int32
}

func (c *instanceCounter) subject(name string) *Subject {
	id := c.built.Add(1)
	loop := tinyLoop()
	s := &Subject{
		Name: name,
		Loop: func(ctx context.Context, w, n int) error {
			c.last.Store(id)
			return loop(ctx, w, n)
		},
		Close: func() error { c.closed.Add(1); return nil },
	}
	s.Fresh = func(context.Context) (*Subject, error) { return c.subject(name), nil }
	return s
}

func TestFreshInstanceEveryBlock(t *testing.T) {
	for _, tc := range []struct {
		reps, block int
	}{
		{reps: 12, block: minBlock},
		{reps: 6, block: 1}, // too few rounds for blocks: a fresh instance every round
	} {
		var a, b instanceCounter
		cfg := fastConfig
		cfg.Reps = tc.reps
		rep := runToEnd(t, cfg, []*Subject{a.subject("a"), b.subject("b")})
		res := rep.Strategies[1]
		if res.Instances == nil {
			t.Fatalf("reps=%d: no instances reported", tc.reps)
		}
		// A block is as many rounds as building an instance takes, at
		// least minBlock: building these takes nothing, but a loaded
		// machine can preempt the build for longer than the warm-up
		// round, and the run rightly chooses longer blocks then.
		block := res.Instances.Block
		if tc.block == 1 && block != 1 || tc.block > 1 && block < tc.block {
			t.Fatalf("reps=%d: blocks of %d rounds, want %d (or more, for a slow build)", tc.reps, block, tc.block)
		}
		blocks := (tc.reps + block - 1) / block
		for _, c := range []*instanceCounter{&a, &b} {
			// One instance for calibration and the warm-up, then one a
			// block; every one of them closed.
			if got, want := int(c.built.Load()), 1+blocks; got != want {
				t.Errorf("reps=%d: built %d instances, want %d", tc.reps, got, want)
			}
			if c.closed.Load() != c.built.Load() {
				t.Errorf("reps=%d: built %d instances and closed %d", tc.reps, c.built.Load(), c.closed.Load())
			}
		}
		if res.Instances.Built != blocks || res.Instances.Kept != "" {
			t.Errorf("reps=%d: instances %+v, want %d built in blocks of %d", tc.reps, res.Instances, blocks, block)
		}
		// An observation is a block in which both measured something: a
		// repetition descheduled for its whole time on a loaded machine
		// measures nothing, and its block may then be none.
		c, observed := res.VsBaseline, 0
		for k := 0; k < blocks; k++ {
			if measuredIn(rep.Strategies[0].Reps, k, block) && measuredIn(res.Reps, k, block) {
				observed++
			}
		}
		if c.Block != block || c.N[0] != observed || observed == 0 {
			t.Errorf("reps=%d: comparison of %v observations in blocks of %d, want %d in blocks of %d", tc.reps, c.N, c.Block, observed, block)
		}
	}
}

// measuredIn says whether any repetition of block k, of block rounds,
// measured something.
func measuredIn(reps []Rep, k, block int) bool {
	for _, r := range reps[min(len(reps), k*block):min(len(reps), (k+1)*block)] {
		if r.Ops > 0 && r.NsPerOp > 0 {
			return true
		}
	}
	return false
}

func TestKeptSubjectIsOneInstance(t *testing.T) {
	rep := runToEnd(t, fastConfig, []*Subject{
		{Name: "a", Loop: tinyLoop(), Kept: KeptShared},
		{Name: "b", Loop: tinyLoop()},
	})
	if got := rep.Strategies[0].Instances; got == nil || *got != (Instances{Built: 1, Kept: KeptShared}) {
		t.Errorf("a kept subject's instances: %+v, want one, kept as shared", got)
	}
	if c := rep.Strategies[1].VsBaseline; c.Block != 1 || c.InstanceSpread != nil {
		t.Errorf("without fresh instances: block %d, instance spread %v; want 1 and none", c.Block, c.InstanceSpread)
	}
}

func TestFreshInstanceFailureEndsRun(t *testing.T) {
	s := &Subject{Name: "b", Loop: tinyLoop()}
	s.Fresh = func(context.Context) (*Subject, error) { return nil, errors.New("out of keys") }
	_, err := runUnder(t, context.Background(), fastConfig, []*Subject{{Name: "a", Loop: tinyLoop()}, s})
	if err == nil || !strings.Contains(err.Error(), "b: a fresh instance: out of keys") {
		t.Errorf("got %v, want the subject's build error", err)
	}
}

func TestCancelWhileBuildingAnInstance(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s := &Subject{Name: "b", Loop: tinyLoop()}
	s.Fresh = func(ctx context.Context) (*Subject, error) {
		cancel()
		<-ctx.Done()
		return nil, ctx.Err()
	}
	rep, err := runUnder(t, ctx, fastConfig, []*Subject{{Name: "a", Loop: tinyLoop()}, s})
	if !errors.Is(err, context.Canceled) || rep == nil || !rep.Cancelled {
		t.Errorf("a cancel while building: err %v, report cancelled %v; want the cancel and a partial report", err, rep != nil && rep.Cancelled)
	}
}

// calibratedBatch calibrates s as a fast run does and returns the batch it
// settles on.
func calibratedBatch(t *testing.T, s *Subject) int {
	t.Helper()
	st := newSubjectState(s, fastConfig.WithDefaults())
	if err := st.calibrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st.batch
}

// TestCalibrationIgnoresSlowFirstCalls drives calibration with an operation
// whose first calls are slow, as a map's are while the process around it
// starts up: the batch must be sized as for its twin that was never slow,
// not left at single operations.
func TestCalibrationIgnoresSlowFirstCalls(t *testing.T) {
	slowFirst := func(slow int) *Subject {
		var calls atomic.Int64
		loop := tinyLoop()
		return &Subject{Name: "op", Loop: func(ctx context.Context, w, n int) error {
			if calls.Add(1) <= int64(slow) {
				// Spin rather than sleep: a sleep would let the
				// scheduler decide how long it lasts.
				for t0 := Now(); Now()-t0 < 2*tinyOp; {
				}
			}
			return loop(ctx, w, n)
		}}
	}
	cold, warm := calibratedBatch(t, slowFirst(50)), calibratedBatch(t, slowFirst(0))
	if cold == 0 {
		t.Fatal("an operation slow for its first 50 calls was timed one by one")
	}
	// Both batches take about batchGoal; a generous factor leaves room
	// for a loaded machine.
	if r := float64(cold) / float64(warm); r < 0.25 || r > 4 {
		t.Errorf("batch of the cold-started operation %d, of its twin %d: %.2fx apart", cold, warm, r)
	}
}

// TestCalibrationOutgrowsADisturbedFirstBatch disturbs the first batch
// calibration grows from, one operation, for longer than a whole batch
// should take, as a preemption or a collection does on a loaded machine:
// the batch must still be sized as for its undisturbed twin, not from
// warm batches of one operation, which time mostly the clock (this was
// 36x too small under load).
func TestCalibrationOutgrowsADisturbedFirstBatch(t *testing.T) {
	disturbed := func(on bool) *Subject {
		var probed, done atomic.Bool
		loop := tinyLoop()
		return &Subject{Name: "op", Loop: func(ctx context.Context, w, n int) error {
			// The decision to batch times small batches (see
			// typicalOp); the growth starts after them, from one
			// operation.
			probed.CompareAndSwap(false, n == probeBatch)
			if on && n == 1 && probed.Load() && done.CompareAndSwap(false, true) {
				for t0 := Now(); Now()-t0 < 2*batchGoal; {
				}
			}
			return loop(ctx, w, n)
		}}
	}
	hit, twin := calibratedBatch(t, disturbed(true)), calibratedBatch(t, disturbed(false))
	if r := float64(hit) / float64(twin); r < 0.25 || r > 4 {
		t.Errorf("batch after a disturbed first batch %d, of its twin %d: %.2fx apart", hit, twin, r)
	}
}

// TestCalibrationOfASlowOperation checks that an operation of a millisecond
// or more is timed one by one without spending long on finding out.
func TestCalibrationOfASlowOperation(t *testing.T) {
	var calls atomic.Int64
	s := &Subject{Name: "slow", Loop: func(ctx context.Context, _, n int) error {
		calls.Add(int64(n))
		time.Sleep(2 * time.Millisecond)
		return nil
	}}
	st := newSubjectState(s, fastConfig.WithDefaults())
	if err := st.calibrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st.batch != 0 || calls.Load() > 2 {
		t.Errorf("a 2 ms operation: batch %d after %d calls; want 0 after at most 2", st.batch, calls.Load())
	}
}

// TestCalibrationJudgesATypicalOperation checks that an operation whose
// cost depends on its input, as a slice scan's does on where the key lies,
// is judged by a typical call: one in eight of these takes nanoseconds and
// the rest microseconds, and timing them one by one keeps each one's
// latency in the spectrum.
func TestCalibrationJudgesATypicalOperation(t *testing.T) {
	var calls atomic.Int64
	s := &Subject{Name: "scan", Loop: func(ctx context.Context, _, n int) error {
		for range n {
			if calls.Add(1)%8 != 0 {
				for t0 := Now(); Now()-t0 < 4*tinyOp; {
				}
			}
		}
		return nil
	}}
	st := newSubjectState(s, fastConfig.WithDefaults())
	if err := st.calibrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st.batch != 0 {
		t.Errorf("an operation of 4 µs but one call in eight was batched by %d", st.batch)
	}
}
