package measure

// NextBatch returns the batch size to try after prevN operations took
// prevNs, growing towards a batch of goalNs by the rule of the engine's
// calibration (testing.B's predictN). Subjects that time their batches
// themselves in another process, such as a Python worker whose clock costs
// far more than Go's, size them with it towards a goal fit to their clock.
func NextBatch(goalNs int64, prevN int, prevNs int64) int { return predictN(goalNs, prevN, prevNs) }
