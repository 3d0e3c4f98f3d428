package proc

import "context"

// ServeInput runs the loop of a child that serves its parent over a pipe:
// read decodes requests from the pipe onto its channel, and handle answers
// each in turn, under a context that ends when read does. The end of the
// pipe is the parent leaving, whether it is done or died; read returns nil
// then, and a request under way stops at once, as nobody is left to read
// its answer, so that no child outlives its parent.
//
// read returns an error for a malformed request, and nil when the pipe
// ends or ctx is done; it must stop sending once ctx is done. ServeInput
// returns handle's first error (handle says which errors end the loop,
// and may drop those of a request cut short by ctx), read's error once ctx
// is done, or nil.
func ServeInput[T any](ctx context.Context, read func(context.Context, chan<- T) error, handle func(context.Context, T) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	requests := make(chan T)
	readErr := make(chan error, 1)
	go func() {
		// The error is sent before the cancel, so that a malformed
		// request is what the loop below returns.
		readErr <- read(ctx, requests)
		cancel()
	}()
	for {
		select {
		case r := <-requests:
			if err := handle(ctx, r); err != nil {
				return err
			}
		case <-ctx.Done():
			select {
			case err := <-readErr:
				return err
			default:
				return nil
			}
		}
	}
}
