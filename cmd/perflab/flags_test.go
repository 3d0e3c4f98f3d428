package main

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// flagNames are the flags FuzzFlagCombos combines: numbers, texts, a
// boolean and the pairs that contradict each other.
var flagNames = []string{"reps", "max-time", "margin", "rate", "output", "runs-dir", "no-save", "duration", "sweep", "format", "baseline", "python"}

// parseRun parses args as the flags of perflab run and checks their
// combination, as the command line does before anything starts.
func parseRun(args []string) error {
	root := newRootCmd()
	run, _, err := root.Find([]string{"run"})
	if err != nil {
		return err
	}
	if err := run.ParseFlags(args); err != nil {
		return err
	}
	return checkConflicts(run.Flags())
}

// FuzzFlagCombos gives perflab run two flags with arbitrary values: the
// parse must never panic, and a pair it accepts must be two different
// flags, with finite numbers, no empty text, and no contradiction.
func FuzzFlagCombos(f *testing.F) {
	f.Add(uint8(0), "1", uint8(0), "2")
	f.Add(uint8(0), "1", uint8(1), "1s")
	f.Add(uint8(0), "0", uint8(1), "1s")
	f.Add(uint8(2), "NaN", uint8(3), "Inf")
	f.Add(uint8(4), "", uint8(5), "")
	f.Add(uint8(6), "true", uint8(5), "/tmp/x")
	f.Add(uint8(3), "-inf", uint8(2), "0.05")
	f.Fuzz(func(t *testing.T, a uint8, va string, b uint8, vb string) {
		fa, fb := flagNames[int(a)%len(flagNames)], flagNames[int(b)%len(flagNames)]
		if fb == "python" {
			// --python starts the interpreter to check it, which
			// the parse alone does not: leave it first only.
			fb = "format"
		}
		err := parseRun([]string{"--" + fa + "=" + va, "--" + fb + "=" + vb})
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("a message of more than one line: %q", err)
			}
			return
		}
		if fa == fb {
			t.Fatalf("accepted --%s twice", fa)
		}
		given := map[string]string{fa: va, fb: vb}
		for name, v := range given {
			switch name {
			case "margin", "rate":
				if x, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && (math.IsNaN(x) || math.IsInf(x, 0)) {
					t.Fatalf("accepted --%s %q", name, v)
				}
			case "output", "runs-dir", "sweep", "format", "baseline", "python":
				if v == "" {
					t.Fatalf("accepted an empty --%s", name)
				}
			}
		}
		if reps, ok := given["reps"]; ok && reps != "0" && given["max-time"] != "" {
			if n, err := strconv.Atoi(reps); err == nil && n != 0 {
				t.Fatalf("accepted --reps %s with --max-time", reps)
			}
		}
		if _, ok := given["no-save"]; ok && given["runs-dir"] != "" {
			if save, _ := strconv.ParseBool(given["no-save"]); save {
				t.Fatalf("accepted --no-save with --runs-dir")
			}
		}
	})
}

func TestFlagCombosAreRefusedNamingBoth(t *testing.T) {
	cases := map[string][]string{
		"given twice":          {"--reps", "1", "--reps", "2"},
		"NaN":                  {"--margin", "NaN"},
		"Inf":                  {"--rate", "+Inf"},
		"empty output":         {"-o", ""},
		"reps with max-time":   {"--reps", "3", "--max-time", "1s"},
		"no-save and runs-dir": {"--no-save", "--runs-dir", "/tmp"},
	}
	for name, args := range cases {
		if err := parseRun(args); err == nil {
			t.Errorf("%s: %q accepted", name, args)
		}
	}
	for _, ok := range [][]string{{"--reps", "0", "--max-time", "1s"}, {"--reps", "3"}, {"--no-save"}, {"--margin", "0.1"}} {
		if err := parseRun(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
}
