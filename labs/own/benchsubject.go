package own

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/perflab/perflab/labs/internal/gobench"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// benchRepDuration bounds a repetition of a benchmark far below one run of
// its binary, so that every repetition is exactly one run: the engine
// finishes the run under way when the bound passes.
const benchRepDuration = time.Millisecond

// Lab returns the "your own" lab with one workload, bench, whose strategies
// are the revisions that run case c, in order, the first the baseline.
// Its parameters record what was raced, so that a saved run says it.
func (s *BenchSet) Lab(c *BenchCase) *lab.Lab {
	w := &lab.Workload{
		ID:    "bench",
		Title: "Your Go benchmark, raced revision against revision",
		Lesson: "Each revision's test binary is a strategy; a round runs each binary once for this benchmark, " +
			"with a fixed iteration count, and takes the ns/op the benchmark reports. Rounds alternate the order " +
			"of the revisions, so a machine that drifts touches them alike, and go on until the verdict is decided.",
		Params: []lab.Param{
			{Name: "benchmark", Kind: lab.Text, Default: c.Name, Help: "the benchmark raced"},
			{Name: "package", Kind: lab.Text, Default: c.Package, Help: "its package"},
		},
		Config: func(_ lab.Values, cfg *measure.Config) {
			cfg.Workers, cfg.Rate, cfg.RepOps = 1, 0, 0
			cfg.RepDuration = benchRepDuration
		},
	}
	for i, rev := range s.Revisions {
		if c.skip[i] {
			continue
		}
		spec := gobench.Spec{Bin: c.bins[i], Pattern: c.pattern, Benchtime: fmt.Sprintf("%dx", c.Iters), CPU: c.cpu}
		w.Strategies = append(w.Strategies, lab.Strategy{
			ID:    rev.Name,
			Title: rev.Name + " " + short(rev.Commit),
			Help:  "runs " + c.Name + " as built at " + rev.Name,
			New: func(*lab.Env) (*measure.Subject, error) {
				spec.Out = s.outFile()
				prof := gobench.NewProfiler(spec, s.tempFile("cpu%d.pprof"), s.outFile())
				return newBenchSubject(c, spec, prof)
			},
		})
	}
	return New(w)
}

// Names are the labels of the strategies of case c, in order, the same
// revision twice told apart as an A/A run is.
func (s *BenchSet) Names(c *BenchCase) []string {
	var ids []string
	for i, rev := range s.Revisions {
		if !c.skip[i] {
			ids = append(ids, rev.Name)
		}
	}
	return ids
}

func short(commit string) string {
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}

// benchSubject is one revision's binary running one benchmark.
type benchSubject struct {
	run *gobench.Run
	// prof runs the binary instead of run in the profiling rounds, with
	// -test.cpuprofile: the measured rounds pay nothing for it.
	prof  *gobench.Profiler
	name  string
	iters int
	// The repetition's figures: the weighted sum of ns/op and the
	// iterations, and the other units' sums per run.
	repNs, repIters float64
	// sums and runs are every measured run's other units, for the means
	// the result reports.
	sums map[string]float64
	runs int
}

func newBenchSubject(c *BenchCase, spec gobench.Spec, prof *gobench.Profiler) (*measure.Subject, error) {
	r, err := gobench.NewRun(spec)
	if err != nil {
		return nil, err
	}
	s := &benchSubject{run: r, prof: prof, name: c.Name, iters: c.Iters, sums: map[string]float64{}}
	sub := subjectOf(s, func(context.Context) error {
		s.repNs, s.repIters = 0, 0
		return nil
	})
	sub.Loop, sub.Drive = nil, s.drive
	sub.DriveBatch = c.Iters
	sub.NsPerOp = s.nsPerOp
	// The profile's operations are the benchmark's iterations, which
	// drive records: its time per operation is per iteration.
	sub.Profiler = &measure.Profiler{Start: prof.Start, Stop: prof.Stop}
	return sub, nil
}

// drive runs the binary once and records the benchmark's ns/op as the mean
// of its iterations. A profiled run counts in no metric: its figures are
// the profiler's, not the race's.
func (s *benchSubject) drive(ctx context.Context, recs []*measure.Recorder) error {
	run, profiled := s.run.Run, s.prof.On()
	if profiled {
		run = s.prof.Run
	}
	rs, err := run(ctx)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if r.Name != s.name {
			continue
		}
		recs[0].RecordN(int64(math.Round(r.NsPerOp)), int64(r.Iters))
		s.repNs += r.NsPerOp * float64(r.Iters)
		s.repIters += float64(r.Iters)
		if profiled {
			return nil
		}
		s.runs++
		for unit, v := range r.Values {
			s.sums[unit] += v
		}
		return nil
	}
	return fmt.Errorf("%s printed no result", s.name)
}

// nsPerOp is the repetition's ns/op as the benchmark reported it.
func (s *benchSubject) nsPerOp() float64 {
	if s.repIters == 0 {
		return 0
	}
	return s.repNs / s.repIters
}

// loop is never called: the subject is driven.
func (s *benchSubject) loop(context.Context, int, int) error {
	return errors.New("a benchmark subject is driven, not looped")
}

func (s *benchSubject) reset() {
	s.sums, s.runs = map[string]float64{}, 0
}

// metrics are the means over the measured runs of every unit the
// benchmark reported besides ns/op, keyed in snake_case: bytes_per_op,
// allocs_per_op, a custom hits_per_op.
func (s *benchSubject) metrics() map[string]float64 {
	// The iteration count is a figure, not a parameter: it is calibrated
	// afresh by every race, and two races of one benchmark compare.
	m := map[string]float64{"iterations_per_run": float64(s.iters)}
	if s.runs == 0 {
		return m
	}
	for unit, sum := range s.sums {
		m[unitKey(unit)] = sum / float64(s.runs)
	}
	return m
}

// unitKey makes a unit a metric's key: "B/op" is bytes_per_op, "B/s"
// bytes_per_s.
func unitKey(unit string) string {
	if b, ok := strings.CutPrefix(unit, "B/"); ok {
		unit = "bytes/" + b
	} else if unit == "B" {
		unit = "bytes"
	}
	unit = strings.NewReplacer("/", "_per_", " ", "_", "-", "_").Replace(unit)
	return strings.ToLower(unit)
}

func (s *benchSubject) close() error { return errors.Join(s.run.Close(), s.prof.Close()) }
