package runs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLoadCleansNames reads a kept run whose names hold escape sequences,
// as a crafted file would: every one comes back printable.
func TestLoadCleansNames(t *testing.T) {
	s := Store{Dir: t.TempDir()}
	rep := result("x\x1b]0;pwned\x07", time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC))
	rep.Lab = "lab\x1b[2J"
	rep.Strategies[0].Name = "slice\u202e"
	rep.Warnings = []string{"\x1b[31mred"}
	rep.Params = map[string]any{"n\x1b": "v\x1b", "m": 3.0}
	path, err := s.Save(rep, nil)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	if !strings.Contains(string(raw), `\u001b`) {
		t.Fatalf("the file does not hold the escape it was given:\n%s", raw)
	}
	saved, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{saved.Lab, saved.Workload, saved.Strategies[0].Name, saved.Warnings[0]}
	for k, v := range saved.Params {
		got = append(got, k)
		if s, ok := v.(string); ok {
			got = append(got, s)
		}
	}
	for _, s := range got {
		if strings.ContainsAny(s, "\x1b\x07\u202e\u009b") {
			t.Errorf("%q was read raw", s)
		}
	}
	if saved.Params[`n\x1b`] != `v\x1b` || saved.Params["m"] != 3.0 {
		t.Errorf("params = %v", saved.Params)
	}
	if filepath.Dir(path) != s.Dir {
		t.Errorf("kept at %s, outside %s", path, s.Dir)
	}
}
