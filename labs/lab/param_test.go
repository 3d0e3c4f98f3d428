package lab

import (
	"strings"
	"testing"
	"time"
)

func testWorkload() *Workload {
	return &Workload{
		ID: "w",
		Params: []Param{
			{Name: "n", Kind: Int, Default: "100", Min: "1", Max: "1000"},
			{Name: "ratio", Kind: Float, Default: "0.5", Min: "0", Max: "1"},
			{Name: "wait", Kind: Duration, Default: "1ms", Min: "0s", Max: "1s"},
			{Name: "mode", Kind: Choice, Default: "fast", Choices: []string{"fast", "slow"}},
			{Name: "verbose", Kind: Bool, Default: "false"},
			{Name: "target", Kind: Text, Default: ""},
		},
	}
}

func TestParseDefaults(t *testing.T) {
	v, err := testWorkload().Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	if v.Int("n") != 100 || v.Float("ratio") != 0.5 || v.Duration("wait") != time.Millisecond ||
		v.String("mode") != "fast" || v.Bool("verbose") || v.String("target") != "" {
		t.Errorf("defaults = %v", v)
	}
	if got := v.Report()["wait"]; got != "1ms" {
		t.Errorf("report shows wait as %v, want 1ms", got)
	}
}

func TestParseValidates(t *testing.T) {
	tests := []struct {
		set  map[string]string
		want string
	}{
		{map[string]string{"n": "10_000"}, "at most 1000"},
		{map[string]string{"n": "0"}, "at least 1"},
		{map[string]string{"n": "ten"}, "whole number"},
		{map[string]string{"n": "99999999999999999999"}, "at most 1000, got 99999999999999999999"},
		{map[string]string{"n": "-99999999999999999999"}, "at least 1, got -99999999999999999999"},
		{map[string]string{"n": "1.5"}, "whole number"},
		{map[string]string{"ratio": "1.5"}, "at most 1"},
		{map[string]string{"ratio": "NaN"}, "must be a number"},
		{map[string]string{"wait": "5"}, "duration"},
		{map[string]string{"wait": "2s"}, "at most 1s"},
		{map[string]string{"wait": "-1ms"}, "at least 0s"},
		{map[string]string{"mode": "medium"}, "one of fast, slow"},
		{map[string]string{"verbose": "perhaps"}, "true or false"},
		{map[string]string{"m": "1"}, `no parameter "m" (it has n, ratio, wait, mode, verbose, target)`},
	}
	for _, tt := range tests {
		_, err := testWorkload().Parse(tt.set)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%v) error = %v, want one mentioning %q", tt.set, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("Parse(%v) error spans lines: %q", tt.set, err)
		}
	}
}

func TestParseAcceptsBoundsAndSpaces(t *testing.T) {
	v, err := testWorkload().Parse(map[string]string{"n": " 1000 ", "ratio": "0", "wait": "1s", "mode": "slow", "verbose": "true"})
	if err != nil {
		t.Fatal(err)
	}
	if v.Int("n") != 1000 || v.Float("ratio") != 0 || v.Duration("wait") != time.Second || v.String("mode") != "slow" || !v.Bool("verbose") {
		t.Errorf("values = %v", v)
	}
}

func TestEnvClosesInReverseOrder(t *testing.T) {
	var order []int
	e := NewEnv(t.Context(), nil)
	for i := range 3 {
		e.OnClose(func() error { order = append(order, i); return nil })
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if len(order) != 3 || order[0] != 2 || order[2] != 0 {
		t.Errorf("closed in order %v, want 2 1 0", order)
	}
	if err := e.Close(); err != nil || len(order) != 3 {
		t.Errorf("a second Close ran closers again")
	}
}

func TestInEffectLeavesIdleParametersOut(t *testing.T) {
	w := &Workload{Params: []Param{
		{Name: "latency", Kind: Duration, Default: "1ms", IdleWhenSet: "target"},
		{Name: "target", Kind: Text},
		{Name: "k", Kind: Int, Default: "8"},
	}}
	loopback := w.InEffect(map[string]any{"latency": "1ms", "target": "", "k": 8})
	if _, ok := loopback["latency"]; !ok {
		t.Errorf("without a target the backend's latency is left out: %v", loopback)
	}
	elsewhere := w.InEffect(map[string]any{"latency": "1ms", "target": "http://127.0.0.1:9/", "k": 8})
	if _, ok := elsewhere["latency"]; ok || elsewhere["k"] != 8 || elsewhere["target"] != "http://127.0.0.1:9/" {
		t.Errorf("with a target: %v, want latency left out and the rest kept", elsewhere)
	}
}
