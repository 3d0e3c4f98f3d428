package python

import "syscall"

// procAttr puts the worker in a process group of its own, so that one kill
// reaches the threads' and processes' children a strategy starts (a
// multiprocessing pool), and asks the kernel to kill it when the process
// that started it dies: a perflab worker killed mid-task, as lab 7 does on
// purpose, must not leave its interpreter running the task out.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
