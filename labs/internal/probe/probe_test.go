package probe

import (
	"context"
	"runtime"
	"sync"
	"testing"
)

func TestFieldReadsStatusLines(t *testing.T) {
	status := []byte("Name:\tperflab\nVmRSS:\t  12345 kB\nThreads:\t7\n")
	if n, ok := field(status, "Threads:"); !ok || n != 7 {
		t.Errorf("Threads: got %d, %v; want 7, true", n, ok)
	}
	if n, ok := field(status, "VmRSS:"); !ok || n != 12345 {
		t.Errorf("VmRSS: got %d, %v; want 12345, true", n, ok)
	}
	if _, ok := field(status, "VmHWM:"); ok {
		t.Error("a missing field was found")
	}
	if n, ok := field(status, "Name:"); ok {
		t.Errorf("Name: read %d from a field that holds no number", n)
	}
	if n, ok := field([]byte("KernelStack:  2524 kB\n"), "KernelStack:"); !ok || n != 2524 {
		t.Errorf("first line: got %d, %v; want 2524, true", n, ok)
	}
}

func TestPeaksSeeGoroutinesAndThreads(t *testing.T) {
	p := Start(context.Background())
	defer p.Close()
	leftA := false
	a := NewPeaks(func() { leftA = true })
	p.Enter(a)

	// 50 goroutines locked to threads of their own, all parked at once.
	const n = 50
	release := holdThreads(n)
	p.Sample()
	release()

	m := a.Metrics()
	if m["peak_goroutines"] < n {
		t.Errorf("peak_goroutines %v, want at least %d", m["peak_goroutines"], n)
	}
	if _, ok := m["peak_threads"]; ok && m["peak_threads"] < n {
		t.Errorf("peak_threads %v, want at least %d", m["peak_threads"], n)
	}

	b := NewPeaks(nil)
	p.Enter(b)
	if !leftA {
		t.Error("entering b did not call a's leave function")
	}
	if b.Metrics()["peak_goroutines"] == 0 {
		t.Error("entering did not take a first sample")
	}
}

func TestSampleAllocatesNothing(t *testing.T) {
	p := Start(context.Background())
	defer p.Close()
	p.Enter(NewPeaks(nil))
	if n := testing.AllocsPerRun(100, p.Sample); n != 0 {
		t.Errorf("Sample allocates %v times, want 0: the engine would count it against the subject", n)
	}
}

func TestProcFileReadsFreshFigures(t *testing.T) {
	pf := openProc("/proc/self/status")
	if pf == nil {
		t.Skip("no /proc/self/status")
	}
	defer pf.close()
	var before, during [1]int64
	if !pf.fields(before[:], "Threads:") {
		t.Fatal("no Threads: line")
	}
	// Hold 20 threads while reading again from the same open file. Some
	// may be idle threads the runtime already had, so ask only for more.
	const n = 20
	release := holdThreads(n)
	ok := pf.fields(during[:], "Threads:")
	release()
	if !ok || during[0] < n || during[0] <= before[0] {
		t.Errorf("threads read %d, then %d with %d held: the second read is stale", before[0], during[0], n)
	}
}

// holdThreads parks n goroutines, each locked to a thread of its own, and
// returns a function that lets them end. They end still locked, so that
// their threads end with them rather than wait idle for the next test.
func holdThreads(n int) (release func()) {
	var ready, done sync.WaitGroup
	stop := make(chan struct{})
	ready.Add(n)
	for range n {
		done.Go(func() {
			runtime.LockOSThread()
			ready.Done()
			<-stop
		})
	}
	ready.Wait()
	return func() {
		close(stop)
		done.Wait()
	}
}
