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
	"strings"
	"syscall"
)

// WriteFile writes a file atomically: write fills a temporary file beside
// path, which is synced and then renamed over path, so that path holds the
// whole new content or its old content, never half of either. The folder is
// synced after the rename, so that a crash right after WriteFile returns
// does not bring the old content back.
//
// A path that is a symbolic link is written through: the file it points to
// gets the new content and the link stays a link. A link to nothing is
// refused.
//
// A new file gets the permissions any program's would, 0666 less the umask;
// a file replaced keeps its own.
func WriteFile(path string, write func(io.Writer) error) error {
	path, err := resolve(path)
	if err != nil {
		return err
	}
	if err := checkTarget(path); err != nil {
		return err
	}
	return writeTemp(path, write, func(tmp string) error { return os.Rename(tmp, path) })
}

// WriteNewFile writes a new file atomically under the first free name of
// name(1), name(2), ...: it fills a temporary file, then links it at a name,
// which fails rather than replace a file there, so that two programs saving
// at once each keep their own file. It returns the name written.
func WriteNewFile(name func(i int) string, write func(io.Writer) error) (string, error) {
	first := name(1)
	var path string
	err := writeTemp(first, write, func(tmp string) error {
		for i := 1; i <= 1000; i++ {
			path = name(i)
			err := os.Link(tmp, path)
			if errors.Is(err, fs.ErrExist) {
				continue
			}
			if err != nil {
				return err
			}
			// The file has its name: the temporary one goes.
			return os.Remove(tmp)
		}
		return fmt.Errorf("no free name beside %s", first)
	})
	return path, err
}

// writeTemp fills a temporary file beside path with write, syncs it, hands
// it to place (which gives it its final name), and syncs the folder. The
// temporary file is removed whatever fails; one a killed program left
// behind is swept by the next save in the folder (see sweepTemps).
func writeTemp(path string, write func(io.Writer) error, place func(tmp string) error) (err error) {
	sweepTemps(filepath.Dir(path))
	tmp, err := createTemp(path)
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(name)
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
	if err = place(name); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

// CheckWritable reports, before a long run, whether WriteFile could write
// path: it makes the temporary file WriteFile would make and removes it. A
// folder that is missing, not writable or on a read-only file system, and a
// path that is a folder or a device, fail here rather than after the run.
func CheckWritable(path string) error {
	path, err := resolve(path)
	if err != nil {
		return err
	}
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

// resolve follows path to the file it names when it is a symbolic link, so
// that a save writes through the link instead of replacing it.
func resolve(path string) (string, error) {
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return path, nil
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", fmt.Errorf("%s is a symbolic link to nothing; name a file", path)
	}
	return target, nil
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

// A temporary file is named .BASE.PID.RANDOM.tmp: the pid of the program
// writing it tells a file still being written from one whose writer died.
const tempSuffix = ".tmp"

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
	pid := strconv.Itoa(os.Getpid())
	for range 100 {
		name := filepath.Join(dir, "."+base+"."+pid+"."+strconv.FormatUint(rand.Uint64(), 36)+tempSuffix)
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

// sweepTemps removes the temporary files of dir whose writer is no longer
// running: a program killed mid-save (kill -9 leaves it no say) leaves its
// temporary file, and the next save in the folder takes it away. A file of
// a running program, or one not named as WriteFile names them, is left. A
// sweep that fails costs nothing but the sweep: the save goes on.
func sweepTemps(dir string) {
	names, err := filepath.Glob(filepath.Join(dir, ".*"+tempSuffix))
	if err != nil {
		return
	}
	for _, name := range names {
		if pid, ok := tempPid(filepath.Base(name)); ok && !running(pid) {
			os.Remove(name)
		}
	}
}

// tempPid returns the pid in a temporary file's name, .BASE.PID.RANDOM.tmp.
func tempPid(name string) (int, bool) {
	parts := strings.Split(strings.TrimSuffix(name, tempSuffix), ".")
	if len(parts) < 4 {
		return 0, false
	}
	pid, err := strconv.Atoi(parts[len(parts)-2])
	return pid, err == nil && pid > 0
}

// running reports whether a process pid exists. EPERM means it exists under
// another user.
func running(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
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
