package measure

import (
	"context"
	"runtime/pprof"
)

// WorkFor runs f on the calling goroutine under the profiling labels of
// ctx, and under none after. In a profiling round the engine labels the
// work of the strategy it profiles, and the goroutines the work starts
// inherit the label; a goroutine that outlives runs (a pool's worker,
// started before the first) inherits nothing from the work it is handed.
// Taking the labels from the ctx it works for makes its samples count for
// the strategy whose round handed it the work, instead of for none.
func WorkFor(ctx context.Context, f func()) {
	pprof.SetGoroutineLabels(ctx)
	defer pprof.SetGoroutineLabels(context.Background())
	f()
}
