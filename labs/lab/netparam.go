package lab

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// ParseURL checks s as a URL whose scheme is one of schemes, with a host
// and, if it names one, a port from 1 to 65535. It checks the syntax only:
// nothing is looked up or dialled, so a malformed URL is refused before any
// name reaches a resolver. The error is one line fit to show a person and
// names the setting what.
func ParseURL(what, s string, schemes []string) (*url.URL, error) {
	example := schemes[0] + "://127.0.0.1:" + defaultPorts[schemes[0]]
	if strings.HasPrefix(schemes[0], "http") {
		example += "/"
	}
	u, err := url.Parse(s)
	if err != nil || u.Opaque != "" || !strings.Contains(s, "://") {
		return nil, fmt.Errorf("%s must be a URL such as %s, got %q", what, example, s)
	}
	scheme := strings.ToLower(u.Scheme)
	if !slices.Contains(schemes, scheme) {
		return nil, fmt.Errorf("%s must start with %s://, got %q", what, strings.Join(schemes, ":// or "), s)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("%s has no host: write it as %s", what, example)
	}
	if err := checkHost(u.Hostname()); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if p := u.Port(); p != "" || strings.HasSuffix(u.Host, ":") {
		if _, err := parsePort(p, 1); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
	}
	return u, nil
}

// defaultPorts fill the examples of ParseURL's messages.
var defaultPorts = map[string]string{"http": "8080", "https": "8443", "nats": "4222", "tls": "4222", "ws": "8080", "wss": "8443"}

// ParseAddress checks s as host:port to listen on: a host that is an IP
// address or a well-formed name, and a port from 0 (any free port) to 65535.
// An empty host, which would listen on every interface, is refused: a
// person who means that writes 0.0.0.0 or [::]. Nothing is looked up.
func ParseAddress(what, s string) (host string, port int, err error) {
	host, p, err := net.SplitHostPort(s)
	if err != nil {
		return "", 0, fmt.Errorf("%s must be host:port such as 127.0.0.1:4222, got %q", what, s)
	}
	if host == "" {
		return "", 0, fmt.Errorf("%s %q has no host, which listens on every interface: write 127.0.0.1%s, or 0.0.0.0%s if you mean every interface", what, s, s, s)
	}
	if err := checkHost(host); err != nil {
		return "", 0, fmt.Errorf("%s: %w", what, err)
	}
	if port, err = parsePort(p, 0); err != nil {
		return "", 0, fmt.Errorf("%s: %w", what, err)
	}
	return host, port, nil
}

// IsLoopback reports whether host, an IP address or a name, stays on this
// machine: a loopback address, or the name localhost. Any other name may
// resolve anywhere.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// parsePort reads a decimal port from lo to 65535.
func parsePort(p string, lo int) (int, error) {
	n, err := strconv.Atoi(p)
	if err != nil || n < lo || n > 65535 || strings.TrimLeft(p, "0123456789") != "" {
		return 0, fmt.Errorf("port must be a number from %d to 65535, got %q", lo, p)
	}
	return n, nil
}

// checkHost accepts an IP address or a host name made of the letters,
// digits, hyphens and dots that DNS allows (RFC 1123), up to 253 characters
// in labels of up to 63.
func checkHost(h string) error {
	if net.ParseIP(h) != nil {
		return nil
	}
	bad := fmt.Errorf("host %q is neither an IP address nor a host name", h)
	if len(h) > 253 {
		return bad
	}
	for label := range strings.SplitSeq(strings.TrimSuffix(h, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return bad
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return bad
			}
		}
	}
	return nil
}
