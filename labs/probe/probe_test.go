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
	var ready, release sync.WaitGroup
	ready.Add(n)
	release.Add(1)
	var done sync.WaitGroup
	for range n {
		done.Go(func() {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			ready.Done()
			release.Wait()
		})
	}
	ready.Wait()
	p.Sample()
	release.Done()
	done.Wait()

	m := a.Metrics()
	if m["peak_goroutines"] < n {
		t.Errorf("peak_goroutines %v, want at least %d", m["peak_goroutines"], n)
	}
	if _, _, ok := readStatus(); ok && m["peak_threads"] < n {
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
