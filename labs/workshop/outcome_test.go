package workshop

import (
	"math"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

// race is a report of a baseline and strategies compared with it, each
// given as name, verdict, speed-up and its interval.
func race(vs ...any) *measure.Report {
	rep := &measure.Report{Strategies: []*measure.Result{{Name: "base", Baseline: true}}}
	for i := 0; i < len(vs); i += 5 {
		rep.Strategies = append(rep.Strategies, &measure.Result{
			Name: vs[i].(string),
			VsBaseline: &measure.Comparison{
				Verdict: vs[i+1].(measure.Verdict), Speedup: vs[i+2].(float64),
				SpeedupLo: vs[i+3].(float64), SpeedupHi: vs[i+4].(float64),
			},
		})
	}
	return rep
}

const (
	faster = measure.Faster
	slower = measure.Slower
	same   = measure.Same
	inc    = measure.Inconclusive
)

func TestJudge(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rep    *measure.Report
		kind   OutcomeKind
		winner string
		by     float64
		tied   string
	}{
		{"the fastest wins", race("a", faster, 2.0, 1.9, 2.1, "b", faster, 5.0, 4.8, 5.2), Won, "b", 5, "b"},
		{"overlapping intervals tie", race("a", faster, 4.7, 4.5, 4.9, "b", faster, 5.0, 4.8, 5.2), Won, "b", 5, "b,a"},
		{"a placebo beside a fix", race("placebo", same, 1.0, 0.97, 1.03, "fix", faster, 2.2, 2.1, 2.3), Won, "fix", 2.2, "fix"},
		{"all the same", race("a", same, 1.0, 0.98, 1.02, "b", same, 1.01, 0.99, 1.03), NoDifference, "", 0, ""},
		{"the baseline beats them all", race("a", slower, 0.5, 0.45, 0.55, "b", slower, 0.8, 0.78, 0.82), Won, "base", 1.25, "base"},
		{"the baseline ties with its equal", race("a", same, 1.0, 0.98, 1.02, "b", slower, 0.5, 0.45, 0.55), Won, "base", 2, "base,a"},
		{"an undecided rival that may win", race("a", faster, 2.0, 1.9, 2.1, "b", inc, 2.5, 1.0, 4.0), Undecided, "", 0, ""},
		{"an undecided rival bounded below the winner", race("a", faster, 3.0, 2.9, 3.1, "b", inc, 1.0, 0.9, 1.1), Won, "a", 3, "a"},
		{"an unbounded rival", race("a", faster, 3.0, 2.9, 3.1, "b", inc, 9.0, 0.0, 0.0), Undecided, "", 0, ""},
		{"nothing decided", race("a", inc, 1.1, 0.9, 1.3), Undecided, "", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := Judge(tc.rep)
			if o.Kind != tc.kind || o.Winner != tc.winner || math.Abs(o.By-tc.by) > 1e-9 || strings.Join(o.Tied, ",") != tc.tied {
				t.Errorf("got kind %d winner %q by %g tied %v; want kind %d winner %q by %g tied %s", o.Kind, o.Winner, o.By, o.Tied, tc.kind, tc.winner, tc.by, tc.tied)
			}
		})
	}
	if o := Judge(&measure.Report{Strategies: []*measure.Result{{Name: "base"}}}); o.Kind != Undecided {
		t.Errorf("a race of one: %+v", o)
	}
}

func TestJudgeBaselineInterval(t *testing.T) {
	o := Judge(race("a", slower, 0.5, 0.4, 0.625))
	if o.Lo != 1.6 || o.Hi != 2.5 {
		t.Errorf("the baseline's interval is [%g, %g], want [1.6, 2.5]: the inverse of a's", o.Lo, o.Hi)
	}
}

func TestMark(t *testing.T) {
	fix := race("placebo", same, 1.0, 0.97, 1.03, "fix", faster, 2.2, 2.1, 2.3)
	tie := race("a", faster, 4.7, 4.5, 4.9, "b", faster, 5.0, 4.8, 5.2)
	none := race("a", same, 1.0, 0.98, 1.02)
	undecided := race("a", inc, 1.1, 0.9, 1.3)
	for _, tc := range []struct {
		name   string
		choice Choice
		rep    *measure.Report
		want   Mark
	}{
		{"the winner in its range", Choice{Winner: "fix", By: Range{Lo: 1.5}}, fix, Right},
		{"the winner out of its range", Choice{Winner: "fix", By: Range{Hi: 1.5}}, fix, Wrong},
		{"the winner, no range", Choice{Winner: "fix"}, fix, Right},
		{"a loser", Choice{Winner: "placebo"}, fix, Wrong},
		{"none, when one won", Choice{Winner: NoWinner}, fix, Wrong},
		{"none, when none won", Choice{Winner: NoWinner}, none, Right},
		{"a winner, when none won", Choice{Winner: "a"}, none, Wrong},
		{"the baseline, when none won", Choice{Winner: "base"}, none, Wrong},
		{"a tied runner-up, by the winner's speed-up", Choice{Winner: "a", By: Range{Lo: 4.9, Hi: 5.1}}, tie, Right},
		{"a tied runner-up, out of the winner's range", Choice{Winner: "a", By: Range{Hi: 4.8}}, tie, Wrong},
		{"an undecided race", Choice{Winner: "a"}, undecided, Unscored},
		{"none in an undecided race", Choice{Winner: NoWinner}, undecided, Unscored},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.choice.Mark(Judge(tc.rep)); got != tc.want {
				t.Errorf("got %d, want %d", got, tc.want)
			}
		})
	}
}

func TestParseRange(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Range
		text string
	}{
		{"2-10", Range{2, 10}, "2× to 10×"},
		{"10-", Range{Lo: 10}, "10× or more"},
		{"-1.5", Range{Hi: 1.5}, "less than 1.5×"},
		{" 2x - 3× ", Range{2, 3}, "2× to 3×"},
		{"1-1.2", Range{1, 1.2}, "1× to 1.2×"},
	} {
		got, err := ParseRange(tc.in)
		if err != nil || got != tc.want || got.String() != tc.text {
			t.Errorf("ParseRange(%q) = %+v %q, %v; want %+v %q", tc.in, got, got.String(), err, tc.want, tc.text)
		}
	}
	for _, bad := range []string{"", "2", "-", "a-b", "3-2", "2-2", "0-1", "-0", "NaN-", "1e10-", "-Inf", "0.5-", "-1", "0.5-2"} {
		if _, err := ParseRange(bad); err == nil {
			t.Errorf("ParseRange(%q) accepted", bad)
		}
	}
}

// FuzzParseRange feeds any text to the range parser: a range it accepts
// is bounded and ordered, and holds what lies between its ends.
func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"2-10", "10-", "-1.5", "2x-3×", "-", "1-1", "x-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRange(s)
		if err != nil {
			return
		}
		if r.IsZero() || (r.Lo != 0 && r.Lo < 1) || (r.Hi != 0 && r.Hi <= max(1, r.Lo)) {
			t.Fatalf("ParseRange(%q) = %+v", s, r)
		}
		if r.Hi != 0 && !r.Holds((r.Lo+r.Hi)/2) {
			t.Errorf("%+v does not hold its middle", r)
		}
	})
}

func TestOverlaps(t *testing.T) {
	for _, tc := range []struct {
		a, b Range
		want bool
	}{
		{Range{1, 2}, Range{2, 3}, false},
		{Range{1, 3}, Range{2, 5}, true},
		{Range{Lo: 10}, Range{2, 10}, false},
		{Range{Lo: 10}, Range{Hi: 20}, true},
		{Range{}, Range{2, 3}, true},
	} {
		if got := tc.a.Overlaps(tc.b); got != tc.want || tc.b.Overlaps(tc.a) != tc.want {
			t.Errorf("%+v overlaps %+v: %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSays(t *testing.T) {
	o := Judge(race("placebo", same, 1.0, 0.97, 1.03, "fix", faster, 2.2, 2.1, 2.3))
	if got, want := o.Says(), "fix wins: it is 2.20× faster than base (2.10× to 2.30×)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	o = Judge(race("a", slower, 0.5, 0.4, 0.625, "b", slower, 0.25, 0.2, 0.3))
	if got, want := o.Says(), "base wins: it is 2.00× faster than a (1.60× to 2.50×)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
