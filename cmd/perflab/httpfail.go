package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/perflab/perflab/measure"
)

// everyRequestFailed returns an error naming each URL of the run none of
// whose requests succeeded, with the causes counted, largest first: a run
// against a port where nothing listens is a failure, not a result of zero
// requests a second. It returns nil when every URL had an answer, or sent
// nothing at all.
func everyRequestFailed(rep *measure.Report, timeout time.Duration) error {
	type tally struct {
		ok, failed int64
		metrics    map[string]float64
	}
	var order []string
	byName := map[string]*tally{}
	for _, r := range results(rep) {
		t := byName[r.Name]
		if t == nil {
			t = &tally{metrics: map[string]float64{}}
			byName[r.Name] = t
			order = append(order, r.Name)
		}
		t.ok += r.Ops
		t.failed += r.Errors
		for k, v := range r.Metrics {
			t.metrics[k] += v
		}
	}
	var lines []string
	for _, name := range order {
		if t := byName[name]; t.ok == 0 && t.failed > 0 {
			lines = append(lines, fmt.Sprintf("every request to %s failed: %s", name, failureCauses(t.metrics, timeout)))
		}
	}
	if len(lines) == 0 {
		return nil
	}
	return errors.New(strings.Join(lines, "; "))
}

// failureCauses words the failed requests of one URL by cause, from the
// counts the http workload keeps (errors_refused, errors_timeout, ...,
// status_CODE), largest first.
func failureCauses(m map[string]float64, timeout time.Duration) string {
	type cause struct {
		n    int64
		text string
	}
	var cs []cause
	add := func(n float64, text string) {
		if n > 0 {
			cs = append(cs, cause{int64(n), text})
		}
	}
	add(m["errors_refused"], "connection refused")
	add(m["errors_timeout"], "timed out (past "+timeout.String()+")")
	add(m["errors_reset"], "connection reset or closed by the server")
	for k, v := range m {
		if code, ok := strings.CutPrefix(k, "status_"); ok {
			if c, err := strconv.Atoi(code); err == nil && (c < 200 || c > 299) {
				add(v, "answered "+code)
			}
		}
	}
	add(m["errors_other"], "failed otherwise")
	slices.SortFunc(cs, func(a, b cause) int {
		return cmp.Or(cmp.Compare(b.n, a.n), strings.Compare(a.text, b.text))
	})
	words := make([]string, len(cs))
	for i, c := range cs {
		words[i] = thousands(c.n) + " " + c.text
	}
	if len(words) == 0 {
		return "no cause was counted"
	}
	return strings.Join(words, ", ")
}
