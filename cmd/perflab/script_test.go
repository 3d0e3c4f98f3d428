package main

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestScripts runs the command-line transcripts in testdata/script, one
// .txtar per command at least: each runs the perflab binary that TestMain
// built, so that the scripts share one build. Runs are kept under the
// script's own $WORK, never in the person's runs folder. The scripts assert
// shapes (columns, verdict words, exit statuses), not figures, which vary
// from run to run.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		Setup:               scriptSetup,
		Cmds:                map[string]func(ts *testscript.TestScript, neg bool, args []string){"serve": cmdServe, "refuses": cmdRefuses},
		Condition:           scriptCondition,
	})
}

// scriptSetup puts the built binary first on the script's PATH and keeps
// its runs and its colours out of the person's: no colour codes in a
// transcript, and the runs folder under $WORK.
func scriptSetup(env *testscript.Env) error {
	env.Setenv("PATH", filepath.Dir(binary)+string(os.PathListSeparator)+os.Getenv("PATH"))
	env.Setenv("XDG_DATA_HOME", filepath.Join(env.WorkDir, "data"))
	env.Setenv("NO_COLOR", "1")
	// The Python workloads start the interpreter by its path; a shim (as
	// pyenv's) finds the real one through the variables it needs.
	for _, k := range []string{"PERFLAB_PYTHON", "PYENV_ROOT", "PYENV_VERSION"} {
		if v, ok := os.LookupEnv(k); ok {
			env.Setenv(k, v)
		}
	}
	if _, ok := os.LookupEnv("PYENV_ROOT"); !ok {
		if home, err := os.UserHomeDir(); err == nil {
			env.Setenv("PYENV_ROOT", filepath.Join(home, ".pyenv"))
		}
	}
	return nil
}

// scriptCondition answers [python]: a python3 on PATH that starts.
func scriptCondition(cond string) (bool, error) {
	if cond != "python" {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	return exec.Command("python3", "-c", "pass").Run() == nil, nil
}

// cmdServe starts a loopback HTTP server for the rest of the script and
// puts its URL in $SERVER; every path answers 200 with a short body. The
// server closes when the script ends.
//
//	serve
func cmdServe(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: serve")
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	srv := httptest.NewServer(mux)
	ts.Defer(srv.Close)
	ts.Setenv("SERVER", srv.URL)
}

// cmdRefuses runs a command that must refuse its input as bad input does:
// exit status 2, nothing on standard output, one line on standard error.
// Its output stays for stderr to match the line's words.
//
//	refuses perflab run nope/nothing
func cmdRefuses(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: refuses program [args...]")
	}
	err := ts.Exec(args[0], args[1:]...)
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		ts.Fatalf("%s exited with %v, want exit status 2", strings.Join(args, " "), err)
	}
	if exit.ExitCode() != 2 {
		ts.Fatalf("exit status %d, want 2", exit.ExitCode())
	}
	stdout, stderr := ts.ReadFile("stdout"), ts.ReadFile("stderr")
	if stdout != "" {
		ts.Fatalf("a refusal printed on standard output: %q", stdout)
	}
	if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
		ts.Fatalf("a refusal is one line on standard error, got %q", stderr)
	}
}
