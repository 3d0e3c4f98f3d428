// Package fleet spreads an HTTP load over generator processes, standing in
// for machines: each records its own latencies on its own clock into HDR
// histograms and ships interval histograms to the coordinator, which merges
// them exactly into the engine's recorders.
package fleet

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"

	"github.com/perflab/perflab/measure"
)

// StartLead is how far ahead of the first command the coordinator sets a
// repetition's start, so that every generator has its command before the
// moment comes. Generators on this machine start on the wall clock they
// share with it, and spin the last millisecond, so the start's skew is the
// scheduler's latency, not the lead nor the pipe's; Skew measures it every
// repetition.
const StartLead = 20 * time.Millisecond

// SkewTolerance is the start's skew perflab promises on one machine: every
// generator begins its repetition within this of the others. A run whose
// measured skew is above it says so in its figures.
const SkewTolerance = 5 * time.Millisecond

// MaxGenerators bounds a local fleet: each generator is a process with its
// own runtime, and a machine gains nothing past a few per core.
const MaxGenerators = 64

// stallGrace is how long past a repetition's end a generator may take to
// report it before it is named as stalled.
const stallGrace = 10 * time.Second

// A Fleet is the coordinator's side of a set of generators: processes it
// spawned on this machine, or processes on other machines that joined its
// Hub.
type Fleet struct {
	links []link
	lost  []bool
	// why is each lost generator's loss.
	why []*Loss
	// owned says the fleet started its generators and stops them on
	// Close; a hub's generators outlive one fleet (a sweep attaches a
	// fleet per point) and are released when the hub closes.
	owned bool
	// grace is how long past a repetition's end a generator may take to
	// report it; zero is stallGrace. A test of a stall sets it short.
	grace time.Duration
}

// Start spawns n generators and sends each the run's targets. Cancelling
// ctx kills them all.
func Start(ctx context.Context, n int, targets []Target) (*Fleet, error) {
	if n < 1 || n > MaxGenerators {
		return nil, fmt.Errorf("generators must be between 1 and %d, got %d", MaxGenerators, n)
	}
	f := &Fleet{owned: true}
	for i := range n {
		p, err := spawn(ctx, "gen"+strconv.Itoa(i+1))
		if p != nil {
			f.links = append(f.links, p)
			f.lost = append(f.lost, false)
		}
		if err != nil {
			return nil, errors.Join(err, f.Close())
		}
	}
	if err := f.setup(targets); err != nil {
		return nil, errors.Join(err, f.Close())
	}
	return f, nil
}

// setup sends every generator still in the run the targets, and waits
// for each to be ready before the first repetition, so that a process
// still starting up cannot skew the first start.
func (f *Fleet) setup(targets []Target) error {
	for i, l := range f.links {
		if !f.lost[i] {
			if err := l.send(command{Setup: targets}); err != nil {
				return err
			}
		}
	}
	for i, l := range f.links {
		if f.lost[i] {
			continue
		}
		r, err := l.recv(readyTimeout)
		if err == nil && r.Fail != "" {
			err = l.describe(errors.New(r.Fail))
		}
		if err == nil && !r.Ready {
			err = l.describe(errors.New("answered its setup with something other than ready"))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// readyTimeout bounds how long a generator may take to start.
const readyTimeout = 10 * time.Second

// read reads generator i's next report within d; a generator's failure
// is an error.
func (f *Fleet) read(i int, d time.Duration) (report, error) {
	l := f.links[i]
	r, err := l.recv(d)
	if err == nil && r.Fail != "" {
		err = l.describe(errors.New(r.Fail))
	}
	return r, err
}

// Names are the generators' names, in order.
func (f *Fleet) Names() []string {
	out := make([]string, len(f.links))
	for i, l := range f.links {
		out[i] = l.name()
	}
	return out
}

// A RepResult is one repetition across the fleet.
type RepResult struct {
	// Gens are each generator's account, in order; a generator lost or
	// out of the run has none (Ran false).
	Gens []Done
	// Ran says which generators ran the repetition to its end.
	Ran []bool
	// Lost are the generators that died or stalled in this repetition,
	// by index, each with why; the repetition has only the others' load
	// and latencies. A lost generator takes no part in later ones.
	Lost map[int]*Loss
	// Skew is the spread of the generators' start times, read on this
	// machine's wall clock, which local generators share.
	Skew time.Duration
	// Hist is every generator's latencies merged.
	Hist *hdrhistogram.Histogram
}

// Lost says whether generator i died or stalled and is out of the run.
func (f *Fleet) Lost(i int) bool { return f.lost[i] }

// Why says why generator i was lost, nil while it is in the run; a fleet
// raced over several URLs knows it in every URL's figures, whichever
// repetition lost it.
func (f *Fleet) Why(i int) *Loss {
	if i >= len(f.why) {
		return nil
	}
	return f.why[i]
}

// Alive is how many generators are still in the run.
func (f *Fleet) Alive() int {
	n := 0
	for _, lost := range f.lost {
		if !lost {
			n++
		}
	}
	return n
}

// Rep runs one repetition of s on every generator still in the run at one
// moment, and records generator i's latencies into recs[i] as its
// intervals arrive. A generator that dies or stalls is killed, named in
// the result's Lost, and left out from then on; Rep fails only when no
// generator is left.
func (f *Fleet) Rep(s Job, recs []*measure.Recorder) (RepResult, error) {
	if len(recs) != len(f.links) {
		return RepResult{}, fmt.Errorf("%d recorders for %d generators", len(recs), len(f.links))
	}
	n := len(f.links)
	res := RepResult{Gens: make([]Done, n), Ran: make([]bool, n), Lost: map[int]*Loss{}, Hist: measure.NewHistogram()}
	errs := make([]error, n)
	at := time.Now().Add(StartLead)
	if f.owned {
		s.AtUnixNs = at.UnixNano()
	}
	for i, l := range f.links {
		if f.lost[i] {
			continue
		}
		s.Delay = max(0, time.Until(at))
		errs[i] = l.send(command{Start: &s})
	}
	hists := make([]*hdrhistogram.Histogram, n)
	var wg sync.WaitGroup
	for i := range f.links {
		if f.lost[i] || errs[i] != nil {
			continue
		}
		wg.Go(func() {
			hists[i] = measure.NewHistogram()
			res.Gens[i], errs[i] = f.collect(i, StartLead+s.Duration, recs[i], hists[i])
		})
	}
	wg.Wait()
	first := true
	var lo, hi int64
	for i, l := range f.links {
		switch {
		case errs[i] != nil:
			// Why is read before the kill, which would otherwise be
			// the signal a stalled generator is said to have died of.
			res.Lost[i] = lossOf(errs[i])
			f.lost[i] = true
			f.why = append(f.why, make([]*Loss, len(f.links)-len(f.why))...)
			f.why[i] = res.Lost[i]
			l.kill()
		case !f.lost[i]:
			res.Ran[i] = true
			d := res.Gens[i]
			if first {
				lo, hi, first = d.StartUnixNs, d.StartUnixNs, false
			}
			lo, hi = min(lo, d.StartUnixNs), max(hi, d.StartUnixNs)
			res.Hist.Merge(hists[i])
		}
	}
	res.Skew = time.Duration(hi - lo)
	if f.Alive() == 0 {
		var all []error
		for _, loss := range res.Lost {
			all = append(all, loss)
		}
		return res, fmt.Errorf("every generator is lost: %w", errors.Join(all...))
	}
	return res, nil
}

// collect reads generator i's reports of one repetition until its Done,
// recording its intervals into rec and h. A generator that says nothing
// for long past the repetition's end is stalled, and named.
func (f *Fleet) collect(i int, span time.Duration, rec *measure.Recorder, h *hdrhistogram.Histogram) (Done, error) {
	l := f.links[i]
	var got int64
	for {
		// Intervals come every Interval; a generator silent for the
		// whole repetition and the grace past it is stalled.
		r, err := f.read(i, span+cmp.Or(f.grace, stallGrace))
		if err != nil {
			return Done{}, err
		}
		got++
		if r.Hist != "" {
			ih, err := decodeHist(r.Hist)
			if err != nil {
				return Done{}, l.describe(err)
			}
			Replay(ih, rec)
			h.Merge(ih)
		}
		if r.Done != nil {
			// A wire that dropped a report (a slow NATS consumer)
			// would leave latencies out of the merge: the count says
			// so, rather than a merge that is silently short.
			if got != r.Done.Messages {
				return Done{}, l.describe(fmt.Errorf("%d of its %d reports of the repetition arrived", got, r.Done.Messages))
			}
			for range r.Done.Errors {
				rec.Error()
			}
			return *r.Done, nil
		}
	}
}

// Replay records every value of h into rec. Each bar is recorded at its
// lowest equivalent value, which falls in the same bucket of a histogram
// of the same range and precision (every histogram here is
// measure.NewHistogram's): the merge is exact, as hdrhistogram's own Merge
// is, and only on the recording goroutine's side of rec.
func Replay(h *hdrhistogram.Histogram, rec RecorderN) {
	for _, b := range h.Distribution() {
		if b.Count > 0 {
			rec.RecordN(b.From, b.Count)
		}
	}
}

// A RecorderN records n values of ns nanoseconds each, as
// measure.Recorder does.
type RecorderN interface{ RecordN(ns, n int64) }

var _ RecorderN = (*measure.Recorder)(nil)

// Close stops every generator the fleet started and waits for each to
// exit; a hub's generators are released by the hub's Close.
func (f *Fleet) Close() error {
	if !f.owned {
		return nil
	}
	var errs []error
	for _, l := range f.links {
		errs = append(errs, l.(*proc).stop(2*time.Second))
	}
	return errors.Join(errs...)
}
