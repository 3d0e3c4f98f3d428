package measure

// Subjects that time their own operations in another process (a Python
// worker, whose clock pair per operation would cost more than the
// operation) size their batches by the same rule as the engine's
// calibration, so that their batches mean what the engine's do.
const (
	// TinyOp is the cost, in nanoseconds, under which an operation is
	// timed in batches.
	TinyOp = tinyOp
	// BatchGoal is the least time, in nanoseconds, one batch takes.
	BatchGoal = batchGoal
	// CalibrationWarmup is how long, in nanoseconds, calibration runs an
	// operation warm before it sizes the batch for good.
	CalibrationWarmup = calibrationWarmup
)

// NextBatch returns the batch size to try after prevN operations took
// prevNs, growing towards BatchGoal as the engine's calibration does.
func NextBatch(prevN int, prevNs int64) int { return predictN(batchGoal, prevN, prevNs) }
