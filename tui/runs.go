package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/measure/runs"
)

// Messages of the runs screen.
type (
	// runsLoadedMsg carries the runs of the folder, read off the update
	// loop.
	runsLoadedMsg struct {
		entries []runs.Entry
		skipped []string
		err     error
	}
	// runDeletedMsg says a run was deleted, or why not.
	runDeletedMsg struct {
		path string
		err  error
	}
)

// loadRuns reads the runs folder.
func loadRuns(dir string) tea.Cmd {
	return func() tea.Msg {
		entries, skipped, err := runs.Store{Dir: dir}.List()
		return runsLoadedMsg{entries: entries, skipped: skipped, err: err}
	}
}

// deleteRun deletes one run of the folder.
func deleteRun(dir, path string) tea.Cmd {
	return func() tea.Msg {
		return runDeletedMsg{path: path, err: runs.Store{Dir: dir}.Delete(path)}
	}
}

// runsModel is the runs screen: the runs kept, newest first, filtered by
// lab; two marked runs open side by side, and a run can be deleted.
type runsModel struct {
	common
	dir     string
	all     []runs.Entry
	loaded  bool
	cursor  int
	lab     string
	marked  []string
	confirm bool
	note    string
	err     error
}

func newRuns(c common, dir string) runsModel { return runsModel{common: c, dir: dir} }

// shown is the runs the filter lets through.
func (r runsModel) shown() []runs.Entry {
	if r.lab == "" {
		return r.all
	}
	var out []runs.Entry
	for _, e := range r.all {
		if e.Lab == r.lab {
			out = append(out, e)
		}
	}
	return out
}

// nextLab is the lab the filter goes to next: every lab with a run, in
// order, then all of them again.
func (r runsModel) nextLab() string {
	var ls []string
	for _, e := range r.all {
		if !slices.Contains(ls, e.Lab) {
			ls = append(ls, e.Lab)
		}
	}
	slices.Sort(ls)
	i := slices.Index(ls, r.lab)
	if i+1 >= len(ls) {
		return ""
	}
	return ls[i+1]
}

// Update handles the runs screen's messages and keys.
func (r runsModel) Update(msg tea.Msg) (runsModel, tea.Cmd, intent) {
	switch msg := msg.(type) {
	case runsLoadedMsg:
		r.all, r.err, r.loaded = msg.entries, msg.err, true
		if len(msg.skipped) > 0 {
			r.note = "not saved runs, skipped: " + strings.Join(msg.skipped, ", ")
		}
		r.cursor = min(r.cursor, max(0, len(r.shown())-1))
		return r, nil, intent{}
	case runDeletedMsg:
		if msg.err != nil {
			r.note = "✗ not deleted: " + msg.err.Error()
			return r, nil, intent{}
		}
		r.note = "deleted " + msg.path
		r.marked = slices.DeleteFunc(r.marked, func(p string) bool { return p == msg.path })
		return r, loadRuns(r.dir), intent{}
	case runEndedMsg:
		return r.replayEnded(msg)
	case tea.KeyMsg:
		return r.key(msg)
	}
	return r, nil, intent{}
}

// replayEnded shows the results of a run replayed from the list, or the
// list again if it was stopped or could not be read.
func (r runsModel) replayEnded(msg runEndedMsg) (runsModel, tea.Cmd, intent) {
	switch {
	case msg.quit:
		return r, nil, intent{kind: askQuit}
	case msg.err != nil:
		r.note = "✗ " + msg.err.Error()
	case msg.report != nil:
		return r, nil, intent{kind: askResults, ended: msg, fromRuns: true}
	}
	return r, nil, intent{kind: askShow}
}

// key handles a key of the runs screen.
func (r runsModel) key(k tea.KeyMsg) (runsModel, tea.Cmd, intent) {
	shown := r.shown()
	if r.confirm {
		r.confirm = false
		if key.Matches(k, r.keys.Confirm) && r.cursor < len(shown) {
			return r, deleteRun(r.dir, shown[r.cursor].Path), intent{}
		}
		r.note = "not deleted"
		return r, nil, intent{}
	}
	r.note = ""
	switch {
	case key.Matches(k, r.keys.Back):
		return r, nil, intent{kind: askHome}
	case key.Matches(k, r.keys.Quit):
		return r, nil, intent{kind: askQuit}
	case key.Matches(k, r.keys.Up):
		r.cursor = max(0, r.cursor-1)
	case key.Matches(k, r.keys.Down):
		r.cursor = min(max(0, len(shown)-1), r.cursor+1)
	case key.Matches(k, r.keys.FilterLab):
		r.lab, r.cursor = r.nextLab(), 0
	case key.Matches(k, r.keys.Delete) && r.cursor < len(shown):
		r.confirm = true
	case key.Matches(k, r.keys.Mark) && r.cursor < len(shown):
		r.marked = toggleMark(r.marked, shown[r.cursor].Path)
	case key.Matches(k, r.keys.OpenRun) && len(r.marked) == 0 && r.cursor < len(shown):
		// With nothing marked, enter opens the run under the cursor, as
		// on every other list; with two marked it puts them side by side.
		return r, nil, intent{kind: askReplay, pair: [2]runs.Entry{shown[r.cursor]}, speed: SpeedAtOnce}
	case key.Matches(k, r.keys.Replay) && r.cursor < len(shown):
		return r, nil, intent{kind: askReplay, pair: [2]runs.Entry{shown[r.cursor]}, speed: Speed1x}
	case key.Matches(k, r.keys.SideBySide):
		a, b, err := r.pair()
		if err != "" {
			r.note = err
			return r, nil, intent{}
		}
		return r, nil, intent{kind: askSideBySide, pair: [2]runs.Entry{a, b}}
	}
	return r, nil, intent{}
}

// toggleMark marks a run, or unmarks it; a third mark replaces the older
// of the two, so that the last two marked are the pair.
func toggleMark(marked []string, path string) []string {
	if i := slices.Index(marked, path); i >= 0 {
		return slices.Delete(marked, i, i+1)
	}
	marked = append(marked, path)
	if len(marked) > 2 {
		marked = marked[1:]
	}
	return marked
}

// pair returns the two marked runs, older first (A, the one B is compared
// against), or what is missing.
func (r runsModel) pair() (a, b runs.Entry, missing string) {
	if len(r.marked) != 2 {
		return a, b, fmt.Sprintf("mark two runs with space to put them side by side (%d marked)", len(r.marked))
	}
	var picked []runs.Entry
	for _, e := range r.all {
		if slices.Contains(r.marked, e.Path) {
			picked = append(picked, e)
		}
	}
	if len(picked) != 2 {
		return a, b, "a marked run is gone from the folder"
	}
	// all is newest first: the older is the second.
	return picked[1], picked[0], ""
}

// Help names the runs screen's keys.
func (r runsModel) Help() helpKeys { return r.keys.runsHelp() }
