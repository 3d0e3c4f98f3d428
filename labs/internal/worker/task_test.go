package worker

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestCountPrimesAgreesWithSieve(t *testing.T) {
	ranges := [][2]uint64{{0, 100}, {0, 2}, {2, 3}, {1_000_000, 1_010_000}, {97, 98}, {10, 10}, {65_530, 65_550}}
	for _, r := range ranges {
		got, want := CountPrimes(r[0], r[1]), SievePrimes(r[0], r[1])
		if got != want {
			t.Errorf("[%d, %d): trial division %d, sieve %d", r[0], r[1], got, want)
		}
	}
	if got := SievePrimes(0, 100); got != 25 {
		t.Errorf("primes below 100: got %d, want 25", got)
	}
}

func TestDoRejectsBadTasks(t *testing.T) {
	tests := []struct {
		task Task
		want string
	}{
		{Task{ID: 1, Kind: Primes, A: 10, B: 5}, "reversed"},
		{Task{ID: 2, Kind: Primes, A: 0, B: MaxPrimesSpan + 1}, "wider than"},
		{Task{ID: 5, Kind: Primes, A: 1<<64 - 10, B: 1<<64 - 1}, "ends past"},
		{Task{ID: 3, Kind: Sleep, A: uint64(2 * MaxSleep)}, "longer than"},
		// 1<<63 ns read as a Duration is negative: the message must say
		// the number that was sent.
		{Task{ID: 6, Kind: Sleep, A: 1 << 63}, "sleep of 9223372036854775808 ns is longer than 1m0s"},
		{Task{ID: 4, Kind: 77}, "unknown kind 77"},
	}
	for _, tt := range tests {
		_, err := Do(context.Background(), tt.task)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("task %d: got %v, want an error containing %q", tt.task.ID, err, tt.want)
		}
	}
}

func TestDoStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, task := range []Task{{Kind: Sleep, A: uint64(time.Minute)}, {Kind: Primes, A: 0, B: MaxPrimesSpan}} {
		if _, err := Do(ctx, task); err != context.Canceled {
			t.Errorf("%v task under a cancelled context: got %v, want context.Canceled", task.Kind, err)
		}
	}
}
