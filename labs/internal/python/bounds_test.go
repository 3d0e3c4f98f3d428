package python

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/perflab/perflab/measure/measuretest"
)

func TestAFileWithTooManyBenchesIsRefused(t *testing.T) {
	var src strings.Builder
	for i := range MaxBenches + 1 {
		fmt.Fprintf(&src, "def bench_%d():\n    pass\n", i)
	}
	_, err := FileLab(context.Background(), measuretest.WriteTemp(t, "many.py", src.String()))
	var tm *TooManyBenchesError
	if !errors.As(err, &tm) || tm.N != MaxBenches+1 {
		t.Fatalf("err = %v, want a TooManyBenchesError of %d", err, MaxBenches+1)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("the refusal is more than one line: %q", err)
	}
}

func TestABenchThatReadsStandardInputFindsItEmpty(t *testing.T) {
	measuretest.NoLeaks(t)
	path := measuretest.WriteTemp(t, "reads.py", "import sys\ndef bench_read():\n    return sys.stdin.read()\n"+
		"def bench_fd():\n    import os\n    return os.read(0, 10)\n")
	for _, bench := range []string{"bench_read", "bench_fd"} {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		s, err := NewSubject(ctx, Module{Name: "reads", Path: path}, bench, nil, Options{})
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", bench, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestACancelEndsABenchThatNeverReturnsAndItsChildren starts a bench that
// leaves a child behind and sleeps for ever, in setup, in the import and in
// the bench itself, and checks that a deadline ends each, with the child.
func TestADeadlineEndsCodeThatNeverReturnsAndItsChildren(t *testing.T) {
	cases := map[string]string{
		"import": "import subprocess, time\n" +
			"p = subprocess.Popen(['sleep', '1000'])\nopen(PIDFILE, 'w').write(str(p.pid))\ntime.sleep(1000)\ndef bench_x():\n    pass\n",
		"setup": "import subprocess, time\ndef setup(params):\n    p = subprocess.Popen(['sleep', '1000'])\n" +
			"    open(PIDFILE, 'w').write(str(p.pid))\n    time.sleep(1000)\ndef bench_x():\n    pass\n",
		"bench": "import subprocess, time\ndef bench_x():\n    p = subprocess.Popen(['sleep', '1000'])\n" +
			"    open(PIDFILE, 'w').write(str(p.pid))\n    time.sleep(1000)\n",
		"spin": "import subprocess\ndef bench_x():\n    p = subprocess.Popen(['sleep', '1000'])\n" +
			"    open(PIDFILE, 'w').write(str(p.pid))\n    while True:\n        pass\n",
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			pidFile := filepath.Join(t.TempDir(), "pid")
			src := "PIDFILE = " + strconv.Quote(pidFile) + "\n" + body
			path := measuretest.WriteTemp(t, name+".py", src)
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			t0 := time.Now()
			s, err := NewSubject(ctx, Module{Name: name, Path: path}, "bench_x", nil, Options{})
			if err == nil {
				_ = s.Close()
				t.Fatal("code that never returns was measured")
			}
			if took := time.Since(t0); took > 20*time.Second {
				t.Errorf("a 2 s deadline ended it after %v", took)
			}
			pid := measuretest.WaitPID(t, "the child's pid", pidFile)
			t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGKILL) })
			measuretest.WaitFor(t, "the bench's child to end with its worker", func() bool { return measuretest.Ended(pid) })
		})
	}
}
