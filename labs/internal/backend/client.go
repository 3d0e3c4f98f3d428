package backend

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// A Client sends GET requests to one URL over kept-alive HTTP/1.1
// connections. It is safe for concurrent use.
type Client struct {
	url string
	tr  *http.Transport
	hc  *http.Client
}

// NewClient returns a client for url that keeps up to conns idle
// connections, so that conns requests in flight at once reuse their
// connections instead of opening new ones for every request.
func NewClient(url string, conns int) *Client {
	tr := &http.Transport{
		// No proxy: the environment's must not reroute a lab's requests.
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConnsPerHost: max(conns, http.DefaultMaxIdleConnsPerHost),
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	return &Client{url: url, tr: tr, hc: &http.Client{Transport: tr}}
}

// Call sends one request and reads the whole answer. An answer other than
// 2xx is an error.
func (c *Client) Call(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.url, nil)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	// Read to the end, so that the connection can carry the next request.
	_, err = io.Copy(io.Discard, resp.Body)
	if cerr := resp.Body.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("backend answered %s", resp.Status)
	}
	return nil
}

// Close closes the client's idle connections. Requests still in flight
// close theirs when their context ends.
func (c *Client) Close() error {
	c.tr.CloseIdleConnections()
	return nil
}
