package measure

import (
	"fmt"
	"strings"
)

// DiffSchema names the version of the JSON format of a Diff.
const DiffSchema = "perflab/compare/v1"

// A Diff compares the strategies that two saved runs of one workload share,
// old against new, as benchstat compares two files: a change to the code, the
// machine or the parameters between the runs shows as a verdict per strategy.
type Diff struct {
	Schema    string         `json:"schema"`
	Lab       string         `json:"lab"`
	Workload  string         `json:"workload"`
	OldParams map[string]any `json:"old_params"`
	NewParams map[string]any `json:"new_params"`
	// OldEnv and NewEnv are the machines the runs were measured on; nil
	// for a file that did not record it.
	OldEnv *Env      `json:"old_env,omitempty"`
	NewEnv *Env      `json:"new_env,omitempty"`
	Rows   []DiffRow `json:"strategies"`
	// OnlyOld and OnlyNew name strategies that one run has and the other
	// has not.
	OnlyOld []string `json:"only_old"`
	OnlyNew []string `json:"only_new"`
}

// A DiffRow is one strategy measured in both runs. Vs.Speedup is the old
// ns/op over the new: above 1, the new run is faster.
type DiffRow struct {
	Name string     `json:"name"`
	Old  Summary    `json:"old_ns_per_op"`
	New  Summary    `json:"new_ns_per_op"`
	Vs   Comparison `json:"vs_old"`
	// The tail and the allocations of each run, beside ns/op: a change can
	// keep the median and move the tail, or allocate where it did not.
	// Allocations are nil where a run measured none (work outside the
	// process).
	OldP99Ns  int64    `json:"old_p99_ns"`
	NewP99Ns  int64    `json:"new_p99_ns"`
	OldAllocs *float64 `json:"old_allocs_per_op"`
	NewAllocs *float64 `json:"new_allocs_per_op"`
	OldBytes  *float64 `json:"old_bytes_per_op"`
	NewBytes  *float64 `json:"new_bytes_per_op"`
	// OldFigures and NewFigures hold every figure of each run by its
	// metric's name (see Metric): the declared columns and the strategy's
	// own figures, which a gate and the diff's notes read.
	OldFigures map[string]float64 `json:"old_figures,omitempty"`
	NewFigures map[string]float64 `json:"new_figures,omitempty"`
}

// NewDiff compares old and new under the rules of a run's verdicts,
// unpaired (see compareRuns): alpha is the error rate and margin the
// equivalence margin of "~"; confidence is the level of each run's median.
// The error, one line, says why two reports cannot be compared: different
// workloads, or no strategy in common.
func NewDiff(old, new *Report, confidence, alpha, margin float64) (*Diff, error) {
	if old.Lab != new.Lab || old.Workload != new.Workload {
		return nil, fmt.Errorf("the runs measured different workloads, %s/%s and %s/%s: nothing to compare",
			old.Lab, old.Workload, new.Lab, new.Workload)
	}
	d := &Diff{
		Schema: DiffSchema, Lab: old.Lab, Workload: old.Workload,
		OldParams: old.Params, NewParams: new.Params,
		OldEnv: old.Env, NewEnv: new.Env,
		Rows: []DiffRow{}, OnlyOld: []string{}, OnlyNew: []string{},
	}
	newByName := make(map[string]*Result, len(new.Strategies))
	for _, s := range new.Strategies {
		newByName[s.Name] = s
	}
	for _, o := range old.Strategies {
		n, ok := newByName[o.Name]
		if !ok {
			d.OnlyOld = append(d.OnlyOld, o.Name)
			continue
		}
		ov, nv := repNsPerOp(o.Reps), repNsPerOp(n.Reps)
		d.Rows = append(d.Rows, DiffRow{
			Name:     o.Name,
			Old:      summarize(ov, confidence),
			New:      summarize(nv, confidence),
			Vs:       compareRuns(ov, nv, alpha, margin),
			OldP99Ns: o.P99Ns, NewP99Ns: n.P99Ns,
			OldAllocs: o.AllocsPerOp, NewAllocs: n.AllocsPerOp,
			OldBytes: o.BytesPerOp, NewBytes: n.BytesPerOp,
			OldFigures: figures(o), NewFigures: figures(n),
		})
		delete(newByName, o.Name)
	}
	for _, s := range new.Strategies {
		if _, left := newByName[s.Name]; left {
			d.OnlyNew = append(d.OnlyNew, s.Name)
		}
	}
	if len(d.Rows) == 0 {
		return nil, fmt.Errorf("the runs share no strategy (old has %s; new has %s)",
			strings.Join(d.OnlyOld, ", "), strings.Join(d.OnlyNew, ", "))
	}
	return d, nil
}
