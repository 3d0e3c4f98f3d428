package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// A started is a perflab process a test started and reads as it runs.
type started struct {
	cmd    *exec.Cmd
	mu     sync.Mutex
	stderr strings.Builder
	lines  chan string
	stdout strings.Builder
	done   chan struct{}
}

// start runs perflab with args in a process group of its own, which the
// test's end kills if it is still there; its stderr's lines come on lines.
func start(t *testing.T, args ...string) *started {
	t.Helper()
	s := &started{cmd: exec.Command(binary, args...), lines: make(chan string, 100), done: make(chan struct{})}
	s.cmd.Env = append(os.Environ(), "NO_COLOR=1")
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	s.cmd.Stdout = &s.stdout
	errPipe, err := s.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	read := make(chan struct{})
	go func() {
		defer close(read)
		sc := bufio.NewScanner(errPipe)
		for sc.Scan() {
			s.mu.Lock()
			s.stderr.WriteString(sc.Text() + "\n")
			s.mu.Unlock()
			select {
			case s.lines <- sc.Text():
			default:
			}
		}
		_, _ = io.Copy(io.Discard, errPipe)
	}()
	go func() {
		<-read
		_ = s.cmd.Wait() // its status is read from ProcessState
		close(s.done)
	}()
	t.Cleanup(func() {
		select {
		case <-s.done:
		default:
			_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
			<-s.done
		}
	})
	return s
}

// waitLine returns the first line of stderr that matches re, within d.
func (s *started) waitLine(t *testing.T, re *regexp.Regexp, d time.Duration) []string {
	t.Helper()
	timeout := time.After(d)
	for {
		select {
		case l := <-s.lines:
			if m := re.FindStringSubmatch(l); m != nil {
				return m
			}
		case <-timeout:
			t.Fatalf("no line like %v within %v; stderr so far:\n%s", re, d, s.errText())
		}
	}
}

func (s *started) errText() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stderr.String()
}

// exit waits up to d for the process to end and returns its exit code.
func (s *started) exit(t *testing.T, d time.Duration) int {
	t.Helper()
	select {
	case <-s.done:
		return s.cmd.ProcessState.ExitCode()
	case <-time.After(d):
		t.Fatalf("%q still runs %v on; stderr:\n%s", s.cmd.Args, d, s.errText())
		return -1
	}
}

var joinLine = regexp.MustCompile(`perflab worker --generator --nats (nats://(\S+)@(\S+))$`)

func okServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(time.Millisecond)
		_, _ = io.WriteString(w, "ok")
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestHTTPGeneratorsJoinFromOtherMachines(t *testing.T) {
	srv := okServer(t)
	co := start(t, "http", "--no-save", "--format", "json", "--generators", "2", "--fleet-remote", "--rate", "200", "-c", "4",
		"--reps", "2", "--duration", "200ms", srv.URL)
	m := co.waitLine(t, joinLine, 20*time.Second)
	// A wrong token is refused in one line that does not repeat it.
	wrong := strings.Repeat("x", 24)
	bad := start(t, "worker", "--generator", "--once", "--nats", "nats://"+wrong+"@"+m[3])
	if code := bad.exit(t, 20*time.Second); code != 1 || strings.Count(strings.TrimSpace(bad.errText()), "\n") != 0 ||
		!strings.Contains(bad.errText(), "not the coordinator's") || strings.Contains(bad.errText(), wrong) {
		t.Errorf("a wrong token: exit %d, stderr %q; want 1 and one line refusing it", code, bad.errText())
	}
	gens := []*started{start(t, "worker", "--generator", "--once", "--nats", m[1]), start(t, "worker", "--generator", "--once", "--nats", m[1])}
	if code := co.exit(t, 60*time.Second); code != 0 {
		t.Fatalf("coordinator exit %d:\n%s", code, co.errText())
	}
	for i, g := range gens {
		if code := g.exit(t, 20*time.Second); code != 0 {
			t.Errorf("generator %d exit %d after the run: %s", i+1, code, g.errText())
		}
	}
	var doc struct {
		Generators []generatorJSON `json:"generators"`
	}
	if err := json.Unmarshal([]byte(co.stdout.String()), &doc); err != nil {
		t.Fatalf("%v in %s", err, co.stdout.String())
	}
	if len(doc.Generators) != 2 {
		t.Fatalf("generators %+v, want 2", doc.Generators)
	}
	// Each is named for where it runs: this machine's host name, as it
	// gives it.
	at := ""
	if host, err := os.Hostname(); err == nil && host != "" {
		at = "@" + host
	}
	for i, g := range doc.Generators {
		if want := fmt.Sprintf("gen%d%s", i+1, at); !strings.HasPrefix(want, g.Name) || !strings.HasPrefix(g.Name, fmt.Sprintf("gen%d", i+1)) {
			t.Errorf("generator %d is named %q, want %q (its host name may be cut)", i+1, g.Name, want)
		}
		if g.Reps != 2 || g.TargetRate != 100 || g.AchievedRate < 50 || g.Lost {
			t.Errorf("%+v: want 2 repetitions at about 100/s each", g)
		}
		if !strings.Contains(co.errText(), g.Name+" joined") {
			t.Errorf("the coordinator did not say %s joined:\n%s", g.Name, co.errText())
		}
	}
}

func TestAKilledCoordinatorStopsItsGenerators(t *testing.T) {
	srv := okServer(t)
	co := start(t, "http", "--no-save", "--generators", "1", "--fleet-remote", "--rate", "100", "-c", "2",
		"--reps", "100", "--duration", "500ms", srv.URL)
	m := co.waitLine(t, joinLine, 20*time.Second)
	g := start(t, "worker", "--generator", "--once", "--nats", m[1])
	g.waitLine(t, regexp.MustCompile(`joined .* as gen1`), 20*time.Second)
	co.waitLine(t, regexp.MustCompile(`gen1(@\S*)? joined`), 20*time.Second)
	if err := syscall.Kill(-co.cmd.Process.Pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if code := g.exit(t, 20*time.Second); code != 1 || !strings.Contains(g.errText(), "lost its coordinator") {
		t.Errorf("a generator whose coordinator was killed: exit %d, %q; want 1, saying so", code, g.errText())
	}
}

func TestHTTPRemoteGeneratorsThatDoNotComeEndTheRunInOneLine(t *testing.T) {
	out, stderr, code := perflabWithin(t, "http", "--no-save", "--generators", "1", "--fleet-remote", "--max-time", "1s", "http://127.0.0.1:1/")
	last := strings.TrimSpace(stderr)
	last = last[strings.LastIndex(last, "\n")+1:]
	if code != 1 || out != "" || !strings.Contains(last, "0 of 1 generators joined within 1s") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1 and a last line saying none joined", code, out, stderr)
	}
}

func TestHTTPFleetFlagsAreCheckedFirst(t *testing.T) {
	for _, args := range [][]string{
		{"--fleet-remote"},
		{"--generators", "2", "--fleet-token", "short"},
		{"--generators", "2", "--fleet-listen", "nohost"},
		{"--generators", "2", "--fleet-listen", ":4300"},
	} {
		out, stderr, code := perflab(t, append(append([]string{"http"}, args...), "http://127.0.0.1:1/")...)
		if code != 2 || out != "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "--fleet") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and one line naming the flag", args, code, out, stderr)
		}
	}
	for _, args := range [][]string{
		{"worker", "--generator"},
		{"worker", "--generator", "--nats", "nats://127.0.0.1:1"},
		{"worker", "--generator", "--nats", "nats://short@127.0.0.1:1"},
		{"worker", "--once", "--nats", "nats://0123456789abcdef0123@127.0.0.1:1"},
	} {
		out, stderr, code := perflab(t, args...)
		if code != 2 || out != "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and one line", args, code, out, stderr)
		}
	}
}
