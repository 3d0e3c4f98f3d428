package profile

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime/pprof"
	"sync"

	"github.com/google/pprof/profile"
)

// LabelKey is the pprof label that carries a strategy's name.
const LabelKey = "strategy"

// A Session is one CPU profile of the process, taken while strategies take
// turns at their work. It is used from one goroutine: Do calls do not
// overlap.
type Session struct {
	buf    bytes.Buffer
	allocs map[string]allocDelta
	names  []string
	ops    map[string]int64
}

// active guards the process's one CPU profile: runtime/pprof allows one at a
// time, and two runs in one process (a test suite, a TUI racing two runs)
// must be told so plainly rather than profile each other's work.
var active sync.Mutex

// Start starts the process's CPU profile. It fails when a profile is already
// running in the process (another run's, or go test -cpuprofile).
func Start() (*Session, error) {
	if !active.TryLock() {
		return nil, fmt.Errorf("a CPU profile is already running in this process")
	}
	s := &Session{allocs: map[string]allocDelta{}, ops: map[string]int64{}}
	if err := pprof.StartCPUProfile(&s.buf); err != nil {
		active.Unlock()
		return nil, fmt.Errorf("start the CPU profile: %w", err)
	}
	return s, nil
}

// Do runs work as strategy name: under the label strategy=name, which the
// goroutines it starts inherit, with the allocations it makes (read from the
// allocation profile before and after) given to name. work returns how
// many operations it ran, which Summarize divides by.
func (s *Session) Do(ctx context.Context, name string, work func(ctx context.Context) (ops int64, err error)) error {
	if _, ok := s.ops[name]; !ok {
		s.names = append(s.names, name)
		s.ops[name] = 0
	}
	before := readAllocs()
	var ops int64
	var err error
	pprof.Do(ctx, pprof.Labels(LabelKey, name), func(ctx context.Context) {
		ops, err = work(ctx)
	})
	after := readAllocs()
	s.allocs[name] = s.allocs[name].add(after.sub(before))
	s.ops[name] += ops
	return err
}

// Stop ends the CPU profile and returns one Profile per strategy, in the
// order Do first saw them. It must be called once, after the last Do,
// whether the work failed or not, since the process's profile stays on
// until it is.
func (s *Session) Stop() ([]*Profile, error) {
	pprof.StopCPUProfile()
	active.Unlock()
	all, err := profile.Parse(&s.buf)
	if err != nil {
		return nil, fmt.Errorf("read the CPU profile: %w", err)
	}
	out := make([]*Profile, 0, len(s.names))
	for _, name := range s.names {
		out = append(out, &Profile{
			Name:   name,
			Ops:    s.ops[name],
			CPU:    only(all, name),
			Allocs: s.allocs[name].frames(),
		})
	}
	return out, nil
}

// A Profile is one strategy's share of a session.
type Profile struct {
	Name string
	// Ops is how many operations the strategy ran while profiled.
	Ops int64
	// CPU holds the samples labelled with the strategy's name.
	CPU *profile.Profile
	// Allocs are the allocations made while the strategy ran, by the
	// function that made them, scaled back up from the sampled profile.
	Allocs []AllocFrame
}

// Replace sets the strategy's CPU profile to the one in data, a pprof
// file's bytes: the profile of work done in another process, which the
// process's own profile does not see. The operations and allocations stay.
func (p *Profile) Replace(data []byte) error {
	cpu, err := profile.ParseData(data)
	if err != nil {
		return fmt.Errorf("read the profile: %w", err)
	}
	if len(cpu.SampleType) == 0 {
		return fmt.Errorf("read the profile: it has no sample values")
	}
	p.CPU = cpu
	return nil
}

// Write writes the strategy's CPU profile as a gzipped pprof protocol
// buffer, the file go tool pprof reads.
func (p *Profile) Write(w io.Writer) error { return p.CPU.Write(w) }

// only returns a copy of all that keeps the samples labelled name, without
// the locations and functions that no kept sample uses.
func only(all *profile.Profile, name string) *profile.Profile {
	p := all.Copy()
	kept := p.Sample[:0]
	for _, s := range p.Sample {
		if v := s.Label[LabelKey]; len(v) == 1 && v[0] == name {
			kept = append(kept, s)
		}
	}
	p.Sample = kept
	return p.Compact()
}
