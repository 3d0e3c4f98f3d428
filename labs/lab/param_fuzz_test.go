package lab

import (
	"net"
	"strconv"
	"testing"
	"time"
)

// fuzzParams are one parameter of each kind, with bounds where the kind
// has them.
var fuzzParams = []Param{
	{Name: "n", Kind: Int, Default: "10", Min: "1", Max: "1000000"},
	{Name: "ratio", Kind: Float, Default: "0.5", Min: "0", Max: "1"},
	{Name: "latency", Kind: Duration, Default: "1ms", Min: "0s", Max: "10s"},
	{Name: "mode", Kind: Choice, Default: "a", Choices: []string{"a", "b"}},
	{Name: "on", Kind: Bool, Default: "false"},
	{Name: "note", Kind: Text},
	{Name: "target", Kind: URL, Schemes: []string{"http", "https"}},
	{Name: "listen", Kind: Address},
	{Name: "token", Kind: SecretText},
}

// FuzzParamParse gives every kind of parameter arbitrary text, as a person
// may type it: Parse must never panic, and what it accepts must be of the
// kind, within the bounds, and accepted again when given back as text.
func FuzzParamParse(f *testing.F) {
	for _, s := range []string{"", "10", "-3", "1e99", "0.5", "NaN", "Inf", "2ms", "-1s", "1h", "9223372036854775807ns",
		"a", "true", "maybe", "http://127.0.0.1:8080/", "ftp://x/", "http://", "http://127.0.0.1:99999/",
		"127.0.0.1:4222", ":0", "[::]:0", "garbage", "127.0.0.1:-1", "1_000", " 7 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := range fuzzParams {
			p := &fuzzParams[i]
			v, err := p.Parse(s)
			if err != nil {
				continue
			}
			checkParsed(t, p, s, v)
		}
	})
}

func checkParsed(t *testing.T, p *Param, s string, v any) {
	inBounds := func(x, lo, hi float64) {
		if x < lo || x > hi {
			t.Fatalf("%s accepted %q as %v, outside %s", p.Name, s, v, p.Bounds())
		}
	}
	switch p.Kind {
	case Int:
		inBounds(float64(v.(int)), 1, 1e6)
	case Float:
		inBounds(v.(float64), 0, 1)
	case Duration:
		inBounds(float64(v.(time.Duration)), 0, float64(10*time.Second))
	case Choice:
		if v != "a" && v != "b" {
			t.Fatalf("mode accepted %q", v)
		}
	case Address:
		if v == "" {
			return
		}
		host, port, err := net.SplitHostPort(v.(string))
		n, perr := strconv.Atoi(port)
		if err != nil || host == "" || perr != nil || n < 0 || n > 65535 {
			t.Fatalf("listen accepted %q", v)
		}
	case URL:
		if v == "" {
			return
		}
		u, err := ParseURL("target", v.(string), p.Schemes)
		if err != nil || u.Hostname() == "" {
			t.Fatalf("target accepted %q, which does not parse again: %v", v, err)
		}
	case SecretText:
		if sv := v.(Secret); sv.Reveal() != "" && sv.String() == sv.Reveal() {
			t.Fatalf("a secret prints as itself: %q", sv.Reveal())
		}
	}
	if _, err := p.Parse(format(v)); err != nil && p.Kind != SecretText && p.Kind != Duration {
		t.Fatalf("%s accepted %q as %v but refuses it written back: %v", p.Name, s, v, err)
	}
}
