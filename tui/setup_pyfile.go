package tui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
)

// pyFileTypedMsg says the path in the Python file field has rested for
// pyFileRest; pyFileReadMsg carries what reading the file found. Both carry
// the edit's number, so that an older edit's message is dropped.
type (
	pyFileTypedMsg struct {
		seq  int
		path string
	}
	pyFileReadMsg struct {
		seq  int
		path string
		lab  *lab.Lab
		err  error
	}
)

// pyFileRest is how long the path must rest before the file is read: each
// read starts an interpreter, which a keystroke should not.
const pyFileRest = 300 * time.Millisecond

// pyFileWait bounds the reading of a file, whose import may run anything.
const pyFileWait = 30 * time.Second

// waitForPyFile waits for the path typed as edit seq to rest.
func waitForPyFile(seq int, path string) tea.Cmd {
	return tea.Tick(pyFileRest, func(time.Time) tea.Msg { return pyFileTypedMsg{seq: seq, path: path} })
}

// readPyFile reads the file at path into a lab, off the Update loop.
func readPyFile(seq int, path string) tea.Cmd {
	return func() tea.Msg {
		msg := pyFileReadMsg{seq: seq, path: path}
		switch {
		case path == "":
			msg.err = errors.New("type the path of a .py file")
		case !strings.EqualFold(filepath.Ext(path), ".py"):
			msg.err = fmt.Errorf("%s is not a .py file", path)
		default:
			ctx, cancel := context.WithTimeout(context.Background(), pyFileWait)
			msg.lab, msg.err = labs.PythonFile(ctx, path)
			cancel()
		}
		return msg
	}
}

// onPyFile reports whether the set-up shows the Python file workload of
// "your own".
func (s setupModel) onPyFile() bool {
	return s.lab != nil && s.wl().FileParam != ""
}

// pyFileField returns the index of the file's field, or -1.
func (s setupModel) pyFileField() int {
	for i, f := range s.fields {
		if f.kind == fieldParam && f.param.Name == s.wl().FileParam {
			return i
		}
	}
	return -1
}

// pyFileEdited starts the wait for a path just typed into the file field.
func (s *setupModel) pyFileEdited() tea.Cmd {
	if !s.onPyFile() || s.focus != s.pyFileField() {
		return nil
	}
	s.pySeq++
	s.pyErr = "reading the file: wait a moment"
	return waitForPyFile(s.pySeq, strings.TrimSpace(s.fields[s.focus].input.Value()))
}

// updatePyFile handles the file's messages; ok says msg was one.
func (s setupModel) updatePyFile(msg tea.Msg) (_ setupModel, _ tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case pyFileTypedMsg:
		if msg.seq == s.pySeq {
			return s, readPyFile(msg.seq, msg.path), true
		}
		return s, nil, true
	case pyFileReadMsg:
		if msg.seq != s.pySeq || !s.onPyFile() {
			return s, nil, true
		}
		s.showPyFile(msg)
		return s, s.focusCmd(), true
	}
	return s, nil, false
}

// showPyFile puts the file's strategies and parameters on the set-up, or,
// if it could not be read, says why in one line beside the path and offers
// no strategy.
func (s *setupModel) showPyFile(msg pyFileReadMsg) {
	if s.pyBase == nil {
		s.pyBase = s.lab
	}
	s.pyErr = pyFileError(msg.err)
	file := pythonPlaceholder(s.pyBase)
	if msg.err == nil {
		file = msg.lab
	}
	onFile := s.focus == s.pyFileField()
	s.lab = labs.WithPythonFile(s.pyBase, file, msg.path)
	s.selectWorkload(s.workload, s.runValues())
	if i := s.pyFileField(); i >= 0 {
		s.fields[i].err = s.pyErr
		if onFile {
			// The file's strategies come before its field: the
			// cursor stays where the person is typing.
			s.setFocus(i)
		}
	}
}

// pythonPlaceholder is the Python file workload of base, with no file
// read, as a lab of one workload for labs.WithPythonFile.
func pythonPlaceholder(base *lab.Lab) *lab.Lab {
	for _, w := range base.Workloads {
		if w.FileParam != "" {
			// Without its own path parameter: WithPythonFile puts
			// one first.
			bare := *w
			bare.Params = nil
			return &lab.Lab{Workloads: []*lab.Workload{&bare}}
		}
	}
	return &lab.Lab{}
}

// tracebackPlace finds where a traceback points: the file and line.
var tracebackPlace = regexp.MustCompile(`File "([^"]+)", line (\d+)`)

// pyFileError is err in one line: a Python exception with the file and
// line its traceback ends at.
func pyFileError(err error) string {
	if err == nil {
		return ""
	}
	var pe *labs.PythonError
	if !errors.As(err, &pe) {
		first, _, _ := strings.Cut(err.Error(), "\n")
		return first
	}
	places := tracebackPlace.FindAllStringSubmatch(pe.Traceback, -1)
	if len(places) == 0 {
		return pe.Message
	}
	last := places[len(places)-1]
	return fmt.Sprintf("%s (%s, line %s)", pe.Message, filepath.Base(last[1]), last[2])
}
