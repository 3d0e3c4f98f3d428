package measure

import (
	"sync"

	"github.com/perflab/perflab/measure/profile"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"
)

// subjectState is what the run keeps of one subject. It belongs to the run's
// goroutine; recorders are the only part its workers touch.
type subjectState struct {
	s        *Subject
	cfg      Config
	openLoop bool
	// recs are the workers' recorders (response time in an open loop);
	// svc, in an open loop only, record service time.
	recs, svc []*Recorder
	// batch is the calibrated batch size; 0 times every operation.
	batch int
	// built counts the instances measured; buildNs holds how long each
	// fresh one took to build.
	built   int
	buildNs []float64

	spares []*hdrhistogram.Histogram // empty ones, to hand recorders
	// interval holds what the last collection took; rep the repetition
	// under way; cum the finished measured repetitions. A repetition cut
	// short by a cancel never reaches cum. The svc ones are the same for
	// open-loop service time; view is scratch for a live snapshot.
	interval, rep, cum          *hdrhistogram.Histogram
	svcInterval, svcRep, svcCum *hdrhistogram.Histogram
	view                        *hdrhistogram.Histogram
	// measuring says the repetition under way is a measured one.
	measuring   bool
	runStart    int64
	lastCollect int64
	// heldFrom is when the operations the recorders still hold began: a
	// live collection takes what was handed over at the collection
	// before it, so the operations it takes span the interval before
	// that one, not its own.
	heldFrom int64
	// repOps and repNs are the operations and time of the repetition
	// under way; measOps and measNs those of the finished measured ones.
	repOps, repNs   int64
	measOps, measNs int64
	reps            []Rep
	timeline        []Point
	// open counts the measured repetitions' dispatches; repLate and
	// repDropped the last repetition's, written by its dispatcher.
	open                OpenLoopStats
	repLate, repDropped int64
	// failures are the distinct messages of failed operations; failMu
	// guards them, since every worker of a Loop subject reports its own.
	failMu   sync.Mutex
	failures []string
	// fatal is a Drive subject's Fatal error, which ends the run.
	fatal error
	// budgetEnd is when a run that goes on until decided must end, on
	// the engine's clock (0: a fixed design): no repetition runs past it.
	budgetEnd int64
	// over keeps the operations a bound cut or a repetition could not
	// hold.
	over    overrun
	metrics map[string]float64
	// live are the subject's figures after its last measured
	// repetition, for one with LiveMetrics.
	live map[string]float64
	// profile and profileData are the subject's profile from the
	// profiling rounds, summarised and as a pprof file.
	profile     *profile.Summary
	profileData []byte
	last        SubjectSnapshot
	haveLast    bool
}

// newSubjectState gives a Loop subject one recorder per engine worker and a
// Drive subject the recorders it asked for; an open loop has a second set,
// for service time.
func newSubjectState(s *Subject, cfg Config) *subjectState {
	st := &subjectState{
		s:        s,
		cfg:      cfg,
		openLoop: s.Loop != nil && cfg.Rate > 0,
		interval: NewHistogram(),
		rep:      NewHistogram(),
		cum:      NewHistogram(),
		view:     NewHistogram(),
	}
	if s.Fresh == nil {
		st.built = 1
	}
	n := cfg.Workers
	if s.Drive != nil {
		n = max(1, s.Recorders)
	}
	st.recs = newRecorders(n)
	if st.openLoop {
		st.svc = newRecorders(n)
		st.svcInterval = NewHistogram()
		st.svcRep = NewHistogram()
		st.svcCum = NewHistogram()
		st.open.TargetRate = cfg.Rate
	}
	return st
}

func newRecorders(n int) []*Recorder {
	recs := make([]*Recorder, n)
	for i := range recs {
		recs[i] = newRecorder()
	}
	return recs
}

// errCount counts the failed operations the recorders hold since the run
// began; a repetition's are the difference across it.
func (st *subjectState) errCount() int64 {
	var n int64
	for _, r := range st.recs {
		n += r.errs.Load()
	}
	return n
}

// fail keeps a subject's error to show with its result, once per message.
// A nil err keeps nothing. Workers may call it at once.
func (st *subjectState) fail(err error) {
	if err == nil {
		return
	}
	msg := err.Error()
	st.failMu.Lock()
	defer st.failMu.Unlock()
	for _, f := range st.failures {
		if f == msg {
			return
		}
	}
	if len(st.failures) < 5 {
		st.failures = append(st.failures, msg)
	}
}

// measuredErrors counts failed operations in the finished measured
// repetitions.
func (st *subjectState) measuredErrors() int64 {
	var n int64
	for _, r := range st.reps {
		n += r.Errors
	}
	return n
}
