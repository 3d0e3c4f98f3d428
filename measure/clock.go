package measure

import "time"

// base is the origin of the engine's monotonic clock. Readings are
// nanoseconds since base, taken from the runtime's monotonic clock, so they
// never jump with wall-clock adjustments.
var base = time.Now()

// Now returns the engine's monotonic clock reading in nanoseconds. Subjects
// that time their own operations use it with Recorder.RecordSince.
func Now() int64 { return int64(time.Since(base)) }
