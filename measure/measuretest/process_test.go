package measuretest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestEndedTellsARunningProcessFromAReapedOne(t *testing.T) {
	cmd := exec.Command("sleep", "1000")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	pid := cmd.Process.Pid
	if Ended(pid) {
		t.Fatalf("a running sleep counts as ended")
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	WaitFor(t, "the killed sleep to be a zombie", func() bool { return Ended(pid) })
	_ = cmd.Wait()
	if !Ended(pid) {
		t.Errorf("a reaped sleep does not count as ended")
	}
}

func TestReadPIDWaitsForAWholeNumber(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pid")
	if got := ReadPID(path); got != 0 {
		t.Errorf("ReadPID of a missing file = %d, want 0", got)
	}
	for _, tt := range []struct {
		content string
		want    int
	}{{"", 0}, {"12", 12}, {"12\n", 12}, {"x", 0}, {"-3", 0}} {
		if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
			t.Fatal(err)
		}
		if got := ReadPID(path); got != tt.want {
			t.Errorf("ReadPID of %q = %d, want %d", tt.content, got, tt.want)
		}
	}
	if err := os.WriteFile(path, []byte("42\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := WaitPID(t, "the pid", path); got != 42 {
		t.Errorf("WaitPID = %d, want 42", got)
	}
}
