package fleet

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/perflab/perflab/measure"
)

// envJoin, set to a hub's URL, makes the test binary a generator on
// "another machine": a process of its own that joins over NATS, as
// perflab worker --generator does.
const envJoin = "PERFLAB_TEST_FLEET_JOIN"

// envHost is the host name a generator of the test binary gives, if any.
const envHost = "PERFLAB_TEST_FLEET_HOST"

func TestMain(m *testing.M) {
	if u := os.Getenv(envJoin); u != "" {
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
		err := Join(ctx, JoinOptions{URL: u, Name: "pid" + strconv.Itoa(os.Getpid()), Host: os.Getenv(envHost)})
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, "perflab generator:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// A joiner is a generator process started from the test binary.
type joiner struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
	done   chan struct{}
}

// join starts a generator process that joins url; the test's end kills
// whatever is left of it.
func join(t *testing.T, url string) *joiner {
	t.Helper()
	return joinFrom(t, url, "")
}

// joinFrom is join by a generator that gives host as its host name.
func joinFrom(t *testing.T, url, host string) *joiner {
	t.Helper()
	j := &joiner{cmd: exec.Command(os.Args[0], "-test.run=^$"), done: make(chan struct{})}
	j.cmd.Env = append(os.Environ(), envJoin+"="+url, envHost+"="+host)
	j.cmd.Stderr = &j.stderr
	j.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := j.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = j.cmd.Wait() // its status is read from ProcessState
		close(j.done)
	}()
	t.Cleanup(func() {
		select {
		case <-j.done:
		default:
			_ = syscall.Kill(-j.cmd.Process.Pid, syscall.SIGKILL)
			<-j.done
		}
	})
	return j
}

// exited waits up to d for the generator to exit and returns its code.
func (j *joiner) exited(t *testing.T, d time.Duration) int {
	t.Helper()
	select {
	case <-j.done:
		return j.cmd.ProcessState.ExitCode()
	case <-time.After(d):
		t.Fatalf("generator %d still runs %v on", j.cmd.Process.Pid, d)
		return -1
	}
}

// hubURL is where a generator joins h.
func hubURL(h *Hub, token string) string { return "nats://" + token + "@" + h.Addr() }

// remoteFleet starts a hub and n generator processes, and attaches a
// fleet to them. joined maps each generator's name to its process.
func remoteFleet(t *testing.T, n int, targets []Target) (*Hub, *Fleet, map[string]*joiner) {
	t.Helper()
	h, err := Listen("", "", n)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = h.Close() })
	byPid := map[string]*joiner{}
	for range n {
		j := join(t, hubURL(h, h.Token()))
		byPid["pid"+strconv.Itoa(j.cmd.Process.Pid)+" "] = j
	}
	joined := map[string]*joiner{}
	err = h.Await(context.Background(), 20*time.Second, func(name, from string) {
		joined[name] = byPid[strings.SplitAfter(from, " ")[0]]
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := Attach(h, targets)
	if err != nil {
		t.Fatal(err)
	}
	return h, f, joined
}

func TestARemoteFleetRunsARateLimitedRunAndLeavesWhenDone(t *testing.T) {
	srv := slowServer(t, time.Millisecond)
	h, f, joined := remoteFleet(t, 2, []Target{targetFor(t, srv.URL)})
	if len(joined) != 2 || joined["gen1"] == nil || joined["gen2"] == nil {
		t.Fatalf("joined %v, want gen1 and gen2, each a process of this test", joined)
	}
	recs := []*measure.Recorder{measure.NewRecorder(), measure.NewRecorder()}
	res, err := f.Rep(Job{Rate: 200, Conns: 4, Duration: 300 * time.Millisecond}, recs)
	if err != nil {
		t.Fatal(err)
	}
	var ops int64
	for i, d := range res.Gens {
		// 200/s for 0.3 s each: 60 asked for; a loaded machine may
		// answer fewer, never more.
		if !res.Ran[i] || d.Ops < 20 || d.Ops+d.Dropped > 60 || d.Errors != 0 {
			t.Errorf("generator %d: ran %v, answered %d, dropped %d, failed %d", i, res.Ran[i], d.Ops, d.Dropped, d.Errors)
		}
		ops += d.Ops
	}
	if res.Hist.TotalCount() != ops {
		t.Errorf("merged histogram holds %d latencies of %d answers", res.Hist.TotalCount(), ops)
	}
	t.Logf("skew %v, ops %d, p99 %v", res.Skew, ops, time.Duration(res.Hist.ValueAtQuantile(99)))
	if err := h.Close(); err != nil {
		t.Error(err)
	}
	for name, j := range joined {
		if code := j.exited(t, 20*time.Second); code != 0 {
			t.Errorf("%s exited %d when the run was over (%s), want 0", name, code, j.stderr.String())
		}
	}
}

func TestAWrongTokenIsRefusedWithOneLine(t *testing.T) {
	h, err := Listen("", "", 1)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = h.Close() }()
	wrong := strings.Repeat("w", 20)
	j := join(t, hubURL(h, wrong))
	code := j.exited(t, 20*time.Second)
	msg := strings.TrimSpace(j.stderr.String())
	if code != 1 || strings.Count(msg, "\n") != 0 || !strings.Contains(msg, "token is not the coordinator's") || strings.Contains(msg, wrong) {
		t.Errorf("a wrong token: exit %d, %q; want exit 1 and one line that refuses it without repeating it", code, msg)
	}
}

func TestARemoteGeneratorKilledMidRunIsNamed(t *testing.T) {
	srv := slowServer(t, time.Millisecond)
	_, f, joined := remoteFleet(t, 2, []Target{targetFor(t, srv.URL)})
	recs := []*measure.Recorder{measure.NewRecorder(), measure.NewRecorder()}
	pid := joined["gen2"].cmd.Process.Pid
	time.AfterFunc(200*time.Millisecond, func() { _ = syscall.Kill(-pid, syscall.SIGKILL) })
	t0 := time.Now()
	res, err := f.Rep(Job{Conns: 1, Duration: 2 * time.Second}, recs)
	if err != nil {
		t.Fatal(err)
	}
	if lost := res.Lost[1]; lost == nil || !strings.Contains(lost.Error(), "generator gen2") || !res.Ran[0] || res.Ran[1] {
		t.Fatalf("gen2 killed mid-repetition: lost %v, ran %v; want gen2 named as lost, gen1 run", res.Lost, res.Ran)
	}
	if l := res.Lost[1]; l.Kind != LossLeft {
		t.Errorf("a remote generator killed: lost as %v, want left (its connection closed)", l.Kind)
	}
	// Its closed connection names it, not the stall's grace after the
	// repetition, which would take 12 s.
	if took := time.Since(t0); took > stallGrace {
		t.Errorf("the repetition took %v to name a generator killed in it", took)
	}
	res, err = f.Rep(Job{Conns: 1, Duration: 100 * time.Millisecond}, recs)
	if err != nil || !res.Ran[0] || res.Ran[1] || res.Gens[0].Ops == 0 {
		t.Errorf("the next repetition: %v, ran %v, gen1 answered %d; want gen1 alone", err, res.Ran, res.Gens[0].Ops)
	}
}

func TestRemoteGeneratorsStopWhenTheirCoordinatorVanishes(t *testing.T) {
	srv := slowServer(t, time.Millisecond)
	h, f, joined := remoteFleet(t, 1, []Target{targetFor(t, srv.URL)})
	// A 1000 s repetition, then the server goes as a killed
	// coordinator's would: without a word.
	if err := f.links[0].send(command{Start: &Job{Conns: 1, Duration: 1000 * time.Second}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.read(0, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	h.ns.Shutdown()
	j := joined["gen1"]
	if code := j.exited(t, 20*time.Second); code != 1 || !strings.Contains(j.stderr.String(), ErrCoordinatorLost.Error()) {
		t.Errorf("a generator whose coordinator vanished: exit %d, %q; want 1, saying it lost its coordinator", code, j.stderr.String())
	}
}

func TestAHubRefusesAGeneratorPastItsNumber(t *testing.T) {
	srv := slowServer(t, time.Millisecond)
	h, _, _ := remoteFleet(t, 1, []Target{targetFor(t, srv.URL)})
	j := join(t, hubURL(h, h.Token()))
	if code := j.exited(t, 20*time.Second); code != 1 || !strings.Contains(j.stderr.String(), "the run has its 1 generators") {
		t.Errorf("a second generator for a run of one: exit %d, %q; want refused", code, j.stderr.String())
	}
}

func TestAwaitSaysHowManyCame(t *testing.T) {
	h, err := Listen("", "", 2)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = h.Close() }()
	err = h.Await(context.Background(), 50*time.Millisecond, nil)
	if err == nil || !strings.Contains(err.Error(), "0 of 2 generators joined within 50ms") {
		t.Errorf("no generator came: %v", err)
	}
	if _, err := Listen("", "short", 1); err == nil {
		t.Error("a token of 5 characters was taken")
	}
}

func TestDecodeReportRefusesWhatIsNotOne(t *testing.T) {
	for _, in := range []string{`{"hist":"x","extra":1}`, `{"done":{"ops":-1,"messages":1}}`, `{}{}`, strings.Repeat(" ", maxReport+1)} {
		if _, err := decodeReport([]byte(in)); err == nil {
			t.Errorf("decodeReport(%.40q) took it", in)
		}
	}
	if _, err := decodeReport([]byte(`{"done":{"ops":3,"messages":2}}`)); err != nil {
		t.Error(err)
	}
}

// TestARemoteGeneratorIsNamedForWhereItRuns: a generator that gives its
// host name joins as gen1@HOST, the name cleaned of what a terminal would
// act on, and that is its name in the fleet.
func TestARemoteGeneratorIsNamedForWhereItRuns(t *testing.T) {
	h, err := Listen("", "", 1)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = h.Close() }()
	j := joinFrom(t, hubURL(h, h.Token()), "rack7\x1b[2J box\n")
	var names []string
	if err := h.Await(context.Background(), 20*time.Second, func(name, _ string) { names = append(names, name) }); err != nil {
		t.Fatal(err)
	}
	if len(names) != 1 || names[0] != "gen1@rack7[2Jbox" {
		t.Fatalf("joined as %q, want gen1@rack7[2Jbox", names)
	}
	f, err := Attach(h, []Target{targetFor(t, "http://127.0.0.1:1/")})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Names(); len(got) != 1 || got[0] != names[0] {
		t.Errorf("the fleet names it %q, want %q", got, names[0])
	}
	if err := h.Close(); err != nil {
		t.Error(err)
	}
	if code := j.exited(t, 20*time.Second); code != 0 {
		t.Errorf("the generator told the run is over: exit %d, %s", code, j.stderr.String())
	}
}
