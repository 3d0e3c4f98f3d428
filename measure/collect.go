package measure

import (
	"time"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"
)

// collect takes what the recorders hold and adds it to the interval and the
// repetition under way, and appends the interval to the timeline. While the
// repetition runs (live) it takes only what the recorders handed over; once
// it has ended it takes all.
func (st *subjectState) collect(warm, live bool) {
	now := Now()
	st.drain(st.recs, st.interval, live)
	if st.openLoop {
		st.drain(st.svc, st.svcInterval, live)
	}
	dt := now - st.lastCollect
	ops := st.interval.TotalCount()
	span := st.heldSpan(now, live, ops)
	st.lastCollect = now
	if ops == 0 && dt < int64(st.cfg.Interval)/2 {
		// A final collection right after a tick: nothing to show. Its
		// time still counts, or throughput would leave out the spans in
		// which nothing finished.
		st.repNs += dt
		return
	}
	p := Point{At: time.Duration(now - st.runStart), Warmup: warm, Ops: ops}
	if ops > 0 {
		p.Throughput = float64(ops) / (float64(max(span, 1)) / 1e9)
		v := st.interval.ValueAtPercentilesSlice([]float64{50, 99})
		p.P50, p.P99, p.Max = v[0], v[1], st.interval.Max()
	}
	st.timeline = append(st.timeline, p)
	st.rep.Merge(st.interval)
	st.repOps += ops
	st.repNs += dt
	if st.openLoop {
		st.svcRep.Merge(st.svcInterval)
	}
	st.interval.Reset()
	if st.openLoop {
		st.svcInterval.Reset()
	}
	st.haveLast = false
}

// heldSpan returns the time over which the ops operations a collection at
// now took were recorded, and moves the start of what the recorders still
// hold. A live collection takes what was handed over at the collection
// before it, so its operations began when the last one taken ended and
// stopped at the last collection; a final collection takes all that was
// held, up to now. Counting a collection's operations over its own span
// instead would show a whole interval's operations over the microseconds
// between the last tick and the end of the repetition.
func (st *subjectState) heldSpan(now int64, live bool, ops int64) int64 {
	if !live {
		span := now - st.heldFrom
		st.heldFrom = now
		return span
	}
	if ops == 0 {
		// Nothing was handed over: what is held still dates from
		// heldFrom.
		return 0
	}
	span := st.lastCollect - st.heldFrom
	st.heldFrom = st.lastCollect
	return span
}

// drain moves what recs recorded into into.
func (st *subjectState) drain(recs []*Recorder, into *hdrhistogram.Histogram, live bool) {
	for _, r := range recs {
		if !live {
			st.spares = append(st.spares, r.takeAll(into)...)
			continue
		}
		spare := st.spare()
		taken, used := r.poll(spare)
		if !used {
			st.spares = append(st.spares, spare)
		}
		if taken != nil {
			into.Merge(taken)
			taken.Reset()
			st.spares = append(st.spares, taken)
		}
	}
}

// spare returns an empty histogram from the free list, or a new one.
func (st *subjectState) spare() *hdrhistogram.Histogram {
	n := len(st.spares)
	if n == 0 {
		return NewHistogram()
	}
	h := st.spares[n-1]
	st.spares = st.spares[:n-1]
	return h
}
