package proc

import (
	"context"
	"errors"
	"testing"
	"time"
)

// readAll returns a read that sends each of rs, then returns end.
func readAll(end error, rs ...int) func(context.Context, chan<- int) error {
	return func(ctx context.Context, out chan<- int) error {
		for _, r := range rs {
			select {
			case out <- r:
			case <-ctx.Done():
				return nil
			}
		}
		return end
	}
}

func TestServeInputAnswersEachRequestUntilTheInputEnds(t *testing.T) {
	var got []int
	err := ServeInput(context.Background(), readAll(nil, 1, 2, 3), func(_ context.Context, r int) error {
		got = append(got, r)
		return nil
	})
	if err != nil {
		t.Fatalf("ServeInput = %v, want nil at the end of its input", err)
	}
	if len(got) != 3 || got[0] != 1 || got[1] != 2 || got[2] != 3 {
		t.Errorf("handled %v, want [1 2 3]", got)
	}
}

func TestServeInputReturnsAMalformedRequestsError(t *testing.T) {
	bad := errors.New("malformed")
	err := ServeInput(context.Background(), readAll(bad, 1), func(context.Context, int) error { return nil })
	if !errors.Is(err, bad) {
		t.Fatalf("ServeInput = %v, want the reader's %v", err, bad)
	}
}

func TestServeInputReturnsAHandlersError(t *testing.T) {
	failed := errors.New("write failed")
	err := ServeInput(context.Background(), readAll(nil, 1, 2), func(context.Context, int) error { return failed })
	if !errors.Is(err, failed) {
		t.Fatalf("ServeInput = %v, want the handler's %v", err, failed)
	}
}

func TestServeInputStopsARequestUnderWayWhenTheInputEnds(t *testing.T) {
	end := make(chan struct{})
	read := func(ctx context.Context, out chan<- int) error {
		out <- 1
		<-end // the parent leaves while the request runs
		return nil
	}
	handled := make(chan error, 1)
	go func() {
		handled <- ServeInput(context.Background(), read, func(ctx context.Context, _ int) error {
			close(end)
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(1000 * time.Second):
				return errors.New("a request ran on after its input ended")
			}
		})
	}()
	select {
	case err := <-handled:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a 1000 s request went on 20 s after its input ended")
	}
}
