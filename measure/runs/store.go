package runs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/regular"
	"github.com/perflab/perflab/measure/report"
)

// A Saved run is the result contract, its fields inline, with the timeline
// beside them: perflab compare and any script read the file as a result.
type Saved struct {
	*measure.Report
	Timeline *Timeline `json:"timeline,omitempty"`
	// ProfileErr says why a profile kept beside the run could not be read
	// back (see ReadProfiles); the run loads without it.
	ProfileErr error `json:"-"`
}

// An Entry is one run of a runs folder.
type Entry struct {
	// Path is the run's file.
	Path string
	*measure.Report
	// Frames is the number of frames of its timeline: 0, it cannot be
	// replayed.
	Frames int
	// ProfileErr is the run's Saved.ProfileErr: why a profile kept
	// beside it could not be read back.
	ProfileErr error
}

// ErrNoDir is the error of a machine where no runs folder can be found: a
// front end adds how to name one.
var ErrNoDir = errors.New("no runs folder")

// ErrNotFolder is the error of a runs folder named that is not a folder.
var ErrNotFolder = errors.New("not a folder")

// DefaultDir is the runs folder: $XDG_DATA_HOME/perflab/runs, or
// ~/.local/share/perflab/runs where XDG_DATA_HOME is unset, as the XDG base
// directory specification says.
func DefaultDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "perflab", "runs"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrNoDir, err)
	}
	return filepath.Join(home, ".local", "share", "perflab", "runs"), nil
}

// A Store is a runs folder.
type Store struct{ Dir string }

// Save writes a run, atomically, into the folder, which it makes if need
// be, and returns the file's path. The name says what ran and when, and
// never replaces another run's.
func (s Store) Save(rep *measure.Report, tl *Timeline) (string, error) {
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return "", fmt.Errorf("runs folder: %w", err)
	}
	base := fileName(rep)
	// A kept run is the JSON contract, words and all.
	saved := Saved{Report: report.Worded(rep), Timeline: tl}
	// WriteNewFile links the file at a free name, which never replaces
	// another's: two runs saved at once keep two files.
	return report.WriteNewFile(func(i int) string {
		if i == 1 {
			return filepath.Join(s.Dir, base+".json")
		}
		return filepath.Join(s.Dir, fmt.Sprintf("%s-%d.json", base, i))
	}, func(w io.Writer) error {
		return json.NewEncoder(w).Encode(saved)
	})
}

// fileName names a run by when it started and what ran:
// 20261126-134051-data-structures-membership, so that names sort by time.
// The lab and workload may come from a file, so the name is cleaned into
// one plain element of a path.
func fileName(rep *measure.Report) string {
	parts := []string{rep.Started.UTC().Format("20060102-150405"), rep.Lab, rep.Workload}
	return report.FileName(strings.Join(parts, "-"))
}

// List reads every run of the folder, newest first. A folder not made yet
// holds no runs; a file that is not a saved run is skipped and named in
// skipped, so that one broken file does not hide the others.
func (s Store) List() (entries []Entry, skipped []string, err error) {
	names, err := filepath.Glob(filepath.Join(s.Dir, "*.json"))
	if err != nil {
		return nil, nil, err
	}
	if fi, err := os.Stat(s.Dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, nil, err
	} else if err == nil && !fi.IsDir() {
		return nil, nil, fmt.Errorf("%s: %w", s.Dir, ErrNotFolder)
	}
	for _, path := range names {
		saved, err := Load(path)
		if err != nil {
			// The name is the folder's, anyone's: printable to show.
			skipped = append(skipped, report.Printable(filepath.Base(path)))
			continue
		}
		e := Entry{Path: path, Report: saved.Report, ProfileErr: saved.ProfileErr}
		if saved.Timeline != nil {
			e.Frames = len(saved.Timeline.Frames)
		}
		entries = append(entries, e)
	}
	slices.SortStableFunc(entries, func(a, b Entry) int { return b.Started.Compare(a.Started) })
	return entries, skipped, nil
}

// Delete removes a run of the folder, and only a run of the folder.
func (s Store) Delete(path string) error {
	if filepath.Dir(path) != filepath.Clean(s.Dir) {
		return fmt.Errorf("%s is not in the runs folder %s", path, s.Dir)
	}
	if err := os.Remove(path); err != nil {
		return err
	}
	// What was kept beside the run goes with it, so that the folder holds
	// no profiles or room of a run it no longer lists.
	var errs []error
	for _, suffix := range companions {
		errs = append(errs, os.RemoveAll(Companion(path, suffix)))
	}
	return errors.Join(errs...)
}

// Load reads a saved run, or a result written by perflab run --format
// json, which has no timeline. Only a regular file of at most
// regular.ResultLimit bytes is read: a FIFO or a device is refused at once.
// Its text is made printable (see cleanText): a file may come from anyone.
func Load(path string) (*Saved, error) {
	data, err := regular.Read(path, regular.ResultLimit)
	if err != nil {
		return nil, err
	}
	rep, err := report.ReadJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var tl struct {
		Timeline *Timeline `json:"timeline"`
	}
	if err := json.Unmarshal(data, &tl); err != nil {
		return nil, fmt.Errorf("%s: timeline: %w", path, err)
	}
	saved := &Saved{Report: rep, Timeline: tl.Timeline}
	cleanText(saved)
	saved.ProfileErr = ReadProfiles(ProfileDir(path), saved.Report)
	return saved, nil
}
