package command

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestDirectSplitsLikeAShell(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"echo a", []string{"echo", "a"}},
		{`echo 'a b' "c d" e\ f`, []string{"echo", "a b", "c d", "e f"}},
		{"  true  ", []string{"true"}},
	}
	for _, tt := range tests {
		c, err := Direct(tt.text)
		if err != nil {
			t.Errorf("Direct(%q): %v", tt.text, err)
			continue
		}
		if got := c.Args; !slices.Equal(got, tt.want) {
			t.Errorf("Direct(%q).Args = %q, want %q", tt.text, got, tt.want)
		}
		if !strings.HasPrefix(c.Path, "/") {
			t.Errorf("Direct(%q).Path = %q, want an absolute path", tt.text, c.Path)
		}
	}
}

func TestRefusedBeforeRunning(t *testing.T) {
	tests := []struct {
		text   string
		direct bool
		want   string
	}{
		{"", false, "empty"},
		{"nosuchcommand-perflab --x", false, "command nosuchcommand-perflab not found"},
		{"true | nosuchcommand-perflab", false, "command nosuchcommand-perflab not found"},
		{"ls >", false, "does not parse"},
		{"nosuchcommand-perflab", true, "command nosuchcommand-perflab not found"},
		{"ls | wc", true, "need a shell"},
		{"echo $HOME", true, "need a shell"},
		{"X=1 env", true, "need a shell"},
		{"echo a; echo b", true, "need a shell"},
	}
	for _, tt := range tests {
		run := Shell
		if tt.direct {
			run = Direct
		}
		_, err := run(tt.text)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("direct=%v %q: error %v, want one with %q", tt.direct, tt.text, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("direct=%v %q: error %q is more than one line", tt.direct, tt.text, err)
		}
	}
}

func TestShellFindsBuiltinsAndFunctions(t *testing.T) {
	for _, text := range []string{"cd /tmp && pwd", "f() { true; }; f", `for i in 1 2; do echo "$i"; done`, "$SHELL -c true"} {
		c, err := Shell(text)
		if err != nil {
			t.Errorf("Shell(%q): %v", text, err)
			continue
		}
		if want := []string{"sh", "-c", text}; !slices.Equal(c.Args, want) {
			t.Errorf("Shell(%q).Args = %q, want %q", text, c.Args, want)
		}
	}
}

// FuzzParseCommand feeds typed commands to Shell and Direct: they must never
// panic, a refusal is one line, and a direct command always has a program.
func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{"true", "echo 'a b' \"c\" d\\ e", "ls | wc -l", "f() { true; }; f", "$(", "echo ${x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if _, err := Shell(text); err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("Shell(%q) error %q is more than one line", text, err)
		}
		c, err := Direct(text)
		switch {
		case err != nil && strings.Contains(err.Error(), "\n"):
			t.Errorf("Direct(%q) error %q is more than one line", text, err)
		case err == nil && (len(c.Args) == 0 || c.Path == ""):
			t.Errorf("Direct(%q) = %+v, want a program to run", text, c)
		}
	})
}

// TestAutoRunsWithoutAShellWhenNoneIsNeeded checks which commands Auto
// starts directly: one program with plain or quoted words, and nothing a
// shell would expand or run itself.
func TestAutoRunsWithoutAShellWhenNoneIsNeeded(t *testing.T) {
	tests := []struct {
		text  string
		shell bool
	}{
		{"sleep 0.01", false},
		{`cat 'a b' "c d" e\ f`, false},
		{"echo a", true}, // a built-in too
		{"/bin/sleep 0", false},
		{"ls | wc -l", true},
		{"sleep 0 && sleep 0", true},
		{"echo $HOME", true},
		{"echo a > /dev/null", true},
		{"X=1 env", true},
		{"ls *.go", true},
		{"ls ~", true},
		{"ls ~/x", true},
		{"true", true}, // a built-in: sh runs its own, not /bin/true
		{"cd /tmp", true},
		{"f() { true; }; f", true},
		{"ls '*'", false}, // quoted: no glob
	}
	for _, tt := range tests {
		c, err := Auto(tt.text)
		if err != nil {
			t.Errorf("Auto(%q): %v", tt.text, err)
			continue
		}
		if c.Shell != tt.shell {
			t.Errorf("Auto(%q).Shell = %v (args %q), want %v", tt.text, c.Shell, c.Args, tt.shell)
		}
		if tt.shell && !slices.Equal(c.Args, []string{"sh", "-c", tt.text}) {
			t.Errorf("Auto(%q).Args = %q, want sh -c and the text", tt.text, c.Args)
		}
	}
	if _, err := Auto("nosuchcommand-perflab 1"); err == nil || !strings.Contains(err.Error(), "command nosuchcommand-perflab not found") {
		t.Errorf("Auto of a missing program: error %v, want one that names it", err)
	}
}

func TestDirectSaysWhatNeedsAShell(t *testing.T) {
	_, err := Direct("ls | wc")
	var ns *NeedsShellError
	if !errors.As(err, &ns) || ns.Text != "ls | wc" {
		t.Errorf("Direct of a pipeline: error %v, want a NeedsShellError for its text", err)
	}
	if _, err := Direct("nosuchcommand-perflab"); errors.As(err, &ns) {
		t.Errorf("Direct of a missing program: %v is a NeedsShellError, want a plain not found", err)
	}
}
