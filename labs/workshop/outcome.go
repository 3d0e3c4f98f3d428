package workshop

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/perflab/perflab/measure"
)

// NoWinner is the winner of a choice that says no strategy differs from the
// baseline.
const NoWinner = "none"

// A Choice is one answer the room can give: which strategy wins the race,
// and by about how much.
type Choice struct {
	// Winner is a strategy's name, or NoWinner.
	Winner string
	// By bounds the winner's speed-up; the zero Range does not.
	By Range
	// Text says the choice to the room; empty, Label says it from Winner
	// and By.
	Text string
}

// Label is the choice in words: its Text, or "map wins by 10× or more".
func (c Choice) Label() string {
	switch {
	case c.Text != "":
		return c.Text
	case c.Winner == NoWinner:
		return "no difference: none beats the baseline (~)"
	case c.By.IsZero():
		return c.Winner + " wins"
	}
	return c.Winner + " wins by " + c.By.String()
}

// A Range bounds a speed-up: at least Lo, and below Hi; a zero bound is
// open.
type Range struct{ Lo, Hi float64 }

// Overlaps reports whether some speed-up lies in both r and q.
func (r Range) Overlaps(q Range) bool {
	hi := func(x Range) float64 {
		if x.Hi == 0 {
			return math.Inf(1)
		}
		return x.Hi
	}
	return max(r.Lo, q.Lo) < min(hi(r), hi(q))
}

// IsZero reports whether r bounds nothing.
func (r Range) IsZero() bool { return r.Lo == 0 && r.Hi == 0 }

// Holds reports whether r holds the speed-up x.
func (r Range) Holds(x float64) bool { return x >= r.Lo && (r.Hi == 0 || x < r.Hi) }

// String says r as a person would: "2× to 10×", "10× or more", "less
// than 2×".
func (r Range) String() string {
	switch {
	case r.Hi == 0:
		return times(r.Lo) + " or more"
	case r.Lo == 0:
		return "less than " + times(r.Hi)
	}
	return times(r.Lo) + " to " + times(r.Hi)
}

func times(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) + "×" }

// Times writes a measured speed-up as the workshop prints it, with as many
// decimals at either end of an interval: "509×", "18.6×", "2.26×".
func Times(x float64) string {
	switch {
	case x >= 100:
		return fmt.Sprintf("%.0f×", x)
	case x >= 10:
		return fmt.Sprintf("%.1f×", x)
	}
	return fmt.Sprintf("%.2f×", x)
}

// ParseRange reads a speed-up range as a workshop file writes it: "2-10"
// (2× up to 10×), "10-" (10× or more), "-2" (less than 2×); an x or ×
// after a number is allowed.
func ParseRange(s string) (Range, error) {
	bad := func(why string) (Range, error) {
		return Range{}, fmt.Errorf("by %q: %s; write LO-HI, LO- or -HI in times the baseline's speed, such as \"2-10\" or \"10-\"", s, why)
	}
	lo, hi, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		return bad("no dash")
	}
	var r Range
	var err error
	if r.Lo, err = speedup(lo); err != nil {
		return bad(err.Error())
	}
	if r.Hi, err = speedup(hi); err != nil {
		return bad(err.Error())
	}
	switch {
	case r.IsZero():
		return bad("both ends are open")
	case r.Hi != 0 && r.Hi <= r.Lo:
		return bad("the upper end is not above the lower")
	case r.Lo != 0 && r.Lo < 1, r.Hi != 0 && r.Hi <= 1:
		// A winner is faster than the strategy it beats, so a range
		// below 1× can never hold.
		return bad("a winner is more than 1× faster, so each end is above 1")
	}
	return r, nil
}

// speedup reads one end of a range: empty is open (0), else a positive
// number of times.
func speedup(s string) (float64, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(s, "x"), "X"), "×"))
	if s == "" {
		return 0, nil
	}
	x, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil:
		return 0, fmt.Errorf("%q is not a number", s)
	case math.IsNaN(x) || math.IsInf(x, 0) || x <= 0 || x > 1e9:
		return 0, fmt.Errorf("%q is not a speed-up above 0", s)
	}
	return x, nil
}

// OutcomeKind is how a race came out, for the room's prediction.
type OutcomeKind int

const (
	// Won: one strategy, or several the race could not tell apart, beat
	// the rest.
	Won OutcomeKind = iota
	// NoDifference: every strategy is the baseline's equal (~).
	NoDifference
	// Undecided: the race did not decide who wins.
	Undecided
)

// An Outcome is what a race says about the room's question: who won and by
// how much, as the engine's verdicts decided it.
type Outcome struct {
	Kind OutcomeKind
	// Winner won by By, its speed-up over Over with the interval
	// [Lo, Hi]: over the baseline, or for the baseline over the best of
	// the rest.
	Winner, Over string
	By, Lo, Hi   float64
	// Tied are the strategies the race could not tell from the winner,
	// the winner first: a choice of any of them is right.
	Tied []string
	// Reason says why the race is undecided; Why, when there is one, is
	// the comparison that did not decide, whose reason is data the front
	// end words (see measure/report).
	Reason string
	Why    *measure.Comparison
}

// Judge reads the room's outcome from a race's report: the strategy that is
// fastest by the engine's verdicts against the baseline. A strategy the
// race could not decide on that might be the fastest leaves the outcome
// undecided, as does a cancelled race.
func Judge(rep *measure.Report) Outcome {
	if rep == nil || len(rep.Strategies) < 2 {
		return Outcome{Kind: Undecided, Reason: "the race has no comparison to judge"}
	}
	base := rep.Strategies[0]
	var faster, slower, inconclusive []*measure.Result
	for _, s := range rep.Strategies[1:] {
		c := s.VsBaseline
		switch {
		case c == nil || c.Verdict == measure.Inconclusive:
			inconclusive = append(inconclusive, s)
		case c.Verdict == measure.Faster:
			faster = append(faster, s)
		case c.Verdict == measure.Slower:
			slower = append(slower, s)
		}
	}
	if len(faster) > 0 {
		return judgeFaster(base.Name, faster, inconclusive)
	}
	if len(inconclusive) > 0 {
		return undecided(inconclusive[0])
	}
	if len(slower) == 0 {
		return Outcome{Kind: NoDifference}
	}
	// The baseline wins, tied with any strategy it is the equal of; its
	// speed-up is over the best of those it beats.
	best := slower[0]
	for _, s := range slower[1:] {
		if s.VsBaseline.Speedup > best.VsBaseline.Speedup {
			best = s
		}
	}
	c := best.VsBaseline
	o := Outcome{Kind: Won, Winner: base.Name, Over: best.Name, By: 1 / c.Speedup, Lo: inverse(c.SpeedupHi), Hi: inverse(c.SpeedupLo)}
	o.Tied = []string{base.Name}
	for _, s := range rep.Strategies[1:] {
		if s.VsBaseline.Verdict == measure.Same {
			o.Tied = append(o.Tied, s.Name)
		}
	}
	return o
}

// judgeFaster is the outcome of a race some strategies won against the
// baseline: the fastest, tied with those whose interval reaches its own.
func judgeFaster(baseline string, faster, inconclusive []*measure.Result) Outcome {
	top := faster[0]
	for _, s := range faster[1:] {
		if s.VsBaseline.Speedup > top.VsBaseline.Speedup {
			top = s
		}
	}
	c := top.VsBaseline
	for _, s := range inconclusive {
		// Unbounded, or bounded above the winner's floor: it may have won.
		if sc := s.VsBaseline; sc == nil || sc.SpeedupHi == 0 || sc.SpeedupHi >= c.SpeedupLo {
			return undecided(s)
		}
	}
	o := Outcome{Kind: Won, Winner: top.Name, Over: baseline, By: c.Speedup, Lo: c.SpeedupLo, Hi: c.SpeedupHi}
	o.Tied = []string{top.Name}
	for _, s := range faster {
		if s != top && s.VsBaseline.SpeedupHi >= c.SpeedupLo {
			o.Tied = append(o.Tied, s.Name)
		}
	}
	return o
}

// undecided is the outcome of a race whose strategy s could not be decided.
func undecided(s *measure.Result) Outcome {
	reason := s.Name + " could not be told from the baseline"
	return Outcome{Kind: Undecided, Reason: reason, Why: s.VsBaseline}
}

func inverse(x float64) float64 {
	if x == 0 {
		return 0
	}
	return 1 / x
}

// A Mark is how a prediction fared: right, wrong, or not scored because the
// race did not decide or the room gave no answer.
type Mark int

const (
	Unscored Mark = iota
	Right
	Wrong
)

// Mark scores the choice against the outcome o: right when it names the
// winner or one the race could not tell from it, and its range holds the
// winner's speed-up; or no difference when there was none.
func (c Choice) Mark(o Outcome) Mark {
	switch {
	case o.Kind == Undecided:
		return Unscored
	case c.Winner == NoWinner:
		return markOf(o.Kind == NoDifference)
	case o.Kind == NoDifference:
		return Wrong
	}
	// A strategy tied with the winner won with it, by the winner's
	// speed-up: the one the reveal shows.
	return markOf(slices.Contains(o.Tied, c.Winner) && c.By.Holds(o.By))
}

func markOf(right bool) Mark {
	if right {
		return Right
	}
	return Wrong
}

// Says is the outcome in words, as the reveal says it under its headline:
// "map wins: it is 150× faster than slice (148× to 153×)".
func (o Outcome) Says() string {
	switch o.Kind {
	case NoDifference:
		return "no difference: every strategy is the baseline's equal, within the margin (~)"
	case Undecided:
		return "the race did not decide: " + o.Reason
	}
	s := fmt.Sprintf("%s wins: it is %s faster than %s", o.Winner, Times(o.By), o.Over)
	if o.Lo > 0 && o.Hi > 0 {
		s += fmt.Sprintf(" (%s to %s)", Times(o.Lo), Times(o.Hi))
	}
	if len(o.Tied) > 1 {
		s += "; the race could not tell it from " + strings.Join(o.Tied[1:], ", ")
	}
	return s
}
