package room

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"
)

// SubjectResult is where a participant publishes how its own race went,
// as SubjectResult + "." + ID: only the teacher may read it.
const SubjectResult = "room.result"

// Bounds of a race and of a result: a workshop's race is short, and a
// participant's machine is one machine.
const (
	maxRaceTime   = 10 * time.Minute
	maxRaceReps   = 1000
	maxStrategies = 16
	maxParams     = 32
	maxCores      = 1 << 16
	maxSpeedup    = 1e9
)

// A Race is the lesson's race as a participant needs it to run the same
// race on its own machine: the catalogue workload, its strategies and
// parameters, and the race's budget. The teacher's State carries it while
// the race runs and at its reveal.
type Race struct {
	// ID names this race of the lesson: a participant races each ID once,
	// and the teacher reads the results of the ID it shows.
	ID int64 `json:"id"`
	// Path is LAB/WORKLOAD, as perflab run takes it.
	Path       string            `json:"path"`
	Strategies []string          `json:"strategies,omitempty"`
	Params     map[string]string `json:"params,omitempty"`
	// MaxTimeNs is the race's time budget; Reps a fixed design's rounds
	// (0: rounds until decided).
	MaxTimeNs int64 `json:"max_time_ns,omitempty"`
	Reps      int   `json:"reps,omitempty"`
}

// Check says what is wrong with a race received, or nil.
func (r *Race) Check() error {
	switch {
	case r.ID <= 0:
		return fmt.Errorf("race ID %d", r.ID)
	case r.Path == "" || len(r.Path) > maxName*2:
		return fmt.Errorf("race of %q", r.Path)
	case len(r.Strategies) > maxStrategies || len(r.Params) > maxParams:
		return fmt.Errorf("a race of %d strategies and %d parameters", len(r.Strategies), len(r.Params))
	case r.MaxTimeNs < 0 || r.MaxTimeNs > int64(maxRaceTime):
		return fmt.Errorf("a race of %v", time.Duration(r.MaxTimeNs))
	case r.Reps < 0 || r.Reps > maxRaceReps:
		return fmt.Errorf("a race of %d rounds", r.Reps)
	}
	texts := append([]string{r.Path}, r.Strategies...)
	for k, v := range r.Params {
		if k == "" {
			return errors.New("a parameter without a name")
		}
		texts = append(texts, k, v)
	}
	for _, t := range texts {
		if err := checkText(t, maxText); err != nil {
			return err
		}
	}
	return nil
}

// A Status is where a participant's race is.
type Status string

// The statuses of a participant's race. A participant says it is racing
// when its race starts, then how it ended: done, failed, or declined (it
// did not say yes to the commands the race would run). One that started
// and never said how it ended did not finish.
const (
	StatusRacing   Status = "racing"
	StatusDone     Status = "done"
	StatusFailed   Status = "failed"
	StatusDeclined Status = "declined"
)

// final reports whether a status is how a race ended.
func (s Status) final() bool { return s == StatusDone || s == StatusFailed || s == StatusDeclined }

// The outcomes of a finished race, as the workshop judges it: a winner,
// no difference, or undecided.
const (
	OutcomeWon       = "won"
	OutcomeNone      = "none"
	OutcomeUndecided = "undecided"
)

// The verdicts of a strategy against the baseline, as the engine gives
// them.
var verdicts = map[string]bool{"faster": true, "slower": true, "same": true, "inconclusive": true}

// A Result is how one participant's race of a lesson went, with the
// machine it ran on.
type Result struct {
	// ID is the participant's, as in its answers.
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	Race   int64  `json:"race"`
	Lesson int    `json:"lesson"`
	Status Status `json:"status"`
	// Why is a failed race's reason, one line.
	Why string `json:"why,omitempty"`
	// Outcome is one of the Outcome constants, and Winner the strategy
	// that won, for a race done.
	Outcome string `json:"outcome,omitempty"`
	Winner  string `json:"winner,omitempty"`
	// Speedups are each strategy's against the baseline, baseline left
	// out.
	Speedups []Speedup `json:"speedups,omitempty"`
	Machine  Machine   `json:"machine"`
}

// A Speedup is one strategy's speed-up over the baseline, with the
// interval that decided its verdict (both 0 when none could be drawn).
type Speedup struct {
	Strategy string  `json:"strategy"`
	Verdict  string  `json:"verdict"`
	Speedup  float64 `json:"speedup"`
	Lo       float64 `json:"lo,omitempty"`
	Hi       float64 `json:"hi,omitempty"`
}

// A Machine is what a participant's race ran on.
type Machine struct {
	// Cores is runtime.NumCPU on the participant's machine.
	Cores int    `json:"cores"`
	OS    string `json:"os"`
	Arch  string `json:"arch"`
	Go    string `json:"go"`
	// Python is the interpreter's version, for a race that ran Python.
	Python string `json:"python,omitempty"`
}

// Check says what is wrong with a result received, or nil.
func (r Result) Check() error {
	switch {
	case r.ID == "" || len(r.ID) > maxID || !subjectToken(r.ID):
		return fmt.Errorf("participant ID %q", r.ID)
	case r.Race <= 0 || r.Lesson < 0 || r.Lesson >= 1000:
		return fmt.Errorf("race %d of lesson %d", r.Race, r.Lesson)
	case r.Status != StatusRacing && !r.Status.final():
		return fmt.Errorf("status %q", r.Status)
	case r.Machine.Cores < 1 || r.Machine.Cores > maxCores:
		return fmt.Errorf("%d cores", r.Machine.Cores)
	case len(r.Speedups) > maxStrategies:
		return fmt.Errorf("%d speed-ups", len(r.Speedups))
	case r.Status == StatusDone && (len(r.Speedups) == 0 || !validOutcome(r.Outcome)):
		return fmt.Errorf("a race done with outcome %q and %d speed-ups", r.Outcome, len(r.Speedups))
	case r.Status != StatusDone && (len(r.Speedups) > 0 || r.Outcome != "" || r.Winner != ""):
		return fmt.Errorf("a race %s with figures", r.Status)
	}
	for _, s := range r.Speedups {
		if err := s.check(); err != nil {
			return err
		}
	}
	m := r.Machine
	for _, t := range []string{r.Name, r.Winner, m.OS, m.Arch, m.Go, m.Python} {
		if err := checkText(t, maxName); err != nil {
			return err
		}
	}
	return checkText(r.Why, maxText)
}

func validOutcome(o string) bool {
	return o == OutcomeWon || o == OutcomeNone || o == OutcomeUndecided
}

// check refuses a speed-up that is no number a race can measure.
func (s Speedup) check() error {
	ok := func(x float64) bool { return !math.IsNaN(x) && x >= 0 && x <= maxSpeedup }
	switch {
	case !verdicts[s.Verdict]:
		return fmt.Errorf("verdict %q", s.Verdict)
	case !ok(s.Speedup) || s.Speedup == 0 || !ok(s.Lo) || !ok(s.Hi):
		return fmt.Errorf("speed-up %g (%g to %g)", s.Speedup, s.Lo, s.Hi)
	case (s.Lo == 0) != (s.Hi == 0) || s.Lo > s.Hi:
		return fmt.Errorf("interval %g to %g", s.Lo, s.Hi)
	}
	return checkText(s.Strategy, maxName)
}

// subjectToken reports whether id can stand as one token of a subject.
func subjectToken(id string) bool {
	for _, c := range id {
		switch c {
		case '.', '*', '>', ' ', '\t', '\r', '\n':
			return false
		}
	}
	return true
}

// DecodeResult reads a Result received, or says why it is dropped.
func DecodeResult(data []byte) (Result, error) { return decode[Result](data) }

// Report sends res, how this participant's race went, to the teacher, in
// the participant's name. Only the teacher can read it.
func (p *Participant) Report(res Result) error {
	res.ID, res.Name = p.id, p.name
	if err := res.Check(); err != nil {
		return fmt.Errorf("the race's result: %w", err)
	}
	data, err := json.Marshal(res)
	if err != nil {
		return err
	}
	if len(data) > MaxMessage {
		return fmt.Errorf("the race's result is %d bytes, more than %d", len(data), MaxMessage)
	}
	if err := p.nc.Publish(SubjectResult+"."+p.id, data); err != nil {
		return fmt.Errorf("send the race's result: %w", err)
	}
	return p.nc.FlushTimeout(requestTimeout)
}
