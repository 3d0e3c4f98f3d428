package httpload

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure/measuretest"
)

func TestParseRefusesBadRequests(t *testing.T) {
	tests := []struct {
		spec Spec
		want string
		// option names the option at fault, when the error is one.
		option string
	}{
		{Spec{URL: "127.0.0.1:8080"}, "must start with http:// or https://", ""},
		{Spec{URL: "ftp://x/"}, "must start with http:// or https://", ""},
		{Spec{URL: "http://[::1"}, "malformed URL", ""},
		{Spec{URL: "http:///path"}, "has no host", ""},
		{Spec{URL: "http://x/", Method: "FETCH"}, `unknown method "FETCH"`, "method"},
		{Spec{URL: "http://x/", Headers: []string{"NoColon"}}, `header: "NoColon" wants Name: value`, "header"},
		{Spec{URL: "http://x/", Headers: []string{": v"}}, "wants Name: value", "header"},
		{Spec{URL: "http://x/", Body: "a", BodyFile: "b"}, "not both", "body_file"},
		{Spec{URL: "http://x/", BodyFile: "/nonexistent/perflab"}, "body_file: ", "body_file"},
		{Spec{URL: "http://x/", Timeout: -time.Second}, "timeout: must be positive", "timeout"},
	}
	for _, tt := range tests {
		if tt.spec.Timeout == 0 {
			tt.spec.Timeout = time.Second
		}
		_, err := tt.spec.Parse()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%+v) error %v, want one with %q", tt.spec, err, tt.want)
		}
		if oe := lab.AsOption(err); tt.option != "" && (oe == nil || oe.Option != tt.option) {
			t.Errorf("Parse(%+v) error %v, want an OptionError for %s", tt.spec, err, tt.option)
		}
		if strings.Contains(fmt.Sprint(err), "--") {
			t.Errorf("Parse(%+v) error %v names a flag: the command line words options as flags", tt.spec, err)
		}
	}
}

func TestParseReadsTheRequest(t *testing.T) {
	body := measuretest.WriteTemp(t, "body.json", `{"n":1}`)
	got, err := Spec{URL: "https://example.test/api?q=1", Method: "post", Headers: []string{"Content-Type: application/json", "X-A:b:c"},
		BodyFile: body, Timeout: time.Second}.Parse()
	if err != nil {
		t.Fatal(err)
	}
	if got.Method != "POST" || got.addr() != "example.test:443" || string(got.Body) != `{"n":1}` {
		t.Errorf("got method %s, addr %s, body %q; want POST, example.test:443, the file", got.Method, got.addr(), got.Body)
	}
	want := []Header{{"Content-Type", "application/json"}, {"X-A", "b:c"}}
	if len(got.Headers) != 2 || got.Headers[0] != want[0] || got.Headers[1] != want[1] {
		t.Errorf("headers = %v, want %v", got.Headers, want)
	}
}

// FuzzParse feeds typed requests to Parse: it must never panic, and a
// refusal is one line.
func FuzzParse(f *testing.F) {
	f.Add("http://127.0.0.1:8080/", "GET", "Accept: */*")
	f.Add("https://[::1]:443/x?y=z", "post", "X: y")
	f.Add("http//x", "FETCH", "nocolon")
	f.Fuzz(func(t *testing.T, url, method, header string) {
		_, err := Spec{URL: url, Method: method, Headers: []string{header}, Timeout: time.Second}.Parse()
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("error %q is more than one line", err)
		}
	})
}
