package own

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/measure"
)

func TestCatalogueRacesTypedCommands(t *testing.T) {
	l := Catalogue()
	exec, err := l.Workload("exec")
	if err != nil {
		t.Fatal(err)
	}
	rep := labtest.Run(t, exec, map[string]string{"cmd_a": "true", "cmd_b": "test {n} -lt 5", "cmd_c": "true", "n": "3"},
		measure.Config{Reps: 2, RepOps: 1})
	for _, s := range Slots {
		if r := labtest.Result(t, rep, s); r.Ops != 2 || r.Errors != 0 || r.Metrics["start_process_ns"] <= 0 {
			t.Errorf("%s: %d runs, %d errors, metrics %v; want 2 clean runs with the start costs", s, r.Ops, r.Errors, r.Metrics)
		}
	}
}

func TestCatalogueRefusesWhatWasNotTyped(t *testing.T) {
	exec, _ := Catalogue().Workload("exec")
	v, err := exec.Parse(map[string]string{"cmd_b": " "})
	if err != nil {
		t.Fatal(err)
	}
	env := labtest.Env(t, t.Context(), exec, map[string]string{"cmd_b": " "})
	if _, err := exec.Strategies[1].New(env); err == nil || !strings.Contains(err.Error(), "cmd_b is empty") {
		t.Errorf("strategy b with a blank cmd_b: error %v, want one saying cmd_b is empty", err)
	}
	v["cmd_a"] = "nosuchcommand-perflab"
	if _, err := execOptionsOf(v); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("a command not found: error %v, want one saying so", err)
	}
}

func TestCatalogueLoadsTypedURLs(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != "POST" || r.Header.Get("X-Test") != "1" {
			w.WriteHeader(http.StatusBadRequest)
		}
	}))
	defer srv.Close()
	hw, err := Catalogue().Workload("http")
	if err != nil {
		t.Fatal(err)
	}
	params := map[string]string{"url_a": srv.URL, "url_b": srv.URL + "/b", "url_c": srv.URL + "/c",
		"method": "POST", "header": "X-Test: 1", "connections": "2", "timeout": "1s"}
	rep := labtest.Run(t, hw, params, measure.Config{Reps: 2, RepDuration: 10 * time.Millisecond})
	for _, s := range Slots {
		if r := labtest.Result(t, rep, s); r.Ops == 0 || r.Errors != 0 || r.Metrics["status_200"] != float64(r.Ops) {
			t.Errorf("%s: %d ops, %d errors, metrics %v; want every request answered 200", s, r.Ops, r.Errors, r.Metrics)
		}
	}
}
