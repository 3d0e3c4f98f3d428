package probe

import (
	"bytes"
	"io"
	"os"
)

// A procFile is a /proc file kept open and read again from its start into a
// buffer of its own, so that a sample allocates nothing: the engine counts
// the process's allocations, and the probe must not add to them.
type procFile struct {
	f   *os.File
	buf []byte
}

// openProc opens a /proc file; it returns nil where there is none.
func openProc(path string) *procFile {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	return &procFile{f: f, buf: make([]byte, 16<<10)}
}

// fields reads the file afresh and returns the numbers after each of names,
// at the start of a line; ok is false if the file cannot be read or a name
// is missing. out must have room for len(names) numbers.
func (pf *procFile) fields(out []int64, names ...string) bool {
	if pf == nil {
		return false
	}
	// Seek back rather than read at offset 0: the kernel regenerates a
	// /proc file's text on a seek to its start, while a positioned read
	// may return the text of the last read again.
	if _, err := pf.f.Seek(0, io.SeekStart); err != nil {
		return false
	}
	n, err := io.ReadFull(pf.f, pf.buf)
	if n == 0 && err != nil {
		return false
	}
	for i, name := range names {
		v, ok := field(pf.buf[:n], name)
		if !ok {
			return false
		}
		out[i] = v
	}
	return true
}

func (pf *procFile) close() {
	if pf != nil {
		pf.f.Close()
	}
}

// field returns the number after name at the start of a line of b.
func field(b []byte, name string) (int64, bool) {
	var rest []byte
	if bytes.HasPrefix(b, []byte(name)) {
		rest = b[len(name):]
	} else if i := bytes.Index(b, []byte("\n"+name)); i >= 0 {
		rest = b[i+1+len(name):]
	} else {
		return 0, false
	}
	for len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t') {
		rest = rest[1:]
	}
	var v int64
	digits := 0
	for ; digits < len(rest) && rest[digits] >= '0' && rest[digits] <= '9'; digits++ {
		v = v*10 + int64(rest[digits]-'0')
	}
	return v, digits > 0
}
