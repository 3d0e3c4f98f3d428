//go:build !linux

package python

import "syscall"

// procAttr puts the worker in a process group of its own, so that one kill
// reaches the threads' and processes' children a strategy starts. Outside
// Linux there is no death signal: a worker whose starter dies ends when it
// finishes its order and reads the end of its standard input.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
