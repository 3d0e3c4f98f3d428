package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestWrapBreaksOnlyAtSpaces wraps text full of flags and hyphenated words
// at every width from 8 to 80: no line is wider than the width, and every
// word, "--rate" as much as "open-loop", stays whole on one line.
func TestWrapBreaksOnlyAtSpaces(t *testing.T) {
	text := "an open-loop run at a fixed arrival rate counts late dispatches; pass --rate 500 and --max-time 10s, or perflab http --rate, to set it\n\nA second paragraph: keep-alive, data-structures/membership."
	words := strings.Fields(text)
	for w := 8; w <= 80; w++ {
		got := wrap(text, w)
		for _, l := range strings.Split(got, "\n") {
			if ansi.StringWidth(l) > w {
				t.Errorf("width %d: line %q is %d wide", w, l, ansi.StringWidth(l))
			}
		}
		var lineWords []string
		for _, l := range strings.Split(got, "\n") {
			lineWords = append(lineWords, strings.Fields(l)...)
		}
		for _, word := range words {
			if len(word) <= w && !contains(lineWords, word) {
				t.Errorf("width %d: %q was broken:\n%s", w, word, got)
			}
		}
	}
	if got := wrap(text, 80); !strings.Contains(got, "\n\nA second") {
		t.Errorf("the paragraphs were not kept:\n%s", got)
	}
}

// TestWrapCutsAWordWiderThanTheLine cuts only a word that cannot fit a
// line of its own, and loses none of it.
func TestWrapCutsAWordWiderThanTheLine(t *testing.T) {
	got := wrap("see /a/very/long/path/to/a/file.py now", 10)
	if flat := strings.NewReplacer("\n", "", " ", "").Replace(got); flat != "see/a/very/long/path/to/a/file.pynow" {
		t.Errorf("wrap lost text: %q", got)
	}
	for _, l := range strings.Split(got, "\n") {
		if ansi.StringWidth(l) > 10 {
			t.Errorf("line %q is wider than 10", l)
		}
	}
	if !strings.Contains(got, "\nnow") && !strings.HasSuffix(got, " now") {
		t.Errorf("the word after the cut one is not whole: %q", got)
	}
}

func contains(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}
