package lab

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"
)

// A Secret is the value of a Secret parameter, such as a token. It prints
// masked, so that a report, a saved result or a screen that shows the
// parameters never shows it; Reveal gives the value to the code that needs
// it.
type Secret string

// String masks the secret: "" when unset, "xxxxx" otherwise.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "xxxxx"
}

// Reveal returns the secret itself.
func (s Secret) Reveal() string { return string(s) }

// Secret returns a Secret parameter's value.
func (v Values) Secret(name string) string { return v[name].(Secret).Reveal() }

// MinSecret is the fewest characters a secret a person chooses may have: a
// token guards a server other machines reach, and a short one is guessed.
const MinSecret = 16

// CheckSecret refuses a secret of the parameter name shorter than
// MinSecret characters, or holding a control character or a space, which
// no join line could carry as typed. An empty one is unset, and perflab
// makes a new one.
func CheckSecret(name, s string) error {
	return checkSecret(name, s, fmt.Sprintf("leave it out for a new one of %d", 2*tokenBytes))
}

// CheckGivenSecret refuses, as CheckSecret does, a secret a person was
// given to join with (a room's or a server's token), which is not theirs
// to leave out: a short one was cut when it was copied.
func CheckGivenSecret(name, s string) error {
	return checkSecret(name, s, "copy it whole from where it was given")
}

func checkSecret(name, s, advice string) error {
	switch {
	case s == "":
		return nil
	case utf8.RuneCountInString(s) < MinSecret:
		return fmt.Errorf("%s must be at least %d characters, got %d (%s)",
			name, MinSecret, utf8.RuneCountInString(s), advice)
	case strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }):
		return fmt.Errorf("%s must hold no space or control character", name)
	}
	return nil
}

// tokenBytes is the random bytes of a token NewToken makes.
const tokenBytes = 16

// NewToken returns a token for a server that other machines can reach: 128
// random bits, too many to guess, as 32 hexadecimal digits, longer than
// the MinSecret a person's must have.
func NewToken() string {
	var b [tokenBytes]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on Linux
	return hex.EncodeToString(b[:])
}

// ShellQuote quotes s for a POSIX shell, so that a line printed for a
// person to paste (a join line with a token) runs as printed whatever s
// holds: s itself when it is made of safe characters only, else s in
// single quotes, a quote inside written '\”.
func ShellQuote(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=,+%@", r))
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
