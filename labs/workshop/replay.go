package workshop

import (
	"fmt"
	"slices"
	"strings"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure/runs"
)

// A KeptRace is a lesson's kept race and the file it was read from, beside
// which other things of the race may be kept (its profiles, its room).
type KeptRace struct {
	Path string
	*runs.Saved
}

// KeptRaces finds, for every lesson, the newest race kept in the runs
// folder dir that it can replay: a finished run of the lesson's workload
// with its strategies in its order, one with the lesson's parameters
// before one without. A lesson with no such run is an error, named with
// the way to keep one, so that a room is not left without a race halfway
// through.
func (w *Workshop) KeptRaces(dir string) ([]KeptRace, error) {
	entries, _, err := runs.Store{Dir: dir}.List()
	if err != nil {
		return nil, lab.OptionErr("replay", fmt.Errorf("%s: %w", dir, err))
	}
	out := make([]KeptRace, len(w.Lessons))
	var missing []string
	for i, l := range w.Lessons {
		e, ok := l.keptRace(entries)
		if !ok {
			missing = append(missing, fmt.Sprintf("%d (%s)", i+1, l.Path()))
			continue
		}
		out[i].Path = e.Path
		if out[i].Saved, err = runs.Load(e.Path); err != nil {
			return nil, lab.OptionErr("replay", fmt.Errorf("%s: lesson %d: %w", dir, i+1, err))
		}
	}
	if len(missing) > 0 {
		return nil, lab.Optionf("replay", "%s: no kept race of lesson %s: run the workshop once keeping its races in %s", dir, strings.Join(missing, ", "), dir)
	}
	return out, nil
}

// keptRace is the newest of entries the lesson can replay, one run with
// its parameters first.
func (l *Lesson) keptRace(entries []runs.Entry) (runs.Entry, bool) {
	var fallback *runs.Entry
	for i, e := range entries {
		if e.Lab != l.Lab.ID || e.Workload != l.Workload.ID || e.Cancelled || e.Sweep != nil || !slices.Equal(names(e), l.Names) {
			continue
		}
		if l.sameParams(e) {
			return e, true
		}
		if fallback == nil {
			fallback = &entries[i]
		}
	}
	if fallback != nil {
		return *fallback, true
	}
	return runs.Entry{}, false
}

// sameParams reports whether e ran with every parameter the lesson sets at
// the lesson's value.
func (l *Lesson) sameParams(e runs.Entry) bool {
	for k, v := range l.Spec.Params {
		p, ok := l.Workload.Param(k)
		if !ok {
			return false
		}
		want, err := p.Parse(v)
		if err != nil {
			return false
		}
		got, ok := e.Report.Params[k]
		if !ok || fmt.Sprint(got) != fmt.Sprint(want) {
			return false
		}
	}
	return true
}

func names(e runs.Entry) []string {
	out := make([]string, len(e.Report.Strategies))
	for i, s := range e.Report.Strategies {
		out[i] = s.Name
	}
	return out
}
