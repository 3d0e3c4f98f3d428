package python

import (
	"context"
	"fmt"
	"time"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/profile"
)

// ProfilePeriod is how often the worker asks to sample a strategy's stacks,
// in the process's CPU time. Go's profile samples every 10 ms; the worker
// asks for ten times as often, so that the two seconds of the shortest
// profiling rounds give each of two strategies hundreds of samples (at
// 5 ms, a known 90 % share read as 86 % from 60 samples on a busy
// machine). The kernel fires the timer at its own ticks, so the period a
// profile reports is the one the samples came at: 4 ms on a kernel that
// ticks at 250 Hz. Each sample costs a walk of the interrupted stack in
// Python, a few microseconds: see .ci/bench/python-profile-overhead.sh.
const ProfilePeriod = time.Millisecond

// profiler is the engine's profiler of the strategy the worker p runs:
// each strategy has a worker process of its own, so every sample the
// worker takes is of that strategy's operations only.
func profiler(p *Proc) *measure.Profiler {
	return &measure.Profiler{
		Start: func(ctx context.Context) error { return p.StartProfile(ctx, ProfilePeriod) },
		Stop:  p.StopProfile,
	}
}

// StartProfile asks the worker to sample the stacks of the operations it
// runs from now on, every period of its CPU time.
func (p *Proc) StartProfile(ctx context.Context, period time.Duration) error {
	return p.call(ctx, map[string]any{"cmd": "profile_start", "period_ns": period.Nanoseconds()}, &struct{}{})
}

// sampled is the worker's reply to profile_stop: a table of frames and the
// stacks counted, each a list of indexes into it, innermost first.
type sampled struct {
	PeriodNs int64   `json:"period_ns"`
	Frames   [][]any `json:"frames"`
	Stacks   [][]any `json:"stacks"`
}

// StopProfile ends the sampling StartProfile began and returns the stacks
// counted as a CPU profile, a pprof file's bytes: Python functions named
// module.qualname, with their files and lines. A worker that took no
// sample returns a valid profile without samples.
func (p *Proc) StopProfile(ctx context.Context) ([]byte, error) {
	var r sampled
	if err := p.call(ctx, map[string]any{"cmd": "profile_stop"}, &r); err != nil {
		return nil, err
	}
	stacks, err := r.stacks()
	if err != nil {
		return nil, fmt.Errorf("python worker: profile: %w", err)
	}
	period := time.Duration(r.PeriodNs)
	if period <= 0 {
		// Stopped without a start: no sample, and the period asked for.
		period = ProfilePeriod
	}
	return profile.Encode(stacks, period)
}

// stacks reads the worker's reply into the stacks profile.Encode takes.
func (r *sampled) stacks() ([]profile.Stack, error) {
	places := make([]profile.Place, len(r.Frames))
	for i, f := range r.Frames {
		if len(f) != 3 {
			return nil, fmt.Errorf("frame %d has %d fields, want 3", i, len(f))
		}
		name, ok1 := f[0].(string)
		file, ok2 := f[1].(string)
		line, ok3 := f[2].(float64)
		if !ok1 || !ok2 || !ok3 {
			return nil, fmt.Errorf("frame %d is %v, want a function, a file and a line", i, f)
		}
		places[i] = profile.Place{Func: name, File: file, Line: int64(line)}
	}
	out := make([]profile.Stack, 0, len(r.Stacks))
	for i, s := range r.Stacks {
		if len(s) != 2 {
			return nil, fmt.Errorf("stack %d has %d fields, want 2", i, len(s))
		}
		count, ok1 := s[0].(float64)
		ids, ok2 := s[1].([]any)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("stack %d is %v, want a count and frames", i, s)
		}
		st := profile.Stack{Count: int64(count), Frames: make([]profile.Place, len(ids))}
		for j, id := range ids {
			k, ok := id.(float64)
			if !ok || k < 0 || int(k) >= len(places) {
				return nil, fmt.Errorf("stack %d names frame %v of %d", i, id, len(places))
			}
			st.Frames[j] = places[int(k)]
		}
		out = append(out, st)
	}
	return out, nil
}
