package optimize

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"time"

	"github.com/perflab/perflab/labs/internal/clock"
	"github.com/perflab/perflab/measure"
)

// A value is what the expensive call returns for a key: a 32-byte digest,
// the size of a small record or a derived key.
type value [32]byte

// A backend is the expensive call a cache stands in front of. It is either
// real CPU work (rounds of SHA-256, like deriving a key from a password) or
// a wait standing in for a remote service, followed by one round.
type backend struct {
	rounds int
	// wait, if positive, is slept before answering.
	wait time.Duration
}

// newBackend returns the backend of a run: mode "cpu" burns cost in hash
// rounds, calibrated on this machine; mode "wait" sleeps for cost.
func newBackend(mode string, cost time.Duration) *backend {
	if mode == "wait" {
		return &backend{rounds: 1, wait: cost}
	}
	return &backend{rounds: roundsFor(cost)}
}

// fetch computes the value of key. A wait ends early when ctx does, so that
// a cancelled run does not sit out a slow backend.
func (b *backend) fetch(ctx context.Context, key uint64) (value, error) {
	if b.wait > 0 {
		if err := clock.Sleep(ctx, b.wait); err != nil {
			return value{}, err
		}
	}
	return digest(key, b.rounds), nil
}

// digest hashes key rounds times: the same key always gives the same value,
// so every strategy's answers can be checked against the backend's.
func digest(key uint64, rounds int) value {
	var v value
	binary.LittleEndian.PutUint64(v[:], key)
	for range rounds {
		v = sha256.Sum256(v[:])
	}
	return v
}

// roundsFor returns how many hash rounds take about cost on this machine:
// it times a block of rounds, best of five, so that one preempted try does
// not inflate the count.
func roundsFor(cost time.Duration) int {
	const block = 2000
	best := int64(1 << 62)
	for range 5 {
		t0 := measure.Now()
		digest(uint64(t0), block)
		best = min(best, measure.Now()-t0)
	}
	perRound := max(1, float64(best)/block)
	return max(1, int(float64(cost)/perRound+0.5))
}
