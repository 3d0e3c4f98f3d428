package lab

import (
	"crypto/rand"
	"encoding/hex"
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

// NewToken returns a token for a server that other machines can reach: 128
// random bits, too many to guess.
func NewToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on Linux
	return hex.EncodeToString(b[:])
}
