// Package measure is perflab's measurement engine: it times strategies, side
// by side, and says with a statistical verdict which is faster.
//
// # Subjects
//
// A Subject is one strategy made ready to measure. A Loop subject is driven
// by the engine: Config.Workers goroutines call Loop and time it. A Drive
// subject owns its concurrency (a pool of k goroutines, a server, worker
// processes): each call to Drive runs one batch of work whose goroutines time
// their own operations with Now and record them into the Recorders they are
// given. Enter runs before each repetition, outside the clock; Close runs once
// at the end.
//
// # Recorders and the hand-over
//
// A Recorder holds one goroutine's latencies in an HdrHistogram. Recording
// loads one flag and records a value: no lock, no atomic write, no channel,
// no allocation, since two locked instructions alone would cost more than
// the 10 ns budget. Every Config.Interval the collector asks each recorder
// for its histogram by leaving a spare and raising the flag; the recording
// goroutine hands the full histogram over at its next record and carries on
// into the spare. Live figures therefore trail by one interval, while each
// repetition's totals, taken once its goroutines have returned, are exact.
// A Drive subject's goroutines record through a RecorderSet: a pool of k
// goroutines owns k recorders (RecordersFor), and only thousands of
// goroutines that cannot own one each, a goroutine per request, borrow one
// of a few from a recorderPool, after their clock has stopped.
//
// # Calibration
//
// An operation under a microsecond cannot be timed on its own: the clock
// costs more. Such a Loop is timed in batches sized as testing.B sizes b.N
// (predictN): grown until one batch takes at least 10 µs, then grown again
// after running warm for 10 ms. Its histogram then holds batch means, and
// the result says so.
//
// # Rounds
//
// Repetitions are interleaved across subjects in rounds, A B C, then C B A,
// so that a machine whose speed drifts touches every subject alike and no
// subject always follows the same other one; the first round is a
// discarded warm-up. Each repetition starts from a collected heap and ends
// at Config.RepDuration (a Drive subject finishes its batch) or, for a
// Loop, after Config.RepOps operations, whichever comes first. With
// Config.Reps zero, rounds go on until every comparison is decided, and a
// faster or slower one's speedup known within the margin while the budget
// can reach it (see Run.decided), or Config.MaxTime ends; a positive Reps
// fixes their number.
//
// # Closed and open loop
//
// In a closed loop each worker starts its next operation when the last one
// ends, so a stall also holds back the operations behind it and the tail
// understates latency (coordinated omission); the result warns of it. With
// Config.Rate set, a dispatcher starts operations at that rate whatever the
// latency, and each operation's response time is counted from its intended
// start, beside its service time from its actual start; late and dropped
// dispatches are counted.
//
// # Snapshots
//
// Start returns a Run at once. After each collection the Run publishes an
// immutable Snapshot on a channel that holds one, where the newest replaces
// one not yet read (Offer): a slow reader sees the latest state and never
// slows a workload.
//
// # Comparison and verdicts
//
// Wait returns a Report: every subject's Result (per-repetition ns/op,
// percentiles, throughput, allocations, errors, warnings) and, for all but
// the first, a Comparison with that baseline. Every comparison follows one
// model: Faster or Slower when the speedup's interval excludes 1 (p < α,
// the same test), Same ("~") when it lies inside ±Config.Margin, and
// Inconclusive otherwise, with the reason and how many more rounds would
// decide it. Within a run a Sequence decides each comparison from the
// per-round ratios with a confidence sequence for their median, valid
// however often it is looked at, so the run may stop at the round that
// decides. NewDiff compares two saved runs under the same rules, unpaired
// (compareRuns).
//
// The engine times an empty operation when a run starts and reports its own
// overhead with the results. Writers of tables, CSV, Markdown, JSON and the
// Go benchmark format live in measure/report, which this package does not
// import.
//
// With Config.Profile set, the run ends with profiling rounds, after the
// measured ones so that the profiler touches no repetition a verdict rests
// on: interleaved as the measured rounds are, for at least two rounds and
// profileMinTime, or a fifth of the measured run's time when that is longer
// (at most profileMaxTime), under one CPU profile split by a strategy label
// (package measure/profile). Each Result's Profile gives its functions' time
// per operation; Report.ProfileNs the time the rounds took.
//
// The engine is the bottom layer: besides the standard library it imports
// only HdrHistogram, golang.org/x/perf/benchmath and its own measure/profile
// (which imports the pprof profile library), never a lab, the TUI or a UI
// library, not even through another package. cmd/perflab's
// layers_test.go holds this.
package measure
