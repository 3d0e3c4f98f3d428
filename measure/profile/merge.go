package profile

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/google/pprof/profile"
)

// Merge merges CPU profiles of one program's runs, each a pprof file's
// bytes as runtime/pprof writes it (a test binary's -test.cpuprofile, one
// file a run), into one pprof file's bytes: the samples of every run, as if
// one process had run them all. The profiles must be of the same kind and
// period, which runs of one binary are.
func Merge(files [][]byte) ([]byte, error) {
	if len(files) == 0 {
		return nil, errors.New("merge profiles: no profile to merge")
	}
	ps := make([]*profile.Profile, 0, len(files))
	for i, data := range files {
		p, err := profile.ParseData(data)
		if err != nil {
			return nil, fmt.Errorf("merge profiles: profile %d of %d: %w", i+1, len(files), err)
		}
		ps = append(ps, p)
	}
	merged, err := profile.Merge(ps)
	if err != nil {
		return nil, fmt.Errorf("merge profiles: %w", err)
	}
	var buf bytes.Buffer
	if err := merged.Write(&buf); err != nil {
		return nil, fmt.Errorf("merge profiles: %w", err)
	}
	return buf.Bytes(), nil
}
