package own

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/perflab/perflab/labs/internal/gobench"
	"github.com/perflab/perflab/labs/lab"
)

// DefaultRoundTime is how long one run of a benchmark's binary should
// time its loop: long enough that the binary's start and the benchmark's
// own first run of one iteration are small beside it, short enough that a
// 3x difference is decided within the default budget.
const DefaultRoundTime = 100 * time.Millisecond

// BenchOptions are a race of a Go module's benchmarks across git
// revisions, as typed.
type BenchOptions struct {
	// Dir is where the module is; empty means the current directory.
	Dir string
	// Packages are the packages whose benchmarks race (default ".").
	Packages []string
	// Pattern picks the benchmarks, as go test -bench does.
	Pattern string
	// Revisions are the revisions to race, the first the baseline; the
	// default is HEAD against the working tree, and one alone races
	// against the working tree.
	Revisions []string
	// CPU lists GOMAXPROCS values, as go test -cpu does; each is a
	// comparison of its own.
	CPU []int
	// RoundTime is how long one run of a binary should time its loop.
	RoundTime time.Duration
}

// A BenchCase is one benchmark to race: a sub-benchmark or a -cpu variant
// is a case of its own.
type BenchCase struct {
	// Name is the benchmark's full name as its binary prints it.
	Name string
	// Package is the package it is in, as given.
	Package string
	pattern string
	cpu     int
	// Iters is the fixed iteration count of every run, calibrated once
	// on the baseline so that a run times its loop for about RoundTime.
	Iters int
	// bins are the test binaries, one per revision in order; skip says
	// which revisions left it out (it failed, or it is not there).
	bins []string
	skip []bool
}

// A BenchFailure is a benchmark that a revision could not run, found while
// calibrating.
type BenchFailure struct {
	Benchmark, Revision string
	Err                 error
}

// A BenchSet is the revisions built and the benchmarks found in them, ready
// to race. Close removes the binaries and worktrees.
type BenchSet struct {
	Revisions []gobench.Revision
	Cases     []*BenchCase
	Failures  []BenchFailure
	builder   *gobench.Builder
	outs      int
}

// A NoBenchmarksError is a pattern that matched no benchmark the baseline
// can run: none in any revision, or, with Failure set, only ones the
// baseline lacks or fails.
type NoBenchmarksError struct {
	Pattern string
	Failure *BenchFailure
}

func (e *NoBenchmarksError) Error() string {
	if f := e.Failure; f != nil {
		return fmt.Sprintf("no benchmark matching %q runs in the baseline %s: %s: %v", e.Pattern, f.Revision, f.Benchmark, f.Err)
	}
	return fmt.Sprintf("no benchmark matches %q in any revision", e.Pattern)
}

// CheckBench checks the options against the module and the repository
// before anything is built, and returns the revisions to build. Every
// error is one line.
func CheckBench(ctx context.Context, o *BenchOptions) (*gobench.Module, []gobench.Revision, error) {
	if o.Dir == "" {
		o.Dir = "."
	}
	if len(o.Packages) == 0 {
		o.Packages = []string{"."}
	}
	if o.RoundTime <= 0 {
		o.RoundTime = DefaultRoundTime
	}
	switch len(o.Revisions) {
	case 0:
		o.Revisions = []string{"HEAD", gobench.WorkTree}
	case 1:
		o.Revisions = append(o.Revisions, gobench.WorkTree)
	}
	if _, err := regexp.Compile(o.Pattern); err != nil {
		return nil, nil, lab.Optionf("bench", "%q is not a regular expression: %v", o.Pattern, err)
	}
	for _, c := range o.CPU {
		if c < 1 {
			return nil, nil, lab.Optionf("cpu", "GOMAXPROCS must be at least 1, got %d", c)
		}
	}
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return nil, nil, err
	}
	mod, err := gobench.FindModule(ctx, dir)
	if err != nil {
		return nil, nil, err
	}
	revs, err := mod.Resolve(ctx, o.Revisions)
	if err != nil {
		return nil, nil, lab.OptionErr("rev", err)
	}
	return mod, revs, nil
}

// BuildBench builds every revision's test binaries once (the same commit
// named twice shares its binary), lists the benchmarks matching the
// pattern and calibrates each. What it built is removed by the set's Close,
// or before it returns an error.
func BuildBench(ctx context.Context, o *BenchOptions, mod *gobench.Module, revs []gobench.Revision, progress func(string)) (*BenchSet, error) {
	b, err := gobench.NewBuilder(mod)
	if err != nil {
		return nil, err
	}
	set := &BenchSet{Revisions: revs, builder: b}
	if err := set.build(ctx, o, progress); err != nil {
		return nil, errors.Join(err, set.Close())
	}
	return set, nil
}

func (s *BenchSet) build(ctx context.Context, o *BenchOptions, progress func(string)) error {
	top, rest, _ := strings.Cut(o.Pattern, "/")
	for _, pkg := range o.Packages {
		bins := make([]string, len(s.Revisions))
		built := map[string]string{}
		for i, rev := range s.Revisions {
			key := rev.Commit + "|" + rev.Name
			if rev.Commit != "" {
				key = rev.Commit
			}
			if bin, ok := built[key]; ok {
				bins[i] = bin
				continue
			}
			progress(fmt.Sprintf("building %s at %s", pkg, rev.Name))
			bin, err := s.builder.Build(ctx, rev, pkg, i)
			if err != nil {
				return err
			}
			bins[i], built[key] = bin, bin
		}
		if err := s.find(ctx, o, pkg, bins, top, rest, progress); err != nil {
			return err
		}
	}
	if len(s.Cases) == 0 {
		e := &NoBenchmarksError{Pattern: o.Pattern}
		for i, f := range s.Failures {
			if f.Revision == s.Revisions[0].Name {
				e.Failure = &s.Failures[i]
				break
			}
		}
		return e
	}
	return nil
}

// find lists the top-level benchmarks of every binary of pkg and
// calibrates each one the baseline has.
func (s *BenchSet) find(ctx context.Context, o *BenchOptions, pkg string, bins []string, top, rest string, progress func(string)) error {
	var names []string
	has := make([]map[string]bool, len(bins))
	for i, bin := range bins {
		listed, err := gobench.List(ctx, bin, top)
		if err != nil {
			return err
		}
		has[i] = map[string]bool{}
		for _, n := range listed {
			has[i][n] = true
			names = appendNew(names, n)
		}
	}
	cpus := o.CPU
	if len(cpus) == 0 {
		cpus = []int{0}
	}
	for _, name := range names {
		pattern := "^" + regexp.QuoteMeta(name) + "$"
		if rest != "" {
			pattern += "/" + rest
		}
		for _, cpu := range cpus {
			progress(fmt.Sprintf("calibrating %s", name))
			if err := s.calibrate(ctx, o, pkg, name, pattern, cpu, bins, has); err != nil {
				return err
			}
		}
	}
	return nil
}

func appendNew(names []string, n string) []string {
	for _, m := range names {
		if m == n {
			return names
		}
	}
	return append(names, n)
}

// calibrate runs one top-level benchmark for RoundTime in each revision
// that has it, and makes a case of every result the baseline printed (its
// sub-benchmarks), with the iteration count that fills RoundTime there. A
// revision that fails is noted and left out of the cases.
func (s *BenchSet) calibrate(ctx context.Context, o *BenchOptions, pkg, name, pattern string, cpu int, bins []string, has []map[string]bool) error {
	results := make([]map[string]gobench.Result, len(bins))
	var printed []gobench.Result // the baseline's, in the order printed
	for i, bin := range bins {
		if !has[i][name] {
			s.Failures = append(s.Failures, BenchFailure{Benchmark: name, Revision: s.Revisions[i].Name, Err: errors.New("it is not in this revision")})
			continue
		}
		benchtime := o.RoundTime.String()
		if i > 0 {
			// The others only show that they run and what their
			// sub-benchmarks are called, in as few iterations as
			// tell a panic from a pass (see CheckTime).
			benchtime = gobench.CheckTime
		}
		rs, err := s.runOnce(ctx, gobench.Spec{Bin: bin, Pattern: pattern, Benchtime: benchtime, CPU: cpu})
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			s.Failures = append(s.Failures, BenchFailure{Benchmark: name, Revision: s.Revisions[i].Name, Err: err})
			continue
		}
		if i == 0 {
			printed = rs
		}
		results[i] = map[string]gobench.Result{}
		for _, r := range rs {
			results[i][r.Name] = r
		}
	}
	if results[0] == nil {
		return nil // the baseline cannot run it: nothing to compare with
	}
	for _, base := range printed {
		c := &BenchCase{Name: base.Name, Package: pkg, pattern: subPattern(base.Name, cpu), cpu: cpu,
			Iters: iterations(base.NsPerOp, o.RoundTime), bins: bins, skip: make([]bool, len(bins))}
		for i := range bins {
			if _, ok := results[i][base.Name]; !ok {
				c.skip[i] = true
			}
		}
		s.Cases = append(s.Cases, c)
	}
	return nil
}

// iterations is the fixed count that makes one run of an operation of
// nsPerOp take about d: at least 1, and at most 1e9, as testing caps b.N.
func iterations(nsPerOp float64, d time.Duration) int {
	if nsPerOp <= 0 {
		return 1
	}
	return int(min(1e9, max(1, math.Round(float64(d)/nsPerOp))))
}

// subPattern is the -test.bench pattern that runs exactly the benchmark
// named full: each part of its name anchored and quoted, the GOMAXPROCS
// suffix left to -test.cpu.
func subPattern(full string, cpu int) string {
	parts := strings.Split(trimProcs(full, cpu), "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	return strings.Join(parts, "/")
}

// trimProcs removes the "-8" that testing adds to a benchmark's name when
// it runs with GOMAXPROCS 8: cpu, or without it the GOMAXPROCS the binary
// starts with, which is this process's (it inherits the environment and
// the machine). Only that suffix is taken off, so that a sub-benchmark
// named "size-10" keeps its name.
func trimProcs(name string, cpu int) string {
	procs := cpu
	if procs == 0 {
		procs = runtime.GOMAXPROCS(0)
	}
	if procs > 1 {
		return strings.TrimSuffix(name, "-"+strconv.Itoa(procs))
	}
	return name
}

// runOnce runs a binary once with its output in the set's folder.
func (s *BenchSet) runOnce(ctx context.Context, spec gobench.Spec) ([]gobench.Result, error) {
	spec.Out = s.outFile()
	r, err := gobench.NewRun(spec)
	if err != nil {
		return nil, err
	}
	rs, err := r.Run(ctx)
	return rs, errors.Join(err, r.Close())
}

// outFile returns a new file name in the set's folder for a binary's
// output.
func (s *BenchSet) outFile() string { return s.tempFile("out%d.txt") }

// tempFile returns a new file name in the set's folder, made from format
// and a number no other file of the set has.
func (s *BenchSet) tempFile(format string) string {
	s.outs++
	return filepath.Join(s.builder.Dir(), fmt.Sprintf(format, s.outs))
}

// Close removes the binaries and the worktrees.
func (s *BenchSet) Close() error { return s.builder.Close() }
