// Package labs is perflab's catalogue: the seven labs in lesson order, and
// how a run of one of their workloads is planned and started.
//
// It imports the lessons (one package per lab, none of which imports
// another), the shared machinery under labs/internal (which imports no
// lesson), labs/lab and the engine, measure. No package under labs/ imports
// the TUI or a UI library; of the engine's neighbours only labs/workshop
// imports one, measure/runs, to replay a room's kept races.
// cmd/perflab's layers_test.go holds these arrows.
package labs

import (
	"fmt"
	"strings"

	"github.com/perflab/perflab/labs/async"
	"github.com/perflab/perflab/labs/datastructures"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/labs/machines"
	"github.com/perflab/perflab/labs/measuring"
	"github.com/perflab/perflab/labs/optimize"
	"github.com/perflab/perflab/labs/own"
	"github.com/perflab/perflab/labs/processes"
	"github.com/perflab/perflab/labs/threads"
)

// All returns the seven labs in lesson order.
func All() []*lab.Lab {
	return []*lab.Lab{
		measuring.New(),
		datastructures.New(),
		optimize.New(),
		threads.New(),
		async.New(),
		processes.New(),
		machines.New(),
	}
}

// Catalogue returns every lab a front end offers: the seven lessons, then
// "your own", which races a person's commands, HTTP services and Python
// files.
func Catalogue() []*lab.Lab { return append(All(), own.Catalogue()) }

// Find returns the lab with the given id.
func Find(id string) (*lab.Lab, error) { return findIn(All(), id) }

func findIn(all []*lab.Lab, id string) (*lab.Lab, error) {
	ids := make([]string, len(all))
	for i, l := range all {
		if l.ID == id {
			return l, nil
		}
		ids[i] = l.ID
	}
	return nil, fmt.Errorf("no lab %q (the labs are %s)", id, strings.Join(ids, ", "))
}

// Lookup returns the lab and workload named by a path "LAB/WORKLOAD".
func Lookup(path string) (*lab.Lab, *lab.Workload, error) { return lookupIn(All(), path) }

// LookupIn is Lookup in the catalogue all, such as the one a TUI shows.
func LookupIn(all []*lab.Lab, path string) (*lab.Lab, *lab.Workload, error) {
	return lookupIn(all, path)
}

func lookupIn(all []*lab.Lab, path string) (*lab.Lab, *lab.Workload, error) {
	labID, workloadID, ok := strings.Cut(path, "/")
	l, err := findIn(all, labID)
	if err != nil {
		return nil, nil, err
	}
	if !l.Runnable() {
		return nil, nil, fmt.Errorf("lab %s is not built yet", l.ID)
	}
	if !ok || workloadID == "" {
		return nil, nil, fmt.Errorf("name a workload: %s/WORKLOAD, where WORKLOAD is one of %s", l.ID, workloadIDs(l))
	}
	w, err := l.Workload(workloadID)
	if err != nil {
		return nil, nil, err
	}
	return l, w, nil
}

func workloadIDs(l *lab.Lab) string {
	ids := make([]string, len(l.Workloads))
	for i, w := range l.Workloads {
		ids[i] = w.ID
	}
	return strings.Join(ids, ", ")
}
