package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/labs/workshop"
	"github.com/perflab/perflab/labs/workshop/room"
	"github.com/perflab/perflab/measure"
)

// reporter is where a participant's race results go: the room.
type reporter interface {
	Report(room.Result) error
}

// A racer runs the teacher's races on the participant's own machine, for
// perflab join: each race once, through the engine perflab run uses, and
// only after the participant said yes when it would run anything but
// perflab's own Go code. Its methods are called from join's one loop; the
// race itself runs in a goroutine that says how it ended on ended.
type racer struct {
	to        reporter
	all       []*lab.Lab
	watchOnly bool

	// raced is the newest race offered: each is offered once.
	raced int64
	// offer is a race waiting for the participant's yes.
	offer *raceOffer
	// running is the race on this machine, 0 for none; cancel ends it.
	// goesOn is the race running after the teacher left it, once said.
	running int64
	goesOn  int64
	cancel  context.CancelFunc
	ended   chan raceEnded
	wg      sync.WaitGroup
}

// A raceOffer is a race planned on this machine, and what it would run.
type raceOffer struct {
	race   room.Race
	lesson int
	plan   *labs.Plan
	runs   []string
}

// raceEnded says how a race on this machine ended, in a line for the
// participant.
type raceEnded struct {
	race int64
	line string
}

func newRacer(to reporter, all []*lab.Lab, watchOnly bool) *racer {
	return &racer{to: to, all: all, watchOnly: watchOnly, ended: make(chan raceEnded, 1)}
}

// onState follows the teacher to s: it ends a race the teacher left, and
// offers or starts a race the teacher started. It returns what to tell the
// participant, or "".
func (r *racer) onState(ctx context.Context, s room.State) string {
	var id int64
	if s.Race != nil && s.Phase != room.PhaseClosed {
		id = s.Race.ID
	}
	var said string
	switch {
	case r.running == 0 || r.running == id:
	case s.Phase == room.PhaseClosed || s.Phase == room.PhaseRace && id != 0:
		// Another race would share this machine with it, and a closed
		// room keeps nothing.
		r.cancel()
		r.running, r.goesOn = 0, 0
		said = "The teacher started another race or closed the room: your race was stopped.\n"
	case r.goesOn != r.running:
		// The teacher keeps a result that arrives after leaving the
		// race with that lesson's race (room.LateResults bounds how
		// late): the race goes on here until it ends.
		r.goesOn = r.running
		said = "The teacher moved on: your race goes on, and its result still reaches the teacher.\n"
	}
	if r.offer != nil && r.offer.race.ID != id {
		r.offer = nil
		said += "The teacher moved on: that race is skipped.\n"
	}
	if s.Phase != room.PhaseRace || id == 0 || id == r.raced || r.watchOnly {
		return said
	}
	r.raced = id
	o, err := r.plan(*s.Race, s.Lesson)
	if err != nil {
		said += r.report(room.Result{Race: id, Lesson: s.Lesson, Status: room.StatusFailed, Why: oneLine(err.Error()), Machine: machine("")})
		return said + "✗ This race cannot run here: " + err.Error() + "\n"
	}
	if len(o.runs) > 0 {
		r.offer = o
		return said + consentText(o)
	}
	return said + r.start(ctx, o) + "\n"
}

// onLine takes a line typed while a race waits for the participant's
// yes; it reports whether the line was the answer to that.
func (r *racer) onLine(ctx context.Context, line string) (bool, string) {
	o := r.offer
	if o == nil {
		return false, ""
	}
	r.offer = nil
	if strings.EqualFold(strings.TrimSpace(line), "yes") {
		return true, r.start(ctx, o)
	}
	told := r.report(room.Result{Race: o.race.ID, Lesson: o.lesson, Status: room.StatusDeclined, Machine: machine("")})
	return true, told + "Skipped: nothing was run. The teacher's screen shows the room's races."
}

// plan checks the teacher's race against this machine's catalogue.
func (r *racer) plan(race room.Race, lesson int) (*raceOffer, error) {
	spec := labs.Spec{Path: race.Path, Strategies: race.Strategies, Params: map[string]string{}}
	for k, v := range race.Params {
		spec.Params[k] = v
	}
	spec.Config.MaxTime, spec.Config.Reps = time.Duration(race.MaxTimeNs), race.Reps
	plan, err := spec.PlanIn(r.all)
	if err != nil {
		return nil, err
	}
	if p, ok := plan.Workload.Param("expose"); ok && p != nil && plan.Values.Bool("expose") {
		return nil, errors.New("it would open a server to the network on this machine")
	}
	if plan.Sweep != nil {
		return nil, errors.New("a sweep is not a workshop's race")
	}
	o := &raceOffer{race: race, lesson: lesson, plan: plan, runs: workshop.Commands(plan)}
	if plan.Workload.Language() == lab.LangPython {
		o.runs = append(o.runs, "python3, running "+plan.Lab.ID+"/"+plan.Workload.ID+" in perflab's Python worker")
	}
	if plan.Lab.Own && len(o.runs) == 0 {
		// A workload of one's own is someone's code, whatever its
		// parameters say.
		o.runs = append(o.runs, race.Path)
	}
	return o, nil
}

// consentText shows what a race would run, and asks for a yes.
func consentText(o *raceOffer) string {
	var b strings.Builder
	fmt.Fprintf(&b, "The teacher's race, %s, would run on your machine:\n", o.race.Path)
	for _, c := range o.runs {
		fmt.Fprintf(&b, "  %s\n", c)
	}
	b.WriteString("Type yes and enter to run it here; anything else skips it.\n")
	return b.String()
}

// start tells the teacher the race offered started on this machine, runs
// it in the background, and says so. The teacher is told first, so that a
// participant gone from now on counts as one that did not finish.
func (r *racer) start(ctx context.Context, o *raceOffer) string {
	py := ""
	if o.plan.Workload.Language() == lab.LangPython {
		// A version that cannot be read is left unsaid: the race itself
		// says whether Python runs.
		py, _ = labs.PythonVersion()
	}
	base := room.Result{Race: o.race.ID, Lesson: o.lesson, Machine: machine(py)}
	started := base
	started.Status = room.StatusRacing
	if err := r.to.Report(started); err != nil {
		return "✗ the race did not start: " + err.Error()
	}
	rctx, cancel := context.WithCancel(ctx)
	r.running, r.cancel = o.race.ID, cancel
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		defer cancel()
		line := r.run(rctx, o.plan, base)
		select {
		case r.ended <- raceEnded{race: o.race.ID, line: line}:
		case <-rctx.Done():
			// Stopped: join no longer waits for its word.
		}
	}()
	return fmt.Sprintf("Racing %s on your machine (%d cores): the teacher sees how it comes out.", o.race.Path, runtime.NumCPU())
}

// run races plan on this machine, reports how it went from base, and says
// it in a line.
func (r *racer) run(ctx context.Context, plan *labs.Plan, base room.Result) string {
	rep, err := raceHere(ctx, plan)
	res := resultOf(base, rep, err)
	if ctx.Err() != nil {
		// Stopped because the teacher moved on or the participant left:
		// no word is owed for a race no longer on show.
		return ""
	}
	if err := r.to.Report(res); err != nil {
		return "✗ " + err.Error()
	}
	if res.Status == room.StatusFailed {
		return "✗ Your race failed: " + res.Why
	}
	return "Your race: " + workshop.Judge(rep).Says() + ". Sent to the teacher."
}

// raceHere runs plan as perflab run does, held to its bound.
func raceHere(ctx context.Context, plan *labs.Plan) (*measure.Report, error) {
	bound := planBound(plan)
	if plan.Workload.Kept == measure.KeptOwn {
		ctx = bounded(ctx)
	}
	ctx, unbound := holdToBound(ctx, bound)
	defer unbound()
	run, err := labs.Start(ctx, plan)
	if err != nil {
		return nil, err
	}
	rep, err := run.Wait()
	return rep, boundError(ctx, bound, err)
}

// resultOf is the result a race on this machine reports: its outcome and
// each strategy's speed-up, or why it failed.
func resultOf(base room.Result, rep *measure.Report, err error) room.Result {
	res := base
	res.Status = room.StatusFailed
	switch {
	case err != nil:
		res.Why = oneLine(err.Error())
		return res
	case rep == nil || rep.Cancelled:
		res.Why = "the race was stopped before the end"
		return res
	}
	for _, s := range rep.Strategies[1:] {
		c := s.VsBaseline
		if c == nil || !(c.Speedup > 0) {
			continue
		}
		sp := room.Speedup{Strategy: s.Name, Verdict: string(c.Verdict), Speedup: c.Speedup}
		if c.SpeedupLo > 0 && c.SpeedupHi >= c.SpeedupLo {
			sp.Lo, sp.Hi = c.SpeedupLo, c.SpeedupHi
		}
		res.Speedups = append(res.Speedups, sp)
	}
	if len(res.Speedups) == 0 {
		res.Why = "the race measured no speed-up"
		return res
	}
	o := workshop.Judge(rep)
	res.Status, res.Outcome = room.StatusDone, room.OutcomeUndecided
	switch o.Kind {
	case workshop.Won:
		res.Outcome, res.Winner = room.OutcomeWon, o.Winner
	case workshop.NoDifference:
		res.Outcome = room.OutcomeNone
	}
	return res
}

// machine is this machine, as a result reports it.
func machine(python string) room.Machine {
	return room.Machine{Cores: runtime.NumCPU(), OS: runtime.GOOS, Arch: runtime.GOARCH, Go: runtime.Version(), Python: python}
}

// report sends a word of a race that did not run, and says when the
// teacher could not be told.
func (r *racer) report(res room.Result) string {
	if err := r.to.Report(res); err != nil {
		return "✗ the teacher was not told: " + err.Error() + "\n"
	}
	return ""
}

// stop ends the race on this machine, if one runs, and waits until
// everything it started is released.
func (r *racer) stop() {
	if r.cancel != nil {
		r.cancel()
	}
	r.wg.Wait()
}

// oneLine folds a message into one line, within what a result carries.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 1000 {
		s = strings.ToValidUTF8(s[:1000], "")
	}
	return s
}
