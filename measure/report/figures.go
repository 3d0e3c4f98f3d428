package report

import (
	"math"
	"slices"
	"strings"

	"github.com/perflab/perflab/measure"
)

// FormatFigures words a strategy's own figures for a person, sorted by
// name: a figure whose declaration (see measure.Metric) gives it a label
// reads as that label and its value in its unit, "CPU sys 4.62ms", "peak
// RSS 19.3 MiB"; any other keeps its name, "hit_ratio=0.5". Files and
// scripts get the figures by name, in the JSON and CSV. A family shown in
// a table of its own (measure.DeclareTabled) is left out.
func FormatFigures(m map[string]float64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		if !measure.Tabled(k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var named, worded []string
	for _, k := range keys {
		if d, ok := measure.LookupMetric(k); ok && d.Of == nil && d.Label != "" {
			worded = append(worded, d.Label+" "+Figure(m[k], d.Unit))
			continue
		}
		named = append(named, k+"="+trimFloat(m[k]))
	}
	return strings.Join(append(worded, named...), " · ")
}

// Figure writes a figure in its unit as a person reads it: nanoseconds as
// a duration ("4.62ms"), bytes in binary multiples ("19.3 MiB"), any other
// unit after the value ("31.2 MB"), a count alone.
func Figure(v float64, unit string) string {
	switch unit {
	case "":
		return trimFloat(v)
	case "ns":
		return FormatNs(v)
	case "B":
		return formatBytes(v)
	}
	return trimFloat(v) + " " + unit
}

// formatBytes writes a size in bytes, KiB, MiB or GiB, with three
// significant digits.
func formatBytes(b float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	i := 0
	for math.Abs(b) >= 1024 && i < len(units)-1 {
		b /= 1024
		i++
	}
	if i == 0 {
		return trimFloat(b) + " B"
	}
	return sig(b) + " " + units[i]
}
