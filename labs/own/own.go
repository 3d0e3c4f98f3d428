// Package own is the catalogue's "your own" lab: a person's commands
// (perflab exec) and HTTP services (perflab http) raced through the same
// engine as the seven lessons. Its workloads are built from what the person
// typed, so each call returns a lab of its own with one workload whose
// strategies are the commands or requests.
package own

import (
	"embed"
	"errors"
	"fmt"
	"strings"

	"github.com/perflab/perflab/labs/lab"
)

// ID is the lab's id in results: own/exec, own/http.
const ID = "own"

// lessons holds lesson.md, editable without touching Go.
//
//go:embed *.md
var lessons embed.FS

// Title is the lab's one line, as the TUI lists it after the seven lessons.
const Title = "Your own: race your commands and your HTTP services"

// New returns the "your own" lab holding the workloads ws. It comes after
// the seven lessons, so its number is 8.
func New(ws ...*lab.Workload) *lab.Lab { return lab.New(lessons, 8, ID, Title, ws...) }

// checkNames refuses a blank --name, and one given twice: a name is how a
// strategy is found again, in the plan and in a saved run.
func checkNames(names []string) error {
	seen := map[string]bool{}
	for _, n := range names {
		switch {
		case strings.TrimSpace(n) == "":
			return errors.New("--name is empty: give each one a label")
		case seen[n]:
			return fmt.Errorf("--name %q is given twice: give each a label of its own", n)
		}
		seen[n] = true
	}
	return nil
}
