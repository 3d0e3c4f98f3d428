package fleet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"

	"github.com/perflab/perflab/labs/internal/httpload"
	"github.com/perflab/perflab/measure"
)

// run runs one repetition: it waits out the start's delay, drives the
// connections for its duration, ships an interval histogram every
// Interval, and ends with a report of the whole.
func (g *generator) run(ctx context.Context, s Job) error {
	conns, err := g.connsFor(s.Target, s.Conns)
	if err != nil {
		return err
	}
	for _, c := range conns {
		c.Counts.Reset()
	}
	if s.Rate < 0 || s.Duration <= 0 || s.Duration > maxDuration || s.Delay < 0 || s.Delay > maxDuration {
		return fmt.Errorf("a repetition needs a rate of at least 0, a duration and a delay within %v", maxDuration)
	}
	at := measure.Now() + int64(s.Delay)
	if s.AtUnixNs > 0 {
		// The wall clock is read once, here, and the wait goes by the
		// monotonic clock.
		at = measure.Now() + min(s.AtUnixNs-time.Now().UnixNano(), int64(maxDuration))
	}
	if err := waitUntil(ctx, at); err != nil {
		return err
	}
	r := &rep{hand: make(chan *hdrhistogram.Histogram, len(conns)), spare: make(chan *hdrhistogram.Histogram, len(conns))}
	done := Done{StartUnixNs: time.Now().UnixNano()}
	t0 := measure.Now()
	repCtx, cancel := context.WithTimeout(ctx, s.Duration)
	defer cancel()
	// The repetition's time is its window on this clock, start to
	// deadline: the answers that arrive in the grace after it were asked
	// for inside it, and counting the grace would understate the rate.
	var end atomic.Int64
	context.AfterFunc(repCtx, func() { end.Store(measure.Now()) })
	tallies := make([]tally, len(conns))
	var wg sync.WaitGroup
	if s.Rate == 0 {
		for i, c := range conns {
			wg.Go(func() { tallies[i] = r.closedLoop(repCtx, c) })
		}
	} else {
		due := make(chan int64, len(conns))
		for i, c := range conns {
			wg.Go(func() { tallies[i] = r.openLoop(repCtx, c, due) })
		}
		wg.Go(func() { done.Dropped = dispatch(repCtx, s.Rate, t0, t0+int64(s.Duration), due) })
	}
	finished := make(chan struct{})
	go func() {
		wg.Wait()
		close(finished)
	}()
	if err := r.ship(g.out, finished, &done.Messages); err != nil {
		cancel()
		<-finished
		return err
	}
	<-repCtx.Done()
	done.ElapsedNs = end.Load() - t0
	for done.ElapsedNs < 0 {
		// The AfterFunc runs on a goroutine of its own: it may not have
		// stored yet.
		runtime.Gosched()
		done.ElapsedNs = end.Load() - t0
	}
	var all httpload.Counts
	all.Reset()
	for i, c := range conns {
		all.Add(&c.Counts)
		done.Ops += tallies[i].ops
		done.Errors += tallies[i].errs
	}
	done.Status, done.Bytes, done.ByKind = all.Status, all.Bytes, all.Errors
	done.Messages++
	return writeLine(g.out, report{Done: &done})
}

// spin is how much of a start's wait is spent polling the clock rather
// than asleep: a timer on a loaded machine fires late by up to a
// scheduler's quantum, which would be the start's skew; a spin of one
// millisecond on one core costs nothing that matters once a repetition.
const spin = time.Millisecond

// waitUntil returns at the clock's reading at, or when ctx ends.
func waitUntil(ctx context.Context, at int64) error {
	if d := time.Duration(at-measure.Now()) - spin; d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
	for measure.Now() < at {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		runtime.Gosched()
	}
	return nil
}

// A tally is what one connection's goroutine counted.
type tally struct{ ops, errs int64 }

// A rep is the hand-off of histograms from a repetition's goroutines to
// its shipper. Each goroutine records into a histogram of its own, with no
// lock, and hands it over once an Interval at its next record, taking a
// spare: the hot path pays one clock read and one comparison, never a
// lock or a channel operation, as the engine's recorders do.
type rep struct {
	hand, spare chan *hdrhistogram.Histogram
}

// take returns a spare histogram, or a new one.
func (r *rep) take() *hdrhistogram.Histogram {
	select {
	case h := <-r.spare:
		return h
	default:
		return measure.NewHistogram()
	}
}

// recorder is one goroutine's histogram and when it is next handed over.
type recorder struct {
	r    *rep
	h    *hdrhistogram.Histogram
	next int64
}

func (r *rep) recorder() *recorder {
	return &recorder{r: r, h: r.take(), next: measure.Now() + int64(Interval)}
}

// record records a latency that ended at now.
func (rc *recorder) record(ns, now int64) {
	_ = rc.h.RecordValue(min(max(ns, 1), int64(time.Hour)))
	if now >= rc.next {
		rc.r.hand <- rc.h
		rc.h, rc.next = rc.r.take(), now+int64(Interval)
	}
}

// flush hands over what is left at the repetition's end.
func (rc *recorder) flush() { rc.r.hand <- rc.h }

// closedLoop sends requests back to back on c until ctx ends.
func (r *rep) closedLoop(ctx context.Context, c *httpload.Conn) tally {
	rc := r.recorder()
	defer rc.flush()
	var t tally
	for ctx.Err() == nil {
		start := measure.Now()
		t.count(ctx, c.Do(ctx), rc, start)
	}
	return t
}

// openLoop sends one request for each due time it is given, and counts its
// latency from that time, so that a server that falls behind is charged
// for the requests it kept waiting (coordinated omission corrected).
func (r *rep) openLoop(ctx context.Context, c *httpload.Conn, due <-chan int64) tally {
	rc := r.recorder()
	defer rc.flush()
	var t tally
	for at := range due {
		t.count(ctx, c.Do(ctx), rc, at)
	}
	return t
}

// count counts one request that ended now: one cut at the repetition's end
// counts nowhere, a failure as an error, the rest as an operation whose
// latency runs from since (when it was sent, or when it was due).
func (t *tally) count(ctx context.Context, err error, rc *recorder, since int64) {
	now := measure.Now()
	switch {
	case err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()):
	case err != nil:
		t.errs++
	default:
		t.ops++
		rc.record(now-since, now)
	}
}

// dispatch puts a due time on due rate times a second from t0 until end
// (or until ctx ends), and closes due. The window is counted on the
// generator's clock, not by the context's timer, which a busy machine can
// run late: a repetition asks for exactly its rate times its duration. A
// due time that finds every connection busy and the queue full is
// dropped and counted.
func dispatch(ctx context.Context, rate float64, t0, end int64, due chan<- int64) (dropped int64) {
	defer close(due)
	gap := 1e9 / rate
	for k := int64(0); ; k++ {
		at := t0 + int64(float64(k)*gap)
		if at >= end {
			return dropped
		}
		if d := at - measure.Now(); d > 0 {
			t := time.NewTimer(time.Duration(d))
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return dropped
			}
		}
		if ctx.Err() != nil {
			return dropped
		}
		select {
		case due <- at:
		default:
			dropped++
		}
	}
}

// ship merges the histograms handed over and writes one interval report
// every Interval until finished is closed, then writes the last. It
// counts the messages it wrote.
func (r *rep) ship(out io.Writer, finished <-chan struct{}, messages *int64) error {
	acc := measure.NewHistogram()
	tick := time.NewTicker(Interval)
	defer tick.Stop()
	take := func(h *hdrhistogram.Histogram) {
		acc.Merge(h)
		h.Reset()
		select {
		case r.spare <- h:
		default:
		}
	}
	send := func() error {
		if acc.TotalCount() == 0 {
			return nil
		}
		s, err := encodeHist(acc)
		if err != nil {
			return err
		}
		acc.Reset()
		*messages++
		return writeLine(out, report{Hist: s})
	}
	for {
		select {
		case h := <-r.hand:
			take(h)
		case <-tick.C:
			if err := send(); err != nil {
				return err
			}
		case <-finished:
			for {
				select {
				case h := <-r.hand:
					take(h)
				default:
					return send()
				}
			}
		}
	}
}
