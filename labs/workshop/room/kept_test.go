package room

import (
	"encoding/json"
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
	k := keptSample()
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
	if want := SpreadOf(rs); !reflect.DeepEqual(s, want) {
		t.Errorf("the kept spread:\n got %+v\nwant %+v", s, want)
	}
	if len(s.Finished) != 2 || s.Finished[0].ID != "eve-id" || s.Started != 4 || s.NotFinished() != 2 || s.Failed != 1 || s.Declined != 1 {
		t.Errorf("the kept spread = %+v", s)
	}
}
