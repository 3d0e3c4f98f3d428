package gobench

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/perflab/perflab/measure/profile"
)

// A Profiler profiles the runs of one benchmark in its test binary: while
// it is on, each run passes -test.cpuprofile, and the profile each run
// wrote is kept; Stop merges them into one. Only the runs made through it
// while it is on are profiled, so that the measured runs of a race pay
// nothing for it.
type Profiler struct {
	spec  Spec
	run   *Run
	files [][]byte
}

// NewProfiler readies the profiled runs of s; path is the file each run
// writes its profile to, and out the file its output goes to.
func NewProfiler(s Spec, path, out string) *Profiler {
	s.CPUProfile, s.Out = path, out
	return &Profiler{spec: s}
}

// Start turns profiling on: the runs made with Run from now on are
// profiled.
func (p *Profiler) Start(context.Context) error {
	if p.run != nil {
		return errors.New("the profiler is already on")
	}
	r, err := NewRun(p.spec)
	if err != nil {
		return err
	}
	p.run, p.files = r, nil
	return nil
}

// On says whether runs are profiled.
func (p *Profiler) On() bool { return p.run != nil }

// Run runs the binary once under the profiler and keeps the profile it
// wrote.
func (p *Profiler) Run(ctx context.Context) ([]Result, error) {
	if p.run == nil {
		return nil, errors.New("the profiler is off")
	}
	rs, err := p.run.Run(ctx)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(p.spec.CPUProfile)
	if err != nil {
		return nil, fmt.Errorf("reading the benchmark's CPU profile: %w", err)
	}
	p.files = append(p.files, b)
	return rs, nil
}

// Stop turns profiling off and returns the runs' profiles merged into one
// pprof file's bytes.
func (p *Profiler) Stop(context.Context) ([]byte, error) {
	if p.run == nil {
		return nil, errors.New("the profiler is off")
	}
	cerr := p.run.Close()
	p.run = nil
	files := p.files
	p.files = nil
	if len(files) == 0 {
		return nil, errors.Join(cerr, errors.New("no run was profiled"))
	}
	data, err := profile.Merge(files)
	return data, errors.Join(cerr, err, os.Remove(p.spec.CPUProfile))
}

// Close releases what a profiler left on holds.
func (p *Profiler) Close() error {
	if p.run == nil {
		return nil
	}
	err := p.run.Close()
	p.run = nil
	return err
}
