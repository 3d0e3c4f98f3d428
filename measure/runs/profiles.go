package runs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/regular"
	"github.com/perflab/perflab/measure/report"
)

// ProfileDir is the folder that holds the profiles of the run kept at
// path: its name without .json, and .profiles.
func ProfileDir(path string) string { return Companion(path, ProfilesSuffix) }

// Companion is the file or folder kept beside the run at path under
// suffix: the run's name without .json, and suffix.
func Companion(path, suffix string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + suffix
}

// The suffixes of what is kept beside a run: its profiles, and the room of
// the workshop race it was (labs/workshop/room). Deleting a run deletes
// them with it.
const (
	ProfilesSuffix = ".profiles"
	RoomSuffix     = ".room"
)

var companions = []string{ProfilesSuffix, RoomSuffix}

// WriteProfiles writes each strategy's CPU profile in rep as
// STRATEGY.pprof, a standard pprof file, in dir, and returns the paths
// written. A strategy without a profile has no file.
func WriteProfiles(dir string, rep *measure.Report) ([]string, error) {
	var paths []string
	for _, s := range rep.Strategies {
		if len(s.CPUProfile) == 0 {
			continue
		}
		if len(paths) == 0 {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("profiles folder: %w", err)
			}
		}
		path := filepath.Join(dir, profileFile(s.Name))
		data := s.CPUProfile
		err := report.WriteFile(path, func(w io.Writer) error {
			_, err := io.Copy(w, bytes.NewReader(data))
			return err
		})
		if err != nil {
			return paths, fmt.Errorf("profile of %s: %w", s.Name, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// profileFile names a strategy's profile file; a strategy's name is an id
// ("map", "map#2"), but a path separator in one must not leave the folder.
func profileFile(name string) string {
	return strings.NewReplacer("/", "_", string(filepath.Separator), "_").Replace(name) + ".pprof"
}

// ReadProfiles reads each strategy's STRATEGY.pprof from dir back into its
// CPUProfile, so that a kept run shows the why it showed when it ran. A
// strategy without a file has no profile, and a run without the folder
// none: not an error. The bytes are not parsed here: a file that is no
// profile stays what it is, and the why that draws it says it cannot be
// read, while the rest of the run loads. A file that is there but cannot
// be read (too large, not a regular file) is named in the error returned,
// and its strategy has no profile; the others are read.
func ReadProfiles(dir string, rep *measure.Report) error {
	var errs []error
	for _, s := range rep.Strategies {
		data, err := regular.Read(filepath.Join(dir, profileFile(s.Name)), regular.ResultLimit)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			errs = append(errs, fmt.Errorf("profile of %s: %w", report.Printable(s.Name), err))
			continue
		}
		s.CPUProfile = data
	}
	return errors.Join(errs...)
}
