package report

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// WriteFile writes a file atomically: write fills a temporary file beside
// path, which is synced and then renamed over path, so that path holds the
// whole new content or its old content, never half of either. The folder is
// synced after the rename, so that a crash right after WriteFile returns
// does not bring the old content back.
//
// A new file gets the permissions any program's would, 0666 less the umask;
// a file replaced keeps its own.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	if err := checkTarget(path); err != nil {
		return err
	}
	tmp, err := createTemp(path)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

// CheckWritable reports, before a long run, whether WriteFile could write
// path: it makes the temporary file WriteFile would make and removes it. A
// folder that is missing, not writable or on a read-only file system, and a
// path that is a folder or a device, fail here rather than after the run.
func CheckWritable(path string) error {
	if err := checkTarget(path); err != nil {
		return err
	}
	tmp, err := createTemp(path)
	if err != nil {
		return err
	}
	name := tmp.Name()
	return errors.Join(tmp.Close(), os.Remove(name))
}

// checkTarget refuses a path that exists and is not a regular file: a
// rename would replace a device such as /dev/null with the result, and a
// folder cannot be replaced at all.
func checkTarget(path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case fi.IsDir():
		return fmt.Errorf("%s is a folder; name a file", path)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file", path)
	}
	return nil
}

// createTemp makes the temporary file beside path. os.CreateTemp would make
// it 0600 whatever the umask; the file becomes path, so it is made as path
// would be: with path's permissions if it exists, else 0666 less the umask,
// which the kernel applies at creation.
func createTemp(path string) (*os.File, error) {
	perm := fs.FileMode(0o666)
	keep := false
	if fi, err := os.Stat(path); err == nil {
		perm, keep = fi.Mode().Perm(), true
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	for range 100 {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if keep {
			// The umask applied at creation; a replaced file keeps
			// exactly the permissions it had.
			if err := f.Chmod(perm); err != nil {
				f.Close()
				os.Remove(name)
				return nil, err
			}
		}
		return f, nil
	}
	return nil, fmt.Errorf("no free temporary name beside %s", path)
}

// syncDir flushes a folder's entries, so that a rename in it is on disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	return errors.Join(err, d.Close())
}
