package profile

import (
	"cmp"
	"math"
	"reflect"
	"runtime"
	"slices"
	"strings"
)

// An AllocFrame is the allocations one function made while a strategy ran:
// the innermost frame of the allocation's stack outside the runtime.
type AllocFrame struct {
	Func    string  `json:"func"`
	Objects float64 `json:"objects"`
	Bytes   float64 `json:"bytes"`
}

// stackKey is an allocation site: the stack the runtime keeps for it.
type stackKey [32]uintptr

// allocCount is what one site allocated, scaled back up from the samples.
type allocCount struct{ objects, bytes float64 }

// allocDelta is what each site allocated between two readings.
type allocDelta map[stackKey]allocCount

// readAllocs reads the allocation profile. A collection first publishes
// the allocations made since the last one: the runtime gives the profile as
// of the last finished collection.
func readAllocs() allocDelta {
	runtime.GC()
	n, _ := runtime.MemProfile(nil, true)
	// Room for sites added between the two calls; a second try with more
	// room if they were more than that.
	for {
		recs := make([]runtime.MemProfileRecord, n+50)
		m, ok := runtime.MemProfile(recs, true)
		if ok {
			return countSites(recs[:m])
		}
		n = m
	}
}

// countSites scales each record back up from the sampled profile as go tool
// pprof does: an allocation of s bytes is sampled with chance
// 1-exp(-s/rate).
func countSites(recs []runtime.MemProfileRecord) allocDelta {
	rate := float64(runtime.MemProfileRate)
	d := make(allocDelta, len(recs))
	for _, r := range recs {
		objs, bytes := float64(r.AllocObjects), float64(r.AllocBytes)
		if objs == 0 {
			continue
		}
		if rate > 1 {
			scale := 1 / (1 - math.Exp(-(bytes/objs)/rate))
			objs, bytes = objs*scale, bytes*scale
		}
		c := d[r.Stack0]
		d[r.Stack0] = allocCount{c.objects + objs, c.bytes + bytes}
	}
	return d
}

// sub returns what grew from before to d, site by site.
func (d allocDelta) sub(before allocDelta) allocDelta {
	out := make(allocDelta)
	for k, c := range d {
		b := before[k]
		if c.objects > b.objects {
			out[k] = allocCount{c.objects - b.objects, c.bytes - b.bytes}
		}
	}
	return out
}

// add returns d with more added, site by site; a nil d starts empty.
func (d allocDelta) add(more allocDelta) allocDelta {
	if d == nil {
		d = make(allocDelta)
	}
	for k, c := range more {
		o := d[k]
		d[k] = allocCount{o.objects + c.objects, o.bytes + c.bytes}
	}
	return d
}

// frames gives each site's allocations to its innermost function outside the
// runtime (runtime.makemap's caller, not runtime.makemap), summed by
// function and ranked by bytes.
func (d allocDelta) frames() []AllocFrame {
	by := map[string]*AllocFrame{}
	for k, c := range d {
		fn := allocator(k)
		if bookkeeping[fn] || strings.HasPrefix(fn, "runtime/pprof.") {
			// The session's own readings, and the CPU profiler's
			// goroutine encoding samples meanwhile.
			continue
		}
		f := by[fn]
		if f == nil {
			f = &AllocFrame{Func: fn}
			by[fn] = f
		}
		f.Objects += c.objects
		f.Bytes += c.bytes
	}
	out := make([]AllocFrame, 0, len(by))
	for _, f := range by {
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b AllocFrame) int {
		return cmp.Or(cmp.Compare(b.Bytes, a.Bytes), cmp.Compare(a.Func, b.Func))
	})
	return out
}

// allocator names the innermost function of stack outside the runtime, or
// the innermost one when the runtime allocated for itself.
func allocator(stack stackKey) string {
	pcs := stack[:]
	if i := slices.Index(pcs, 0); i >= 0 {
		pcs = pcs[:i]
	}
	frames := runtime.CallersFrames(pcs)
	first := ""
	for {
		f, more := frames.Next()
		if first == "" {
			first = f.Function
		}
		if !isRuntime(f.Function) {
			return f.Function
		}
		if !more {
			return first
		}
	}
}

// bookkeeping names the functions that read the allocation profile: what
// they allocate is the session's own, and a reading's slices would
// otherwise be given to the strategy whose work follows it.
var bookkeeping = func() map[string]bool {
	pkg := reflect.TypeFor[AllocFrame]().PkgPath()
	return map[string]bool{
		pkg + ".readAllocs": true, pkg + ".countSites": true,
		pkg + ".allocDelta.sub": true, pkg + ".allocDelta.add": true,
	}
}()

// isRuntime says fn is the runtime's own: its allocator, and its map and
// slice code (internal/runtime/maps.newobject), which allocate for a caller.
func isRuntime(fn string) bool {
	return strings.HasPrefix(fn, "runtime.") || strings.HasPrefix(fn, "internal/runtime/")
}
