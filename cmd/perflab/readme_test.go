package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A readmeExample is one perflab command of a shell block of README.md.
type readmeExample struct {
	section string // the title of its section (## heading)
	line    int    // its line in README.md
	text    string // as written, without its trailing comment
	skip    string // why it is not run; "" when it is
}

// readmeSkips are the README's examples that a test cannot run although
// their block runs, by the start of their command, with the reason. Whole
// blocks are marked in the README itself, by a comment before the block:
// <!-- skip: needs a terminal -->.
var readmeSkips = []struct{ prefix, reason string }{
	{"perflab replay ", "needs a terminal (the TUI draws the replay)"},
	{"perflab run machines/queue --nats ", "needs a NATS server of its own at 127.0.0.1:4222"},
}

// skipMarker is the comment that marks the next shell block as not run.
var skipMarker = regexp.MustCompile(`^<!--\s*skip:\s*(.*?)\s*-->$`)

// readmeExamples returns the perflab commands of the shell blocks of a
// README, in order. Lines of other programs (go, docker, kubectl) are not
// perflab's examples and are left out; so are comment lines.
func readmeExamples(readme string) []readmeExample {
	var out []readmeExample
	var inBlock bool
	var marked, blockSkip, section string
	sc := bufio.NewScanner(strings.NewReader(readme))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case !inBlock && (line == "```sh" || line == "```bash"):
			inBlock, blockSkip, marked = true, marked, ""
		case !inBlock && strings.HasPrefix(line, "```"):
			inBlock, blockSkip, marked = true, "-", ""
		case inBlock && line == "```":
			inBlock = false
		case inBlock && blockSkip != "-":
			text := stripComment(line)
			if text != "perflab" && !strings.HasPrefix(text, "perflab ") {
				continue
			}
			ex := readmeExample{section: section, line: n, text: text, skip: blockSkip}
			for _, s := range readmeSkips {
				if ex.skip == "" && strings.HasPrefix(text, s.prefix) {
					ex.skip = s.reason
				}
			}
			out = append(out, ex)
		case !inBlock:
			if title, ok := strings.CutPrefix(line, "## "); ok {
				section = title
			}
			if m := skipMarker.FindStringSubmatch(line); m != nil {
				marked = m[1]
			} else if line != "" {
				marked = ""
			}
		}
	}
	return out
}

// stripComment cuts a shell comment off a line: a # at its start or after
// a blank, outside quotes.
func stripComment(line string) string {
	var quote rune
	for i, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
			return strings.TrimSpace(line[:i])
		}
	}
	return line
}

// Short budgets put in place of the examples' own, so that the README's
// examples run in seconds: a run that goes on until decided ends after
// readmeMaxTime, a fixed design runs at most readmeReps rounds, and an
// HTTP repetition lasts readmeHTTPDuration. A budget is added only where
// the example gives none of its own, and never beside a fixed design:
// perflab refuses a flag given twice, and --max-time beside --reps N.
const (
	readmeMaxTime      = "--max-time 500ms"
	readmeReps         = 3
	readmeHTTPDuration = "--duration 50ms"
)

var (
	measuringCommand = regexp.MustCompile(`\bperflab (run|exec|http)\b`)
	repsFlag         = regexp.MustCompile(`--reps (\d+)`)
	fixedDesign      = regexp.MustCompile(`--reps[ =]0*[1-9]`)
	maxTimeFlag      = regexp.MustCompile(`--max-time[ =]\S+`)
	exampleServer    = regexp.MustCompile(`http://127\.0\.0\.1:8080`)
)

// shortened returns an example as the test runs it: short budgets in
// place of its own, and the loopback server's URL for the one at port 8080
// the HTTP examples assume. The budgets the example does not give go right
// after the command; its own --max-time is shortened where it stands.
func shortened(text, serverURL string) string {
	text = maxTimeFlag.ReplaceAllString(text, readmeMaxTime)
	addMaxTime := !fixedDesign.MatchString(text) && !strings.Contains(text, "--max-time")
	addDuration := !strings.Contains(text, "--duration")
	text = measuringCommand.ReplaceAllStringFunc(text, func(cmd string) string {
		out := cmd
		if addMaxTime {
			out += " " + readmeMaxTime
		}
		if cmd == "perflab http" && addDuration {
			out += " " + readmeHTTPDuration
		}
		return out
	})
	text = repsFlag.ReplaceAllStringFunc(text, func(s string) string {
		if n, err := strconv.Atoi(strings.TrimPrefix(s, "--reps ")); err == nil && n > readmeReps {
			return "--reps " + strconv.Itoa(readmeReps)
		}
		return s
	})
	return exampleServer.ReplaceAllString(text, serverURL)
}

// readmeFixtures are the files the README's examples assume in their
// folder: input for sort, two programs to race, a big file to count.
var readmeFixtures = map[string]string{
	"data.txt": "3\n1\n2\n10\n7\n",
	"big.txt":  strings.Repeat("a line of the big file\n", 1000),
	"old":      "#!/bin/sh\nexit 0\n",
	"new":      "#!/bin/sh\nexit 0\n",
}

// TestReadmeExamples runs every perflab example of the README's shell
// blocks with the built binary. The examples of a section (## heading) run
// in order in one folder, as a reader would paste them: later examples read
// the files and the runs earlier ones kept. Sections run side by side, each
// in a folder of its own. An example fails when it exits other than 0, or
// other than 0 and 1 when it is a gate (--fail-if), whose 1 is a verdict.
func TestReadmeExamples(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	examples := readmeExamples(string(readme))
	if len(examples) < 20 {
		t.Fatalf("found %d perflab examples in README.md; the parser lost its way", len(examples))
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") }))
	t.Cleanup(srv.Close)
	var sections []string
	bySection := map[string][]readmeExample{}
	for _, ex := range examples {
		if _, ok := bySection[ex.section]; !ok {
			sections = append(sections, ex.section)
		}
		bySection[ex.section] = append(bySection[ex.section], ex)
	}
	for _, section := range sections {
		t.Run(section, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for name, body := range readmeFixtures {
				mode := os.FileMode(0o644)
				if strings.HasPrefix(body, "#!") {
					mode = 0o755 // a program the examples run
				}
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), mode); err != nil {
					t.Fatal(err)
				}
			}
			for _, ex := range bySection[section] {
				t.Run("README.md:"+strconv.Itoa(ex.line), func(t *testing.T) {
					if ex.skip != "" {
						t.Skipf("%s: %s", ex.text, ex.skip)
					}
					runReadmeExample(t, dir, shortened(ex.text, srv.URL), strings.Contains(ex.text, "--fail-if"))
				})
			}
		})
	}
}

// runReadmeExample runs one example through sh in dir, with the built
// binary first on PATH and the runs folder under dir.
func runReadmeExample(t *testing.T, dir, command string, gate bool) {
	t.Helper()
	// The gate example compares with a run kept from the main branch: the
	// README's own before.json stands in for it.
	if strings.Contains(command, "main.json") {
		if err := copyFile(filepath.Join(dir, "before.json"), filepath.Join(dir, "main.json")); err != nil {
			t.Fatalf("make main.json: %v", err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(binary)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"XDG_DATA_HOME="+filepath.Join(dir, "data"), "NO_COLOR=1")
	// The example runs in a process group of its own, so that a timeout
	// stops perflab and whatever it started, not only the shell.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	code := cmd.ProcessState.ExitCode()
	if err != nil && code <= 0 {
		t.Fatalf("%s: %v\n%s", command, err, out)
	}
	// A budget the test put in place of the example's own may end it at
	// its time bound, with one operation longer than the budget: the bound
	// holding is the promise, not a broken example.
	cut := code == 1 && bytes.Contains(out, []byte("stopped at the time bound")) && strings.Contains(command, readmeMaxTime)
	if code != 0 && !(gate && code == 1) && !cut {
		t.Errorf("the README's example exited %d: %s\n%s", code, command, out)
	}
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

func TestReadmeExamplesParser(t *testing.T) {
	readme := "## One\n\n<!-- skip: needs a cluster -->\n\n```sh\nperflab worker --nats x   # a worker\n```\n" +
		"```sh\ngo install ./cmd/perflab\nperflab run a/b --param s='x # y'  # comment\n# ... change something ...\nperflab replay f.json\n```\n" +
		"```go\nperflab run not/shell\n```\n"
	got := readmeExamples(readme)
	want := []readmeExample{
		{section: "One", line: 6, text: "perflab worker --nats x", skip: "needs a cluster"},
		{section: "One", line: 10, text: "perflab run a/b --param s='x # y'"},
		{section: "One", line: 12, text: "perflab replay f.json", skip: readmeSkips[0].reason},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("readmeExamples =\n%v\nwant\n%v", got, want)
	}
	for _, tt := range []struct{ in, want string }{
		{"perflab run measure/sort --reps 120", "perflab run measure/sort --reps 3"},
		{"perflab run measure/sort --reps 2", "perflab run measure/sort --reps 2"},
		{"perflab run measure/sort --reps 0", "perflab run --max-time 500ms measure/sort --reps 0"},
		{"perflab run measure/sort --max-time 1m", "perflab run measure/sort --max-time 500ms"},
		{"perflab http --duration 1s http://127.0.0.1:8080/", "perflab http --max-time 500ms --duration 1s http://127.0.0.1:1234/"},
		{"perflab compare $(perflab runs --format paths | head -2 | tac)", "perflab compare $(perflab runs --format paths | head -2 | tac)"},
		{"perflab http -c 8 http://127.0.0.1:8080/v1", "perflab http --max-time 500ms --duration 50ms -c 8 http://127.0.0.1:1234/v1"},
	} {
		if got := shortened(tt.in, "http://127.0.0.1:1234"); got != tt.want {
			t.Errorf("shortened(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
