package optimize

import (
	"sync"
	"sync/atomic"
)

// perWorker hands each engine worker a state of its own, made on the
// worker's first call. Reading is lock-free: a worker's state is found
// through an atomically published slice, so workers never contend for it;
// only a new worker takes the lock, once, to grow the slice.
type perWorker[T any] struct {
	mu    sync.Mutex
	items atomic.Pointer[[]*T]
	make  func(w int) *T
}

func newPerWorker[T any](mk func(w int) *T) *perWorker[T] {
	return &perWorker[T]{make: mk}
}

// get returns worker w's state.
func (p *perWorker[T]) get(w int) *T {
	if s := p.items.Load(); s != nil && w < len(*s) && (*s)[w] != nil {
		return (*s)[w]
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	var cur []*T
	if s := p.items.Load(); s != nil {
		cur = *s
	}
	if w < len(cur) && cur[w] != nil {
		return cur[w]
	}
	// Copy rather than grow in place: readers may hold the old slice.
	next := make([]*T, max(len(cur), w+1))
	copy(next, cur)
	next[w] = p.make(w)
	p.items.Store(&next)
	return next[w]
}

// each calls f with every state made so far.
func (p *perWorker[T]) each(f func(*T)) {
	s := p.items.Load()
	if s == nil {
		return
	}
	for _, x := range *s {
		if x != nil {
			f(x)
		}
	}
}
