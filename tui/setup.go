package tui

import (
	"cmp"
	"errors"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
)

// setupModel is the set-up screen: a form of workload, strategies,
// parameters, repetitions, duration and sweep, each field checked as it is
// typed, by the lab, the engine and the catalogue, so that a bad value says
// why before anything starts.
type setupModel struct {
	common
	lab      *lab.Lab
	workload int
	// chosen are the strategies to compare, as indices into the workload's
	// strategies, in the order chosen: the first is the baseline, and one
	// may appear twice for an A/A run.
	chosen []int
	fields []field
	focus  int
	// err says why the last start failed.
	err string
	// expected says how long the run as set up would take, "" while a
	// field is not valid; long marks a run long enough to be a slip.
	expected string
	long     bool
	// pySeq numbers the edits of the Python file's path; pyErr says why
	// the file typed last cannot run ("" once it is read); pyBase is the
	// "your own" lab as it was before a file was read into it.
	pySeq  int
	pyErr  string
	pyBase *lab.Lab
}

// longRun is how long a run may be expected to take before the set-up
// marks it: past it, a duration typed as 1h instead of 1s is likely.
const longRun = 10 * time.Minute

// newSetup returns the set-up of l's first workload with every strategy
// chosen, in catalogue order, and default values.
func newSetup(c common, l *lab.Lab) setupModel {
	s := setupModel{common: c, lab: l}
	s.selectWorkload(0, defaultRunValues())
	return s
}

// newSetupOn is the set-up of l on its workload id, or its first if l has
// none of that name.
func newSetupOn(c common, l *lab.Lab, id string) setupModel {
	s := newSetup(c, l)
	for i, w := range l.Workloads {
		if w.ID == id {
			s.selectWorkload(i, defaultRunValues())
		}
	}
	return s
}

// selectWorkload shows workload i, carrying run values over from before.
func (s *setupModel) selectWorkload(i int, run runValues) {
	s.workload = i
	wl := s.wl()
	s.chosen = s.chosen[:0]
	for j := range wl.Strategies {
		s.chosen = append(s.chosen, j)
	}
	s.fields = buildFields(s.lab, wl, run)
	s.focus = min(s.focus, len(s.fields)-1)
	s.setFocus(s.focus)
	s.refresh()
}

func (s setupModel) wl() *lab.Workload { return s.lab.Workloads[s.workload] }

// path names the workload on show: "data-structures/membership".
func (s setupModel) path() string { return s.lab.ID + "/" + s.wl().ID }

// focusCmd focuses the field under the cursor.
func (s *setupModel) focusCmd() tea.Cmd { return s.setFocus(s.focus) }

// setFocus moves the cursor to field i, focusing its input if it has one.
func (s *setupModel) setFocus(i int) tea.Cmd {
	s.focus = max(0, min(len(s.fields)-1, i))
	var cmd tea.Cmd
	for j := range s.fields {
		f := &s.fields[j]
		if !f.isText() {
			continue
		}
		if j == s.focus {
			cmd = f.input.Focus()
		} else {
			f.input.Blur()
		}
	}
	return cmd
}

// typing reports whether keys go to a text input.
func (s setupModel) typing() bool {
	return s.focus < len(s.fields) && s.fields[s.focus].isText()
}

// fail shows why the run of the set-up could not start.
func (s *setupModel) fail(err error) { s.err = err.Error() }

// runEnded shows the results of the set-up's run, or why it failed here;
// or quits, if the person asked to while it ran.
func (s setupModel) runEnded(msg runEndedMsg) (setupModel, tea.Cmd, intent) {
	switch {
	case msg.quit:
		return s, nil, intent{kind: askQuit}
	case msg.report != nil:
		return s, msg.keep, intent{kind: askResults, ended: msg}
	case msg.started:
		s.fail(fmt.Errorf("the run failed: %s", errText(msg.err)))
	default:
		s.fail(msg.err)
	}
	return s, s.focusCmd(), intent{kind: askShow}
}

// Help names the set-up's keys.
func (s setupModel) Help() helpKeys {
	on, workloads := fieldWorkload, 0
	if s.focus < len(s.fields) {
		on = s.fields[s.focus].kind
	}
	if s.lab != nil {
		workloads = len(s.lab.Workloads)
	}
	return s.keys.setupHelp(on, workloads)
}

// Update handles a key of the set-up: it moves between fields, chooses
// strategies and edits values, and asks for the run, or for home.
func (s setupModel) Update(msg tea.Msg) (setupModel, tea.Cmd, intent) {
	switch msg := msg.(type) {
	case runEndedMsg:
		return s.runEnded(msg)
	case runAgainMsg:
		return s, nil, intent{kind: askRun, spec: msg.spec, lab: s.lab}
	}
	if s, cmd, ok := s.updatePyFile(msg); ok {
		return s, cmd, intent{}
	}
	k, isKey := msg.(tea.KeyMsg)
	if !isKey || s.lab == nil {
		return s.updateInput(msg)
	}
	f := &s.fields[s.focus]
	switch {
	case key.Matches(k, s.keys.Start):
		spec, err := s.spec()
		if err != nil {
			s.fail(err)
			return s, s.focusCmd(), intent{}
		}
		s.err = ""
		return s, nil, intent{kind: askRun, spec: spec, lab: s.lab}
	case key.Matches(k, s.keys.Back):
		s.err = ""
		return s, nil, intent{kind: askHome}
	case key.Matches(k, s.keys.Next):
		return s, s.setFocus(s.focus + 1), intent{}
	case key.Matches(k, s.keys.Prev):
		return s, s.setFocus(s.focus - 1), intent{}
	case f.kind == fieldWorkload && key.Matches(k, s.keys.Workload):
		step := 1
		if key.Matches(k, s.keys.Left) {
			step = len(s.lab.Workloads) - 1
		}
		s.selectWorkload((s.workload+step)%len(s.lab.Workloads), s.runValues())
		return s, nil, intent{}
	case f.kind == fieldStrategy && key.Matches(k, s.keys.Toggle):
		s.toggle(f.strategy)
		s.refresh()
		return s, nil, intent{}
	case f.kind == fieldProfile && key.Matches(k, s.keys.Toggle):
		f.on = !f.on
		s.err = ""
		s.refresh()
		return s, nil, intent{}
	case f.kind == fieldStrategy && key.Matches(k, s.keys.Again):
		s.chosen = append(s.chosen, f.strategy)
		s.err = ""
		s.refresh()
		return s, nil, intent{}
	}
	return s.updateInput(msg)
}

// updateInput passes a message to the focused text input and checks its
// new value.
func (s setupModel) updateInput(msg tea.Msg) (setupModel, tea.Cmd, intent) {
	if s.lab == nil || !s.typing() {
		return s, nil, intent{}
	}
	f := &s.fields[s.focus]
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	f.validate(s.lab, s.path())
	s.err = ""
	cmd = tea.Batch(cmd, s.pyFileEdited())
	s.refresh()
	return s, cmd, intent{}
}

// toggle chooses strategy i, or drops every copy of it if it is chosen.
func (s *setupModel) toggle(i int) {
	s.err = ""
	kept := s.chosen[:0:0]
	for _, c := range s.chosen {
		if c != i {
			kept = append(kept, c)
		}
	}
	if len(kept) == len(s.chosen) {
		kept = append(kept, i)
	}
	s.chosen = kept
}

// spec checks every field and returns the run they describe; the error
// names the first bad field, and the cursor moves to it.
func (s *setupModel) spec() (labs.Spec, error) {
	spec, bad, err := s.readSpec()
	for i := range s.fields {
		s.fields[i].err = ""
	}
	if bad >= 0 {
		f := &s.fields[bad]
		f.err = errMessage(err)
		s.setFocus(bad)
		return labs.Spec{}, fmt.Errorf("fix %s: %s", f.name, f.err)
	}
	return spec, err
}

// readSpec reads every field into the run they describe, changing nothing;
// bad is the index of the first field that is not valid, or -1.
func (s setupModel) readSpec() (_ labs.Spec, bad int, _ error) {
	spec := labs.Spec{Path: s.path(), Params: map[string]string{}}
	for i := range s.fields {
		f := s.fields[i]
		if err := f.readInto(&spec, s.lab); err != nil {
			return labs.Spec{}, i, err
		}
	}
	if s.onPyFile() && (s.pyErr != "" || len(s.wl().Strategies) == 0) {
		return labs.Spec{}, s.pyFileField(), errors.New(cmp.Or(s.pyErr, "type the path of a .py file"))
	}
	if len(s.chosen) == 0 {
		return labs.Spec{}, -1, errors.New("choose at least one strategy (space)")
	}
	for _, c := range s.chosen {
		spec.Strategies = append(spec.Strategies, s.wl().Strategies[c].ID)
	}
	if spec.Config.Profile && spec.Sweep != nil {
		return labs.Spec{}, s.fieldOf(fieldProfile), errors.New("profiling takes the profiles of one run, not of every point of a sweep: empty the sweep, or turn profiling off")
	}
	if spec.Sweep != nil {
		// The swept parameter takes the sweep's values, not its field's.
		delete(spec.Params, spec.Sweep.Param)
	}
	return spec, -1, nil
}

// refresh works out again how long the run as set up would take.
func (s *setupModel) refresh() {
	s.expected, s.long = "", false
	spec, _, err := s.readSpec()
	if err != nil {
		return
	}
	plan, err := spec.PlanIn([]*lab.Lab{s.lab})
	if err != nil {
		return
	}
	s.expected, s.long = plan.ExpectedLine(), plan.Expected() > longRun
}

// runValues returns the repetitions, duration and sweep as typed.
func (s setupModel) runValues() runValues {
	// A field this workload does not have keeps its default.
	r := defaultRunValues()
	for _, f := range s.fields {
		switch {
		case f.kind == fieldProfile:
			r.profile = f.on
		case f.isText() && f.kind != fieldParam:
			r.text[f.kind] = f.input.Value()
		}
	}
	return r
}

// fieldOf is the index of the set-up's first field of kind k, or -1.
func (s setupModel) fieldOf(k fieldKind) int {
	for i, f := range s.fields {
		if f.kind == k {
			return i
		}
	}
	return -1
}
