package room

import (
	"encoding/json"
	"strings"
	"testing"
)

// done is a good result of race, as a participant on cores sends it.
func done(race int64, cores int, speedup float64) Result {
	return Result{ID: "p1", Race: race, Lesson: 0, Status: StatusDone, Outcome: OutcomeWon, Winner: "map",
		Speedups: []Speedup{{Strategy: "map", Verdict: "faster", Speedup: speedup, Lo: speedup * 0.9, Hi: speedup * 1.1}},
		Machine:  Machine{Cores: cores, OS: "linux", Arch: "amd64", Go: "go1.24.0"}}
}

func TestResultCheckRefuses(t *testing.T) {
	for name, change := range map[string]func(*Result){
		"no ID":             func(r *Result) { r.ID = "" },
		"ID with a dot":     func(r *Result) { r.ID = "a.b" },
		"no race":           func(r *Result) { r.Race = 0 },
		"unknown status":    func(r *Result) { r.Status = "won" },
		"no cores":          func(r *Result) { r.Machine.Cores = 0 },
		"absurd cores":      func(r *Result) { r.Machine.Cores = 1 << 20 },
		"unknown verdict":   func(r *Result) { r.Speedups[0].Verdict = "great" },
		"negative speed-up": func(r *Result) { r.Speedups[0].Speedup = -1 },
		"zero speed-up":     func(r *Result) { r.Speedups[0].Speedup = 0 },
		"huge speed-up":     func(r *Result) { r.Speedups[0].Speedup = 1e12 },
		"upside down":       func(r *Result) { r.Speedups[0].Lo, r.Speedups[0].Hi = 3, 2 },
		"half an interval":  func(r *Result) { r.Speedups[0].Lo = 0 },
		"done, no figures":  func(r *Result) { r.Speedups = nil },
		"unknown outcome":   func(r *Result) { r.Outcome = "tie" },
		"racing with figures": func(r *Result) {
			r.Status = StatusRacing
		},
		"escape in the OS": func(r *Result) { r.Machine.OS = "\x1b[2J" },
		"long name":        func(r *Result) { r.Name = strings.Repeat("x", 41) },
	} {
		r := done(1, 4, 2)
		change(&r)
		if err := r.Check(); err == nil {
			t.Errorf("%s: Check took %+v", name, r)
		}
	}
	if err := done(1, 4, 2).Check(); err != nil {
		t.Errorf("a good result: %v", err)
	}
	racing := Result{ID: "p", Race: 1, Status: StatusRacing, Machine: Machine{Cores: 2, OS: "linux", Arch: "arm64", Go: "go1"}}
	if err := racing.Check(); err != nil {
		t.Errorf("a race started: %v", err)
	}
}

func TestDecodeResultStrict(t *testing.T) {
	good, _ := json.Marshal(done(1, 4, 2))
	if _, err := DecodeResult(good); err != nil {
		t.Fatalf("a good result: %v", err)
	}
	for _, data := range []string{
		strings.Replace(string(good), `"race"`, `"extra":1,"race"`, 1),
		string(good) + " {}",
		`{"id":"p","race":1,"status":"done","speedups":[{"speedup":"fast"}]}`,
		`{"id":"p","name":"` + strings.Repeat("x", MaxMessage) + `"}`,
	} {
		if _, err := DecodeResult([]byte(data)); err == nil {
			t.Errorf("DecodeResult(%.60s) took it", data)
		}
	}
}

func TestRaceCheck(t *testing.T) {
	good := Race{ID: 3, Path: "threads/cpu", Strategies: []string{"sequential", "pool"}, Params: map[string]string{"k": "4"}, MaxTimeNs: 5e9}
	if err := good.Check(); err != nil {
		t.Fatalf("a good race: %v", err)
	}
	for name, r := range map[string]Race{
		"no ID":       {Path: "a/b"},
		"no path":     {ID: 1},
		"a long race": {ID: 1, Path: "a/b", MaxTimeNs: 1 << 62},
		"reps":        {ID: 1, Path: "a/b", Reps: -1},
		"bad param":   {ID: 1, Path: "a/b", Params: map[string]string{"cmd_a": "\x1b]0;x\x07"}},
	} {
		if err := r.Check(); err == nil {
			t.Errorf("%s: Check took %+v", name, r)
		}
	}
	s := question(0)
	s.Phase, s.Race = PhaseRace, &Race{ID: 1}
	if err := s.Check(); err == nil {
		t.Error("a state with a race of no path was taken")
	}
}
