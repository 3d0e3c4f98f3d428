package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/perflab/perflab/measure/measuretest"
)

// These tests hold the bounds of issue 21 against the built binary: a run
// ends at its time bound whatever the command or the Python code does, and
// nothing it started outlives it, however perflab ends.

// pidsIn reads the pids a command appended to file, one a line, and kills
// them when the test ends, so that a failing test leaves nothing behind.
func pidsIn(t *testing.T, file string) []int {
	t.Helper()
	b, _ := os.ReadFile(file)
	var pids []int
	for _, f := range strings.Fields(string(b)) {
		if pid, err := strconv.Atoi(f); err == nil {
			pids = append(pids, pid)
			t.Cleanup(func() { _ = syscall.Kill(-pid, syscall.SIGKILL); _ = syscall.Kill(pid, syscall.SIGKILL) })
		}
	}
	return pids
}

// ended says whether pid has ended (gone, or a zombie) and no process is
// left in a group of that id.
func ended(pid int) bool {
	return syscall.Kill(-pid, 0) != nil && measuretest.Ended(pid)
}

// waitEnded waits, as long as measuretest's patience, for every pid in
// file to have ended.
func waitEnded(t *testing.T, file string) {
	t.Helper()
	pids := pidsIn(t, file)
	if len(pids) == 0 {
		t.Fatalf("no pid in %s: the command did not start", file)
	}
	for _, pid := range pids {
		measuretest.WaitFor(t, fmt.Sprintf("process %d to end with perflab's run", pid), func() bool { return ended(pid) })
	}
}

func TestExecEndsAtItsTimeBound(t *testing.T) {
	pids := filepath.Join(t.TempDir(), "pids")
	t0 := time.Now()
	_, stderr, code := perflab(t, "exec", "--no-save", "--max-time", "2s", "echo $$ >> "+pids+"; exec sleep 1000")
	if took := time.Since(t0); took > 20*time.Second {
		t.Errorf("exec of a 1000 s sleep with a 2 s budget took %v", took)
	}
	if code != 1 || !strings.Contains(stderr, "time bound") {
		t.Errorf("exit %d, stderr:\n%s\nwant 1 and the time bound named", code, stderr)
	}
	waitEnded(t, pids)
}

func TestExecLeavesNothingInTheBackground(t *testing.T) {
	pids := filepath.Join(t.TempDir(), "pids")
	perflabOK(t, "exec", "--no-save", "--reps", "1", "--runs", "2", "sleep 1000 & echo $! >> "+pids)
	waitEnded(t, pids)
}

// TestAKilledPerflabTakesItsCommandsAlong ends perflab in the middle of a
// command that would sleep 1000 s, by SIGKILL, which it cannot catch, and
// by SIGHUP, which a closed terminal sends.
func TestAKilledPerflabTakesItsCommandsAlong(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			pids := filepath.Join(t.TempDir(), "pids")
			cmd := exec.Command(binary, "exec", "--no-save", "--max-time", "1h", "echo $$ >> "+pids+"; sleep 1000 & echo $! >> "+pids+"; wait")
			cmd.Env = append(os.Environ(), "NO_COLOR=1")
			var errb bytes.Buffer
			cmd.Stderr = &errb
			// The commands perflab started hold its standard error
			// until its holder ends them: Wait waits for perflab, and
			// waitEnded below for them, so Wait does not wait on the
			// pipe past a few seconds (a 20 s wait once ran out under
			// load).
			cmd.WaitDelay = 5 * time.Second
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
			measuretest.WaitFor(t, "the command to start", func() bool { return len(pidsIn(t, pids)) >= 2 })
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatalf("perflab did not end within 20 s of %v; stderr:\n%s", sig, errb.String())
			}
			waitEnded(t, pids)
		})
	}
}

func TestPythonEndsAtItsTimeBound(t *testing.T) {
	dir := t.TempDir()
	pids := filepath.Join(dir, "pids")
	for name, src := range map[string]string{
		"bench": "import os, subprocess, time\ndef bench_fast():\n    pass\n" +
			"def bench_forever():\n    p = subprocess.Popen(['sleep', '1000'])\n    open(" + strconv.Quote(pids) + ", 'a').write('%d\\n' % p.pid)\n    time.sleep(1000)\n",
		"setup": "import subprocess, time\ndef setup(params):\n    p = subprocess.Popen(['sleep', '1000'])\n" +
			"    open(" + strconv.Quote(pids) + ", 'a').write('%d\\n' % p.pid)\n    time.sleep(1000)\ndef bench_x():\n    pass\n",
	} {
		// The budget leaves time for both workers to start and the fast
		// bench to be timed first under a load average of 12, where 3 s
		// once ran out before the bench that never returns was called.
		for _, bound := range [][]string{{"--max-time", "6s"}, {"--reps", "2", "--duration", "10ms"}} {
			t.Run(name+strings.Join(bound, ""), func(t *testing.T) {
				file := filepath.Join(dir, name+".py")
				if err := os.WriteFile(file, []byte(src), 0o600); err != nil {
					t.Fatal(err)
				}
				t0 := time.Now()
				_, stderr, code := perflab(t, append([]string{"python", "--no-save", file}, bound...)...)
				if took := time.Since(t0); took > 20*time.Second {
					t.Errorf("a Python file that never returns, run with %v, took %v", bound, took)
				}
				if code != 1 || !strings.Contains(stderr, "time bound") {
					t.Errorf("exit %d, stderr:\n%s\nwant 1 and the time bound named", code, stderr)
				}
				waitEnded(t, pids)
			})
		}
	}
}

func TestAPythonFileWithTooManyBenchesIsRefused(t *testing.T) {
	var src strings.Builder
	for i := range 65 {
		fmt.Fprintf(&src, "def bench_%d():\n    pass\n", i)
	}
	file := measuretest.WriteTemp(t, "many.py", src.String())
	stdout, stderr, code := perflab(t, "python", "--no-save", file)
	if code != 2 || strings.Count(stderr, "\n") != 1 || stdout != "" || !strings.Contains(stderr, "65 bench_*") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 2 and one line naming the 65 benches", code, stdout, stderr)
	}
}
