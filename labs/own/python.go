package own

import (
	"github.com/perflab/perflab/labs/lab"
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
