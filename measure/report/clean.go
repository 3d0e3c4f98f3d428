package report

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names read from a file (a kept run's lab, workload, strategies and
// parameters, a workshop's text, a command to confirm) are another
// program's words: they reach a terminal or a path only cleaned, one
// function for each.

// Printable returns s fit to print on a terminal: every control character
// (C0, DEL and C1, ESC among them, so that no escape sequence can retitle
// the window or clear the screen), every bidirectional control (which can
// make text read in another order than it runs) and every byte that is not
// UTF-8 is written out as an escape, \x1b or \u202e, visible and inert.
// Text without such characters comes back as it was.
func Printable(s string) string {
	if printable(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// printable reports whether s has nothing for Printable to escape.
func printable(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size <= 1) || unsafeRune(r) {
			return false
		}
		i += size
	}
	return true
}

// unsafeRune reports whether r must not reach a terminal as it is.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) ||
		r == '\u2028' || r == '\u2029'
}

// maxFileName bounds a name FileName makes, well under the 255 bytes of a
// file name on common file systems, with room for a suffix.
const maxFileName = 120

// FileName returns s fit to be one element of a path, a file's name in a
// folder perflab writes to: only letters, digits and ._-+=, are kept, any
// other character (a slash, a space, a control character) becomes _, and
// leading dots go, so that the name can neither climb out of the folder
// ("../x") nor hide in it (".x"). It is at most 120 bytes long, and "run"
// when nothing is left.
func FileName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-+=,", r)):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := strings.TrimLeft(b.String(), ".")
	if len(name) > maxFileName {
		name = name[:maxFileName]
	}
	if name == "" {
		return "run"
	}
	return name
}
