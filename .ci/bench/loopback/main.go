// Command loopback is the minimal HTTP server the load comparisons run
// against: net/http answering every request with a 2-byte body, on
// 127.0.0.1 only. It prints its address and serves until killed.
//
//	go run ./.ci/bench/loopback -addr 127.0.0.1:8089
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ln.Addr())
	body := []byte("ok")
	log.Fatal(http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write(body)
	})))
}
