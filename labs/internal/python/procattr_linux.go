package python

import "syscall"

// procAttr puts the worker in a process group of its own, so that one kill
// reaches the threads' and processes' children a strategy starts (a
// multiprocessing pool), and asks the kernel to end it when the process
// that started it dies: a perflab worker killed mid-task, as lab 7 does on
// purpose, must not leave its interpreter running the task out. The signal
// is SIGTERM, on which the worker removes its temporary folder, which its
// killed starter cannot.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
