package own

import (
	"cmp"
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/perflab/perflab/labs/internal/fleet"
	"github.com/perflab/perflab/labs/internal/httpload"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// MaxGenerators bounds the local generator processes of an HTTP run.
const MaxGenerators = fleet.MaxGenerators

// The figures of a fleet run, in every result's Metrics. A generator's
// figures are keyed by its name: generator_<name>_<figure>.
const (
	// MetricGenerators is how many generators took the load.
	MetricGenerators = "generators"
	// MetricFleetRate is the fleet's achieved rate: the sum of each
	// generator's requests over its own clock's repetition time.
	MetricFleetRate = "fleet_achieved_rate"
	// MetricSkewMax is the largest spread of the generators' start times
	// over the measured repetitions, in ns; MetricSkewTolerance is the
	// spread promised.
	MetricSkewMax       = "start_skew_max_ns"
	MetricSkewTolerance = "start_skew_tolerance_ns"
	// MetricMessages is the reports a generator sends the coordinator a
	// second, on average over the generators.
	MetricMessages = "messages_per_s_per_generator"
	// MetricLost counts the generators that died or stalled; each is
	// also generator_<name>_lost_at_rep, the measured repetition of this
	// URL (from 1) it was lost in, 0 if it was lost in another URL's or
	// the warm-up. Its share went to the others from the next repetition
	// on.
	MetricLost = "generators_lost"
)

// Why a generator was lost, as its figure lost_how carries it (see
// GeneratorMetric), and FleetOf reads back into GeneratorFigures.LostHow.
// An exited generator's lost_exit_status is its exit status, -1 when a
// signal ended it, and lost_signal that signal's number.
const (
	LostFailed  = float64(fleet.LossFailed)
	LostExited  = float64(fleet.LossExited)
	LostLeft    = float64(fleet.LossLeft)
	LostStalled = float64(fleet.LossStalled)
)

// GeneratorMetric is the key of one generator's figure: share (of the
// load, 0 to 1, at the run's end), target_rate (open loop, likewise),
// achieved_rate (requests over measured_ns, in seconds: its requests
// answered or failed, and its own clock's time, over the measured
// repetitions it ran to their end), reps (those repetitions), or,
// for a lost one, lost_at_rep, lost_how, lost_exit_status and lost_signal.
func GeneratorMetric(name, figure string) string { return generatorPrefix + name + "_" + figure }

// generatorPrefix begins every generator's own figure. The generators
// table shows them, so a strategy's line of figures leaves them out.
const generatorPrefix = "generator_"

func init() { measure.DeclareTabled(generatorPrefix) }

// fleets are the generator fleets of the runs under way, one a run, which
// its strategies share: each URL's repetitions go to the same generators.
type fleets struct {
	mu    sync.Mutex
	byEnv map[*lab.Env]*fleet.Fleet
}

// get returns env's fleet, started on the first call; the run's end
// stops it.
func (fs *fleets) get(env *lab.Env, o HTTPOptions, targets []fleet.Target) (*fleet.Fleet, error) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if f := fs.byEnv[env]; f != nil {
		return f, nil
	}
	start := func() (*fleet.Fleet, error) { return fleet.Start(env.Ctx, o.Generators, targets) }
	if o.Hub != nil {
		start = func() (*fleet.Fleet, error) { return fleet.Attach(o.Hub, targets) }
	}
	f, err := start()
	if err != nil {
		return nil, err
	}
	fs.byEnv[env] = f
	env.OnClose(func() error {
		fs.mu.Lock()
		delete(fs.byEnv, env)
		fs.mu.Unlock()
		return f.Close()
	})
	return f, nil
}

// fleetSubject is one URL raced by a fleet: each repetition runs on every
// generator at one moment, with a share of the rate (or the connections
// given, each) on each.
type fleetSubject struct {
	f      *fleet.Fleet
	job    fleet.Job
	rate   float64 // the whole fleet's, split among the generators alive
	names  []string
	enters int
	// ran says this repetition's one fleet repetition has run.
	ran bool
	// last is the repetition just run; the measured repetitions' figures
	// add up in the rest.
	last fleet.RepResult
	reps int
	// sent and sentNs are each generator's requests and its own
	// clock's time over the measured repetitions it ran to their end:
	// its achieved rate is the one over the other, as the engine's
	// throughput is operations over time, so that the generators' rates
	// add up to it (a mean of each repetition's rate would not, where
	// repetitions' windows differ).
	sent, sentNs []int64
	genReps      []int // each generator's repetitions run to their end
	lostAt       []int // the measured repetition each was lost in, or 0
	skewMax      time.Duration
	// skewOver counts the measured repetitions whose start's spread was
	// above the tolerance, said as a finding (see findings).
	skewOver  int
	tolerance time.Duration
	messages  int64
	elapsedNs int64
	counts    httpload.Counts
}

func fleetHTTPSubject(env *lab.Env, fs *fleets, o HTTPOptions, targets []fleet.Target, i int) (*measure.Subject, error) {
	f, err := fs.get(env, o, targets)
	if err != nil {
		return nil, err
	}
	n := o.Generators
	s := &fleetSubject{f: f, names: f.Names(), rate: env.Params.Float(ParamRate), tolerance: fleet.SkewTolerance}
	s.clear()
	s.job = fleet.Job{Target: i, Conns: env.Params.Int(ParamConnections), Duration: cmp.Or(o.RepDuration, env.RepDuration)}
	if s.job.Duration <= 0 {
		s.job.Duration = 500 * time.Millisecond
	}
	return &measure.Subject{
		Drive:     s.drive,
		Recorders: n,
		External:  true,
		// At a rate, each generator counts latency from when a request
		// was due.
		OpenLoop:    s.rate > 0,
		NsPerOp:     s.nsPerOp,
		Span:        s.span,
		Metrics:     s.figures,
		LiveMetrics: true,
		Findings:    s.findings,
		// Its context ends at the repetition's bound, which a drive
		// called again waits for (see drive).
		Interruptible: true,
		Enter: func(context.Context) error {
			s.ran = false
			// The first repetition is the warm-up: its figures are
			// forgotten when the second starts.
			if s.enters++; s.enters == 2 {
				s.clear()
			}
			return nil
		},
	}, nil
}

// span is how long the load ran in the repetition just run, by the
// generators' own clocks: their windows' mean, weighted by the requests
// each sent, and harmonic, so that the fleet's requests over it are the
// generators' rates summed (a generator the machine held up for part of
// its window ran at a lower rate for longer; a plain mean would put the
// total above or below the sum). The engine's time of the repetition also
// holds the start's lead and the last report's trip, during which no
// request is asked for; over it the throughput fell below the
// generators' own rates.
func (s *fleetSubject) span() time.Duration {
	var sent, rate float64
	for g, d := range s.last.Gens {
		if s.last.Ran[g] && d.ElapsedNs > 0 {
			n := float64(d.Ops + d.Errors)
			sent += n
			rate += n / float64(d.ElapsedNs)
		}
	}
	if rate == 0 {
		return 0
	}
	return time.Duration(sent / rate)
}

// clear forgets the figures of the repetitions so far.
func (s *fleetSubject) clear() {
	n := len(s.names)
	s.last, s.reps, s.skewMax, s.skewOver, s.messages, s.elapsedNs = fleet.RepResult{}, 0, 0, 0, 0, 0
	s.sent, s.sentNs, s.genReps, s.lostAt = make([]int64, n), make([]int64, n), make([]int, n), make([]int, n)
	s.counts.Reset()
}

// drive runs one repetition on the fleet. The engine's deadline falls
// inside it, since it lasts the repetition's duration and a start's lead:
// each call is one whole repetition. The rate is split among the
// generators still alive, so a lost generator's share goes to the others
// from the next repetition on; the one it was lost in is short of its
// share, and the figures say which. With none left the run ends.
func (s *fleetSubject) drive(ctx context.Context, recs []*measure.Recorder) error {
	if s.ran {
		// The engine calls again when its deadline had passed but it had
		// not yet said so as the fleet finished (a loaded machine is
		// slow to wake it): a second fleet repetition would count twice
		// in one. It waits for the bound instead.
		<-ctx.Done()
		return ctx.Err()
	}
	s.ran = true
	s.job.Rate = s.rate / float64(max(1, s.f.Alive()))
	res, err := s.f.Rep(s.job, recs)
	if err != nil {
		return measure.Fatal(err)
	}
	s.account(res)
	return nil
}

// account adds one repetition's figures to the run's.
func (s *fleetSubject) account(res fleet.RepResult) {
	s.last = res
	s.reps++
	s.skewMax = max(s.skewMax, res.Skew)
	if res.Skew > s.tolerance {
		s.skewOver++
	}
	for g := range res.Lost {
		s.lostAt[g] = s.reps
	}
	for g, d := range res.Gens {
		if !res.Ran[g] {
			continue
		}
		s.genReps[g]++
		s.sent[g] += d.Ops + d.Errors
		s.sentNs[g] += d.ElapsedNs
		s.messages += d.Messages
		s.elapsedNs += d.ElapsedNs
		s.counts.Add(&httpload.Counts{Status: d.Status, Bytes: d.Bytes, Errors: d.ByKind})
	}
}

// findings says when the generators started further apart than promised:
// a skew above the tolerance is a promise not kept, which the figures
// alone (start_skew_max_ns) would leave a reader to notice.
func (s *fleetSubject) findings() []measure.Finding {
	if s.skewOver == 0 {
		return nil
	}
	return []measure.Finding{{Kind: measure.FindingStartSkew, Count: int64(s.skewOver), Of: int64(s.reps),
		SkewNs: int64(s.skewMax), ToleranceNs: int64(s.tolerance)}}
}

// nsPerOp stands for the repetition in the comparison: in an open loop
// the rate is fixed, so the mean response time; in a closed loop the
// inverse of the fleet's rate, each generator's requests over its own
// repetition time, which leaves out the start's lead and the last
// report's trip.
func (s *fleetSubject) nsPerOp() float64 {
	if s.job.Rate > 0 {
		return s.last.Hist.Mean()
	}
	var rate float64
	for _, d := range s.last.Gens {
		if d.ElapsedNs > 0 {
			rate += float64(d.Ops) / (float64(d.ElapsedNs) / 1e9)
		}
	}
	if rate == 0 {
		return 0
	}
	return 1e9 / rate
}

func (s *fleetSubject) metrics() map[string]float64 {
	m := map[string]float64{"response_bytes": float64(s.counts.Bytes)}
	for code, n := range s.counts.Status {
		m["status_"+strconv.Itoa(code)] = float64(n)
	}
	for _, k := range httpload.Kinds {
		m["errors_"+k] = float64(s.counts.Errors[k])
	}
	n, alive := len(s.names), s.f.Alive()
	m[MetricGenerators] = float64(n)
	m[MetricSkewMax] = float64(s.skewMax)
	m[MetricSkewTolerance] = float64(fleet.SkewTolerance)
	if s.elapsedNs > 0 {
		m[MetricMessages] = float64(s.messages) / (float64(s.elapsedNs) / 1e9)
	}
	var total float64
	lost := 0
	for g, name := range s.names {
		share := 0.0
		if !s.f.Lost(g) && alive > 0 {
			share = 1 / float64(alive)
		}
		m[GeneratorMetric(name, "share")] = share
		if s.rate > 0 {
			m[GeneratorMetric(name, "target_rate")] = s.rate * share
		}
		rate := 0.0
		if s.sentNs[g] > 0 {
			rate = float64(s.sent[g]) / (float64(s.sentNs[g]) / 1e9)
		}
		m[GeneratorMetric(name, "achieved_rate")] = rate
		// What the rate divides, so that rates over several URLs add
		// up as requests over time, not as a mean of rates.
		m[GeneratorMetric(name, "requests")] = float64(s.sent[g])
		m[GeneratorMetric(name, "measured_ns")] = float64(s.sentNs[g])
		m[GeneratorMetric(name, "reps")] = float64(s.genReps[g])
		if s.f.Lost(g) {
			// Lost in another URL's repetition, or in the warm-up, it
			// has no measured repetition of this one to name.
			lost++
			m[GeneratorMetric(name, "lost_at_rep")] = float64(s.lostAt[g])
			if why := s.f.Why(g); why != nil {
				m[GeneratorMetric(name, "lost_how")] = float64(why.Kind)
				if why.Kind == fleet.LossExited {
					m[GeneratorMetric(name, "lost_exit_status")] = float64(why.ExitStatus)
					m[GeneratorMetric(name, "lost_signal")] = float64(why.Signal)
				}
			}
		} else {
			total += rate
		}
	}
	m[MetricLost] = float64(lost)
	m[MetricFleetRate] = total
	return m
}
