package httpload

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"syscall"
	"time"

	"github.com/valyala/fasthttp"
)

// Error kinds, as results count them.
const (
	KindRefused = "refused"
	KindTimeout = "timeout"
	KindReset   = "reset"
	KindNon2xx  = "non_2xx"
	KindOther   = "other"
)

// Kinds lists the error kinds in the order results show them.
var Kinds = []string{KindRefused, KindTimeout, KindReset, KindNon2xx, KindOther}

// A StatusError is a response whose status is not 2xx.
type StatusError struct{ Code int }

func (e *StatusError) Error() string { return fmt.Sprintf("status %d", e.Code) }

// Counts are what one connection saw. Only its own goroutine writes them.
type Counts struct {
	// Status counts responses by status code.
	Status map[int]int64
	// Bytes counts the bytes read from the server: status lines, headers
	// and bodies.
	Bytes int64
	// Errors counts failed requests by kind.
	Errors map[string]int64
}

// Reset clears the counts.
func (c *Counts) Reset() {
	c.Status, c.Errors, c.Bytes = map[int]int64{}, map[string]int64{}, 0
}

// Add adds o's counts to c.
func (c *Counts) Add(o *Counts) {
	for k, n := range o.Status {
		c.Status[k] += n
	}
	for k, n := range o.Errors {
		c.Errors[k] += n
	}
	c.Bytes += o.Bytes
}

// A Conn sends a target's request over one keep-alive connection, opened on
// first use and again after a failure. It is used by one goroutine at a time.
type Conn struct {
	t      *Target
	hc     *fasthttp.HostClient
	req    *fasthttp.Request
	resp   *fasthttp.Response
	Counts Counts

	// live is the open connection, so that a cancel can close it under a
	// request in flight instead of waiting for the timeout. inFlight is
	// the number of the request in flight (0: none), so that a cut meant
	// for one request never lands on the next, and a cancel between
	// requests leaves a keep-alive connection open for the next
	// repetition.
	mu       sync.Mutex
	live     net.Conn
	sent     uint64
	inFlight uint64
	cut      bool // a cancel closed live
	watched  context.Context
	unwatch  func() bool

	// dialing is a connection attempt a cancel left under way, for the
	// next request to take over.
	dialing *attempt
	dialer  net.Dialer
}

// NewConn returns a connection to the target; nothing is dialled yet.
func NewConn(t *Target) *Conn {
	c := &Conn{t: t, req: fasthttp.AcquireRequest(), resp: fasthttp.AcquireResponse(),
		watched: context.Background(), dialer: net.Dialer{Timeout: t.Timeout}}
	c.Counts.Reset()
	c.hc = &fasthttp.HostClient{
		Addr:                          t.addr(),
		IsTLS:                         t.URL.Scheme == "https",
		TLSConfig:                     &tls.Config{InsecureSkipVerify: t.Insecure, ServerName: t.URL.Hostname()},
		MaxConns:                      1,
		ReadTimeout:                   t.Timeout,
		WriteTimeout:                  t.Timeout,
		NoDefaultUserAgentHeader:      true,
		DisableHeaderNamesNormalizing: true,
		DisablePathNormalizing:        true,
		Dial:                          c.dial,
	}
	c.req.SetRequestURI(t.URL.String())
	c.req.Header.SetMethod(t.Method)
	c.req.Header.Set("User-Agent", "perflab")
	for _, h := range t.Headers {
		if h.Name == "Host" {
			c.req.Header.SetHost(h.Value)
			continue
		}
		c.req.Header.Add(h.Name, h.Value)
	}
	if t.Body != nil {
		c.req.SetBody(t.Body)
	}
	return c
}

// An attempt is one connection attempt under way on its own goroutine.
type attempt struct {
	done   chan dialResult
	cancel context.CancelFunc
}

// A dialResult is the end of one connection attempt.
type dialResult struct {
	conn net.Conn
	err  error
}

// giveUp ends the attempt and closes the connection it made, if any.
func (a *attempt) giveUp() {
	a.cancel()
	if r := <-a.done; r.conn != nil {
		_ = r.conn.Close()
	}
}

// dial opens a connection for the request that needs it. A server that
// closes its connections after each response has one dialled per request,
// and an attempt whose SYN was dropped (a full listen backlog: Python's
// http.server keeps 5) waits a second for the retry. The repetition's end
// must not wait for that second, and must not wipe it out either: a load
// generator that runs on, as hey does, keeps the connection stalled for the
// whole second, and a repetition that started every connection afresh would
// see fewer stalls than the server really causes. So the attempt runs on
// its own goroutine; when the request's context ends first, the attempt is
// left under way and the connection's next request, in the next
// repetition, waits for what is left of it.
func (c *Conn) dial(addr string) (net.Conn, error) {
	a := c.dialing
	c.dialing = nil
	if a == nil {
		ctx, cancel := context.WithCancel(context.Background())
		a = &attempt{done: make(chan dialResult, 1), cancel: cancel}
		go func() {
			conn, err := c.dialer.DialContext(ctx, "tcp", addr)
			a.done <- dialResult{conn, err}
		}()
	}
	var r dialResult
	select {
	case r = <-a.done:
		a.cancel()
	case <-c.watched.Done():
		c.dialing = a
		return nil, c.watched.Err()
	}
	if r.err != nil {
		return nil, r.err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	// The attempt can be found ended after the request's context: a
	// select with both ready picks either. fasthttp retries a request
	// whose connection the cut closed, and the cut, done, would not close
	// this one: the request would wait its whole timeout on a silent
	// server. Seen under the lock the cut takes, an ended context keeps
	// the connection for the next request instead.
	if err := c.watched.Err(); err != nil {
		done := make(chan dialResult, 1)
		done <- r
		c.dialing = &attempt{done: done, cancel: func() {}}
		return nil, err
	}
	c.live = r.conn
	return &countingConn{Conn: r.conn, n: &c.Counts.Bytes}, nil
}

// countingConn counts the bytes read off the wire: status line, headers and
// body, as a load generator reports them. fasthttp reads on the goroutine
// that sent the request, the connection's own, so the count needs no lock.
type countingConn struct {
	net.Conn
	n *int64
}

func (c *countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	*c.n += int64(n)
	return n, err
}

// Do sends the request once and reads the whole response. A response that
// is not 2xx is a *StatusError. When ctx ends, a connection being dialled
// is given up at once, and a request in flight is given CutGrace to finish
// before its connection is closed; a request so cut returns ctx's error
// and counts nowhere, since the server did not fail it.
func (c *Conn) Do(ctx context.Context) error {
	if ctx != c.watched {
		c.watch(ctx)
	}
	c.mu.Lock()
	// ctx is read under the lock that watch's cut takes: a cancel that
	// lands before the request is marked in flight is seen here, and one
	// that lands after finds it in flight and cuts it. Checked before the
	// lock, a cancel in between went unseen, and the request waited its
	// whole timeout.
	if err := ctx.Err(); err != nil {
		c.mu.Unlock()
		return err
	}
	c.sent++
	c.inFlight = c.sent
	cut := c.cut
	c.cut = false
	c.mu.Unlock()
	if cut {
		// The cut can land just after a response was read, when the
		// connection is back in the client's pool: drop it, or the next
		// request would fail on it.
		c.hc.CloseIdleConnections()
	}
	err := c.hc.DoTimeout(c.req, c.resp, c.t.Timeout)
	c.mu.Lock()
	c.inFlight = 0
	c.mu.Unlock()
	if err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	if err == nil {
		code := c.resp.StatusCode()
		c.Counts.Status[code]++
		if code < 200 || code > 299 {
			err = &StatusError{Code: code}
		}
	}
	if err != nil {
		c.Counts.Errors[Kind(err)]++
	}
	return err
}

// CutGrace is how long a request in flight when its context ends may take
// to finish before its connection is closed under it. A repetition ends
// with most connections in the middle of a request: closing them all at
// once would make every keep-alive connection dial again at the next
// repetition, and a server with a short listen backlog (Python's
// http.server keeps 5) drops some of ten connection attempts made at once,
// each then waiting a second for its retry. Waiting for the answers, as
// hey and oha do at the end of a run, keeps the connections; the grace
// bounds the wait when the server stalls.
const CutGrace = 100 * time.Millisecond

// watch cuts the request in flight when ctx ends, after CutGrace. The
// engine gives one context for a repetition, so this registers once a
// repetition, not once a request.
func (c *Conn) watch(ctx context.Context) {
	if c.unwatch != nil {
		c.unwatch()
	}
	c.mu.Lock()
	c.watched = ctx
	c.mu.Unlock()
	c.unwatch = context.AfterFunc(ctx, func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.watched != ctx {
			// This runs on a goroutine of its own, and can come after
			// the next repetition's first request: that one is not
			// cut.
			return
		}
		if req := c.inFlight; req != 0 {
			time.AfterFunc(CutGrace, func() { c.cutRequest(req) })
		}
	})
}

// cutRequest closes the connection under request number req if it is still
// in flight: it fails at once, as it should.
func (c *Conn) cutRequest(req uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.inFlight == req && c.live != nil {
		_ = c.live.Close()
		c.cut = true
	}
}

// GiveUpDial gives up a connection attempt left under way by a cancel, so
// that the next request starts afresh. A warm-up ends with it: the attempts
// all connections make at once when a run starts can overflow a small
// listen backlog, and what is left of their one-second retries is the
// run's start, not the server's steady state. Call it between requests.
func (c *Conn) GiveUpDial() {
	if c.dialing != nil {
		c.dialing.giveUp()
		c.dialing = nil
	}
}

// Close closes the connection and releases the request and response. A
// connection attempt left under way is given up.
func (c *Conn) Close() error {
	if c.unwatch != nil {
		c.unwatch()
	}
	c.GiveUpDial()
	c.hc.CloseIdleConnections()
	c.mu.Lock()
	var err error
	if c.live != nil {
		if err = c.live.Close(); errors.Is(err, net.ErrClosed) {
			err = nil
		}
	}
	c.mu.Unlock()
	fasthttp.ReleaseRequest(c.req)
	fasthttp.ReleaseResponse(c.resp)
	return err
}

// Kind sorts a failed request: refused, timeout, reset, non_2xx or other.
func Kind(err error) string {
	var status *StatusError
	var nerr net.Error
	switch {
	case errors.As(err, &status):
		return KindNon2xx
	case errors.Is(err, syscall.ECONNREFUSED):
		return KindRefused
	case errors.Is(err, fasthttp.ErrTimeout), errors.Is(err, fasthttp.ErrDialTimeout),
		errors.As(err, &nerr) && nerr.Timeout():
		return KindTimeout
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE), errors.Is(err, io.EOF),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, fasthttp.ErrConnectionClosed):
		return KindReset
	}
	return KindOther
}
