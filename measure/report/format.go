package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// FormatNs formats nanoseconds with a unit that keeps three or four digits:
// "12.3ns", "4.56µs", "7.89ms", "1.23s".
func FormatNs(ns float64) string {
	switch {
	case math.IsNaN(ns) || math.IsInf(ns, 0):
		return "-"
	case ns < 1e3:
		return sig(ns) + "ns"
	case ns < 1e6:
		return sig(ns/1e3) + "µs"
	case ns < 1e9:
		return sig(ns/1e6) + "ms"
	}
	return sig(ns/1e9) + "s"
}

// FormatRate formats a rate per second: "412k/s".
func FormatRate(r float64) string {
	switch {
	case r >= 1e9:
		return sig(r/1e9) + "G/s"
	case r >= 1e6:
		return sig(r/1e6) + "M/s"
	case r >= 1e3:
		return sig(r/1e3) + "k/s"
	}
	return sig(r) + "/s"
}

// FormatParams formats parameters as "n=10000 hit_ratio=0.5", sorted by
// name.
func FormatParams(p map[string]any) string {
	return formatPairs(p, func(v any) string { return fmt.Sprint(v) })
}

// FormatMetrics formats a subject's own figures, sorted by name:
// "hit_ratio=0.81 peak_threads=12".
func FormatMetrics(m map[string]float64) string {
	return formatPairs(m, trimFloat)
}

// formatPairs formats m as "name=value" pairs sorted by name, so that the
// same map always prints the same line.
func formatPairs[V any](m map[string]V, value func(V) string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + value(m[k])
	}
	return strings.Join(parts, " ")
}

// sig formats x with three significant digits, at least: 1.23, 12.3, 123,
// 1234.
func sig(x float64) string {
	switch ax := math.Abs(x); {
	case ax >= 100:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case ax >= 10:
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	return strconv.FormatFloat(x, 'f', 2, 64)
}

// trimFloat formats a count with up to four significant digits, and large
// ones whole: 0.01828, 11, 100900.
func trimFloat(x float64) string {
	if math.Abs(x) >= 1000 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}
