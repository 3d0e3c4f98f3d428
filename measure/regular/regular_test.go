package regular

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/perflab/perflab/measure/measuretest"
)

func TestReadRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, says string }{
		{dir, "is a folder"},
		{fifo, "is a FIFO"},
		{"/dev/zero", "is a device"},
		{"/dev/null", "is a device"},
	} {
		done := make(chan error, 1)
		go func() {
			_, err := Read(tc.path, ResultLimit)
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("Read(%s) = %v, want %q and ErrNotRegular", tc.path, err, tc.says)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("Read(%s) had not returned in 20 s", tc.path)
		}
	}
}

func TestReadBoundsTheSize(t *testing.T) {
	path := measuretest.WriteTemp(t, "big", string(make([]byte, 1025)))
	if _, err := Read(path, 1024); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Read of 1025 bytes with a bound of 1024: err = %v, want ErrTooLarge", err)
	}
	got, err := Read(path, 1025)
	if err != nil || len(got) != 1025 {
		t.Errorf("Read of 1025 bytes with a bound of 1025 = %d bytes, %v; want all of them", len(got), err)
	}
	if err := Check(path, 1024); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Check with a bound of 1024: err = %v, want ErrTooLarge", err)
	}
}

func TestOpenReturnsABlockingFile(t *testing.T) {
	path := measuretest.WriteTemp(t, "f", "body")
	f, err := Open(path, BodyLimit)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	raw, err := f.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var flags int
	if err := raw.Control(func(fd uintptr) {
		r, _, _ := syscall.Syscall(syscall.SYS_FCNTL, fd, syscall.F_GETFL, 0)
		flags = int(r)
	}); err != nil {
		t.Fatal(err)
	}
	if flags&syscall.O_NONBLOCK != 0 {
		t.Error("Open returned a file still in non-blocking mode")
	}
}

func TestReadMissingFileSaysSo(t *testing.T) {
	_, err := Read(filepath.Join(t.TempDir(), "none"), TextLimit)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want ErrNotExist", err)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{512: "512 B", 64 << 20: "64 MiB", 16 << 20: "16 MiB", 1536: "1.5 KiB", 1 << 30: "1 GiB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
