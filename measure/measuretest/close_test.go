package measuretest

import (
	"errors"
	"fmt"
	"testing"
)

// closer counts its closes and returns err from each.
type closer struct {
	closes int
	err    error
}

func (c *closer) Close() error { c.closes++; return c.err }

// fakeTB keeps what a test registers and reports instead of acting on it,
// so that a test can look at a helper's failure without failing itself.
type fakeTB struct {
	testing.TB
	cleanups []func()
	errors   []string
}

func (f *fakeTB) Helper()           {}
func (f *fakeTB) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }
func (f *fakeTB) Error(args ...any) { f.errors = append(f.errors, fmt.Sprint(args...)) }
func (f *fakeTB) Fatal(args ...any) { f.Error(args...) }
func (f *fakeTB) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}

// end runs the cleanups, last first, as the end of a test does.
func (f *fakeTB) end() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

func TestCloseAtEndClosesWhenTheTestEnds(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want []string
	}{
		{nil, nil},
		{errors.New("busy"), []string{"busy"}},
	} {
		c, tb := &closer{err: tc.err}, &fakeTB{TB: t}
		if got := CloseAtEnd(tb, c, nil); got != c || c.closes != 0 {
			t.Errorf("got %p closed %d times, want %p open until the test ends", got, c.closes, c)
		}
		tb.end()
		if c.closes != 1 || fmt.Sprint(tb.errors) != fmt.Sprint(tc.want) {
			t.Errorf("close error %v: closed %d times, test errors %q; want once and %q", tc.err, c.closes, tb.errors, tc.want)
		}
	}
}

func TestCloseAtEndFailsWhatCouldNotOpen(t *testing.T) {
	tb := &fakeTB{TB: t}
	CloseAtEnd(tb, &closer{}, errors.New("no such server"))
	if len(tb.errors) != 1 || tb.errors[0] != "no such server" {
		t.Errorf("test errors %q, want the error that opening returned", tb.errors)
	}
}
