package report

import (
	"strings"
	"testing"
)

func TestGrowthChartNeedsTwoValues(t *testing.T) {
	one := sweepOf([]float64{16}, map[string]func(float64) float64{"a": func(n float64) float64 { return n }}, "a")
	if got := GrowthChart(one, 40, 8); got != "" {
		t.Errorf("chart of one point = %q, want none", got)
	}
	// Values swept out of order still draw one curve from left to right.
	two := sweepOf([]float64{4096, 16, 256}, map[string]func(float64) float64{"a": func(n float64) float64 { return n }}, "a")
	chart := GrowthChart(two, 40, 8)
	if !strings.Contains(chart, "• a") || !strings.Contains(chart, "16") || !strings.Contains(chart, "4096") {
		t.Errorf("chart lacks its legend or axis labels:\n%s", chart)
	}
}
