package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// This file is a statement of policy, in the spirit of Go's own
// go/build/deps_test.go: it says which package of perflab may import which,
// and fails when an import breaks it. The layers point one way,
// cmd -> tui -> labs -> measure, with cmd -> labs and cmd -> measure beside
// them. If a new import fails here, change the code before the policy: an
// arrow added to this table is a change to the architecture, and doc.go's
// Architecture section must say it too (TestLayersDocSaysThePolicy).
//
// Paths without a dot in their first element are packages of this module
// (measure/report), and name exactly that package. Paths with a dot are
// third-party modules, and name every package of the module
// (github.com/charmbracelet/bubbles covers bubbles/key). The standard
// library may be imported anywhere. A lowercase word (lessons, shared,
// helpers, ui, testonly) names a group of the groups table.

// groups names the sets of packages that the policy speaks of.
var groups = map[string][]string{
	// The lessons: one package per lab, none of which imports another.
	"lessons": {
		"labs/measuring", "labs/datastructures", "labs/optimize", "labs/threads",
		"labs/async", "labs/processes", "labs/machines",
	},
	// The machinery the labs share. It imports no lesson, so that a lesson
	// can be read, moved or removed on its own.
	"shared": {
		"labs/internal/backend", "labs/internal/clock", "labs/internal/command", "labs/internal/gobench",
		"labs/internal/httpload", "labs/internal/probe", "labs/internal/python", "labs/internal/pytrack",
		"labs/internal/natsd", "labs/internal/proc", "labs/internal/queue", "labs/internal/tail", "labs/internal/worker",
	},
	// Test helpers: imported by tests only (and by one another).
	"helpers": {"measure/measuretest", "labs/internal/labtest", "labs/internal/worker/workertest"},
	// What draws: only the TUI (and the command line that starts it) uses
	// these. measure/report's growth chart, text for a terminal, is the one
	// other user of asciigraph.
	"ui": {
		"github.com/charmbracelet/bubbletea", "github.com/charmbracelet/bubbles",
		"github.com/charmbracelet/lipgloss", "github.com/charmbracelet/x/ansi",
		"github.com/muesli/termenv", "github.com/guptarohit/asciigraph",
	},
	// Modules that only tests use: besides a package's own imports and the
	// helpers, a test may use these.
	"testonly": {
		"github.com/charmbracelet/x/exp/teatest", "github.com/creack/pty",
		"golang.org/x/perf/benchfmt", "github.com/charmbracelet/x/ansi",
		"github.com/muesli/termenv", "github.com/rogpeppe/go-internal/testscript",
	},
}

// policy says, for each package (or group) of perflab, what it may import
// besides the standard library. Every package of the module has exactly one
// row; a package without one fails the test, so that a new package takes its
// place in the layers on purpose.
var policy = []struct{ pkgs, may string }{
	// The engine: recording, calibration, rounds, statistics, verdicts. It
	// imports no UI, no lab and none of the writers of its results.
	{"measure", "measure/profile, github.com/HdrHistogram/hdrhistogram-go, golang.org/x/perf/benchmath"},
	// Profiles split by strategy, per operation: the engine calls it, and
	// it knows nothing of the engine.
	{"measure/profile", "github.com/google/pprof"},
	// Reading a file a person names, and only a regular file, bounded:
	// every layer reads such files, so it stands below them all.
	{"measure/regular", ""},
	// The writers of results (tables, CSV, JSON, charts), apart from the
	// statistics they print.
	{"measure/report", "measure, measure/profile, github.com/guptarohit/asciigraph"},
	// Kept runs are stored as the JSON contract that report writes.
	{"measure/runs", "measure, measure/report, measure/regular"},

	// What a lab is: the types every lab and every front end share.
	{"labs/lab", "measure"},
	{"shared", "shared, labs/lab, measure, measure/profile, measure/regular, github.com/nats-io/nats-server/v2, github.com/nats-io/nats.go, " +
		"github.com/valyala/fasthttp, mvdan.cc/sh/v3, golang.org/x/perf/benchfmt"},
	{"lessons", "shared, labs/lab, measure, golang.org/x/sync, github.com/hashicorp/golang-lru/v2"},
	// The fleet of HTTP load generators: shared machinery above the load
	// client, which ships HDR histograms between processes and so encodes
	// and merges them itself, over pipes or, for generators on other
	// machines, over an embedded NATS server guarded by a token (labs/lab
	// makes and checks it, as for lab 7 and the workshop's room).
	{"labs/internal/fleet", "shared, labs/lab, measure, github.com/HdrHistogram/hdrhistogram-go, " +
		"github.com/nats-io/nats-server/v2, github.com/nats-io/nats.go"},
	// The Kubernetes manifests of lab 7's workers and of the fleet's
	// generators: a test decodes each strictly into the API's types.
	{"labs/internal/deploy/k8s", "k8s.io/api, sigs.k8s.io/yaml"},
	// "Your own" lab: a person's commands, HTTP services and Python files.
	{"labs/own", "shared, labs/internal/fleet, labs/lab, measure"},
	// The catalogue: the seven lessons in order, then "your own".
	{"labs", "lessons, shared, labs/lab, labs/own, measure"},
	// A plan for a room, checked against the catalogue, replaying kept runs.
	{"labs/workshop", "labs, labs/lab, measure, measure/runs, measure/regular, github.com/BurntSushi/toml"},
	// A workshop's room: the server participants join, its protocol, and
	// both ends of it. It knows nothing of the plan, only what a screen
	// shows; its server is started as lab 7's and the fleet's are
	// (labs/internal/natsd).
	{"labs/workshop/room", "labs/internal/natsd, labs/lab, github.com/nats-io/nats-server/v2, github.com/nats-io/nats.go"},

	// The screens. They know the labs through the catalogue and labs/lab
	// only, and import labs/workshop for the workshop's screens.
	{"tui", "labs, labs/lab, labs/workshop, labs/workshop/room, measure, measure/profile, measure/report, measure/runs, ui"},
	// The top of the graph: the command line.
	{"cmd/perflab", "tui, labs, labs/lab, labs/own, labs/workshop, labs/workshop/room, measure, measure/report, measure/runs, measure/regular, " +
		"github.com/spf13/cobra, github.com/spf13/pflag, github.com/charmbracelet/bubbletea, " +
		"github.com/charmbracelet/lipgloss, golang.org/x/term"},

	{"measure/measuretest", "go.uber.org/goleak"},
	{"labs/internal/labtest", "labs/lab, measure, measure/measuretest"},
	{"labs/internal/worker/workertest", "labs/internal/python, measure/measuretest"},
}

// never lists what a package must not reach even through others: the few
// rules of the layers that a chain of allowed imports could still break
// (a module allowed in the engine that pulled in a UI library, say).
var never = []struct{ pkgs, reach string }{
	{"measure", "tui, labs, measure/report, ui"},
	{"measure/profile", "measure, tui, labs, measure/report, ui"},
	{"labs/lab", "tui, ui"},
	{"shared", "tui, ui"},
	{"lessons", "tui, ui"},
	{"labs", "tui, ui"},
	// labs/workshop reads kept runs through measure/runs, which reaches
	// asciigraph through measure/report's growth chart: that one is allowed.
	{"labs/workshop", "tui, github.com/charmbracelet/bubbletea, github.com/charmbracelet/bubbles, " +
		"github.com/charmbracelet/lipgloss"},
	{"labs/workshop/room", "tui, ui"},
}

const module = "github.com/perflab/perflab"

// goPackage is what go list says of one package of the module.
type goPackage struct {
	ImportPath   string
	Imports      []string
	TestImports  []string
	XTestImports []string
	Deps         []string
}

// listModule runs go list over every package of the module.
func listModule(t *testing.T) []goPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-e", "-json=ImportPath,Imports,TestImports,XTestImports,Deps", module+"/...")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []goPackage
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p goPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("reading go list's output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) == 0 {
		t.Fatal("go list found no package in the module")
	}
	return pkgs
}

// local is path relative to the module ("measure/report"), and whether it
// is a package of the module at all.
func local(path string) (string, bool) {
	if path == module {
		return ".", true
	}
	rel, ok := strings.CutPrefix(path, module+"/")
	return rel, ok
}

// standard reports whether path is in the standard library, by Go's own
// rule: its first element has no dot.
func standard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// expand turns a comma-separated list of the policy into its entries, with
// groups replaced by their members.
func expand(list string) []string {
	var out []string
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if members, ok := groups[f]; ok {
			out = append(out, members...)
		} else if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// matches reports whether the import path (relative to the module when it
// is the module's) is named by one of the entries.
func matches(entries []string, path string) bool {
	for _, e := range entries {
		if e == path || (strings.Contains(e, ".") && strings.HasPrefix(path, e+"/")) {
			return true
		}
	}
	return false
}

// rowOf returns the allowed imports of the package at rel, as the policy
// writes them and expanded, and whether the policy has a row for it.
func rowOf(rel string) (string, []string, bool) {
	for _, r := range policy {
		if slices.Contains(expand(r.pkgs), rel) {
			return r.may, expand(r.may), true
		}
	}
	return "", nil, false
}

// rel is an import path as the policy writes it.
func rel(path string) string {
	if r, ok := local(path); ok {
		return r
	}
	return path
}

// TestLayers holds every import of the module's code to the policy.
func TestLayers(t *testing.T) {
	for _, p := range listModule(t) {
		from, _ := local(p.ImportPath)
		written, may, ok := rowOf(from)
		if !ok {
			t.Errorf("%s has no row in the policy of layers_test.go: say what it may import", from)
			continue
		}
		for _, imp := range p.Imports {
			if !standard(imp) && !matches(may, rel(imp)) {
				t.Errorf("%s -> %s breaks the layers: %s may import only the standard library and %s", from, rel(imp), from, written)
			}
		}
		// A test may also use the helpers and the test-only modules.
		testMay := slices.Concat(may, groups["helpers"], groups["testonly"], []string{from})
		for _, imp := range slices.Concat(p.TestImports, p.XTestImports) {
			if !standard(imp) && !matches(testMay, rel(imp)) {
				t.Errorf("%s's tests -> %s break the layers: they may import %s, the helpers and the test-only modules",
					from, rel(imp), from)
			}
		}
	}
}

// TestLayersNeverReached holds the rules that no chain of imports may break.
func TestLayersNeverReached(t *testing.T) {
	byPath := map[string]goPackage{}
	for _, p := range listModule(t) {
		r, _ := local(p.ImportPath)
		byPath[r] = p
	}
	// A package that reaches what it must not, only because an import of
	// it does too, is not reported: the import is, once, as the cause.
	failed := map[string][]string{}
	var order []string
	for _, n := range never {
		banned := expand(n.reach)
		for _, from := range expand(n.pkgs) {
			p, ok := byPath[from]
			if !ok {
				t.Errorf("the never table names %s, which is not a package of the module", from)
				continue
			}
			for _, dep := range p.Deps {
				if reaches(banned, dep) {
					failed[from] = append(failed[from], rel(dep))
				}
			}
			if failed[from] != nil {
				order = append(order, from)
			}
		}
	}
	for _, from := range order {
		bad := failed[from]
		via := through(byPath[from], bad[0], byPath)
		if !slices.ContainsFunc(via, func(v string) bool { return failed[v] != nil }) {
			t.Errorf("%s reaches %s through %s (go list -deps): it must not", from, strings.Join(bad, ", "), strings.Join(via, ", "))
		}
	}
}

// through names the imports of p by which it reaches dep: those that are
// dep, or whose own dependencies hold it. An import from outside the module
// is named when none of the module's own does.
func through(p goPackage, dep string, byPath map[string]goPackage) []string {
	var via, outside []string
	for _, imp := range p.Imports {
		r := rel(imp)
		if q, ours := byPath[r]; r == dep || (ours && slices.ContainsFunc(q.Deps, func(d string) bool { return rel(d) == dep })) {
			via = append(via, r)
		} else if !ours && !standard(imp) {
			outside = append(outside, r)
		}
	}
	if len(via) == 0 {
		return outside
	}
	return via
}

// reaches reports whether the package at path is one that banned names, or
// lies under one: banning labs bans labs/lab too, as banning a module bans
// all its packages.
func reaches(banned []string, path string) bool {
	if _, ours := local(path); !ours && standard(path) {
		return false
	}
	r := rel(path)
	for _, b := range banned {
		if r == b || strings.HasPrefix(r, b+"/") {
			return true
		}
	}
	return false
}

// TestLayersPolicyIsWhole checks the table itself: every row names packages
// that exist, and no package has two rows.
func TestLayersPolicyIsWhole(t *testing.T) {
	exists := map[string]bool{}
	for _, p := range listModule(t) {
		r, _ := local(p.ImportPath)
		exists[r] = true
	}
	seen := map[string]bool{}
	for _, r := range policy {
		for _, pkg := range expand(r.pkgs) {
			if !exists[pkg] {
				t.Errorf("the policy has a row for %s, which is not a package of the module", pkg)
			}
			if seen[pkg] {
				t.Errorf("the policy has two rows for %s", pkg)
			}
			seen[pkg] = true
		}
	}
}

// TestLayersDocSaysThePolicy checks that the table of doc.go's Architecture
// section lists, row by row, the packages of the module that the policy lets
// each row import: the prose cannot drift from the test.
func TestLayersDocSaysThePolicy(t *testing.T) {
	doc, err := docTable("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	if len(doc) != len(policy) {
		t.Fatalf("doc.go's table has %d rows, the policy %d: they must be the same rows in the same order", len(doc), len(policy))
	}
	for i, r := range policy {
		want := ourOwn(r.may)
		if doc[i].pkgs != r.pkgs || !slices.Equal(doc[i].may, want) {
			t.Errorf("doc.go's row %d says %s may import %q; the policy says %s may import %q",
				i+1, doc[i].pkgs, strings.Join(doc[i].may, ", "), r.pkgs, strings.Join(want, ", "))
		}
	}
}

// ourOwn is the part of a policy list that names the module's packages and
// groups, in the policy's order.
func ourOwn(list string) []string {
	var out []string
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f != "" && !strings.Contains(f, ".") && f != "ui" && f != "testonly" {
			out = append(out, f)
		}
	}
	return out
}

// docRow is one row of doc.go's table of layers.
type docRow struct {
	pkgs string
	may  []string
}

// docTable reads the table of layers from doc.go: the indented lines after
// the line that starts it, up to the first line that is not indented. Each
// row is the packages, then what they may import ("nothing of perflab" for
// none).
func docTable(path string) ([]docRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []docRow
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.Contains(line, "Who may import whom") {
			in = true
			continue
		}
		text, indented := strings.CutPrefix(line, "//\t")
		if !in || (!indented && len(rows) == 0) {
			continue
		}
		if !indented {
			break
		}
		pkgs, may, _ := strings.Cut(text, " ")
		row := docRow{pkgs: pkgs}
		if may = strings.TrimSpace(may); may != "nothing of perflab" {
			row.may = ourOwn(may)
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, errors.New(`doc.go has no table of layers: an indented block after "Who may import whom"`)
	}
	return rows, nil
}
