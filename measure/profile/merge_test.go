package profile

import (
	"strings"
	"testing"
	"time"

	"github.com/google/pprof/profile"
)

// TestMergeAddsTheRunsSamples merges two runs' profiles: the samples of a
// function in both add up, and one in only one run is kept.
func TestMergeAddsTheRunsSamples(t *testing.T) {
	run := func(stacks ...Stack) []byte {
		b, err := Encode(stacks, 10*time.Millisecond)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	hot := []Place{{Func: "hot", File: "a.go", Line: 1}}
	cold := []Place{{Func: "cold", File: "a.go", Line: 9}}
	data, err := Merge([][]byte{run(Stack{hot, 3}), run(Stack{hot, 4}, Stack{cold, 1})})
	if err != nil {
		t.Fatal(err)
	}
	p, err := profile.ParseData(data)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, s := range p.Sample {
		got[s.Location[0].Line[0].Function.Name] += s.Value[0]
	}
	if got["hot"] != 7 || got["cold"] != 1 || p.Period != int64(10*time.Millisecond) {
		t.Errorf("merged samples %v, period %d; want hot 7, cold 1, period 10ms", got, p.Period)
	}
}

func TestMergeRefusesNothingAndGarbage(t *testing.T) {
	if _, err := Merge(nil); err == nil {
		t.Error("Merge(nil) succeeded")
	}
	if _, err := Merge([][]byte{[]byte("not a profile")}); err == nil || !strings.Contains(err.Error(), "profile 1 of 1") {
		t.Errorf("Merge(garbage) = %v; want an error naming the profile", err)
	}
}
