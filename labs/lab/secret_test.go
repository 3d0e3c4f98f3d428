package lab

import (
	"os/exec"
	"strings"
	"testing"
)

func TestSecretsAreLongEnough(t *testing.T) {
	p := Param{Name: "token", Kind: SecretText}
	for _, bad := range []string{"a", "fifteen-chars!!", "sixteen chars ok", "sixteen-chars\x1b[2J"} {
		if _, err := p.Parse(bad); err == nil {
			t.Errorf("token=%q was accepted", bad)
		}
	}
	for _, good := range []string{"", "sixteen-chars-ok", "with@and/and'quote", NewToken()} {
		if _, err := p.Parse(good); err != nil {
			t.Errorf("token=%q: %v", good, err)
		}
	}
	if n := len(NewToken()); n <= MinSecret {
		t.Errorf("a new token has %d characters, want more than %d", n, MinSecret)
	}
}

// TestGivenSecretsAreNotToBeLeftOut checks that a secret a person was given
// to join with is refused as one they chose is, but not told to be left out
// for a new one, which would join nothing.
func TestGivenSecretsAreNotToBeLeftOut(t *testing.T) {
	chosen, given := CheckSecret("--room-token", "short"), CheckGivenSecret("--token", "short")
	if chosen == nil || given == nil || !strings.Contains(chosen.Error(), "leave it out") ||
		strings.Contains(given.Error(), "leave it out") || !strings.Contains(given.Error(), "copy it whole") {
		t.Errorf("chosen: %v; given: %v", chosen, given)
	}
	if err := CheckGivenSecret("--token", "sixteen-chars-ok"); err != nil {
		t.Errorf("a long enough given token: %v", err)
	}
}

// TestShellQuoteRunsAsPrinted has a shell echo each quoted string back.
func TestShellQuoteRunsAsPrinted(t *testing.T) {
	for _, s := range []string{"nats://abc@host:4222", "to ken", "a'b", "x;rm -rf y", "$(touch z)", "", "`id`", "a\\b"} {
		out, err := exec.Command("sh", "-c", "printf %s "+ShellQuote(s)).Output()
		if err != nil || string(out) != s {
			t.Errorf("sh printed %q for ShellQuote(%q) = %s (%v)", out, s, ShellQuote(s), err)
		}
	}
	if got := ShellQuote("nats://0123abcd@host:4222"); strings.Contains(got, "'") {
		t.Errorf("a plain URL is quoted: %s", got)
	}
}
