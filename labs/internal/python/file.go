package python

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/regular"
)

// FileLabID is the lab a person's Python file is run as.
const FileLabID = "python"

// MaxBenches bounds the bench_* functions of one file. Each is a strategy
// with a Python worker process of its own, kept for the whole run (with
// fresh instances, one more while a worker is replaced), so it bounds the
// processes a run keeps alive too: 64 CPython workers are about 600 MiB of
// memory on a 64-bit machine, and a round of 64 strategies at the default
// repetition is most of a second, already more than a race can be read as.
// A file with more is refused before it runs, not raced in groups.
const MaxBenches = 64

// A TooManyBenchesError is a file with more bench_* functions than
// MaxBenches.
type TooManyBenchesError struct {
	Path string
	N    int
}

func (e *TooManyBenchesError) Error() string {
	return fmt.Sprintf("%s has %d bench_* functions; at most %d race in one run, each in a Python process of its own: split the file",
		e.Path, e.N, MaxBenches)
}

// FileLab reads a person's Python file and returns it as a lab of one
// workload: every bench_* in the file, in file order, is a strategy (its
// id without the prefix), and PARAMS declares the parameters, with their
// defaults. The file is loaded once here, in a worker that is then
// stopped, so that a syntax error or a failing import is reported before
// anything runs, as an *Error.
func FileLab(ctx context.Context, path string) (*lab.Lab, error) {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, fmt.Errorf("no Python file %s", path)
	case fi.IsDir():
		return nil, fmt.Errorf("%s is a folder; name a Python file", path)
	}
	// The interpreter imports the file: only a regular one, of the size
	// of source, so that a FIFO or a device cannot hang the import.
	if err := regular.Check(path, regular.TextLimit); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	m := Module{Name: moduleName(abs), Path: abs}
	p, ld, err := Start(ctx, m)
	if err != nil {
		return nil, err
	}
	if err := p.Close(); err != nil {
		return nil, err
	}
	switch {
	case len(ld.Strategies) == 0:
		return nil, fmt.Errorf("%s has no bench_* function to measure", path)
	case len(ld.Strategies) > MaxBenches:
		return nil, &TooManyBenchesError{Path: path, N: len(ld.Strategies)}
	}
	w := &lab.Workload{
		// A person's own code: its run is held to its time bound
		// however it was started. Its strategies still build fresh
		// workers (fileOptions), which the workload leaves to them.
		Kept:   measure.KeptOwn,
		ID:     m.Name,
		Title:  filepath.Base(path),
		Lang:   lab.LangPython,
		Lesson: fmt.Sprintf("Your own Python: the bench_* functions of %s, in file order, the first the baseline, each run in a worker process of its own.", path),
	}
	for _, d := range ld.Params {
		p, err := declared(d)
		if err != nil {
			return nil, err
		}
		w.Params = append(w.Params, p)
	}
	ss := make([]Strategy, len(ld.Strategies))
	for i, name := range ld.Strategies {
		id := strings.TrimPrefix(name, "bench_")
		// The docstring's first line is the title; the help says where
		// the strategy lives.
		help := name + " in " + filepath.Base(path)
		ss[i] = Strategy{ID: id, Title: ld.Docs[name], Help: help, Bench: name}
	}
	// In one call, so that the strategies of a run share its book of
	// timing modes.
	w.Strategies = Strategies(m, fileOptions, ss...)
	return &lab.Lab{ID: FileLabID, Title: "your own Python: " + filepath.Base(path), Lesson: w.Lesson, Workloads: []*lab.Workload{w}}, nil
}

// fileOptions are how a file's strategies are measured. They are built
// afresh every block of rounds, each in a new worker that imports the
// file and runs setup again: two CPython processes running the same code
// differ by a few per cent (their hash seeds, where their memory lies),
// so a race of one worker a strategy says which worker is faster. Measured
// with .ci/bench/python-aa.sh (20 runs, --max-time 10s, a busy two-core
// machine), an A/A race of two identical functions said faster or slower in
// 5 of 20 runs with one worker a strategy, and in none with fresh workers,
// which then needed more than 10 s to say "~". With one timing mode for
// the same work (see calibrate), measured side by side with the build
// before it (20 runs each, 10 s, 2026-12-07): the A/A race still said "~"
// in none (20 inconclusive both), its ratios within 0.945..1.044 against
// 0.884..1.071; a b doing 10 % more work was found slower in 13 of 20
// against 7. A second sitting of 12 runs: "~" 3 of 12 against 0, found
// 3 of 12 against 0. The cost is
// the file's: what its import and setup do (write a file, start a thread)
// is done again, once a block, outside the clock.
var fileOptions = Options{Memory: true, Fresh: true}

func declared(d DeclaredParam) (lab.Param, error) {
	kinds := map[string]lab.Kind{"int": lab.Int, "float": lab.Float, "bool": lab.Bool, "text": lab.Text}
	k, ok := kinds[d.Kind]
	if !ok {
		return lab.Param{}, errors.New("PARAMS " + d.Name + ": unknown kind " + d.Kind)
	}
	return lab.Param{Name: d.Name, Kind: k, Default: d.Default, Help: "declared in PARAMS"}, nil
}

// moduleName is the import name of the file at path: its name without
// .py, made an ASCII identifier, so that any interpreter imports it and a
// child process of multiprocessing finds it again by name.
func moduleName(path string) string {
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	name := strings.Map(func(r rune) rune {
		if r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9') {
			return r
		}
		return '_'
	}, stem)
	if name == "" || ('0' <= name[0] && name[0] <= '9') {
		name = "_" + name
	}
	return name
}
