package measure

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// A cpuSample is the machine's CPU time by state, from the first line of
// /proc/stat, and this process's own CPU time, read at one instant. Between
// two samples they tell what else the machine did while a run measured:
// time the hypervisor gave other guests (steal) and time other processes
// kept the CPUs busy, each of which slows some repetitions and not others.
type cpuSample struct {
	ok bool
	// busy, steal and total are in clock ticks (USER_HZ).
	busy, steal, total uint64
	// selfNs is this process's user and system time.
	selfNs int64
}

// userHZ is the kernel's clock tick for /proc/stat: 100 on every Linux
// architecture Go runs on, whatever the kernel's own HZ.
const userHZ = 100

// readCPU samples /proc/stat and this process's CPU time. On a system
// without /proc the sample is not ok and the probe says nothing.
func readCPU() cpuSample {
	var s cpuSample
	f, err := os.Open("/proc/stat")
	if err != nil {
		return s
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		return s
	}
	fields := strings.Fields(sc.Text())
	if len(fields) < 9 || fields[0] != "cpu" {
		return s
	}
	// user nice system idle iowait irq softirq steal [guest guest_nice]:
	// guest time is already counted in user time.
	var v [8]uint64
	for i := range v {
		if v[i], err = strconv.ParseUint(fields[i+1], 10, 64); err != nil {
			return s
		}
	}
	for _, x := range v {
		s.total += x
	}
	s.busy = v[0] + v[1] + v[2] + v[5] + v[6]
	s.steal = v[7]
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return s
	}
	s.selfNs = ru.Utime.Nano() + ru.Stime.Nano()
	s.ok = true
	return s
}

// cpuNoise is what the machine did besides the run between two samples, as
// shares of its whole CPU capacity.
type cpuNoise struct {
	ok bool
	// steal is the share the hypervisor gave to other guests; others the
	// share other processes kept busy.
	steal, others float64
}

// noiseBetween returns what the machine did besides this process between
// samples a and b.
func noiseBetween(a, b cpuSample) cpuNoise {
	if !a.ok || !b.ok || b.total <= a.total {
		return cpuNoise{}
	}
	total := float64(b.total - a.total)
	self := float64(b.selfNs-a.selfNs) / 1e9 * userHZ
	return cpuNoise{
		ok:     true,
		steal:  float64(b.steal-a.steal) / total,
		others: max(0, float64(b.busy-a.busy)-self) / total,
	}
}

// shares returns the share of the CPUs other processes kept busy and the
// share of CPU time the hypervisor gave to other guests, each 0 when it is
// too little to matter: a few per cent is the system's own housekeeping.
func (n cpuNoise) shares() (busy, steal float64) {
	if n.ok && n.others >= 0.10 {
		busy = n.others
	}
	if n.ok && n.steal >= 0.02 {
		steal = n.steal
	}
	return busy, steal
}
