package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"strconv"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
)

// giveToken gives an exposed embedded server, on a workload that has one, a
// token of perflab's making when the person named none, so that perflab can
// print it: a server other machines can reach never goes without one.
func giveToken(s *labs.Spec) {
	on, err := strconv.ParseBool(s.Params["expose"])
	if err != nil || !on || s.Params["token"] != "" {
		return // a malformed expose is the plan's to refuse
	}
	s.Params["token"] = lab.NewToken()
}

// announceExposed tells the person, before the run starts, how workers on
// other machines join an exposed server: the address and the token, the
// one place the token is shown.
func announceExposed(p *labs.Plan, stderr io.Writer) {
	if _, ok := p.Workload.Param("expose"); !ok || !p.Values.Bool("expose") {
		return
	}
	listen := p.Values.String("listen")
	if listen == "" {
		listen = labs.DefaultExposedListen
	}
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return // the plan checked it
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "THIS-HOST"
		if name, err := os.Hostname(); err == nil && name != "" {
			host = name
		}
	}
	fmt.Fprintf(stderr, "perflab: the NATS server listens on %s and asks for a token; on each machine run:\n  perflab worker --nats nats://%s@%s\n",
		listen, p.Values.Secret("token"), net.JoinHostPort(host, port))
}
