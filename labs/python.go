package labs

import (
	"context"

	"github.com/perflab/perflab/labs/internal/python"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/labs/own"
	"github.com/perflab/perflab/measure"
)

// EnvPython names the environment variable that chooses the interpreter
// of Python workloads.
const EnvPython = python.EnvPython

// ErrNoPython is the error of a Python workload on a machine without a
// usable interpreter; a front end adds how it names one.
var ErrNoPython = python.ErrNoPython

// A PythonError is an exception raised by Python code under test: the
// exception in one line and the traceback's last lines.
type PythonError = python.Error

// PythonFile returns a person's Python file as a lab of one workload
// whose strategies are its bench_* functions, in file order (see
// python.FileLab). A syntax error or a failing import is a *PythonError.
func PythonFile(ctx context.Context, path string) (*lab.Lab, error) {
	return python.FileLab(ctx, path)
}

// WithPythonFile returns a copy of l whose Python file workload (the one
// with a FileParam) races the file at path as PythonFile read it into
// file; l itself is left as it was.
func WithPythonFile(l *lab.Lab, file *lab.Lab, path string) *lab.Lab {
	return own.WithPythonFile(l, file, path)
}

// CanonicalReport renames, in a kept report, an identity an older perflab
// gave a run to the one it has now (see own.Canonical): a Python file's
// runs kept as python/MODULE are own/python.
func CanonicalReport(r *measure.Report) { own.Canonical(r) }

// CheckPython reports whether the interpreter at path can run Python
// workloads: it starts, and is 3.8 or newer.
func CheckPython(path string) error {
	_, err := python.Check(path)
	return err
}

// FindPython reports whether Python workloads have an interpreter to run
// in: $PERFLAB_PYTHON, else python3 on PATH, 3.8 or newer.
func FindPython() error {
	_, err := python.Find()
	return err
}

// PythonVersion is the version of the interpreter Python workloads run
// in, such as "3.12", for a report of the machine a race ran on.
func PythonVersion() (string, error) {
	in, err := python.Find()
	return in.Version, err
}
