package labs

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"

	"github.com/perflab/perflab/labs/lab"
)

// GiveToken gives an exposed embedded server, on a workload that has one, a
// token of perflab's making when the person named none, so that perflab can
// show it: a server other machines can reach never goes without one. The
// command line and the TUI call it before they plan.
func (s *Spec) GiveToken() {
	on, err := strconv.ParseBool(s.Params["expose"])
	if err != nil || !on || s.Params["token"] != "" {
		return // a malformed expose is the plan's to refuse
	}
	s.Params["token"] = lab.NewToken()
}

// JoinLine says how workers on other machines join the plan's exposed
// server, the address and the token, the one place the token is shown; ""
// when the plan exposes nothing.
func (p *Plan) JoinLine() string {
	if _, ok := p.Workload.Param("expose"); !ok || !p.Values.Bool("expose") {
		return ""
	}
	listen := p.Values.String("listen")
	if listen == "" {
		listen = DefaultExposedListen
	}
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return "" // the plan checked it
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "THIS-HOST"
		if name, err := os.Hostname(); err == nil && name != "" {
			host = name
		}
	}
	// The token goes into the URL escaped as a URL's user, and the URL
	// into the line quoted for a shell: a token with @, / or a quote
	// still pastes and connects as printed.
	u := url.URL{Scheme: "nats", User: url.User(p.Values.Secret("token")), Host: net.JoinHostPort(host, port)}
	return fmt.Sprintf("the NATS server listens on %s and asks for a token; on each machine run: perflab worker --nats %s",
		listen, lab.ShellQuote(u.String()))
}
