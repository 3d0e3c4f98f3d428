package clock

import (
	"context"
	"testing"
	"time"
)

func TestSleepEndsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Sleep(ctx, time.Hour); err != context.Canceled {
		t.Fatalf("Sleep on a cancelled context returned %v, want context.Canceled", err)
	}
	if err := Sleep(ctx, 0); err != context.Canceled {
		t.Errorf("Sleep(0) on a cancelled context returned %v, want context.Canceled", err)
	}
}

func TestSleepWaits(t *testing.T) {
	const d = 5 * time.Millisecond
	start := time.Now()
	if err := Sleep(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	// A timer never fires early.
	if took := time.Since(start); took < d {
		t.Errorf("Sleep(%v) returned after %v", d, took)
	}
}
