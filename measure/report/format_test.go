package report

import "testing"

func TestFormatNs(t *testing.T) {
	for ns, want := range map[float64]string{0.42: "0.42ns", 16.6: "16.6ns", 2500: "2.50µs", 1.5e6: "1.50ms", 2.25e9: "2.25s", 123456: "123µs"} {
		if got := FormatNs(ns); got != want {
			t.Errorf("FormatNs(%g) = %q, want %q", ns, got, want)
		}
	}
	if got := FormatRate(6e7); got != "60.0M/s" {
		t.Errorf("FormatRate(6e7) = %q", got)
	}
}

func TestFormatParamsAndMetricsSortByName(t *testing.T) {
	if got, want := FormatParams(map[string]any{"n": 10000, "hit_ratio": 0.5, "mode": "lru"}), "hit_ratio=0.5 mode=lru n=10000"; got != want {
		t.Errorf("FormatParams = %q, want %q", got, want)
	}
	if got, want := FormatMetrics(map[string]float64{"peak_threads": 12, "hit_ratio": 0.81234, "tasks": 100900}), "hit_ratio=0.8123 peak_threads=12 tasks=100900"; got != want {
		t.Errorf("FormatMetrics = %q, want %q", got, want)
	}
	if got := FormatParams(nil); got != "" {
		t.Errorf("FormatParams(nil) = %q, want empty", got)
	}
}
