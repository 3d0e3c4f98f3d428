// Package pytrack says once how a lesson's Python workload is built from
// its declaration. A lesson declares each of its Python workloads as data
// (the module, the bench_* functions raced as strategies, the parameters
// setup is given, what the strategies measure beside time) as a Workload
// value, and New builds the lab's workload from it, each strategy run by
// labs/internal/python in a worker of its own.
package pytrack

import (
	"io/fs"

	"github.com/perflab/perflab/labs/internal/python"
	"github.com/perflab/perflab/labs/lab"
)

// A Workload declares one Python workload of a lesson.
type Workload struct {
	// ID is the workload's name ("python-sort"). Its lesson is the
	// Markdown file of the same name ("python-sort.md").
	ID    string
	Title string
	// File is the module, one of the lesson's embedded Python files
	// ("py_sort.py"), whose bench_* functions the strategies run.
	File   string
	Params []lab.Param
	// Options say what every strategy of the workload measures beside
	// time, and whether it is built afresh during a run.
	Options python.Options
	// Strategies name the module's bench_* functions, baseline first.
	Strategies []python.Strategy
	// Prepare, if set, builds what the strategies share in Go (a
	// loopback server); a python.Fixture tells setup of it.
	Prepare func(env *lab.Env) (any, error)
	// Profile says what a profile of the strategies shows: their work,
	// unless some of it runs in processes the worker's sampler does not
	// reach (a process pool).
	Profile lab.Profiling
}

// New returns the lab workload that w declares. fsys is the lesson
// package's embedded files, which hold w's module and its lesson; both are
// compiled into the program, so a file w names and the build lacks is a
// defect of the build, and New panics on it as python.Embedded and
// lab.Lesson do: every test that lists the labs fails.
func New(fsys fs.FS, w Workload) *lab.Workload {
	return &lab.Workload{
		ID:         w.ID,
		Title:      w.Title,
		Lang:       lab.LangPython,
		Lesson:     lab.WorkloadLesson(fsys, w.ID),
		Params:     w.Params,
		Prepare:    w.Prepare,
		Profile:    w.Profile,
		Strategies: python.Strategies(python.Embedded(fsys, w.File), w.Options, w.Strategies...),
	}
}
