package worker

import (
	"os"
	"sync"

	"github.com/perflab/perflab/labs/internal/proc"
)

// RemoveStale, Owner and Alive are proc's (see proc.RemoveStale), which
// the Python workers' folders are swept with too; the queue's stores use
// them from here.
func RemoveStale(dir, prefix string)        { proc.RemoveStale(dir, prefix) }
func Owner(name, prefix string) (int, bool) { return proc.Owner(name, prefix) }
func Alive(pid int) bool                    { return proc.Alive(pid) }

// sweepWorkerTemps removes, once a process, the temporary folders of
// workers whose coordinator was killed before it could remove them: each
// folder's name holds its coordinator's pid (see Spawn), so the next run
// knows which are stale.
var sweepWorkerTemps = sync.OnceFunc(func() { RemoveStale(os.TempDir(), tempPrefix) })
