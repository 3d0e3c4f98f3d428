package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/perflab/perflab/measure"
)

// WriteGoBench writes one line per measured repetition in the Go benchmark
// format, so that benchstat can read it. The run's parameters and how it
// was measured come first as configuration lines ("n: 10000"), which
// benchstat keeps apart when two files differ in them. A sweep writes every
// point, the swept value in each benchmark's name
// ("BenchmarkMembership/Slice/n=16"), so that benchstat can group by it
// (-col /n).
func WriteGoBench(out io.Writer, r *measure.Report) error {
	w := &errWriter{w: out}
	if r.Env != nil {
		fmt.Fprintf(w, "goos: %s\ngoarch: %s\n", r.Env.GOOS, r.Env.GOARCH)
	}
	fmt.Fprintf(w, "pkg: perflab/%s/%s\n", r.Lab, r.Workload)
	for _, kv := range goBenchConfig(r) {
		fmt.Fprintf(w, "%s: %s\n", kv[0], kv[1])
	}
	if sw := r.Sweep; sw != nil && len(sw.Points) > 0 {
		for _, p := range sw.Points {
			writeGoBenchLines(w, r.Workload, "/"+sw.Param+"="+ff(p.Value), p.Strategies)
		}
		return w.err
	}
	writeGoBenchLines(w, r.Workload, "", r.Strategies)
	return w.err
}

// writeGoBenchLines writes the repetitions of strategies, each benchmark
// named after the workload and the strategy, then suffix.
func writeGoBenchLines(w io.Writer, workload, suffix string, strategies []*measure.Result) {
	for _, s := range strategies {
		name := "Benchmark" + benchName(workload) + "/" + benchName(s.Name) + suffix
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
}

// goBenchConfig returns the configuration lines of a run, as key and value:
// its parameters, sorted, but the swept one, which the names carry; then
// the repetitions, their duration and the load.
func goBenchConfig(r *measure.Report) [][2]string {
	var out [][2]string
	keys := make([]string, 0, len(r.Params))
	for k := range r.Params {
		if r.Sweep == nil || k != r.Sweep.Param {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		out = append(out, [2]string{configKey(k), fmt.Sprint(r.Params[k])})
	}
	out = append(out,
		[2]string{"reps", fmt.Sprint(r.Reps)},
		[2]string{"rep-duration", time.Duration(r.RepDurationNs).String()},
		[2]string{"load", Mode(r)},
	)
	return out
}

// configKey makes a parameter's name a configuration key, which the format
// wants lower case and without spaces.
func configKey(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, " ", "_"))
}

// benchName makes a name fit a benchmark name: no spaces, first letter up.
func benchName(s string) string {
	s = strings.NewReplacer(" ", "_", "#", "_").Replace(s)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
