package report

import (
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

// Figures declared with a label and a unit, as labs/own declares the exec
// race's; the names are the test's own, since a name is declared once.
var (
	_ = measure.DeclareMetric(measure.Metric{Name: "test_cpu_sys_ns", Label: "CPU sys", Unit: "ns"})
	_ = measure.DeclareMetric(measure.Metric{Name: "test_peak_rss_bytes", Label: "peak RSS", Unit: "B"})
)

// TestFormatFiguresWordsDeclaredFigures words the exec race's raw figures
// as a person reads them, "CPU sys 4.62ms · peak RSS 19.3 MiB", and keeps
// an undeclared figure by its name.
func TestFormatFiguresWordsDeclaredFigures(t *testing.T) {
	got := FormatFigures(map[string]float64{"test_cpu_sys_ns": 4622333, "test_peak_rss_bytes": 20201472, "hits": 3})
	if want := "CPU sys 4.62ms · peak RSS 19.3 MiB · hits=3"; got != want {
		t.Errorf("FormatFigures = %q, want %q", got, want)
	}
	r := &measure.Report{Strategies: []*measure.Result{{Name: "a", Metrics: map[string]float64{"test_cpu_sys_ns": 4622333}}}}
	var texts []string
	for _, n := range Notes(r, CLI) {
		texts = append(texts, n.Text)
	}
	if all := strings.Join(texts, "\n"); !strings.Contains(all, "a: CPU sys 4.62ms") || strings.Contains(all, "test_cpu_sys_ns=") {
		t.Errorf("the notes do not word the figure:\n%s", all)
	}
}

func TestFigure(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		unit string
		want string
	}{
		{3, "", "3"},
		{1500, "ns", "1.50µs"},
		{512, "B", "512 B"},
		{2048, "B", "2.00 KiB"},
		{20201472, "B", "19.3 MiB"},
		{31.2, "MB", "31.2 MB"},
	} {
		if got := Figure(tc.v, tc.unit); got != tc.want {
			t.Errorf("Figure(%v, %q) = %q, want %q", tc.v, tc.unit, got, tc.want)
		}
	}
}

// TestFiguresLeaveOutATabledFamily checks that a family of figures a table
// of their own shows (one per load generator) is left out of the line of
// figures, and the rest kept.
func TestFiguresLeaveOutATabledFamily(t *testing.T) {
	measure.DeclareTabled("tabledtest_")
	got := FormatFigures(map[string]float64{"tabledtest_gen1_rate": 99, "tabledtest_gen2_rate": 98, "hits": 3})
	if got != "hits=3" {
		t.Errorf("FormatFigures = %q, want only hits=3", got)
	}
	if !measure.Tabled("tabledtest_gen1_rate") || measure.Tabled("hits") {
		t.Error("Tabled does not tell the family's figures from the others")
	}
}
