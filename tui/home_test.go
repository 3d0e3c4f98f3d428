package tui

import (
	"strings"
	"testing"
)

// TestHomeLessonScrolls pages through every lab's lesson at 80x24 and
// 160x48: every word of the lab's lesson and of its workloads' lessons is
// on some page, and the help offers pgdn while there is more.
func TestHomeLessonScrolls(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		m := newTestModel(t, sz.w, sz.h)
		for i, l := range m.labs {
			m := press(m, string(rune('1'+i)))
			seen := map[string]bool{}
			more := false
			for range 50 {
				// Wrapping may break a word at its hyphen.
				for _, w := range strings.Fields(strings.ReplaceAll(screen(m), "-", " ")) {
					seen[strings.Trim(w, "│")] = true
				}
				if !strings.Contains(screen(m), "pgdn to read on") {
					break
				}
				more = true
				if !strings.Contains(screen(m), "pgdn read on") {
					t.Errorf("%dx%d lab %s: the lesson goes on but the help does not offer pgdn:\n%s", sz.w, sz.h, l.ID, screen(m))
				}
				m = press(m, "pgdown")
			}
			texts := []string{l.Lesson}
			for _, wl := range l.Workloads {
				texts = append(texts, wl.Lesson)
			}
			for _, text := range texts {
				for _, w := range strings.Fields(strings.ReplaceAll(text, "-", " ")) {
					if !seen[w] {
						t.Errorf("%dx%d lab %s: %q is on no page of the lesson (paged: %v)", sz.w, sz.h, l.ID, w, more)
						break
					}
				}
			}
		}
	}
}
