package room

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func keptSample() Kept {
	return Kept{Lesson: 2, Name: "threads/cpu", Question: "Which wins?", Choices: []string{"a", "b", "c"},
		Answers: Tally{Counts: []int{1, 0, 2}, Total: 3, Names: []string{"ada", "", "bob"}},
		Results: []json.RawMessage{json.RawMessage(keptResult("ada-id", StatusDone))}}
}

// keptResult is participant id's word of lesson 3's race 7.
func keptResult(id string, status Status) string {
	r := Result{ID: id, Race: 7, Lesson: 2, Status: status, Machine: Machine{Cores: 4, OS: "linux", Arch: "amd64", Go: "go1.24.0"}}
	if status == StatusDone {
		r.Outcome, r.Winner = OutcomeWon, "pool"
		r.Speedups = []Speedup{{Strategy: "pool", Verdict: "faster", Speedup: 3.1, Lo: 2.9, Hi: 3.3}}
	}
	data, err := json.Marshal(r)
	if err != nil {
		panic(err)
	}
	return string(data)
}

func TestKeptRoundTrip(t *testing.T) {
	want := keptSample()
	data, err := EncodeKept(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeKept(data)
	if err != nil {
		t.Fatal(err)
	}
	want.Schema = KeptSchema
	// A raw message comes back as it was written, indented or not.
	for i := range got.Results {
		got.Results[i] = json.RawMessage(strings.Join(strings.Fields(string(got.Results[i])), ""))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
}

func TestDecodeKeptRefuses(t *testing.T) {
	good, err := EncodeKept(keptSample())
	if err != nil {
		t.Fatal(err)
	}
	change := func(edit func(k *Kept)) []byte {
		k := keptSample()
		k.Schema = KeptSchema
		edit(&k)
		data, _ := json.Marshal(k)
		return data
	}
	for what, data := range map[string][]byte{
		"another schema":        []byte(strings.Replace(string(good), KeptSchema, "perflab/room/v9", 1)),
		"no schema":             []byte(`{"lesson":0}`),
		"not JSON":              []byte("room"),
		"an unknown field":      []byte(strings.Replace(string(good), `"lesson"`, `"extra": 1, "lesson"`, 1)),
		"trailing data":         append(append([]byte{}, good...), []byte(" {}")...),
		"counts not adding up":  change(func(k *Kept) { k.Answers.Total = 9 }),
		"a count per choice":    change(func(k *Kept) { k.Answers.Counts = []int{3} }),
		"a negative count":      change(func(k *Kept) { k.Answers.Counts = []int{4, -1, 0} }),
		"more names than votes": change(func(k *Kept) { k.Answers.Names = []string{"a", "b", "c", "d"} }),
		"an escape in a name":   change(func(k *Kept) { k.Answers.Names = []string{"\x1b[2J"} }),
		"a long name":           change(func(k *Kept) { k.Answers.Names = []string{strings.Repeat("n", 41)} }),
		"an escape in a choice": change(func(k *Kept) { k.Choices[0] = "\x1b]0;x\x07" }),
		"a big result": change(func(k *Kept) {
			k.Results = []json.RawMessage{json.RawMessage(`"` + strings.Repeat("r", MaxMessage) + `"`)}
		}),
		"a result not a result": change(func(k *Kept) { k.Results = []json.RawMessage{json.RawMessage(`{"cores":2}`)} }),
		"a result of another lesson": change(func(k *Kept) {
			k.Results[0] = json.RawMessage(strings.Replace(string(k.Results[0]), `"lesson":2`, `"lesson":1`, 1))
		}),
		"results of two races": change(func(k *Kept) {
			k.Results = append(k.Results, json.RawMessage(strings.Replace(keptResult("bob-id", StatusFailed), `"race":7`, `"race":8`, 1)))
		}),
		"a participant twice": change(func(k *Kept) {
			k.Results = append(k.Results, json.RawMessage(keptResult("ada-id", StatusRacing)))
		}),
		"an escape in a result": change(func(k *Kept) {
			k.Results[0] = json.RawMessage(strings.Replace(string(k.Results[0]), `"linux"`, `"\u001b[2J"`, 1))
		}),
		"a negative lesson": change(func(k *Kept) { k.Lesson = -1 }),
		"too big":           []byte(`{"schema":"` + KeptSchema + `","name":"` + strings.Repeat("x", MaxKept) + `"}`),
	} {
		if _, err := DecodeKept(data); err == nil {
			t.Errorf("%s: DecodeKept took it", what)
		}
	}
}

func TestKeptPath(t *testing.T) {
	if got, want := KeptPath("/runs/20261126-134051-threads-cpu.json"), "/runs/20261126-134051-threads-cpu.room"; got != want {
		t.Errorf("KeptPath = %q, want %q", got, want)
	}
}

// TestKeptResultsRoundTrip keeps a room's results and reads the spread
// back from the file as the live room would have drawn it.
func TestKeptResultsRoundTrip(t *testing.T) {
	var rs []Result
	for _, w := range []struct {
		id     string
		status Status
	}{{"ada-id", StatusDone}, {"bob-id", StatusRacing}, {"cy-id", StatusFailed}, {"dee-id", StatusDeclined}, {"eve-id", StatusDone}} {
		r, err := DecodeResult([]byte(keptResult(w.id, w.status)))
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	rs[4].Machine.Cores = 2
	_, _, s := keepAndReadBack(t, keptSample(), rs)
	if want := SpreadOf(rs); !reflect.DeepEqual(s, want) {
		t.Errorf("the kept spread:\n got %+v\nwant %+v", s, want)
	}
	if len(s.Finished) != 2 || s.Finished[0].ID != "eve-id" || s.Started != 4 || s.NotFinished() != 2 || s.Failed != 1 || s.Declined != 1 {
		t.Errorf("the kept spread = %+v", s)
	}
}

// fullRoom is a kept room of lesson 3 whose question, choices and
// maxRacers names are as long as their checks allow, in the characters
// JSON writes longest ("<" is "\u003c"): the head a kept room always keeps,
// at its largest.
func fullRoom() Kept {
	long := func(n int) string { return strings.Repeat("<", n) }
	k := Kept{Lesson: 2, Name: "threads/cpu", Question: long(maxText), Answers: Tally{Counts: make([]int, maxChoices), Total: maxRacers}}
	for range maxChoices {
		k.Choices = append(k.Choices, long(maxText))
	}
	k.Answers.Counts[0] = maxRacers
	for range maxRacers {
		k.Answers.Names = append(k.Answers.Names, long(maxName))
	}
	return k
}

// largestResults are maxRacers results as largestResult makes them.
func largestResults(t *testing.T) []Result {
	t.Helper()
	r := largestResult(t, 0)
	rs := make([]Result, maxRacers)
	for i := range rs {
		rs[i] = r
		rs[i].ID = fmt.Sprintf("%032x", i)
	}
	return rs
}

// largestResult is participant i's result of lesson 3's race 7 at the
// largest a message carries, and with the most lines, which indenting
// lengthens most: every strategy a race may have, and a why filling the
// rest.
func largestResult(t *testing.T, i int) Result {
	t.Helper()
	r, err := DecodeResult([]byte(keptResult(fmt.Sprintf("%032x", i), StatusDone)))
	if err != nil {
		t.Fatal(err)
	}
	r.Name, r.Winner = strings.Repeat("<", maxName), strings.Repeat("<", maxName)
	r.Machine.Python = strings.Repeat("<", maxName)
	r.Speedups = nil
	for s := range maxStrategies {
		r.Speedups = append(r.Speedups, Speedup{Strategy: fmt.Sprintf("%s%02d", strings.Repeat("<", maxName-2), s), Verdict: "inconclusive", Speedup: 1.0123456789, Lo: 0.9123456789, Hi: 1.1123456789})
	}
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	// The ID of maxRacers is as long as the first's; "<" takes 6 bytes.
	r.Why = strings.Repeat("<", min(maxText, (MaxMessage-len(data)-len(`,"why":""`))/6))
	return r
}

// TestKeptFitsItsBound keeps a full room of the largest results: its
// question, tally and names are kept, the results as many as fit within
// MaxKept, and the file says how many were left out. A full room of
// typical results is kept whole.
func TestKeptFitsItsBound(t *testing.T) {
	k := fullRoom()
	rs := largestResults(t)
	got, data, s := keepAndReadBack(t, k, rs)
	head, err := EncodeKept(fullRoom())
	if err != nil {
		t.Fatal(err)
	}
	n, err := keptSize(got.Results[0])
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the largest: %d of %d results kept in %d bytes of %d: a head of %d bytes, %d bytes a result", len(got.Results), maxRacers, len(data), MaxKept, len(head), n)
	if len(got.Results) < 300 || got.LeftOut != maxRacers-len(got.Results) || s.LeftOut != got.LeftOut || s.Kept() != len(got.Results) {
		t.Errorf("kept %d results, %d left out (spread %d of %d)", len(got.Results), got.LeftOut, s.Kept(), s.Kept()+s.LeftOut)
	}
	if len(got.Answers.Names) != maxRacers || got.Question != k.Question {
		t.Error("the question or the names were not kept whole")
	}
	// The file is full: one more result would not have fit.
	if len(data)+n <= MaxKept {
		t.Errorf("the file of %d bytes had room for another of %d", len(data), n)
	}

	// A typical room: short names, three strategies.
	k = keptSample()
	k.Answers = Tally{Counts: []int{maxRacers, 0, 0}, Total: maxRacers}
	rs = rs[:0]
	for i := range maxRacers {
		r, err := DecodeResult([]byte(keptResult(fmt.Sprintf("%032x", i), StatusDone)))
		if err != nil {
			t.Fatal(err)
		}
		r.Name = fmt.Sprintf("participant %d", i)
		r.Speedups = append(r.Speedups, Speedup{Strategy: "goroutines", Verdict: "faster", Speedup: 3.5, Lo: 3.2, Hi: 3.9}, Speedup{Strategy: "gil", Verdict: "same", Speedup: 1.01, Lo: 0.97, Hi: 1.04})
		k.Answers.Names = append(k.Answers.Names, r.Name)
		rs = append(rs, r)
	}
	if err := k.KeepResults(rs); err != nil {
		t.Fatal(err)
	}
	if data, err = EncodeKept(k); err != nil || k.LeftOut != 0 || len(k.Results) != maxRacers {
		t.Fatalf("a typical full room: %d kept, %d left out, %v", len(k.Results), k.LeftOut, err)
	}
	t.Logf("typical: %d results in %d bytes, %d bytes a result", maxRacers, len(data), len(data)/maxRacers)
}

// TestKeptKeepsRacesDoneFirst cuts a room's results: the races done are
// kept before the others.
func TestKeptKeepsRacesDoneFirst(t *testing.T) {
	k := fullRoom()
	rs := largestResults(t)
	for i, r := range rs {
		if i%2 == 0 {
			// A racing word carries no figures, and is put first.
			rs[i] = Result{ID: r.ID, Name: r.Name, Race: r.Race, Lesson: r.Lesson, Status: StatusRacing, Why: strings.Repeat("<", maxText), Machine: r.Machine}
		}
	}
	if err := k.KeepResults(rs); err != nil {
		t.Fatal(err)
	}
	s, err := k.Spread()
	if err != nil {
		t.Fatal(err)
	}
	if s.Started != len(s.Finished) || s.LeftOut != maxRacers-len(s.Finished) {
		t.Errorf("kept %d racing beside %d done, %d left out", s.NotFinished(), len(s.Finished), s.LeftOut)
	}
}

// TestOldKeptRoomStillReads reads a room kept before results were cut:
// no left_out, all its results.
func TestOldKeptRoomStillReads(t *testing.T) {
	old := `{"schema":"perflab/room/v1","lesson":2,"name":"threads/cpu","question":"Which wins?","choices":["a","b","c"],` +
		`"answers":{"counts":[1,0,2],"total":3,"names":["ada","","bob"]},"results":[` + keptResult("ada-id", StatusDone) + `]}`
	k, err := DecodeKept([]byte(old))
	if err != nil {
		t.Fatal(err)
	}
	if s, err := k.Spread(); err != nil || s.LeftOut != 0 || len(s.Finished) != 1 {
		t.Errorf("an old kept room: %+v, %v", s, err)
	}
}

// keepAndReadBack keeps rs in k, writes k as a file and reads it back: it
// returns the room read, the file, and the spread the file gives.
func keepAndReadBack(t *testing.T, k Kept, rs []Result) (Kept, []byte, Spread) {
	t.Helper()
	if err := k.KeepResults(rs); err != nil {
		t.Fatal(err)
	}
	data, err := EncodeKept(k)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeKept(data)
	if err != nil {
		t.Fatal(err)
	}
	s, err := got.Spread()
	if err != nil {
		t.Fatal(err)
	}
	return got, data, s
}
