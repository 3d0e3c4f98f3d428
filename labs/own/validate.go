package own

import (
	"fmt"
	"strings"

	"github.com/perflab/perflab/labs/internal/httpload"
	"github.com/perflab/perflab/labs/lab"
)

// MaxHeaderBytes bounds the request headers a person types, names and
// values together: 8 KiB is the least that common servers take (nginx's
// default buffer, Apache's per field), so a request within it is not
// refused for its size by the server under test instead of measured.
const MaxHeaderBytes = 8 << 10

// httpSchemes are the schemes perflab loads.
var httpSchemes = []string{"http", "https"}

// CheckRequest refuses a request, as typed, that is not valid HTTP or that
// would be sent other than as typed: a method that is not a token, a URL
// without a host or with a port outside 1-65535, a header whose name is
// not a token or whose value holds a line break or another control
// character (which would be sent as spaces, or split the header in two),
// and headers over MaxHeaderBytes. perflab http and the "your own" http
// workload both call it, before anything is sent, so that each refuses
// the same input with the same words. An empty method is GET.
func CheckRequest(r Request) error {
	if r.Method != "" && !isToken(r.Method) {
		return lab.Optionf("method", "%q is not an HTTP method: a method is one word of letters, such as GET or POST", r.Method)
	}
	if err := checkURL(r.URL); err != nil {
		return err
	}
	return checkHeaders(r.Headers)
}

// checkURL refuses a URL that is not http or https with a host and, if it
// names one, a port from 1 to 65535, and one with white space or a control
// character in it, which a request line cannot hold as typed.
func checkURL(s string) error {
	if i := strings.IndexFunc(s, func(c rune) bool { return c <= ' ' || c == 0x7f }); i >= 0 {
		return fmt.Errorf("URL %q has white space or a control character in it: percent-encode it (a space is %%20)", s)
	}
	// httpload's words for a scheme or host that is missing, then the
	// port's bounds, which it leaves to the dialler.
	if _, err := httpload.ParseURL(s); err != nil {
		return err
	}
	_, err := lab.ParseURL(fmt.Sprintf("URL %q", s), s, httpSchemes)
	return err
}

// checkHeaders checks every header, as typed "Name: value", and their
// size together.
func checkHeaders(headers []string) error {
	size := 0
	for _, h := range headers {
		if err := checkHeader(h); err != nil {
			return err
		}
		size += len(h)
	}
	if size > MaxHeaderBytes {
		return lab.Optionf("header", "the headers come to %d bytes, more than the %d a server is sure to take", size, MaxHeaderBytes)
	}
	return nil
}

// checkHeader checks one header as typed, "Name: value": the name a token
// with nothing between it and the colon, the value free of control
// characters but the tab (RFC 9110, 5.5), as Go's net/http checks them.
func checkHeader(h string) error {
	name, value, ok := strings.Cut(h, ":")
	switch {
	case !ok:
		return lab.Optionf("header", "%q wants Name: value", shown(h))
	case !isToken(name):
		return lab.Optionf("header", "%q: the name %q is not a header name, which is one word of ASCII letters, digits and - (no spaces)", shown(h), shown(name))
	}
	for i := 0; i < len(value); i++ {
		if c := value[i]; c < ' ' && c != '\t' || c == 0x7f {
			return lab.Optionf("header", "%q: the value holds a control character (%q), such as a line break, which would split or change the header", shown(h), c)
		}
	}
	return nil
}

// shownBytes bounds how much of a header a message repeats: a message is
// one line, and a header may be 100 kB.
const shownBytes = 60

// shown is s as a message repeats it, cut to shownBytes with "…".
func shown(s string) string {
	if len(s) <= shownBytes {
		return s
	}
	return s[:shownBytes] + "…"
}

// isToken reports whether s is an HTTP token (RFC 9110, 5.6.2): one or
// more of the visible ASCII characters but the separators.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isTokenByte(s[i]) {
			return false
		}
	}
	return true
}

// isTokenByte reports whether c is a tchar: a letter, a digit, or one of
// !#$%&'*+-.^_`|~.
func isTokenByte(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// checkExecChosen refuses, before anything runs, a chosen command slot
// left blank and any typed command, prepare command or option that
// perflab exec would refuse: the "your own" exec workload and perflab
// exec refuse the same input alike.
func checkExecChosen(v lab.Values, strategies []string) error {
	for _, s := range strategies {
		if err := slotTyped(v, cmdPrefix, s, "a command"); err != nil {
			return err
		}
	}
	_, err := execOptionsOf(v)
	return err
}

// checkHTTPChosen refuses, before anything is sent, a chosen URL slot
// left blank and any request perflab http would refuse.
func checkHTTPChosen(v lab.Values, strategies []string) error {
	for _, s := range strategies {
		if err := slotTyped(v, urlPrefix, s, "a URL"); err != nil {
			return err
		}
		r := requestOf(v, s)
		if err := CheckRequest(r); err != nil {
			return err
		}
		if _, err := r.Parse(); err != nil {
			return err
		}
	}
	return nil
}
