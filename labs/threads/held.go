package threads

import (
	"sync"
	"sync/atomic"
)

// held is a resource a strategy makes on first use and lets go of when
// another subject takes the process over (a pool of threads that must not
// count against the next strategy's peaks). Its subject's Enter makes it
// before a repetition, so within one get is a single atomic load: the lock
// is taken only to make or release it.
type held[T any] struct {
	cur  atomic.Pointer[T]
	mu   sync.Mutex
	make func() T
	free func(T) error
}

// get returns the resource, making it if it is not held.
func (h *held[T]) get() T {
	if v := h.cur.Load(); v != nil {
		return *v
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if v := h.cur.Load(); v != nil {
		return *v
	}
	v := h.make()
	h.cur.Store(&v)
	return v
}

// release lets the resource go, if it is held.
func (h *held[T]) release() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	v := h.cur.Swap(nil)
	if v == nil {
		return nil
	}
	return h.free(*v)
}
