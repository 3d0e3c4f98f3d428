package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure/runs"
)

// TestErrorTextNamesTheFlag checks that the command line words an option's
// error as its flag, wherever in the chain it is, with bad input's status,
// and adds the flag that mends an error the labs leave unnamed.
func TestErrorTextNamesTheFlag(t *testing.T) {
	tests := []struct {
		err  error
		want string
		code int
	}{
		{lab.Optionf("body_file", "open x: no such file"), "--body-file: open x: no such file", 2},
		{fmt.Errorf("http: %w", lab.Optionf("prepare", "exit status 1")), "http: --prepare: exit status 1", 2},
		{fmt.Errorf("run: %w", labs.ErrNoPython), "run: " + labs.ErrNoPython.Error() + " (or --python PATH)", 1},
		{fmt.Errorf("%w: $HOME is not defined", runs.ErrNoDir), "no runs folder: $HOME is not defined (name one with --runs-dir)", 1},
		{usage("bad %s", "thing"), "bad thing", 2},
		{errors.New("plain"), "plain", 1},
	}
	for _, tt := range tests {
		if got := errorText(tt.err); got != tt.want {
			t.Errorf("errorText(%v) = %q, want %q", tt.err, got, tt.want)
		}
		if got := exitCode(tt.err); got != tt.code {
			t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.code)
		}
		if strings.Count(errorText(tt.err), "\n") > 0 {
			t.Errorf("errorText(%v) is more than one line", tt.err)
		}
	}
}
