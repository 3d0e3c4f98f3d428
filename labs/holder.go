package labs

import "github.com/perflab/perflab/labs/internal/proc"

// HolderMain serves as the holder of perflab's process groups, and exits, if
// this process was started as one (see labs/internal/proc); it returns
// otherwise. perflab's main calls it first, before it reads its arguments.
func HolderMain() { proc.Main() }

// EnableHolder says that this binary calls HolderMain first, so that the
// commands and Python workers it starts are held by a copy of it that ends
// their process groups when this process ends, even by SIGKILL.
func EnableHolder() { proc.Enable() }
