// Package probe watches what a run costs the process: OS threads,
// goroutines and resident memory, sampled while the run goes on, with the
// peaks kept per subject. The engine runs one subject at a time, so a sample
// belongs to the subject that last entered.
package probe

import (
	"context"
	"math"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/perflab/perflab/measure"
)

// Interval is how often a Probe samples. Reading /proc/self/status costs
// tens of microseconds, so a few hundred samples a second cost well under
// one percent of a core.
const Interval = 2 * time.Millisecond

// A Probe samples the process until it is closed.
type Probe struct {
	active atomic.Pointer[Peaks]
	// baseKB is the resident memory when the active subject entered, with
	// free memory given back: what the subject found already there.
	baseKB atomic.Int64
	// kstackKB is the machine's kernel stack memory when the active
	// subject entered.
	kstackKB atomic.Int64
	// mu orders switches from one subject to the next.
	mu sync.Mutex
	// read guards the /proc files and their buffers.
	read            sync.Mutex
	status, meminfo *procFile
	stop            context.CancelFunc
	done            chan struct{}
	once            sync.Once
}

// Peaks are one subject's highest figures.
type Peaks struct {
	threads, goroutines, rssKB atomic.Int64
	// grownKB is the most resident memory grew above the base while the
	// subject was active; kstackKB the most the kernel's stacks grew.
	grownKB, kstackKB atomic.Int64
	hasKStack         atomic.Bool
	// leave, if set, runs when another subject enters after this one.
	leave func()
}

// NewPeaks returns empty peaks. leave, if not nil, is called when another
// subject takes over from this one: a strategy lets go there of what it
// holds for its repetition (a pool of threads), so that it does not count
// against the next subject.
func NewPeaks(leave func()) *Peaks { return &Peaks{leave: leave} }

// Start samples the process every Interval until Close is called or ctx
// ends.
func Start(ctx context.Context) *Probe {
	ctx, stop := context.WithCancel(ctx)
	p := &Probe{
		stop:    stop,
		done:    make(chan struct{}),
		status:  openProc("/proc/self/status"),
		meminfo: openProc("/proc/meminfo"),
	}
	go p.loop(ctx)
	return p
}

func (p *Probe) loop(ctx context.Context) {
	defer close(p.done)
	defer func() {
		p.read.Lock()
		defer p.read.Unlock()
		p.status.close()
		p.meminfo.close()
		p.status, p.meminfo = nil, nil
	}()
	t := time.NewTicker(Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			p.Sample()
		}
	}
}

// Enter makes pk the subject that samples count for. When it takes over
// from another subject, the other one's leave function runs and the memory
// the runtime holds free is given back to the OS, so that pk's resident
// memory is its own and not what an earlier subject left behind. Enter is
// cheap when pk is already the active subject, and safe to call from many
// goroutines at once.
func (p *Probe) Enter(pk *Peaks) {
	if p.active.Load() == pk {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	prev := p.active.Load()
	if prev == pk {
		return
	}
	if prev != nil && prev.leave != nil {
		prev.leave()
	}
	debug.FreeOSMemory()
	st := p.read1()
	p.baseKB.Store(st.rssKB)
	p.kstackKB.Store(st.kstackKB)
	p.active.Store(pk)
	p.Sample()
}

// reading is one reading of the /proc figures; a zero is a figure that
// could not be read.
type reading struct{ threads, rssKB, kstackKB int64 }

// read1 reads the /proc figures once.
func (p *Probe) read1() reading {
	p.read.Lock()
	defer p.read.Unlock()
	var r reading
	var v [2]int64
	if p.status.fields(v[:], "Threads:", "VmRSS:") {
		r.threads, r.rssKB = v[0], v[1]
	}
	if p.meminfo.fields(v[:1], "KernelStack:") {
		r.kstackKB = v[0]
	}
	return r
}

// Sample takes one sample now for the active subject. A strategy calls it
// at the moment it expects its peak, such as when every request of a batch
// is in flight.
func (p *Probe) Sample() {
	pk := p.active.Load()
	if pk == nil {
		return
	}
	raise(&pk.goroutines, int64(runtime.NumGoroutine()))
	r := p.read1()
	if r.threads > 0 {
		raise(&pk.threads, r.threads)
		raise(&pk.rssKB, r.rssKB)
		raise(&pk.grownKB, r.rssKB-p.baseKB.Load())
	}
	if r.kstackKB > 0 {
		pk.hasKStack.Store(true)
		raise(&pk.kstackKB, r.kstackKB-p.kstackKB.Load())
	}
}

// Close stops sampling and waits for the sampler to end.
func (p *Probe) Close() error {
	p.once.Do(p.stop)
	<-p.done
	return nil
}

// Metrics returns the peaks as a subject's metrics: peak_goroutines,
// peak_threads, peak_rss_mb; rss_growth_mb, the most that resident memory
// grew above what the subject found when its turn began (the part of the
// peak that is the subject's own); and kernel_stack_mb, the most that the
// kernel's stacks grew meanwhile. Every thread has a kernel stack that RSS
// does not count; the figure is the whole machine's, so other programs'
// threads count in it too. Figures are missing where /proc does not have
// them.
func (pk *Peaks) Metrics() map[string]float64 {
	m := map[string]float64{"peak_goroutines": float64(pk.goroutines.Load())}
	if t := pk.threads.Load(); t > 0 {
		m["peak_threads"] = float64(t)
		m["peak_rss_mb"] = mb(pk.rssKB.Load())
		m["rss_growth_mb"] = mb(pk.grownKB.Load())
	}
	if pk.hasKStack.Load() {
		m["kernel_stack_mb"] = mb(pk.kstackKB.Load())
	}
	return m
}

// The probe's figures, declared once for every reader (see measure.Metric):
// what each means where the name alone does not, and which way is better.
var (
	_ = measure.DeclareMetric(measure.Metric{Name: "peak_goroutines", Better: measure.Lower,
		Meaning: "the most goroutines of the whole process at once while the strategy ran, sampled: its own and every other the run keeps, such as an HTTP client's, the loopback backend's (one or more per request it serves) and the engine's"})
	_ = measure.DeclareMetric(measure.Metric{Name: "peak_threads", Better: measure.Lower,
		Meaning: "the most OS threads of the process at once"})
	_ = measure.DeclareMetric(measure.Metric{Name: "peak_rss_mb", Unit: "MB", Better: measure.Lower,
		Meaning: "the most resident memory of the process"})
	_ = measure.DeclareMetric(measure.Metric{Name: "rss_growth_mb", Unit: "MB", Better: measure.Lower,
		Meaning: "how far resident memory grew above what it was when the strategy's turn began"})
	_ = measure.DeclareMetric(measure.Metric{Name: "kernel_stack_mb", Unit: "MB", Better: measure.Lower,
		Meaning: "how far the kernel's thread stacks grew, the whole machine's"})
)

// mb converts kilobytes to megabytes, rounded to a tenth.
func mb(kb int64) float64 { return math.Round(float64(kb)/102.4) / 10 }

// raise sets v to x if x is higher.
func raise(v *atomic.Int64, x int64) {
	for cur := v.Load(); x > cur && !v.CompareAndSwap(cur, x); cur = v.Load() {
	}
}
