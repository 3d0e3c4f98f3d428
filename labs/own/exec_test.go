package own

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

func TestExecRefusesBadInputBeforeRunning(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "ran")
	tests := []struct {
		name string
		o    ExecOptions
		// option is the option the error names, "" for none.
		option, want string
	}{
		{"no command", ExecOptions{}, "", "at least one command"},
		{"not found", ExecOptions{Commands: []string{"touch " + marker, "nosuchcommand-perflab"}}, "", "command nosuchcommand-perflab not found"},
		{"names", ExecOptions{Commands: []string{"true", "false"}, Names: []string{"a"}}, "name", "given 1 times for 2 commands"},
		{"name twice", ExecOptions{Commands: []string{"true", "false"}, Names: []string{"a", "a"}}, "name", `"a" is given twice`},
		{"name empty", ExecOptions{Commands: []string{"true"}, Names: []string{" "}}, "name", "empty"},
		{"prepare", ExecOptions{Commands: []string{"true"}, Prepare: "nosuchcommand-perflab"}, "prepare", "not found"},
		{"setup", ExecOptions{Commands: []string{"true"}, Setup: "ls >"}, "setup", "does not parse"},
		{"cleanup", ExecOptions{Commands: []string{"true"}, Cleanup: "nosuchcommand-perflab"}, "cleanup", "not found"},
		{"input", ExecOptions{Commands: []string{"cat"}, Input: filepath.Join(t.TempDir(), "missing")}, "input", "no such file"},
		{"sweep unused", ExecOptions{Commands: []string{"true"}, Sweep: "n", SweepValues: []string{"1", "2"}}, "sweep", "no command has {n}"},
		{"sweep value", ExecOptions{Commands: []string{"{n} --version"}, Sweep: "n", SweepValues: []string{"true", "nosuchcommand-perflab"}}, "", "nosuchcommand-perflab not found"},
		{"no shell", ExecOptions{Commands: []string{"ls | wc"}, NoShell: true}, "no_shell", "need a shell"},
	}
	for _, tt := range tests {
		_, err := Exec(tt.o)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Exec error %v, want one with %q", tt.name, err, tt.want)
			continue
		}
		got := ""
		if oe := lab.AsOption(err); oe != nil {
			got = oe.Option
		}
		if got != tt.option {
			t.Errorf("%s: Exec error %v names option %q, want %q", tt.name, err, got, tt.option)
		}
		if strings.Contains(err.Error(), "--") && !strings.Contains(err.Error(), "--version") {
			t.Errorf("%s: Exec error %q names a flag: the command line words options", tt.name, err)
		}
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("a command ran although the race was refused")
	}
}

// TestExecRacesCommands runs two commands through the engine and checks
// what every result carries: one run per repetition, the usage figures and
// the start costs, and the prepare, setup and cleanup hooks run as often
// as they should.
func TestExecRacesCommands(t *testing.T) {
	measuretest.NoLeaks(t)
	dir := t.TempDir()
	log := filepath.Join(dir, "log")
	l, err := Exec(ExecOptions{
		Commands: []string{"true", "head -c 100000 /dev/zero | wc -c"},
		Names:    []string{"nothing", "pipeline"},
		Prepare:  "echo prepare >> " + log,
		Setup:    "echo setup >> " + log,
		Cleanup:  "echo cleanup >> " + log,
	})
	if err != nil {
		t.Fatal(err)
	}
	const reps = 3
	rep := labtest.Run(t, l.Workloads[0], nil, measure.Config{Reps: reps})
	for _, name := range []string{"nothing", "pipeline"} {
		r := labtest.Result(t, rep, name)
		if r.Ops != reps || r.Errors != 0 {
			t.Errorf("%s: %d runs, %d errors; want %d runs, one per repetition, and no error", name, r.Ops, r.Errors, reps)
		}
		for _, k := range []string{"cpu_user_ns", "cpu_sys_ns", "peak_rss_bytes", "peak_rss_floor_bytes", "start_process_ns", "start_shell_ns"} {
			if _, ok := r.Metrics[k]; !ok {
				t.Errorf("%s: no metric %s in %v", name, k, r.Metrics)
			}
		}
		if r.Metrics["start_process_ns"] <= 0 || r.Metrics["peak_rss_bytes"] <= 0 {
			t.Errorf("%s: metrics %v, want a positive start cost and peak RSS", name, r.Metrics)
		}
	}
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	// Two commands, each with a warm-up repetition and reps measured ones.
	want := "setup\n" + strings.Repeat("prepare\n", 2*(reps+1)) + "cleanup\n"
	if got := string(b); got != want {
		t.Errorf("hooks ran as\n%s\nwant\n%s", got, want)
	}
}

func TestExecFailureAndIgnoreFailure(t *testing.T) {
	for _, ignore := range []bool{false, true} {
		l, err := Exec(ExecOptions{Commands: []string{"echo broken >&2; exit 4"}, IgnoreFailure: ignore})
		if err != nil {
			t.Fatal(err)
		}
		r := labtest.Result(t, labtest.Run(t, l.Workloads[0], nil, measure.Config{Reps: 2, RepOps: 1}), "echo broken >&2; exit 4")
		if got := r.Metrics["exit_failures"]; got != 2 {
			t.Errorf("ignore=%v: exit_failures = %v, want 2", ignore, got)
		}
		switch {
		case ignore && (r.Ops != 2 || r.Errors != 0):
			t.Errorf("ignored failures: %d ops, %d errors; want 2 timed runs", r.Ops, r.Errors)
		case !ignore && (r.Ops != 0 || r.Errors != 2 || !strings.Contains(fmt.Sprint(r.Findings), "exit status 4: broken")):
			t.Errorf("failures: %d ops, %d errors, findings %+v; want 2 errors that say exit status 4: broken", r.Ops, r.Errors, r.Findings)
		}
	}
}

func TestExecSweepSubstitutes(t *testing.T) {
	l, err := Exec(ExecOptions{Commands: []string{"test {n} -lt 100"}, Sweep: "n", SweepValues: []string{"10", "1000"}})
	if err != nil {
		t.Fatal(err)
	}
	w := l.Workloads[0]
	for _, tt := range []struct {
		n      string
		errors int64
	}{{"10", 0}, {"1000", 2}} {
		r := labtest.Result(t, labtest.Run(t, w, map[string]string{"n": tt.n}, measure.Config{Reps: 2, RepOps: 1}), "test {n} -lt 100")
		if r.Errors != tt.errors {
			t.Errorf("n=%s: %d errors, want %d: {n} must be replaced by the value", tt.n, r.Errors, tt.errors)
		}
	}
}

// TestExecCancelKillsTheRun cancels a race while its command, a shell that
// started a child of its own, is running: the run must end at once and the
// child must be gone.
func TestExecCancelKillsTheRun(t *testing.T) {
	measuretest.NoLeaks(t)
	pidFile := filepath.Join(t.TempDir(), "pid")
	l, err := Exec(ExecOptions{Commands: []string{"sleep 60 & echo $! > " + pidFile + "; wait"}})
	if err != nil {
		t.Fatal(err)
	}
	var pid int
	labtest.Cancel(t, l.Workloads[0], nil, measure.Config{Reps: 2}, "the command's child to start", func(any) bool {
		pid = measuretest.ReadPID(pidFile)
		return pid > 0
	})
	measuretest.WaitFor(t, "the command's child to be killed", func() bool { return measuretest.Ended(pid) })
}

// TestExecTimesTheCommandNotTheShell races a command that needs no shell,
// which runs directly, against one that does, whose every repetition has
// the shell's measured start-up taken off; both say which they were.
func TestExecTimesTheCommandNotTheShell(t *testing.T) {
	direct, piped := "sleep 0.01", "sleep 0.01 | cat"
	l, err := Exec(ExecOptions{Commands: []string{direct, piped}})
	if err != nil {
		t.Fatal(err)
	}
	rep := labtest.Run(t, l.Workloads[0], nil, measure.Config{Reps: 3, RepOps: 2})
	d, p := labtest.Result(t, rep, direct), labtest.Result(t, rep, piped)
	if d.Metrics["through_shell"] != 0 || d.Metrics["shell_subtracted_ns"] != 0 {
		t.Errorf("%s: metrics %v, want it run directly with nothing subtracted", direct, d.Metrics)
	}
	sub := p.Metrics["shell_subtracted_ns"]
	if p.Metrics["through_shell"] != 1 || sub <= 0 || sub != p.Metrics["start_shell_ns"] {
		t.Errorf("%s: metrics %v, want it run through the shell with the shell's start-up subtracted", piped, p.Metrics)
	}
	for i, r := range p.Reps {
		// A repetition shorter than what is subtracted reads 1 ns (the
		// engine's floor): the start-up is measured before the race,
		// and a loaded spell then makes it longer than this run's.
		if want := max(1, float64(r.ElapsedNs)/float64(r.Ops)-sub); r.NsPerOp != want {
			t.Errorf("%s rep %d: ns/op %.0f, want its time per run less the shell's start-up, %.0f", piped, i, r.NsPerOp, want)
		}
	}
	// The sleep is left whole: only what the shell costs was taken off.
	// The piped command's runs had the start-up measured before the race
	// taken off, which a loaded machine can make longer than the shell
	// took in these runs, so its p50 is judged with it added back.
	if d.P50Ns < int64(10*time.Millisecond) {
		t.Errorf("%s: p50 %d ns, want at least the 10 ms the command sleeps", direct, d.P50Ns)
	}
	if p.P50Ns+int64(sub) < int64(10*time.Millisecond) {
		t.Errorf("%s: p50 %d ns with %.0f ns subtracted, want at least the 10 ms the command sleeps before", piped, p.P50Ns, sub)
	}
}
