package report

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"data-structures/membership", "data-structures/membership"},
		{"n=4096 hit_ratio=0.5", "n=4096 hit_ratio=0.5"},
		{"café ≥ 2×", "café ≥ 2×"},
		{"\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},
		{"\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
		{"a\nb\tc\r", `a\x0ab\x09c\x0d`},
		{"\u009b31m", `\x9b31m`},
		{"abc\u202edcba", `abc\u202edcba`},
		{"bad\xffbyte", `bad\xffbyte`},
		{"\x7f", `\x7f`},
	} {
		if got := Printable(tc.in); got != tc.want {
			t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFileName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"perflab-data-structures-membership-20261126-134051", "perflab-data-structures-membership-20261126-134051"},
		{"../../etc/passwd", "_.._etc_passwd"},
		{"..", "run"},
		{"", "run"},
		{"a/b c\x1b[31m", "a_b_c__31m"},
		{".hidden", "hidden"},
		{"é", "_"},
		{strings.Repeat("x", 300), strings.Repeat("x", 120)},
	} {
		if got := FileName(tc.in); got != tc.want {
			t.Errorf("FileName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzPrintable(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[2J", "\u202e", "\xff", "a\u0085b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Printable(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Printable(%q) = %q is not UTF-8", s, got)
		}
		for _, r := range got {
			if unsafeRune(r) {
				t.Fatalf("Printable(%q) = %q holds %U", s, got, r)
			}
		}
		if printable(s) && got != s {
			t.Fatalf("Printable changed the printable %q into %q", s, got)
		}
	})
}

func FuzzFileName(f *testing.F) {
	for _, s := range []string{"../x", "..", "/", "a b", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := FileName(s)
		dir := "/runs"
		if got == "" || len(got) > maxFileName || strings.HasPrefix(got, ".") ||
			filepath.Dir(filepath.Join(dir, got)) != dir || filepath.Base(got) != got {
			t.Fatalf("FileName(%q) = %q is not one plain element of a path", s, got)
		}
	})
}
