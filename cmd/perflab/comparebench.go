package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/perflab/perflab/labs/own"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
	"github.com/perflab/perflab/measure/runs"
)

// A resultFile is what compare reads from one file: one run's result, or
// perflab bench's results of several benchmarks (set is true).
type resultFile struct {
	path string
	reps []*measure.Report
	set  bool
}

// readResults reads a file for compare: one result, or, when it is not
// one, perflab bench's results of several benchmarks. A file that is
// neither is refused with the error of one result, the usual kind.
func readResults(path string, stderr io.Writer) (resultFile, error) {
	saved, err := readKept(path, stderr)
	if err == nil {
		return resultFile{path: path, reps: []*measure.Report{saved.Report}}, nil
	}
	reps, berr := runs.LoadBenchmarks(path)
	switch {
	case errors.Is(berr, report.ErrNotBenchmarks):
		return resultFile{}, err
	case berr != nil:
		return resultFile{}, usageError{berr}
	}
	for _, r := range reps {
		own.Canonical(r)
	}
	return resultFile{path: path, reps: reps, set: true}, nil
}

// benchmarks reports whether every result of the file is perflab bench's.
func (rf resultFile) benchmarks() bool {
	for _, r := range rf.reps {
		if _, ok := benchName(r); !ok {
			return false
		}
	}
	return true
}

// A benchPair is one benchmark of both files: its name and its two runs.
type benchPair struct {
	name     string
	old, new *measure.Report
}

// compareBenchmarks compares perflab bench's results benchmark by
// benchmark, by name, each as two runs are, under a line that names it;
// the gate holds over all of them, and a benchmark that breaks it is
// named. A single benchmark's result against a set is compared with the
// benchmark of the set that has its name.
func compareBenchmarks(f compareFlags, gate measure.Gate, old, new resultFile, stdout, stderr io.Writer) error {
	pairs, onlyOld, onlyNew, err := pairBenchmarks(old, new)
	if err != nil {
		return usageError{err}
	}
	// Several diffs one after another are a table or a document; one
	// alone is written in any format, as compare writes one. The Go
	// benchmark format writes every benchmark of both files, as bench
	// itself does, under "run: old" and "run: new".
	gobench := f.format == "gobench"
	if len(pairs) > 1 && !gobench && f.format != "table" && f.format != "markdown" {
		return usage("several benchmarks compare one by one in --format table or markdown, not %s", f.format)
	}
	if len(onlyOld) > 0 {
		fmt.Fprintf(stderr, "perflab: only in %s, not compared: %s\n", report.Printable(old.path), strings.Join(onlyOld, ", "))
	}
	if len(onlyNew) > 0 {
		fmt.Fprintf(stderr, "perflab: only in %s, not compared: %s\n", report.Printable(new.path), strings.Join(onlyNew, ", "))
	}
	var breaches []string
	checked := 0
	for i, p := range pairs {
		d, err := measure.NewDiff(p.old, p.new, measure.DefaultConfidence, measure.DefaultAlpha, f.margin)
		if err != nil {
			return usageError{fmt.Errorf("%s: %w", p.name, err)}
		}
		if !gobench {
			if err := writeBenchPair(f, stdout, d, p, i, len(pairs)); err != nil {
				return err
			}
		}
		if len(gate) > 0 {
			res := gate.Check(d)
			for _, u := range res.Unchecked {
				fmt.Fprintf(stderr, "perflab: --fail-if in %s: %s\n", p.name, u)
			}
			for _, b := range res.Breaches {
				breaches = append(breaches, p.name+": "+b)
			}
			checked += len(d.Rows)
		}
	}
	if gobench {
		if err := writeBenchPairsGo(stdout, pairs); err != nil {
			return err
		}
	}
	if len(breaches) > 0 {
		return gateError{breaches}
	}
	if len(gate) > 0 {
		fmt.Fprintf(stderr, "perflab: --fail-if %s: passed, %d strategies checked in %d benchmarks\n", gateRules(gate), checked, len(pairs))
	}
	return nil
}

// gateRules is the gate as it was given, its rules joined by commas.
func gateRules(gate measure.Gate) string {
	rules := make([]string, len(gate))
	for i, t := range gate {
		rules[i] = t.Text
	}
	return strings.Join(rules, ",")
}

// writeBenchPair writes the diff of the i-th of n benchmarks compared, in
// any format but the Go benchmark format, which writes them all at once.
func writeBenchPair(f compareFlags, stdout io.Writer, d *measure.Diff, p benchPair, i, n int) error {
	if f.format == "table" || f.format == "markdown" {
		fmt.Fprintf(stdout, "benchmark %d of %d: %s\n", i+1, n, p.name)
	}
	if err := report.DiffFormats[f.format](stdout, d, p.old, p.new); err != nil {
		return err
	}
	if err := writeDiffWhy(f.format, stdout, p.old, p.new); err != nil {
		return err
	}
	if f.histograms {
		return report.WriteHistogramDiff(stdout, p.old, p.new)
	}
	return nil
}

// writeBenchPairsGo writes the benchmarks compared in the Go benchmark
// format, as perflab bench writes them (each under its own name, its
// revisions in "rev" lines), the old file's under "run: old" and the new
// file's under "run: new", so that benchstat -col run compares the files
// and -col rev the revisions.
func writeBenchPairsGo(w io.Writer, pairs []benchPair) error {
	for _, side := range []string{"old", "new"} {
		reps := make([]*measure.Report, len(pairs))
		for i, p := range pairs {
			reps[i] = p.old
			if side == "new" {
				reps[i] = p.new
			}
		}
		if _, err := fmt.Fprintf(w, "run: %s\n", side); err != nil {
			return err
		}
		if err := writeBenchGo(w, reps); err != nil {
			return err
		}
	}
	return nil
}

// pairBenchmarks pairs the benchmarks of two files by name, in the old
// file's order, and returns the names in one file only. Both must be
// perflab bench's: a run of a lab has no benchmark to match. One
// benchmark's result against a set is matched with its namesake alone, and
// the set's others are not "only in" anything: they were not asked for.
func pairBenchmarks(old, new resultFile) (pairs []benchPair, onlyOld, onlyNew []string, err error) {
	oldNames, err := benchNames(old)
	if err != nil {
		return nil, nil, nil, err
	}
	newNames, err := benchNames(new)
	if err != nil {
		return nil, nil, nil, err
	}
	newAt := make(map[string]int, len(newNames))
	for i, n := range newNames {
		newAt[n] = i
	}
	for i, n := range oldNames {
		j, ok := newAt[n]
		if !ok {
			onlyOld = append(onlyOld, n)
			continue
		}
		delete(newAt, n)
		pairs = append(pairs, benchPair{name: n, old: old.reps[i], new: new.reps[j]})
	}
	for _, n := range newNames {
		if _, left := newAt[n]; left {
			onlyNew = append(onlyNew, n)
		}
	}
	if len(pairs) == 0 {
		return nil, nil, nil, fmt.Errorf("%s and %s share no benchmark (%s; %s): nothing to compare",
			report.Printable(old.path), report.Printable(new.path), strings.Join(oldNames, ", "), strings.Join(newNames, ", "))
	}
	if !old.set {
		onlyNew = nil
	}
	if !new.set {
		onlyOld = nil
	}
	return pairs, onlyOld, onlyNew, nil
}

// benchName is the name a benchmark of perflab bench is matched by: its
// own, after its package when it has one other than the module's root, as
// two packages may each have a benchmark of one name. A run of a lab's
// workload has none.
func benchName(r *measure.Report) (string, bool) {
	name, ok := r.Params["benchmark"].(string)
	if !ok || r.Lab != own.ID || r.Workload != "bench" || r.Sweep != nil {
		return "", false
	}
	if pkg, _ := r.Params["package"].(string); pkg != "" && pkg != "." {
		return pkg + " " + name, true
	}
	return name, true
}

// benchNames returns the name of each benchmark in a file, in its order.
// A file of one result must be perflab bench's, and a name is in a file
// once: which of two namesakes to compare is not the reader's to guess.
func benchNames(rf resultFile) ([]string, error) {
	names := make([]string, len(rf.reps))
	seen := make(map[string]bool, len(rf.reps))
	for i, r := range rf.reps {
		name, ok := benchName(r)
		if !ok {
			return nil, fmt.Errorf("%s is a run of %s/%s, not of a benchmark: compare it with a run of its own workload",
				report.Printable(rf.path), r.Lab, r.Workload)
		}
		if seen[name] {
			return nil, fmt.Errorf("%s holds the benchmark %s twice: nothing says which to compare", report.Printable(rf.path), name)
		}
		seen[name] = true
		names[i] = name
	}
	return names, nil
}
