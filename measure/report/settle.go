package report

import (
	"math"
	"slices"
)

// Settling an estimate: the engine refines a run's expected rounds and
// total time after every round, and an early estimate swings (219, 382 and
// 85 rounds within 0.6 s, as each round's ratio moved the noise estimate).
// A person reads the swing as news. What is shown is the median of the last
// settleWindow estimates, a figure the engine really gave that a single
// outlier cannot move, and it changes only when that median moves by more
// than settleFactor either way, so small drifts do not flicker either.
const (
	settleWindow = 7
	settleFactor = 1.2
)

// A Settled holds an estimate as shown while the engine refines it. The
// zero value is ready to use and shows nothing (0) until the first
// estimate. It is a plain value, with no slice inside: a copy (a Bubble
// Tea model's) never shares its recent estimates with the original.
type Settled struct {
	recent [settleWindow]float64
	n      int // estimates held, up to settleWindow
	next   int // where the next one goes
	shown  float64
}

// Add takes the engine's newest estimate v and returns the one to show.
// Values that are not positive and finite (no estimate yet) are ignored.
func (s *Settled) Add(v float64) float64 {
	if !(v > 0) || math.IsInf(v, 0) {
		return s.shown
	}
	s.recent[s.next] = v
	s.next = (s.next + 1) % settleWindow
	s.n = min(s.n+1, settleWindow)
	// The slots fill from 0, so the first n hold every estimate kept.
	sorted := slices.Clone(s.recent[:s.n])
	slices.Sort(sorted)
	// The lower median: always one of the estimates given.
	med := sorted[(len(sorted)-1)/2]
	if s.shown <= 0 || med > s.shown*settleFactor || med < s.shown/settleFactor {
		s.shown = med
	}
	return s.shown
}

// Value returns the estimate shown, 0 before the first.
func (s *Settled) Value() float64 { return s.shown }
