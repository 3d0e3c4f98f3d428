package fleet

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"time"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"

	"github.com/perflab/perflab/labs/internal/httpload"
)

// The wire between a coordinator and a generator is one JSON object a line
// over the generator's standard input and output. The generator's messages
// are few and bounded (one interval histogram every Interval, compressed),
// so a text encoding costs nothing that matters and can be read by a person
// debugging a fleet.

// Interval is how often a generator ships the histogram of the latencies it
// recorded since its last message. It is the engine's default live
// interval, so a fleet's live figures trail by as much as a local run's.
const Interval = 100 * time.Millisecond

// A Target is one request the generators send, as the coordinator parsed
// it; the body travels as bytes, whatever file it came from.
type Target struct {
	URL      string            `json:"url"`
	Method   string            `json:"method"`
	Headers  []httpload.Header `json:"headers,omitempty"`
	Body     []byte            `json:"body,omitempty"`
	Timeout  time.Duration     `json:"timeout"`
	Insecure bool              `json:"insecure,omitempty"`
}

// TargetOf returns the wire form of a parsed target.
func TargetOf(t *httpload.Target) Target {
	return Target{URL: t.URL.String(), Method: t.Method, Headers: t.Headers, Body: t.Body, Timeout: t.Timeout, Insecure: t.Insecure}
}

// parse returns the target a generator sends.
func (t Target) parse() (*httpload.Target, error) {
	u, err := httpload.ParseURL(t.URL)
	if err != nil {
		return nil, err
	}
	return &httpload.Target{URL: u, Method: t.Method, Headers: t.Headers, Body: t.Body, Timeout: t.Timeout, Insecure: t.Insecure}, nil
}

// A command is what a coordinator sends a generator.
type command struct {
	// Setup, sent once first, lists the targets of the run.
	Setup []Target `json:"setup,omitempty"`
	// Start, sent once a repetition, starts one.
	Start *Job `json:"start,omitempty"`
}

// A Job is one repetition a generator runs.
type Job struct {
	// Target indexes the run's targets.
	Target int `json:"target"`
	// Rate is this generator's share of the arrival rate, requests a
	// second; 0 is a closed loop.
	Rate float64 `json:"rate"`
	// Conns is the generator's connections: its closed loop's, or the
	// most requests it has in flight in an open loop.
	Conns int `json:"conns"`
	// Duration is the repetition's length on the generator's clock.
	Duration time.Duration `json:"duration"`
	// Delay is how long after reading this the generator starts, so that
	// every generator starts at the one moment the coordinator chose
	// whatever order it wrote in: each is told the time left to it.
	Delay time.Duration `json:"delay"`
	// AtUnixNs, if set, is the start's moment on the wall clock, which
	// generators on the coordinator's machine share with it: they start
	// on it, so that how long each took to read its command is no part
	// of the skew. Generators on other machines, whose clocks may be off
	// by more than the skew, go by Delay.
	AtUnixNs int64 `json:"at_unix_ns,omitempty"`
}

// A report is what a generator sends: an interval, or its repetition's
// end.
type report struct {
	// Hist is the interval's latencies, V2-compressed and base64-encoded
	// as HdrHistogram tools read it.
	Hist string `json:"hist,omitempty"`
	// Done, on the repetition's last report, says how it went.
	Done *Done `json:"done,omitempty"`
	// Ready answers the setup: the generator has its targets and reads
	// its next command at once.
	Ready bool `json:"ready,omitempty"`
	// Fail is an error that ends the generator.
	Fail string `json:"fail,omitempty"`
}

// Done is a generator's account of one repetition.
type Done struct {
	// StartUnixNs is when the generator started, on its wall clock: on
	// one machine the coordinator compares them to measure the start's
	// skew.
	StartUnixNs int64 `json:"start_unix_ns"`
	// ElapsedNs is how long the repetition took on its own clock.
	ElapsedNs int64 `json:"elapsed_ns"`
	// Ops counts requests answered with 2xx, Errors the failed ones, and
	// Dropped the due requests of an open loop that found all its
	// connections busy.
	Ops, Errors, Dropped int64 `json:",omitempty"`
	// Counts are the status codes, bytes and errors by kind.
	Status   map[int]int64    `json:"status,omitempty"`
	Bytes    int64            `json:"bytes,omitempty"`
	ByKind   map[string]int64 `json:"by_kind,omitempty"`
	Messages int64            `json:"messages"`
}

// encodeHist is the wire form of h.
func encodeHist(h *hdrhistogram.Histogram) (string, error) {
	b, err := h.Encode(hdrhistogram.V2CompressedEncodingCookieBase)
	if err != nil {
		return "", fmt.Errorf("encode histogram: %w", err)
	}
	return string(b), nil
}

// decodeHist reads what encodeHist wrote.
func decodeHist(s string) (*hdrhistogram.Histogram, error) {
	h, err := hdrhistogram.Decode([]byte(s))
	if err != nil {
		return nil, fmt.Errorf("decode histogram: %w", err)
	}
	return h, nil
}

// maxLine bounds one message: a compressed histogram of the engine's
// range is a few kilobytes at most, and the setup's bodies are bounded by
// the body limit.
const maxLine = 64 << 20

// lineReader reads one message a line, each at most max bytes.
func lineReader(r io.Reader, max int) *bufio.Scanner {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), max)
	return sc
}

// writeLine writes v as one line.
func writeLine(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
