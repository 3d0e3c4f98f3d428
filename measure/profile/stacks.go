package profile

import (
	"bytes"
	"fmt"
	"time"

	"github.com/google/pprof/profile"
)

// A Stack is one call stack a profiler outside Go's runtime sampled (a
// Python worker's, say), innermost frame first, and how many times.
type Stack struct {
	Frames []Place
	Count  int64
}

// A Place is one frame of a Stack: the function, and the file and line it
// was at.
type Place struct {
	Func string
	File string
	Line int64
}

// Encode writes stacks sampled every period as a CPU profile in the shape
// runtime/pprof writes (samples/count and cpu/nanoseconds), so that a
// profile taken in another process reads, sums and opens in go tool pprof
// as a Go strategy's does. It returns the pprof file's bytes.
func Encode(stacks []Stack, period time.Duration) ([]byte, error) {
	if period <= 0 {
		return nil, fmt.Errorf("encode a profile: a sampling period of %v", period)
	}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		PeriodType: &profile.ValueType{Type: "cpu", Unit: "nanoseconds"},
		Period:     int64(period),
	}
	funcs := map[[2]string]*profile.Function{}
	locs := map[Place]*profile.Location{}
	for _, st := range stacks {
		if st.Count <= 0 {
			continue
		}
		s := &profile.Sample{Value: []int64{st.Count, st.Count * int64(period)}}
		for _, pl := range st.Frames {
			loc := locs[pl]
			if loc == nil {
				fn := funcs[[2]string{pl.Func, pl.File}]
				if fn == nil {
					fn = &profile.Function{ID: uint64(len(p.Function) + 1), Name: pl.Func, SystemName: pl.Func, Filename: pl.File}
					funcs[[2]string{pl.Func, pl.File}] = fn
					p.Function = append(p.Function, fn)
				}
				loc = &profile.Location{ID: uint64(len(p.Location) + 1), Line: []profile.Line{{Function: fn, Line: pl.Line}}}
				locs[pl] = loc
				p.Location = append(p.Location, loc)
			}
			s.Location = append(s.Location, loc)
		}
		p.Sample = append(p.Sample, s)
	}
	if err := p.CheckValid(); err != nil {
		return nil, fmt.Errorf("encode a profile: %w", err)
	}
	var buf bytes.Buffer
	if err := p.Write(&buf); err != nil {
		return nil, fmt.Errorf("encode a profile: %w", err)
	}
	return buf.Bytes(), nil
}
