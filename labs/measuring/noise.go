package measuring

import (
	"context"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// Bursts of background load: each noisy goroutine is busy, then idle, for
// random spans of this mean length. Spans of tens of milliseconds are
// comparable to one repetition, so some repetitions meet more load than
// others: noise between repetitions is what widens a median's interval.
const (
	meanBusy = 20 * time.Millisecond
	meanIdle = 30 * time.Millisecond
)

// startNoise starts k goroutines that burn CPU in random bursts until the
// run's context ends or the run closes, whichever comes first. Closing
// waits for them, so that none outlives the run.
func startNoise(env *lab.Env, k int) {
	if k <= 0 {
		return
	}
	ctx, cancel := context.WithCancel(env.Ctx)
	var wg sync.WaitGroup
	for i := range k {
		rng := rand.New(rand.NewPCG(uint64(i)+1, 99))
		wg.Go(func() { burst(ctx, rng) })
	}
	env.OnClose(func() error {
		cancel()
		wg.Wait()
		return nil
	})
}

// noiseRunning counts the noisy goroutines alive, so that a test can see
// them all end.
var noiseRunning atomic.Int32

// noiseSink keeps the busy loop's arithmetic from being optimised away.
var noiseSink atomic.Uint64

// burst alternates idle and busy spans of exponentially distributed length
// until ctx ends. While busy it spins on arithmetic, looking at ctx every few
// microseconds so that it stops at once when the run does.
func burst(ctx context.Context, rng *rand.Rand) {
	noiseRunning.Add(1)
	defer noiseRunning.Add(-1)
	idle := time.NewTimer(time.Hour)
	defer idle.Stop()
	for {
		idle.Reset(time.Duration(rng.ExpFloat64() * float64(meanIdle)))
		select {
		case <-ctx.Done():
			return
		case <-idle.C:
		}
		until := measure.Now() + int64(rng.ExpFloat64()*float64(meanBusy))
		x := rng.Uint64()
		for measure.Now() < until {
			for range 1000 {
				x = x*6364136223846793005 + 1442695040888963407
			}
			if ctx.Err() != nil {
				noiseSink.Store(x)
				return
			}
		}
		noiseSink.Store(x)
	}
}
