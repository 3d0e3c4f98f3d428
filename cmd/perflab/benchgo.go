package main

import (
	"fmt"
	"io"
	"strconv"

	"github.com/perflab/perflab/measure"
)

// writeBenchGo writes bench results in the Go benchmark format, each round
// one line as go test -bench -count would print it, under the benchmark's
// own name; a "rev" configuration line says which revision the lines below
// it ran, so that benchstat -col rev compares the revisions, the baseline
// first. Only ns/op is per round; the other units are means (see the
// JSON result's metrics) and are left out rather than repeated.
func writeBenchGo(out io.Writer, reps []*measure.Report) error {
	w := &benchGoWriter{w: out}
	if len(reps) > 0 && reps[0].Env != nil {
		w.printf("goos: %s\ngoarch: %s\n", reps[0].Env.GOOS, reps[0].Env.GOARCH)
	}
	for _, rep := range reps {
		w.printf("pkg: %v\n", rep.Params["package"])
		for _, s := range rep.Strategies {
			w.printf("rev: %s\n", s.Name)
			for _, r := range s.Reps {
				if r.Ops == 0 {
					continue
				}
				w.printf("%v\t%d\t%s ns/op\n", rep.Params["benchmark"], r.Ops, strconv.FormatFloat(r.NsPerOp, 'f', -1, 64))
			}
		}
	}
	return w.err
}

// benchGoWriter keeps the first error of a series of writes.
type benchGoWriter struct {
	w   io.Writer
	err error
}

func (b *benchGoWriter) printf(format string, a ...any) {
	if b.err == nil {
		_, b.err = fmt.Fprintf(b.w, format, a...)
	}
}
