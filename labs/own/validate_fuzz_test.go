package own

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzCheckRequest gives CheckRequest arbitrary methods, URLs and headers:
// it must never panic, and what it accepts must be valid HTTP as sent: a
// method and a header name of token characters only, a header value with
// no control character but the tab, headers within MaxHeaderBytes, and a
// URL with a host and a port, if any, from 1 to 65535.
func FuzzCheckRequest(f *testing.F) {
	f.Add("GET", "http://127.0.0.1:8080/", "Content-Type: text/plain")
	f.Add("GET ", "http://127.0.0.1:0/", "X: a\r\nInjected: b")
	f.Add("", "http://127.0.0.1:4294967297/", "Xé: a")
	f.Add("P\x00ST", "http://127.0.0.1:65536/", "X : a")
	f.Add("get", "https://[::1]:443/a b", "X:\t\x7f")
	f.Add("M-SEARCH", "http://example.com:/", ":")
	f.Fuzz(func(t *testing.T, method, rawURL, header string) {
		r := Request{URL: rawURL, Method: method, Headers: []string{header}, Timeout: time.Second}
		if CheckRequest(r) != nil {
			return
		}
		for i := 0; i < len(method); i++ {
			if !isTokenByte(method[i]) || method[i] <= ' ' || method[i] >= 0x7f {
				t.Fatalf("accepted method %q", method)
			}
		}
		name, value, ok := strings.Cut(header, ":")
		if !ok || name == "" || len(header) > MaxHeaderBytes {
			t.Fatalf("accepted header %q", header)
		}
		for i := 0; i < len(name); i++ {
			if c := name[i]; c <= ' ' || c >= 0x7f || strings.IndexByte("\"(),/:;<=>?@[\\]{}", c) >= 0 {
				t.Fatalf("accepted header name %q", name)
			}
		}
		for i := 0; i < len(value); i++ {
			if c := value[i]; c < ' ' && c != '\t' || c == 0x7f {
				t.Fatalf("accepted header value %q", value)
			}
		}
		u, err := url.Parse(rawURL)
		if err != nil || u.Hostname() == "" || (u.Scheme != "http" && u.Scheme != "https") {
			t.Fatalf("accepted URL %q (%v)", rawURL, err)
		}
		if p := u.Port(); p != "" {
			if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
				t.Fatalf("accepted URL %q with port %q", rawURL, p)
			}
		} else if strings.HasSuffix(u.Host, ":") {
			t.Fatalf("accepted URL %q with an empty port", rawURL)
		}
		if strings.ContainsAny(rawURL, " \t\r\n") {
			t.Fatalf("accepted URL %q with white space", rawURL)
		}
		if _, err := r.Parse(); err != nil && !strings.Contains(err.Error(), "method") {
			// A request CheckRequest accepts parses, but for a
			// method outside the ones perflab sends.
			t.Fatalf("accepted %+v, which Parse refuses: %v", r, err)
		}
	})
}
