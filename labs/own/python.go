package own

import (
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// PythonWorkload is the id of the "your own" workload that races the
// bench_* functions of a Python file, and PythonFileParam its parameter
// that holds the file's path.
const (
	PythonWorkload  = "python"
	PythonFileParam = "file"
)

// pythonCatalogue is the Python file workload before a file is read: it
// has only the path to type, and no strategy until WithPythonFile gives it
// the file's.
func pythonCatalogue() *lab.Workload {
	return &lab.Workload{
		ID: PythonWorkload, Title: "Your Python file: its bench_* functions raced", Lang: lab.LangPython,
		FileParam: PythonFileParam,
		Params:    []lab.Param{pythonFileParam("")},
		Lesson: "Type the path of a .py file into file: every function named bench_* in it, in file order, becomes a strategy, the first the baseline; " +
			"an optional setup(params) builds what they share and PARAMS = {...} declares parameters. Each runs in a CPython worker of its own.",
	}
}

func pythonFileParam(path string) lab.Param {
	return lab.Param{Name: PythonFileParam, Kind: lab.Text, Default: path, Help: "the path of a .py file whose bench_* functions race as strategies"}
}

// WithPythonFile returns a copy of l, the "your own" lab, whose Python
// workload is the file at path as read into file (by labs.PythonFile): its
// strategies and its PARAMS, after the path. l itself is left as it was.
func WithPythonFile(l *lab.Lab, file *lab.Lab, path string) *lab.Lab {
	fw := *file.Workloads[0]
	fw.ID, fw.FileParam = PythonWorkload, PythonFileParam
	fw.Params = append([]lab.Param{pythonFileParam(path)}, fw.Params...)
	out := *l
	out.Workloads = make([]*lab.Workload, len(l.Workloads))
	for i, w := range l.Workloads {
		out.Workloads[i] = w
		if w.ID == PythonWorkload {
			out.Workloads[i] = &fw
		}
	}
	return &out
}

// FileLab returns the lab perflab python races a file as: "your own" with
// one workload, own/python, whose strategies are the file's and whose file
// parameter holds path, as the TUI's own/python has it once a path is
// typed. A file's runs are then kept as own/python however it was raced,
// and compare takes one against another; the workload's id is not the
// module's name, which two files in two folders may share.
func FileLab(file *lab.Lab, path string) *lab.Lab {
	out := WithPythonFile(New(pythonCatalogue()), file, path)
	out.Number, out.Title, out.Lesson = file.Number, file.Title, file.Lesson
	return out
}

// olderPythonLab is the lab perflab python kept a file's runs as before
// they were own/python: python/MODULE.
const olderPythonLab = "python"

// Canonical renames, in a kept report, the identity perflab python gave a
// file's runs before they were own/python (python/MODULE) to own/python, so
// that compare takes an older run against a newer one of the same file.
// The older report keeps its parameters as they were: it never recorded
// the file's path, and compare says that the parameters differ.
func Canonical(r *measure.Report) {
	if r != nil && r.Lab == olderPythonLab {
		r.Lab, r.Workload = ID, PythonWorkload
	}
}
