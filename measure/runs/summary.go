package runs

import (
	"fmt"
	"maps"
	"strconv"
	"strings"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// When says when a run started, in the reader's local time.
func (e Entry) When() string {
	if e.Started.IsZero() {
		return "-"
	}
	return e.Started.Local().Format("2006-01-02 15:04")
}

// What names the run's lab and workload, "data-structures/membership".
func (e Entry) What() string { return e.Lab + "/" + e.Workload }

// Strategies lists the run's strategies, baseline first, as it ran them.
func (e Entry) Strategies() string {
	names := make([]string, len(e.Report.Strategies))
	for i, s := range e.Report.Strategies {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}

// Verdicts says each strategy's verdict against the baseline in a word or
// a ratio: "map 150x faster ± 2, binary ~". A cancelled run says so first;
// a sweep says the point they are of, its last: "at n=4096: map 150x ...".
func (e Entry) Verdicts() string {
	var parts []string
	for _, s := range e.Report.Strategies {
		if s.VsBaseline == nil {
			continue
		}
		parts = append(parts, s.Name+" "+report.Words(s.VsBaseline))
	}
	if len(parts) == 0 {
		parts = append(parts, "no comparison")
	}
	v := strings.Join(parts, ", ")
	if sw := e.Sweep; sw != nil && len(sw.Points) > 0 {
		v = "at " + sw.Param + "=" + value(sw.Points[len(sw.Points)-1].Value) + ": " + v
	}
	if e.Cancelled {
		return "cancelled: " + v
	}
	return v
}

// Machine says what the run was measured on: "linux/amd64, 8 CPUs, go1.23.4".
func (e Entry) Machine() string { return Machine(e.Env) }

// Machine says what a run was measured on, "-" when the file does not say.
func Machine(env *measure.Env) string {
	if env == nil {
		return "-"
	}
	return fmt.Sprintf("%s/%s, %d CPUs, %s", env.GOOS, env.GOARCH, env.CPUs, env.GoVersion)
}

// Params lists the run's parameters, "hit_ratio=0.5 n=10000"; a sweep's
// swept parameter is listed first, with every point it ran at, "sweep
// n=16,256,4096 hit_ratio=0.5", not as its last point's value.
func (e Entry) Params() string {
	sw := e.Sweep
	if sw == nil {
		return report.FormatParams(e.Report.Params)
	}
	rest := maps.Clone(e.Report.Params)
	delete(rest, sw.Param)
	return strings.TrimSpace(e.SweepText() + " " + report.FormatParams(rest))
}

// SweepText says a sweep's parameter and points, "sweep n=16,256,4096"; ""
// for a run that is not a sweep.
func (e Entry) SweepText() string {
	sw := e.Sweep
	if sw == nil {
		return ""
	}
	vals := make([]string, len(sw.Points))
	for i, p := range sw.Points {
		vals[i] = value(p.Value)
	}
	return "sweep " + sw.Param + "=" + strings.Join(vals, ",")
}

// value writes a swept value as it was typed: 4096, 0.5.
func value(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
