package own

import (
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/lab"
)

func TestCheckRequestRefusesWhatIsNotHTTP(t *testing.T) {
	ok := Request{URL: "http://127.0.0.1:8080/", Timeout: time.Second}
	with := func(f func(r *Request)) Request { r := ok; f(&r); return r }
	bad := map[string]Request{
		"port 0":              with(func(r *Request) { r.URL = "http://127.0.0.1:0/" }),
		"port 65536":          with(func(r *Request) { r.URL = "http://127.0.0.1:65536/" }),
		"port 4294967297":     with(func(r *Request) { r.URL = "http://127.0.0.1:4294967297/" }),
		"empty port":          with(func(r *Request) { r.URL = "http://127.0.0.1:/" }),
		"space in the URL":    with(func(r *Request) { r.URL = "http://127.0.0.1:8080/a b" }),
		"no scheme":           with(func(r *Request) { r.URL = "127.0.0.1:8080" }),
		"method with a space": with(func(r *Request) { r.Method = "GET " }),
		"method of a space":   with(func(r *Request) { r.Method = " " }),
		"line break":          with(func(r *Request) { r.Headers = []string{"X: a\r\nInjected: b"} }),
		"NUL in a value":      with(func(r *Request) { r.Headers = []string{"X: a\x00b"} }),
		"DEL in a value":      with(func(r *Request) { r.Headers = []string{"X: a\x7fb"} }),
		"non-ASCII name":      with(func(r *Request) { r.Headers = []string{"Xé: a"} }),
		"space before colon":  with(func(r *Request) { r.Headers = []string{"X : a"} }),
		"no colon":            with(func(r *Request) { r.Headers = []string{"X a"} }),
		"100 kB header":       with(func(r *Request) { r.Headers = []string{"X: " + strings.Repeat("a", 100<<10)} }),
		"many headers":        with(func(r *Request) { r.Headers = slicesRepeat("X-A: "+strings.Repeat("a", 1000), 9) }),
	}
	for name, r := range bad {
		err := CheckRequest(r)
		if err == nil {
			t.Errorf("%s: accepted %+v", name, r)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "\n") || len(msg) > 300 {
			t.Errorf("%s: the message is not one short line: %q", name, msg)
		}
	}
	good := []Request{
		ok,
		with(func(r *Request) { r.Method = "POST" }),
		with(func(r *Request) { r.URL = "https://example.com:8443/a?b=c" }),
		with(func(r *Request) { r.Headers = []string{"Content-Type: application/json", "X-Tab:\ta\tb", "X-Utf8: é"} }),
		with(func(r *Request) { r.Headers = []string{"X-Empty:"} }),
	}
	for _, r := range good {
		if err := CheckRequest(r); err != nil {
			t.Errorf("refused %+v: %v", r, err)
		}
	}
}

func slicesRepeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// The catalogue's own workloads refuse a chosen blank or bad slot when the
// plan is made, as perflab exec and perflab http refuse the same input.
func TestOwnWorkloadsCheckChosenSlots(t *testing.T) {
	l := Catalogue()
	cases := []struct {
		workload   string
		params     map[string]string
		strategies []string
		want       string
	}{
		{"exec", map[string]string{"cmd_a": ""}, []string{"a"}, "cmd_a is empty"},
		{"exec", map[string]string{"cmd_a": "no-such-command-perflab"}, []string{"a"}, "not found"},
		{"exec", map[string]string{"prepare": "if"}, []string{"a"}, "does not parse"},
		{"http", map[string]string{"url_b": ""}, []string{"a", "b"}, "url_b is empty"},
		{"http", map[string]string{"url_a": "http://127.0.0.1:0/"}, []string{"a"}, "port"},
		{"http", map[string]string{"header": "X: a\rb"}, []string{"a"}, "control character"},
	}
	for _, c := range cases {
		w, err := l.Workload(c.workload)
		if err != nil {
			t.Fatal(err)
		}
		v, err := w.Parse(c.params)
		if err != nil {
			t.Fatalf("%v: %v", c.params, err)
		}
		err = w.CheckChosen(v, c.strategies)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %v: error %v, want one with %q", c.workload, c.params, err, c.want)
		}
	}
	for _, id := range []string{"exec", "http"} {
		w, _ := l.Workload(id)
		v, err := w.Parse(nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.CheckChosen(v, []string{"a", "b", "c"}); err != nil {
			t.Errorf("%s refuses its own defaults: %v", id, err)
		}
	}
	var _ func(lab.Values, []string) error = checkExecChosen
}
