package measuretest

import (
	"io"
	"testing"
)

// CloseAtEnd returns c, opened for the test with the error err, and closes
// it when the test ends: a failure to open ends the test at once, and a
// failure to close fails it, since a server, queue or runner that cannot be
// closed cleanly is a defect, not noise.
func CloseAtEnd[C io.Closer](t testing.TB, c C, err error) C {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Error(err)
		}
	})
	return c
}
