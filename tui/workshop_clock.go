package tui

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// workshopTickMsg moves the workshop's clock on screen once a second. It
// carries the workshop's clock ID: a tick of a clock paused and started
// again is dropped, so that only one ticks.
type workshopTickMsg struct{ id int }

// The workshop's clock is the workshop's, on whatever screen it ticks.
func (workshopTickMsg) addressee() state { return stateWorkshop }

// workshopTick waits a second for the next tick of clock id.
func workshopTick(id int) tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return workshopTickMsg{id: id} })
}

// tick moves the clock on, and keeps it ticking while it runs.
func (w workshopModel) tick(msg workshopTickMsg) tea.Cmd {
	if !w.clock.ticking(msg.id) {
		return nil
	}
	return workshopTick(msg.id)
}

// workshopClock is the time the workshop has taken, pauses left out.
type workshopClock struct {
	now func() time.Time
	// id numbers the clock's runs, so that the tick of a paused one is
	// dropped; 0 until the workshop begins.
	id       int
	started  time.Time
	paused   bool
	pausedAt time.Time
	// idle is the time spent paused, before pausedAt.
	idle time.Duration
}

// start starts the clock the first time the workshop begins.
func (c *workshopClock) start() tea.Cmd {
	if c.id != 0 {
		return nil
	}
	c.id, c.started = 1, c.now()
	return workshopTick(c.id)
}

// pause stops the clock.
func (c *workshopClock) pause() {
	if !c.paused {
		c.paused, c.pausedAt = true, c.now()
	}
}

// resume starts the clock again, its idle time counted out.
func (c *workshopClock) resume() tea.Cmd {
	c.paused = false
	c.idle += c.now().Sub(c.pausedAt)
	if c.id == 0 {
		return nil
	}
	c.id++
	return workshopTick(c.id)
}

// ticking reports whether a tick of id is of the clock running now.
func (c *workshopClock) ticking(id int) bool { return !c.paused && id == c.id && c.id != 0 }

// elapsed is the workshop's time so far, pauses left out.
func (c workshopClock) elapsed() time.Duration {
	if c.id == 0 {
		return 0
	}
	end := c.now()
	if c.paused {
		end = c.pausedAt
	}
	return end.Sub(c.started) - c.idle
}

// minutes writes d in whole minutes, "12m", or "45s" under one.
func minutes(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%ds", int(d.Seconds()))
	}
	return fmt.Sprintf("%dm", int(d.Minutes()))
}
