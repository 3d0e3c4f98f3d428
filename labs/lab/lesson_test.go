package lab

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

func TestUnwrap(t *testing.T) {
	tests := []struct {
		name, md, want string
	}{
		{"empty", "", ""},
		{"one line", "Measure first.\n", "Measure first."},
		{"wrapped paragraph", "Measure first,\nthen believe\nthe figures.\n", "Measure first, then believe the figures."},
		{"two paragraphs", "One\nparagraph.\n\nAnother\none.\n", "One paragraph.\n\nAnother one."},
		{"blank lines around and between", "\n\nOne.\n\n\n\nTwo.\n\n", "One.\n\nTwo."},
		{"windows line ends", "One\r\nline.\r\n\r\nTwo.\r\n", "One line.\n\nTwo."},
		{"spaces at line ends", "One  \n  line.\n \t\nTwo.", "One line.\n\nTwo."},
		{"no final newline", "Last line", "Last line"},
	}
	for _, tt := range tests {
		if got := unwrap(tt.md); got != tt.want {
			t.Errorf("%s: unwrap(%q) = %q, want %q", tt.name, tt.md, got, tt.want)
		}
	}
}

func TestLessonReadsAndUnwraps(t *testing.T) {
	fsys := fstest.MapFS{"sort.md": {Data: []byte("Predict\nfirst.\n\nThen run.\n")}}
	if got, want := Lesson(fsys, "sort.md"), "Predict first.\n\nThen run."; got != want {
		t.Errorf("Lesson = %q, want %q", got, want)
	}
}

func TestLessonMissingPanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "no lesson queue.md") {
			t.Errorf("a missing lesson: recovered %v, want a panic naming the file", r)
		}
	}()
	Lesson(fstest.MapFS{}, "queue.md")
}

func TestNewGivesEachWorkloadItsLesson(t *testing.T) {
	fsys := fstest.MapFS{
		"lesson.md": {Data: []byte("The lab's.\n")},
		"sort.md":   {Data: []byte("Sort\nfirst.\n")},
	}
	sort, own := &Workload{ID: "sort"}, &Workload{ID: "typed", Lesson: "Its own."}
	l := New(fsys, 1, "measure", "Measure", sort, own)
	if l.Lesson != "The lab's." || sort.Lesson != "Sort first." || own.Lesson != "Its own." {
		t.Errorf("lessons %q, %q, %q; want the lab's, sort.md's and the workload's own", l.Lesson, sort.Lesson, own.Lesson)
	}
}
