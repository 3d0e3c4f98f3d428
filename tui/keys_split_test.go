package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestKeysTypedTogetherAreKeysApart sends keys as a terminal read may
// deliver them when typed fast, several in one message: off a text field
// each counts as a key of its own, the same as typed apart, and in a text
// field they are text.
func TestKeysTypedTogetherAreKeysApart(t *testing.T) {
	apart := press(newTestModel(t, 80, 24), "2", "?")
	together := press(newTestModel(t, 80, 24), "2?")
	if screen(together) != screen(apart) {
		t.Errorf("\"2?\" in one message:\n%s\nwant, as typed apart:\n%s", screen(together), screen(apart))
	}
	if apart.state == stateHome && !apart.help.ShowAll {
		t.Fatalf("the keys did nothing:\n%s", screen(apart))
	}
	pasted := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("2?"), Paste: true}
	if keys := splitKeys(pasted); keys != nil {
		t.Errorf("pasted text split into %d keys", len(keys))
	}
}
