package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/perflab/perflab/measure"
)

// WriteGoBench writes one line per measured repetition in the Go benchmark
// format, so that benchstat can read it.
func WriteGoBench(out io.Writer, r *measure.Report) error {
	w := &errWriter{w: out}
	if r.Env != nil {
		fmt.Fprintf(w, "goos: %s\ngoarch: %s\n", r.Env.GOOS, r.Env.GOARCH)
	}
	fmt.Fprintf(w, "pkg: perflab/%s/%s\n", r.Lab, r.Workload)
	for _, s := range r.Strategies {
		name := "Benchmark" + benchName(r.Workload) + "/" + benchName(s.Name)
		for _, rep := range s.Reps {
			if rep.Ops == 0 {
				continue
			}
			line := fmt.Sprintf("%s\t%d\t%s ns/op", name, rep.Ops, ff(rep.NsPerOp))
			if s.AllocsPerOp != nil {
				line += fmt.Sprintf("\t%s B/op\t%s allocs/op",
					ff(rep.BytesPerOp), ff(rep.AllocsPerOp))
			}
			fmt.Fprintln(w, line)
		}
	}
	return w.err
}

// benchName makes a name fit a benchmark name: no spaces, first letter up.
func benchName(s string) string {
	s = strings.NewReplacer(" ", "_", "#", "_").Replace(s)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
