package proc

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// envParent makes the test binary a stand-in for perflab: it starts a
// group, holds it, says its id and waits to be killed.
const envParent = "PROC_TEST_PARENT"

func TestMain(m *testing.M) {
	Main()
	if os.Getenv(envParent) == "1" {
		os.Exit(parent())
	}
	os.Exit(m.Run())
}

// parent starts a shell that leaves a sleep in the background and waits on
// another, in a group of its own that it holds, prints the group's id and
// sleeps until killed.
func parent() int {
	Enable()
	cmd := exec.Command("sh", "-c", "sleep 1000 & sleep 1000")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		fmt.Println("error", err)
		return 1
	}
	Hold(cmd.Process.Pid)
	if err := Err(); err != nil {
		fmt.Println("error", err)
		return 1
	}
	fmt.Println(cmd.Process.Pid)
	time.Sleep(1000 * time.Second)
	return 0
}

// groupAlive says whether any process is in group pgid.
func groupAlive(pgid int) bool { return syscall.Kill(-pgid, 0) == nil }

// waitGone waits, up to within, for group pgid to be empty.
func waitGone(t *testing.T, pgid int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for groupAlive(pgid) {
		if time.Now().After(deadline) {
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			t.Fatalf("process group %d still alive %v after its holder's parent died", pgid, within)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestAKilledParentsGroupsEnd(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envParent+"=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	first, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("the parent said nothing: %v", err)
	}
	pgid, err := strconv.Atoi(strings.TrimSpace(first))
	if err != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("the parent said %q", first)
	}
	if !groupAlive(pgid) {
		t.Fatalf("group %d is not running before the kill", pgid)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	waitGone(t, pgid, 15*time.Second)
}

func TestServeEndsTheGroupsLeftInTheTable(t *testing.T) {
	kept := exec.Command("sleep", "1000")
	kept.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	released := exec.Command("sleep", "1000")
	released.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	for _, c := range []*exec.Cmd{kept, released} {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-released.Process.Pid, syscall.SIGKILL)
		_ = kept.Wait()
		_ = released.Wait()
	})
	f, table, err := newTable()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	defer unmap(table)
	table[7] = int32(kept.Process.Pid)
	table[8] = int32(released.Process.Pid)
	table[8] = 0
	table[9] = 1 // never init's group
	done := make(chan int)
	go func() { done <- serve(strings.NewReader(""), f) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not return after the end of its pipe")
	}
	// serve killed the kept group; reaping it here is what makes it gone.
	_ = kept.Wait()
	if groupAlive(kept.Process.Pid) {
		t.Error("the group left in the table still runs")
	}
	if !groupAlive(released.Process.Pid) {
		t.Error("the group taken out of the table was ended too")
	}
}

func TestHoldWithoutEnableDoesNothing(t *testing.T) {
	release := Hold(os.Getpid())
	release()
	if err := Err(); err != nil {
		t.Fatal(err)
	}
}
