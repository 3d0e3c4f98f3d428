package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/perflab/perflab/measure/report"
	"github.com/perflab/perflab/measure/runs"
)

// historyFlags say where a run is kept: every finished or cancelled run
// goes into the runs folder unless --no-save.
type historyFlags struct {
	runsDir string
	noSave  bool
}

func (f *historyFlags) addFlags(fl *pflag.FlagSet) {
	fl.StringVar(&f.runsDir, "runs-dir", "", "keep the run in this folder (default $XDG_DATA_HOME/perflab/runs)")
	fl.BoolVar(&f.noSave, "no-save", false, "do not keep the run in the runs folder")
}

// store returns the runs folder to keep a run in, nil with --no-save. It
// makes the folder and checks that a run can be written there before the
// run starts, as --output is checked.
func (f historyFlags) store() (*runs.Store, error) {
	if f.noSave {
		return nil, nil
	}
	s, err := f.folder()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("--runs-dir: %w", err)
	}
	if err := report.CheckWritable(filepath.Join(s.Dir, "perflab-check.json")); err != nil {
		return nil, fmt.Errorf("--runs-dir: cannot keep runs in %s: %w (or pass --no-save)", s.Dir, err)
	}
	return s, nil
}

// folder returns the runs folder named by --runs-dir, or the default one.
func (f historyFlags) folder() (*runs.Store, error) {
	if f.runsDir != "" {
		return &runs.Store{Dir: f.runsDir}, nil
	}
	dir, err := runs.DefaultDir()
	if err != nil {
		return nil, err
	}
	return &runs.Store{Dir: dir}, nil
}
