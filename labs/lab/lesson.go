package lab

import (
	"fmt"
	"io/fs"
	"strings"
)

// Lesson returns the lesson in the Markdown file name of fsys, a lab
// package's embedded lessons, unwrapped into paragraphs. The files are
// compiled into the program, so a missing one is a defect of the build, not
// of anything a person typed: Lesson panics on it, and every test that
// lists the labs fails.
func Lesson(fsys fs.FS, name string) string {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		panic(fmt.Sprintf("lab: no lesson %s: %v", name, err))
	}
	return unwrap(string(b))
}

// unwrap turns a lesson kept as Markdown, its paragraphs wrapped by hand for
// whoever edits it, into the text a lab shows: each paragraph on one line,
// one blank line between paragraphs, none at either end. A paragraph's
// lines join with one space, so that the TUI can wrap the text again to the
// width it has.
func unwrap(md string) string {
	var paras, lines []string
	for _, line := range strings.Split(md, "\n") {
		// TrimSpace also drops the \r of a file saved with Windows line ends.
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
			continue
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, " "))
			lines = lines[:0]
		}
	}
	if len(lines) > 0 {
		paras = append(paras, strings.Join(lines, " "))
	}
	return strings.Join(paras, "\n\n")
}

// WorkloadLesson returns the lesson of the workload id, kept in fsys, the
// lab package's embedded lessons, in the Markdown file named after it
// (id.md), so that a workload's lesson is found by its id alone.
func WorkloadLesson(fsys fs.FS, id string) string { return Lesson(fsys, id+".md") }

// New returns lab number n of the lesson order, with its lesson read from
// lesson.md in fsys, the lab package's embedded lessons. A workload that
// carries no lesson of its own is given WorkloadLesson's, from the same
// files.
func New(fsys fs.FS, n int, id, title string, workloads ...*Workload) *Lab {
	for _, w := range workloads {
		if w.Lesson == "" {
			w.Lesson = WorkloadLesson(fsys, w.ID)
		}
	}
	return &Lab{Number: n, ID: id, Title: title, Lesson: Lesson(fsys, "lesson.md"), Workloads: workloads}
}
