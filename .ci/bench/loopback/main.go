// Command loopback is the minimal HTTP server the load comparisons run
// against: net/http answering every request with a 2-byte body, on
// 127.0.0.1 only. It prints its address and serves until killed.
//
//	go run ./.ci/bench/loopback -addr 127.0.0.1:8089 [-delay 10ms]
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on")
	// A delay makes the server wait before it answers, as a service that
	// calls another does, so that a load generator's connections, not the
	// server's CPU, bound the rate.
	delay := flag.Duration("delay", 0, "wait this long before answering each request")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ln.Addr())
	body := []byte("ok")
	log.Fatal(http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if *delay > 0 {
			time.Sleep(*delay)
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write(body)
	})))
}
