package main

import (
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/perflab/perflab/tui"
)

// TestSweepRefusedAlikeByCommandLineAndTUI types the same bad sweep into
// perflab run and into the TUI's set-up: both refuse it with one message,
// the command line naming the flag, the TUI the field.
func TestSweepRefusedAlikeByCommandLineAndTUI(t *testing.T) {
	const sweep = "n=16,,32"
	const want = `sweep n has an empty value in "16,,32"`

	_, stderr, code := perflab(t, "run", "data-structures/membership", "--sweep", sweep)
	if code != 2 || strings.TrimSpace(stderr) != "perflab: --"+want {
		t.Errorf("perflab run --sweep %s: exit %d, stderr %q; want exit 2 and %q", sweep, code, stderr, "perflab: --"+want)
	}

	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	var m tea.Model = tui.New(tui.Options{Renderer: r})
	send := func(msgs ...tea.Msg) {
		for _, msg := range msgs {
			m, _ = m.Update(msg)
		}
	}
	send(tea.WindowSizeMsg{Width: 160, Height: 40}, runes("2"), tea.KeyMsg{Type: tea.KeyEnter})
	// The sweep is the last field of the form: tab stops there.
	for range 20 {
		send(tea.KeyMsg{Type: tea.KeyTab})
	}
	send(runes(sweep), tea.KeyMsg{Type: tea.KeyEnter})
	if got := ansi.Strip(m.View()); !strings.Contains(got, "✗ fix sweep: "+want) {
		t.Errorf("the TUI's set-up does not refuse %s with %q:\n%s", sweep, want, got)
	}
}

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
