package measure

import "sync/atomic"

// overrun keeps what the repetitions' bounds did to the operations that met
// them: those in flight at the bound that were cut (an Interruptible
// subject's), and those that ran past a whole repetition because the engine
// cannot stop one Go call. Without it a repetition of 1 ms that took a
// second, or a run whose every request was cut, would say nothing of why.
// Workers write it at once; the run reads it after the last repetition.
type overrun struct {
	// cut counts the operations cut at a bound, and cutNs is how long the
	// longest of them had run.
	cut, cutNs atomic.Int64
	// long counts the operations that took longer than a repetition, and
	// longNs is the longest.
	long, longNs atomic.Int64
}

// noteCut keeps an operation cut at the bound after running d ns.
func (o *overrun) noteCut(d int64) {
	o.cut.Add(1)
	storeMax(&o.cutNs, d)
}

// noteOp keeps an operation that finished after d ns, if it outlasted a
// repetition of bound ns.
func (o *overrun) noteOp(d, bound int64) {
	if d > bound {
		o.long.Add(1)
		storeMax(&o.longNs, d)
	}
}

// storeMax raises v to x if x is larger.
func storeMax(v *atomic.Int64, x int64) {
	for {
		old := v.Load()
		if x <= old || v.CompareAndSwap(old, x) {
			return
		}
	}
}

// findings says what the bounds did: operations cut at a bound, and
// operations that outlasted a repetition, the last with whether the engine
// could have cut them (it cannot interrupt one Go call). Operations that
// outlast a repetition are said when they are at least one in a hundred of
// the ops measured: a lone one among millions is a stall of the machine
// (a preempted batch of map lookups "took" 12 ms), which the tail's
// findings speak of, not an operation too long for its repetition.
func (o *overrun) findings(s *Subject, repNs, ops int64) []Finding {
	var f []Finding
	if n := o.cut.Load(); n > 0 {
		f = append(f, Finding{Kind: FindingCut, Count: n, OpNs: o.cutNs.Load(), RepNs: repNs})
	}
	if n := o.long.Load(); n > 0 && n*100 >= ops {
		f = append(f, Finding{Kind: FindingLongOp, Count: n, OpNs: o.longNs.Load(), RepNs: repNs,
			Uninterruptible: !s.Interruptible, Knob: KnobDuration})
	}
	return f
}
