package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/perflab/perflab/measure/runs"
)

// warnProfiles says in one line, on stderr, that the profiles kept beside
// a run could not be read back (runs.Saved.ProfileErr): the run is shown
// without its why, and a person who kept a profile should know why it is
// not there rather than think the run had none.
func warnProfiles(stderr io.Writer, path string, saved *runs.Saved) {
	if saved.ProfileErr == nil {
		return
	}
	// errors.Join puts one strategy's error a line: the warning is one.
	why := strings.ReplaceAll(saved.ProfileErr.Error(), "\n", "; ")
	fmt.Fprintf(stderr, "perflab: warning: %s: its profiles could not be read back, so its why is left out: %s\n", path, why)
}

// readKept reads a kept run as readReport does and warns, in one line,
// when its profiles could not be read back.
func readKept(path string, stderr io.Writer) (*runs.Saved, error) {
	saved, err := readSaved(path)
	if err != nil {
		return nil, err
	}
	warnProfiles(stderr, path, saved)
	return saved, nil
}
