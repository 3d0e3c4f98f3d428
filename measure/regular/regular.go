// Package regular reads the files a person names where perflab expects a
// file (a result to compare or replay, a runs folder's entries, a workshop,
// a request body, a command's input, a Python file), and only regular
// files, and only so much of them. A FIFO, a device or a folder is refused
// before a byte is read, so that /dev/zero or a pipe nobody writes cannot
// hang a run or fill the memory; the open itself is non-blocking, so that
// a FIFO without a writer cannot block it.
package regular

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// Size bounds of the files perflab reads: far above any real one, far
// below what would hurt a machine.
const (
	// ResultLimit bounds a kept run or a result: its timeline of a
	// ten-minute run at ten frames a second is a few MiB.
	ResultLimit = 64 << 20
	// BodyLimit bounds a request body and a command's standard input.
	BodyLimit = 16 << 20
	// TextLimit bounds a file of text a person writes: a workshop, a
	// Python file.
	TextLimit = 4 << 20
)

// ErrNotRegular is the error of a path that names something other than a
// regular file.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is the error of a file larger than its bound.
var ErrTooLarge = errors.New("larger than perflab reads")

// Open opens path for reading if it is a regular file of at most limit
// bytes, and returns it in blocking mode, ready to read. The error names
// path and says what it is instead: a folder, a FIFO, a device.
func Open(path string, limit int64) (*os.File, error) {
	// O_NONBLOCK: opening a FIFO for reading blocks until a writer comes;
	// non-blocking, it returns at once, and fstat then refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err == nil {
		err = check(path, fi, limit)
	}
	if err == nil {
		// A regular file never blocks a read; clearing the flag keeps the
		// file as any other for the code that reads it.
		err = clearNonblock(f)
	}
	if err != nil {
		return nil, errors.Join(err, f.Close())
	}
	return f, nil
}

// Read returns the content of path, a regular file of at most limit bytes.
// A file that grows past limit while it is read is refused too.
func Read(path string, limit int64) ([]byte, error) {
	f, err := Open(path, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: %w (%s)", path, ErrTooLarge, Size(limit))
	}
	return data, nil
}

// Check reports whether path names a regular file of at most limit bytes,
// without reading it: for a file read later, checked before a run starts.
func Check(path string, limit int64) error {
	f, err := Open(path, limit)
	if err != nil {
		return err
	}
	return f.Close()
}

// check says what is wrong with a file of info fi, for a file expected.
func check(path string, fi fs.FileInfo, limit int64) error {
	mode := fi.Mode()
	switch {
	case mode.IsRegular():
		if fi.Size() > limit {
			return fmt.Errorf("%s: %w (%s, at most %s)", path, ErrTooLarge, Size(fi.Size()), Size(limit))
		}
		return nil
	case mode.IsDir():
		return fmt.Errorf("%s is a folder, %w", path, ErrNotRegular)
	case mode&fs.ModeNamedPipe != 0:
		return fmt.Errorf("%s is a FIFO, %w", path, ErrNotRegular)
	case mode&fs.ModeSocket != 0:
		return fmt.Errorf("%s is a socket, %w", path, ErrNotRegular)
	case mode&fs.ModeDevice != 0:
		return fmt.Errorf("%s is a device, %w", path, ErrNotRegular)
	}
	return fmt.Errorf("%s: %w", path, ErrNotRegular)
}

// clearNonblock puts f back in blocking mode.
func clearNonblock(f *os.File) error {
	raw, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := raw.Control(func(fd uintptr) { serr = syscall.SetNonblock(int(fd), false) }); err != nil {
		return err
	}
	return serr
}

// Size says a number of bytes in binary units: "64 MiB", "512 B".
func Size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%.3g MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.3g KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
