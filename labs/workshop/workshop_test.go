package workshop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs"
)

func TestDefaultCoversTheSevenLabsInGoAndPython(t *testing.T) {
	ws, err := Default(labs.All())
	if err != nil {
		t.Fatal(err)
	}
	if got := ws.Minutes(); got < 80 || got > 100 {
		t.Errorf("the default workshop plans %d minutes, want about 90", got)
	}
	seen := map[string]map[bool]bool{}
	for _, l := range ws.Lessons {
		if seen[l.Lab.ID] == nil {
			seen[l.Lab.ID] = map[bool]bool{}
		}
		seen[l.Lab.ID][l.Python()] = true
		if len(l.Choices) < 2 {
			t.Errorf("%s: %d choices", l.Path(), len(l.Choices))
		}
		if l.Why == "" || l.Question == "" || l.Text == "" {
			t.Errorf("%s: a text, question or why is empty", l.Path())
		}
		if l.Spec.Config.MaxTime != DefaultMaxTime {
			t.Errorf("%s: max time %v, want %v", l.Path(), l.Spec.Config.MaxTime, DefaultMaxTime)
		}
	}
	for _, l := range labs.All() {
		if !seen[l.ID][false] || !seen[l.ID][true] {
			t.Errorf("lab %s: Go lesson %v, Python lesson %v; want both", l.ID, seen[l.ID][false], seen[l.ID][true])
		}
	}
	goOnly, err := Default(labs.All(), WithoutPython())
	if err != nil || goOnly.LeftOut != 7 || len(goOnly.Lessons) != 7 {
		t.Errorf("WithoutPython: %v, left %d out, kept %d; want 7 and 7", err, goOnly.LeftOut, len(goOnly.Lessons))
	}
	for _, l := range goOnly.Lessons {
		if l.Python() {
			t.Errorf("WithoutPython kept %s", l.Path())
		}
	}
	if _, err := Parse("py.toml", []byte("[[lesson]]\nrun = \"measure/python-sort\"\n"), labs.All(), WithoutPython()); err == nil || !strings.Contains(err.Error(), "every lesson races Python") {
		t.Errorf("a workshop of Python lessons only, without Python: %v", err)
	}
}

func TestParseFillsDefaults(t *testing.T) {
	ws, err := Parse("w.toml", []byte(`
[[lesson]]
run = "data-structures/membership"
strategies = ["slice", "map", "map"]
params = { n = 500, hit_ratio = 0.25 }
max_time = "5s"
`), labs.All())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ws.Size(), "1 lesson, about 6 minutes"; got != want {
		t.Errorf("size %q, want %q", got, want)
	}
	l := ws.Lessons[0]
	if ws.Title == "" || l.Minutes != DefaultMinutes || l.Question != DefaultQuestion {
		t.Errorf("defaults: title %q, minutes %d, question %q", ws.Title, l.Minutes, l.Question)
	}
	if got, want := strings.Join(l.Names, ","), "slice,map,map#2"; got != want {
		t.Errorf("names %s, want %s", got, want)
	}
	if l.Spec.Params["n"] != "500" || l.Spec.Params["hit_ratio"] != "0.25" || l.Spec.Config.MaxTime != 5*time.Second {
		t.Errorf("spec %+v", l.Spec)
	}
	var labels []string
	for _, c := range l.Choices {
		labels = append(labels, c.Label())
	}
	if got, want := strings.Join(labels, "|"), "no difference: none beats the baseline (~)|slice wins|map wins|map#2 wins"; got != want {
		t.Errorf("default choices %s, want %s", got, want)
	}
	if l.Why != l.Workload.Lesson {
		t.Errorf("why is not the workload's lesson")
	}
}

func TestParseRefusesWhatCannotRun(t *testing.T) {
	const race = "[[lesson]]\nrun = \"data-structures/membership\"\n"
	for _, tc := range []struct{ name, file, want string }{
		{"syntax", "title = \n", "w.toml: line 1:"},
		{"unknown key", race + "colour = \"red\"\n", `unknown key "lesson.colour" (a lesson takes run`},
		{"unknown top key", "titel = \"x\"\n" + race, `unknown key "titel" (a workshop file takes title and [[lesson]])`},
		{"unknown choice key", race + "[[lesson.choice]]\nwinner = \"map\"\nwhy = \"x\"\n[[lesson.choice]]\nwinner = \"slice\"\n", `(a choice takes winner, by and text)`},
		{"wrong type", race + "minutes = \"eight\"\n", "w.toml: line 3: lesson.minutes must be a whole number"},
		{"reps and max_time", race + "reps = 5\nmax_time = \"5s\"\n", "set reps (a fixed design) or max_time"},
		{"same choice twice", race + "[[lesson.choice]]\nwinner = \"map\"\n[[lesson.choice]]\nwinner = \"map\"\n", "choices 1 and 2 could both be right"},
		{"overlapping ranges", race + "[[lesson.choice]]\nwinner = \"map\"\nby = \"1-3\"\n[[lesson.choice]]\nwinner = \"map\"\nby = \"2-5\"\n", "choices 1 and 2 could both be right"},
		{"no lessons", "title = \"x\"\n", "no lessons"},
		{"no run", "[[lesson]]\nminutes = 3\n", "lesson 1: name the race"},
		{"no lab", "[[lesson]]\nrun = \"nope/x\"\n", `lesson 1 (nope/x): no lab "nope"`},
		{"no strategy", race + "strategies = [\"slice\", \"tree\"]\n", `no strategy "tree"`},
		{"one strategy", race + "strategies = [\"map\"]\n", "two strategies at least"},
		{"param", race + "params = { n = 0 }\n", "n must be at least 1"},
		{"param type", race + "params = { n = [1] }\n", "param n: must be a number or a string"},
		{"max time", race + "max_time = \"soon\"\n", "max_time must be a duration"},
		{"minutes", race + "minutes = -1\n", "minutes must be from 0 to 600"},
		{"one choice", race + "[[lesson.choice]]\nwinner = \"map\"\n", "2 to 9 choices, got 1"},
		{"winner", race + "[[lesson.choice]]\nwinner = \"tree\"\n[[lesson.choice]]\nwinner = \"map\"\n", `choice 1: winner "tree" is not in the race`},
		{"no winner", race + "[[lesson.choice]]\nby = \"2-\"\n[[lesson.choice]]\nwinner = \"map\"\n", "choice 1: name its winner"},
		{"by none", race + "[[lesson.choice]]\nwinner = \"none\"\nby = \"2-\"\n[[lesson.choice]]\nwinner = \"map\"\n", "has no speed-up to bound"},
		{"by", race + "[[lesson.choice]]\nwinner = \"map\"\nby = \"10-2\"\n[[lesson.choice]]\nwinner = \"slice\"\n", "the upper end is not above the lower"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("w.toml", []byte(tc.file), labs.All())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error with %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("the error is more than one line: %q", err)
			}
		})
	}
}

func TestLoadNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "room.toml")
	if err := os.WriteFile(path, []byte("title = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path, labs.All()); err == nil || !strings.HasPrefix(err.Error(), path+": no lessons") {
		t.Errorf("got %v", err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.toml"), labs.All()); err == nil || !strings.Contains(err.Error(), "workshop file:") {
		t.Errorf("got %v", err)
	}
}

// FuzzWorkshopFile feeds any text to the workshop file parser: it returns a
// workshop or a one-line error, and never panics.
func FuzzWorkshopFile(f *testing.F) {
	f.Add(string(DefaultFile()))
	f.Add("[[lesson]]\nrun = \"measure/sort\"\n[[lesson.choice]]\nwinner = \"fix\"\nby = \"2-\"\n[[lesson.choice]]\nwinner = \"none\"\n")
	f.Add("[[lesson]]\nrun = \"threads/cpu\"\nparams = { k = 3, work = \"1ms\" }\nmax_time = \"1s\"\nreps = 3\n")
	f.Add("title = \"\"\"\n")
	all := labs.All()
	f.Fuzz(func(t *testing.T, file string) {
		ws, err := Parse("w.toml", []byte(file), all)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("a multi-line error: %q", err)
			}
			return
		}
		for _, l := range ws.Lessons {
			if len(l.Choices) < 2 || len(l.Choices) > MaxChoices || len(l.Names) < 2 {
				t.Errorf("%s: %d choices, %d strategies", l.Path(), len(l.Choices), len(l.Names))
			}
		}
	})
}

// TestReadmeExample parses the workshop file the README shows.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "```toml\n")
	example, _, closed := strings.Cut(rest, "```")
	if !ok || !closed {
		t.Fatal("the README shows no workshop file")
	}
	ws, err := Parse("README.md", []byte(example), labs.All())
	if err != nil {
		t.Fatal(err)
	}
	if l := ws.Lessons[0]; len(l.Choices) != 3 || l.Choices[2].Label() != "the memo, by a lot" || l.Choices[1].Label() != "memo wins by less than 3×" {
		t.Errorf("the README's choices read %+v", l.Choices)
	}
}

// TestPlaceboLessonsAskWhatTheRevealScores holds the placebo lessons to
// what their reveal scores: the race's winner. A question about the placebo
// alone ("what will the race say?") made a room that answered "no
// difference", right about the placebo, wrong, because the fix won.
func TestPlaceboLessonsAskWhatTheRevealScores(t *testing.T) {
	ws, err := Default(labs.All())
	if err != nil {
		t.Fatal(err)
	}
	asked := 0
	for _, l := range ws.Lessons {
		placebo := false
		for _, c := range l.Choices {
			placebo = placebo || c.Winner == "placebo"
		}
		if !placebo {
			continue
		}
		asked++
		if q := strings.ToLower(l.Question); !strings.Contains(q, "which strategy wins") {
			t.Errorf("%s asks %q; the reveal scores which strategy wins, so the question must ask that", l.Path(), l.Question)
		}
	}
	if asked == 0 {
		t.Fatal("no lesson of the default workshop has a placebo choice: the test checks nothing")
	}
}
