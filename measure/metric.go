package measure

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Better says which way a figure improves.
type Better int

const (
	// Neither: the figure describes, it does not rank (a batch size).
	Neither Better = iota
	// Lower is better: latency, allocations, lost updates.
	Lower
	// Higher is better: a cache's hit ratio.
	Higher
)

// A Metric declares a figure of a result once, for every reader: the table
// and the TUI say its Meaning where the name alone does not, the diff puts
// its value in each run side by side, and a CI gate (--fail-if NAME>LIMIT)
// may hold a new run to it when it has a Better direction. A column of
// every result reads itself from the result (Of); a strategy's own figure,
// nil Of, is its Metrics[Name].
type Metric struct {
	// Name is how a gate rule and a strategy's Metrics name it, in
	// snake_case.
	Name string
	// Label is how tables print it, "allocs/op"; Name when empty.
	Label string
	// Unit follows a value in messages, "ns"; empty for a count.
	Unit   string
	Better Better
	// PercentOnly: a gate's limit must be a percentage, since an amount
	// of it means nothing across workloads (p99).
	PercentOnly bool
	// Meaning says what it is, in a phrase: "the most OS threads of the
	// process at once".
	Meaning string
	// Of reads the figure from a result, false when it was not measured.
	Of func(*Result) (float64, bool)
}

// Value returns m's figure in r, false when r has none.
func (m Metric) Value(r *Result) (float64, bool) {
	if m.Of != nil {
		return m.Of(r)
	}
	v, ok := r.Metrics[m.Name]
	return v, ok
}

// Title is how tables print m.
func (m Metric) Title() string {
	if m.Label != "" {
		return m.Label
	}
	return m.Name
}

var (
	metricsMu sync.RWMutex
	declared  = map[string]Metric{}
)

// DeclareMetric declares m, once per name, and returns it, so that a lab
// declares a figure of its own beside the code that reports it:
//
//	var peakThreads = measure.DeclareMetric(measure.Metric{Name: "peak_threads", ...})
//
// A second declaration of a name is a programming error and panics.
func DeclareMetric(m Metric) Metric {
	metricsMu.Lock()
	defer metricsMu.Unlock()
	if _, dup := declared[m.Name]; dup {
		panic(fmt.Sprintf("measure: metric %q declared twice", m.Name))
	}
	declared[m.Name] = m
	return m
}

// tabled holds the prefixes of figure families a front end shows in a table
// of their own (DeclareTabled).
var tabled []string

// DeclareTabled says the figures whose names start with prefix, one per
// thing a subject has several of ("generator_gen1_achieved_rate"), are
// shown by a table of their own (perflab http's generators table, the TUI's
// fleet): a strategy's line of figures leaves them out rather than repeat
// them. Files carry them all. Like DeclareMetric, it is called from an
// init function.
func DeclareTabled(prefix string) {
	metricsMu.Lock()
	defer metricsMu.Unlock()
	tabled = append(tabled, prefix)
}

// Tabled reports whether the figure name belongs to a family DeclareTabled
// declared.
func Tabled(name string) bool {
	metricsMu.RLock()
	defer metricsMu.RUnlock()
	for _, p := range tabled {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// LookupMetric returns the metric declared as name.
func LookupMetric(name string) (Metric, bool) {
	metricsMu.RLock()
	defer metricsMu.RUnlock()
	m, ok := declared[name]
	return m, ok
}

// DeclaredMetrics returns every declared metric, by name.
func DeclaredMetrics() []Metric {
	metricsMu.RLock()
	defer metricsMu.RUnlock()
	out := make([]Metric, 0, len(declared))
	for _, m := range declared {
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Metric) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	return out
}

// The columns of every result a gate and a diff read.
var (
	MetricP99 = DeclareMetric(Metric{Name: "p99", Unit: "ns", Better: Lower, PercentOnly: true,
		Meaning: "the 99th percentile latency",
		Of:      func(r *Result) (float64, bool) { return float64(r.P99Ns), r.P99Ns > 0 }})
	MetricAllocs = DeclareMetric(Metric{Name: "allocs", Label: "allocs/op", Better: Lower,
		Meaning: "allocations per operation", Of: optional(func(r *Result) *float64 { return r.AllocsPerOp })})
	MetricBytes = DeclareMetric(Metric{Name: "bytes", Label: "B/op", Better: Lower,
		Meaning: "bytes allocated per operation", Of: optional(func(r *Result) *float64 { return r.BytesPerOp })})
)

// optional reads a figure that is nil where it was not measured.
func optional(field func(*Result) *float64) func(*Result) (float64, bool) {
	return func(r *Result) (float64, bool) {
		if v := field(r); v != nil {
			return *v, true
		}
		return 0, false
	}
}

// figures returns every figure of r a diff puts side by side: each
// declared metric's it has, and every one of its own.
func figures(r *Result) map[string]float64 {
	out := map[string]float64{}
	for k, v := range r.Metrics {
		out[k] = v
	}
	for _, m := range DeclaredMetrics() {
		if v, ok := m.Value(r); ok {
			out[m.Name] = v
		}
	}
	return out
}
