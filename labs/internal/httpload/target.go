// Package httpload sends HTTP/1.1 requests for load generation: one
// keep-alive connection per engine worker, requests built once and sent again
// and again, responses read into reused buffers, and every failure sorted by
// kind. It is built on fasthttp, whose client allocates nothing per request
// and costs a fraction of net/http's CPU per request, which on a loopback
// benchmark is the figure that decides the requests a second.
package httpload

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure/regular"
)

// Methods are the request methods perflab sends.
var Methods = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"}

// A Header is one request header field.
type Header struct{ Name, Value string }

// A Target is one request to send again and again.
type Target struct {
	URL     *url.URL
	Method  string
	Headers []Header
	Body    []byte
	// Timeout bounds one request, connecting included.
	Timeout time.Duration
	// Insecure accepts any TLS certificate.
	Insecure bool
}

// A Spec is a request as a person types it.
type Spec struct {
	URL      string
	Method   string
	Headers  []string
	Body     string
	BodyFile string
	Timeout  time.Duration
	Insecure bool
}

// Parse checks a request as typed and returns the target. The error is
// one line naming what is wrong.
func (s Spec) Parse() (*Target, error) {
	u, err := ParseURL(s.URL)
	if err != nil {
		return nil, err
	}
	t := &Target{URL: u, Method: strings.ToUpper(strings.TrimSpace(s.Method)), Timeout: s.Timeout, Insecure: s.Insecure}
	if t.Method == "" {
		t.Method = "GET"
	}
	if !slices.Contains(Methods, t.Method) {
		return nil, lab.Optionf("method", "unknown method %q (perflab sends %s)", s.Method, strings.Join(Methods, ", "))
	}
	if s.Timeout <= 0 {
		return nil, lab.Optionf("timeout", "must be positive, got %v", s.Timeout)
	}
	for _, h := range s.Headers {
		name, value, ok := strings.Cut(h, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return nil, lab.Optionf("header", "%q wants Name: value", h)
		}
		t.Headers = append(t.Headers, Header{Name: name, Value: strings.TrimSpace(value)})
	}
	if t.Body, err = s.body(); err != nil {
		return nil, err
	}
	return t, nil
}

func (s Spec) body() ([]byte, error) {
	switch {
	case s.Body != "" && s.BodyFile != "":
		return nil, lab.Optionf("body_file", "give a body or a body file, not both")
	case s.BodyFile != "":
		// Only a regular file, bounded: /dev/zero or a FIFO would never
		// end.
		b, err := regular.Read(s.BodyFile, regular.BodyLimit)
		if err != nil {
			return nil, lab.OptionErr("body_file", err)
		}
		return b, nil
	case s.Body != "":
		return []byte(s.Body), nil
	}
	return nil, nil
}

// ParseURL checks an http or https URL with a host.
func ParseURL(s string) (*url.URL, error) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
		return nil, fmt.Errorf("URL %q must start with http:// or https://", s)
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return nil, fmt.Errorf("malformed URL %q: %v", s, errors.Unwrap(err))
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("URL %q must start with http:// or https://", s)
	case u.Host == "" || u.Hostname() == "":
		return nil, fmt.Errorf("URL %q has no host", s)
	}
	return u, nil
}

// addr is host:port of the target, with the scheme's port if none is given.
func (t *Target) addr() string {
	if t.URL.Port() != "" {
		return t.URL.Host
	}
	if t.URL.Scheme == "https" {
		return t.URL.Host + ":443"
	}
	return t.URL.Host + ":80"
}
