package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRunSweepJSON(t *testing.T) {
	out, _ := perflabOK(t, "run", "data-structures/membership", "--strategies", "slice,map",
		"--sweep", "n=16,256,4096", "--reps", "2", "--duration", "5ms", "--format", "json")
	var raw struct {
		Params map[string]any `json:"params"`
		Sweep  struct {
			Param  string `json:"param"`
			Points []struct {
				Value      float64          `json:"value"`
				Strategies []map[string]any `json:"strategies"`
			} `json:"points"`
			Exponents map[string]float64 `json:"exponents"`
		} `json:"sweep"`
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	sw := raw.Sweep
	if sw.Param != "n" || len(sw.Points) != 3 || sw.Points[0].Value != 16 || sw.Points[2].Value != 4096 {
		t.Fatalf("sweep = %+v, want n at 16, 256, 4096", sw)
	}
	if _, ok := sw.Exponents["slice"]; !ok || len(sw.Exponents) != 2 {
		t.Errorf("exponents = %v, want one per strategy", sw.Exponents)
	}
	if raw.Params["n"] != 4096.0 {
		t.Errorf("params = %v, want the last point's n=4096", raw.Params)
	}
}

func TestRunSweepTable(t *testing.T) {
	out, _ := perflabOK(t, "run", "data-structures/membership", "--strategies", "slice,map",
		"--sweep", "n=16,256", "--reps", "2", "--duration", "5ms")
	for _, want := range []string{"ns/op as n grows", "exponent", "• slice", "+ map"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestBadSweepExitsTwoWithOneLine(t *testing.T) {
	for _, tt := range []struct {
		sweep, want string
	}{
		{"n", "--sweep wants name=v1,v2"},
		{"=1,2", "--sweep wants name=v1,v2"},
		{"n=16,,32", "empty value"},
		{"n=16", "at least 2 values"},
		{"size=1,2", `no parameter "size" to sweep`},
		{"n=16,0", "n must be at least 1"},
		{"n=16,16", "n=16 is given twice"},
	} {
		out, stderr, code := perflab(t, "run", "data-structures/membership", "--sweep", tt.sweep)
		if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, tt.want) || out != "" {
			t.Errorf("--sweep %s: exit %d, stderr %q; want exit 2 and one line mentioning %q", tt.sweep, code, stderr, tt.want)
		}
	}
	_, stderr, code := perflab(t, "run", "data-structures/membership", "--param", "n=5", "--sweep", "n=1,2")
	if code != 2 || !strings.Contains(stderr, "both set and swept") {
		t.Errorf("--param and --sweep of n: exit %d, stderr %q", code, stderr)
	}
}
