package threads

import "sync"

// held is a resource a strategy holds for one repetition slot: made when the
// strategy first needs it and let go when another strategy takes over, so
// that its threads and goroutines do not count against the others.
type held[T any] struct {
	mu   sync.Mutex
	v    T
	ok   bool
	make func() T
	free func(T) error
}

// get returns the resource, making it if it is not held.
func (h *held[T]) get() T {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.ok {
		h.v, h.ok = h.make(), true
	}
	return h.v
}

// release lets the resource go, if it is held.
func (h *held[T]) release() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.ok {
		return nil
	}
	h.ok = false
	return h.free(h.v)
}
