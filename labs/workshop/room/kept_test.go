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
		Results: []json.RawMessage{json.RawMessage(`{"cores":2}`)}}
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
