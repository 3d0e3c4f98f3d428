package main

import (
	"context"
	"fmt"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/labs/own"
)

// withPythonFile returns the catalogue all with the "your own" lab's
// Python workload given its file, for perflab run own/python --param
// file=FILE.py: until its file is read the workload has no strategy, and
// would plan a run of nothing. The file is read as perflab python reads
// it, and refused as it refuses it, before anything is planned.
func withPythonFile(ctx context.Context, all []*lab.Lab, spec labs.Spec) ([]*lab.Lab, error) {
	if spec.Path != own.ID+"/"+own.PythonWorkload {
		return all, nil
	}
	if _, w, err := labs.LookupIn(all, spec.Path); err == nil && len(w.Strategies) > 0 {
		// The file is read already, as perflab python reads it.
		return all, nil
	}
	path := spec.Params[own.PythonFileParam]
	if path == "" {
		return nil, usage("%s needs its Python file: --param %s=FILE.py (or perflab python FILE.py)", spec.Path, own.PythonFileParam)
	}
	// PythonFile looks for the file before the interpreter, and for the
	// interpreter before it starts one: a missing file or python3 is
	// refused with nothing started.
	file, err := labs.PythonFile(ctx, path)
	if err != nil {
		return nil, usageError{err}
	}
	out := make([]*lab.Lab, len(all))
	for i, l := range all {
		out[i] = l
		if l.ID == own.ID {
			out[i] = own.WithPythonFile(l, file, path)
		}
	}
	return out, nil
}

// checkPlanPython refuses a Python workload on a machine without an
// interpreter that runs it, before the plan is shown or anything starts.
func checkPlanPython(plan *labs.Plan) error {
	if plan.Workload.Language() != lab.LangPython {
		return nil
	}
	if err := labs.FindPython(); err != nil {
		return usageError{fmt.Errorf("%s/%s: %w", plan.Lab.ID, plan.Workload.ID, err)}
	}
	return nil
}

// paramOption words an option error of a workload's own parameter, such
// as own/exec's prepare, as the --param that set it: errorText would
// otherwise name a flag of perflab exec that perflab run does not have.
func paramOption(all []*lab.Lab, path string, err error) error {
	oe := lab.AsOption(err)
	if oe == nil {
		return err
	}
	if _, w, lerr := labs.LookupIn(all, path); lerr == nil {
		if _, ok := w.Param(oe.Option); ok {
			return fmt.Errorf("--param %s: %w", oe.Option, oe.Err)
		}
	}
	return err
}
