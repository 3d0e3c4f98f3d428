package worker

import (
	"context"
	"fmt"
	"time"

	"github.com/perflab/perflab/labs/internal/clock"
)

// Kind says what a task does.
type Kind uint8

// The task kinds.
const (
	// Primes counts the primes in [A, B): CPU-bound work that splits into
	// chunks of any size.
	Primes Kind = 1
	// Sleep waits A nanoseconds: a stand-in for work that waits on a disk,
	// a database or another service, and so scales past the core count.
	Sleep Kind = 2
	// PyPrimes is Primes done in CPython by a Runner's Python process:
	// the same count, by the same trial division, in the interpreter.
	PyPrimes Kind = 3
	// PySleep is Sleep done in CPython, with time.sleep.
	PySleep Kind = 4
)

func (k Kind) String() string {
	switch k {
	case Primes:
		return "primes"
	case Sleep:
		return "sleep"
	case PyPrimes:
		return "python-primes"
	case PySleep:
		return "python-sleep"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Bounds on a task's arguments, so that a garbled task cannot keep a worker
// busy for hours. MaxPrimesEnd keeps a number's trial division under a
// millisecond, so that a cancel is seen within seconds, and its square root's
// square far from overflowing, where isPrime would loop for good.
const (
	MaxPrimesSpan = 1 << 30
	MaxPrimesEnd  = 1 << 40
	MaxSleep      = time.Minute
)

// Do runs t and returns its value: the number of primes for Primes, 0 for
// Sleep. It returns early with ctx's error when ctx is cancelled. The
// Python kinds need a Python process: a Runner does them.
func Do(ctx context.Context, t Task) (uint64, error) {
	switch t.Kind {
	case Primes:
		if err := checkPrimes(t); err != nil {
			return 0, err
		}
		return countPrimesCtx(ctx, t.A, t.B)
	case Sleep:
		if err := checkSleep(t); err != nil {
			return 0, err
		}
		return 0, clock.Sleep(ctx, time.Duration(t.A))
	}
	return 0, fmt.Errorf("task %d: unknown kind %d", t.ID, uint8(t.Kind))
}

// checkPrimes refuses a primes range outside the bounds above.
func checkPrimes(t Task) error {
	if t.B < t.A || t.B-t.A > MaxPrimesSpan {
		return fmt.Errorf("task %d: primes range [%d, %d) is reversed or wider than %d", t.ID, t.A, t.B, MaxPrimesSpan)
	}
	if t.B > MaxPrimesEnd {
		return fmt.Errorf("task %d: primes range [%d, %d) ends past %d", t.ID, t.A, t.B, uint64(MaxPrimesEnd))
	}
	return nil
}

// checkSleep refuses a sleep longer than MaxSleep.
func checkSleep(t Task) error {
	if t.A > uint64(MaxSleep) {
		// Said in nanoseconds: past 1<<63 a Duration would turn
		// negative and the message would lie.
		return fmt.Errorf("task %d: sleep of %d ns is longer than %v", t.ID, t.A, MaxSleep)
	}
	return nil
}

// primesStep is how many numbers countPrimesCtx tests between looks at its
// context: a few hundred microseconds of work, so that a cancel is seen
// quickly without a check per number.
const primesStep = 4096

func countPrimesCtx(ctx context.Context, lo, hi uint64) (uint64, error) {
	var n uint64
	for lo < hi {
		end := min(hi, lo+primesStep)
		n += CountPrimes(lo, end)
		lo = end
		if err := ctx.Err(); err != nil {
			return n, err
		}
	}
	return n, nil
}

// CountPrimes counts the primes in [lo, hi) by trial division. It is slow on
// purpose: the lab needs CPU-bound work whose cost grows with the range, and
// trial division of each number on its own has no shared state to contend on.
func CountPrimes(lo, hi uint64) uint64 {
	var n uint64
	for x := lo; x < hi; x++ {
		if isPrime(x) {
			n++
		}
	}
	return n
}

func isPrime(x uint64) bool {
	if x < 2 {
		return false
	}
	if x%2 == 0 {
		return x == 2
	}
	for d := uint64(3); d*d <= x; d += 2 {
		if x%d == 0 {
			return false
		}
	}
	return true
}

// SievePrimes counts the primes in [lo, hi) with a segmented sieve of
// Eratosthenes: a check of CountPrimes by an independent method, fast
// enough to run over a whole job before it starts.
func SievePrimes(lo, hi uint64) uint64 {
	if hi <= lo {
		return 0
	}
	root := uint64(1)
	for root*root < hi {
		root++
	}
	small := make([]bool, root+1) // small[i]: i is composite
	var primes []uint64
	for i := uint64(2); i <= root; i++ {
		if small[i] {
			continue
		}
		primes = append(primes, i)
		for j := i * i; j <= root; j += i {
			small[j] = true
		}
	}
	const segment = 1 << 16
	composite := make([]bool, segment)
	var n uint64
	for s := lo; s < hi; s += segment {
		e := min(hi, s+segment)
		clear(composite)
		for _, p := range primes {
			if p*p >= e {
				break
			}
			first := max(p*p, (s+p-1)/p*p)
			for j := first; j < e; j += p {
				composite[j-s] = true
			}
		}
		for x := s; x < e; x++ {
			if x >= 2 && !composite[x-s] {
				n++
			}
		}
	}
	return n
}
