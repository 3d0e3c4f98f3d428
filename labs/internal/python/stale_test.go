package python

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/perflab/perflab/labs/internal/proc"
	"github.com/perflab/perflab/measure/measuretest"
)

// TestSpawnSweepsStaleTempFolders stands in for a perflab killed with
// SIGKILL, whose Python workers were killed too before they could remove
// their folders: the next perflab to start a worker removes the folders
// whose perflab is gone, keeps those of a live one, and names its worker's
// folder after itself so that the one after it can do the same.
func TestSpawnSweepsStaleTempFolders(t *testing.T) {
	measuretest.NoLeaks(t)
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	sweep := sweepTemps
	defer func() { sweepTemps = sweep }()
	sweepTemps = sync.OnceFunc(func() { proc.RemoveStale(os.TempDir(), tempPrefix) })
	// 4194305 is past the largest pid Linux hands out: nobody owns it.
	dead := filepath.Join(dir, tempPrefix+"4194305-123")
	live := filepath.Join(dir, tempPrefix+strconv.Itoa(os.Getpid())+"-456")
	// A folder named before folders carried their perflab's pid: whose
	// it is cannot be told, so it stays.
	older := filepath.Join(dir, tempPrefix+"789")
	for _, d := range []string{dead, live, older} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	p, _, err := Start(context.Background(), Module{Name: "m", Path: measuretest.WriteTemp(t, "m.py", "def bench_x():\n    pass\n")})
	if err != nil {
		t.Fatal(err)
	}
	own := filepath.Base(p.dir)
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("the folder of a perflab that is gone is still there: %v", err)
	}
	for _, d := range []string{live, older} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(d), err)
		}
	}
	if pid, ok := proc.Owner(own, tempPrefix); !ok || pid != os.Getpid() {
		t.Errorf("the worker's folder %s does not carry this process's pid %d", own, os.Getpid())
	}
	if !strings.HasPrefix(filepath.Dir(p.dir), dir) {
		t.Errorf("the worker's folder %s is not in $TMPDIR %s", p.dir, dir)
	}
}
