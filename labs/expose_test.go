package labs

import (
	"strings"
	"testing"
)

// TestAnExposedServerSaysHowToJoin checks that an exposed server gets a
// token of perflab's making and that the join line, the one place it is
// shown, carries it; a plan that exposes nothing has no join line.
func TestAnExposedServerSaysHowToJoin(t *testing.T) {
	s := Spec{Path: "machines/queue", Params: map[string]string{"expose": "true", "listen": "0.0.0.0:4333"}}
	s.GiveToken()
	token := s.Params["token"]
	if token == "" {
		t.Fatal("an exposed server got no token")
	}
	p, err := s.Plan()
	if err != nil {
		t.Fatal(err)
	}
	line := p.JoinLine()
	if !strings.Contains(line, "perflab worker --nats nats://"+token+"@") || !strings.Contains(line, ":4333") {
		t.Errorf("join line %q does not carry the token and the port", line)
	}
	// A token of the person's own, with characters a URL and a shell
	// read otherwise, is escaped for the one and quoted for the other.
	odd := Spec{Path: "machines/queue", Params: map[string]string{"expose": "true", "token": "it's@a/long-token"}}
	if p, err := odd.Plan(); err != nil || !strings.Contains(p.JoinLine(), "--nats nats://it%27s%40a%2Flong-token@") {
		t.Errorf("join line of an odd token: %v, %q", err, p.JoinLine())
	}

	plain := Spec{Path: "machines/queue", Params: map[string]string{}}
	plain.GiveToken()
	if _, ok := plain.Params["token"]; ok {
		t.Error("a server on loopback got a token")
	}
	if p, err := plain.Plan(); err != nil || p.JoinLine() != "" {
		t.Errorf("a plan that exposes nothing: join line %q, %v", p.JoinLine(), err)
	}
}
