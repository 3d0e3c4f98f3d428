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
