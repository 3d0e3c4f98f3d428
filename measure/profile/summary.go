package profile

import (
	"cmp"
	"math"
	"slices"

	"github.com/google/pprof/profile"
)

// A Summary is one strategy's profile per operation: what the JSON contract
// carries and the front ends show.
type Summary struct {
	// Ops is the operations the strategy ran while profiled; Samples the
	// CPU samples labelled with its name, PeriodNs the sampling period.
	Ops      int64 `json:"ops"`
	Samples  int64 `json:"samples"`
	PeriodNs int64 `json:"period_ns"`
	// CPUNsPerOp is the CPU time per operation the samples add up to.
	CPUNsPerOp float64 `json:"cpu_ns_per_op"`
	// TopFlat and TopCum are the functions with the most flat and the most
	// cumulative time per operation, Top of each.
	TopFlat []Frame `json:"top_flat"`
	TopCum  []Frame `json:"top_cum"`
	// Funcs is every function with at least MinShare of the strategy's
	// samples in its cumulative time, ranked by it: what Diff compares.
	Funcs []Frame `json:"funcs"`
	// AllocsPerOp and BytesPerOp are the allocations per operation the
	// allocation profile saw; Allocs the functions that made the most.
	AllocsPerOp float64      `json:"allocs_per_op"`
	BytesPerOp  float64      `json:"bytes_per_op"`
	Allocs      []AllocFrame `json:"allocs,omitempty"`
	// Outside says the strategy's work runs outside the process (worker
	// processes, commands, other machines): its profile is of the
	// process's side of the work only, the sending and the waiting.
	Outside bool `json:"outside,omitempty"`
	// OwnProcess says the strategy's work was profiled by the process it
	// runs in (a Python worker, a Go test binary): the CPU figures are of
	// the work, and its allocations were not seen, so the allocation
	// figures are absent, not zero.
	OwnProcess bool `json:"own_process,omitempty"`
}

// A Frame is one function's time per operation of its strategy.
type Frame struct {
	Func string `json:"func"`
	// FlatNs is the time per operation in the function itself, CumNs with
	// the function anywhere on the stack; each ± is the standard error of
	// its sample count (√n samples), per operation.
	FlatNs  float64 `json:"flat_ns"`
	FlatErr float64 `json:"flat_err"`
	CumNs   float64 `json:"cum_ns"`
	CumErr  float64 `json:"cum_err"`
	// FlatSamples and CumSamples are the samples the figures rest on.
	FlatSamples int64 `json:"flat_samples"`
	CumSamples  int64 `json:"cum_samples"`
	// CumShare is the share of the strategy's samples with the function on
	// the stack.
	CumShare float64 `json:"cum_share"`
}

const (
	// Top is how many functions each ranking of a Summary keeps.
	Top = 15
	// MinShare is the least share of a strategy's samples a function must
	// be on the stack of to be kept in Funcs: below it, a function is
	// noise to this profile, and Diff calls it absent.
	MinShare = 0.005
)

// Summarize returns p per operation. A profile without operations or
// samples gives a Summary with none of its rankings.
func Summarize(p *Profile) Summary {
	s := Summary{Ops: p.Ops}
	cpu := p.CPU
	if cpu != nil {
		s.PeriodNs = cpu.Period
		s.Samples, s.Funcs = functions(cpu)
	}
	if s.Ops > 0 {
		ops := float64(s.Ops)
		for _, a := range p.Allocs {
			s.AllocsPerOp += a.Objects / ops
			s.BytesPerOp += a.Bytes / ops
			if len(s.Allocs) < Top {
				s.Allocs = append(s.Allocs, AllocFrame{Func: a.Func, Objects: a.Objects / ops, Bytes: a.Bytes / ops})
			}
		}
	}
	if s.Ops == 0 || s.Samples == 0 {
		s.Funcs = nil
		return s
	}
	perOp := float64(s.PeriodNs) / float64(s.Ops)
	s.CPUNsPerOp = float64(s.Samples) * perOp
	for i := range s.Funcs {
		f := &s.Funcs[i]
		f.FlatNs, f.FlatErr = float64(f.FlatSamples)*perOp, math.Sqrt(float64(f.FlatSamples))*perOp
		f.CumNs, f.CumErr = float64(f.CumSamples)*perOp, math.Sqrt(float64(f.CumSamples))*perOp
		f.CumShare = float64(f.CumSamples) / float64(s.Samples)
	}
	s.Funcs = slices.DeleteFunc(s.Funcs, func(f Frame) bool { return f.CumShare < MinShare })
	s.Funcs = sortedBy(s.Funcs, func(f Frame) int64 { return f.CumSamples })
	s.TopCum = s.Funcs[:min(Top, len(s.Funcs))]
	flat := slices.DeleteFunc(slices.Clone(s.Funcs), func(f Frame) bool { return f.FlatSamples == 0 })
	flat = sortedBy(flat, func(f Frame) int64 { return f.FlatSamples })
	s.TopFlat = flat[:min(Top, len(flat))]
	return s
}

// functions counts every function's flat and cumulative samples. A sample
// counts once in the cumulative time of every function on its stack,
// however often it recurs, and its flat time goes to the innermost frame,
// which for an inlined call is the inlined function (pprof keeps inlined
// frames as lines of one location, innermost first).
func functions(p *profile.Profile) (samples int64, funcs []Frame) {
	by := map[string]*Frame{}
	frame := func(name string) *Frame {
		f := by[name]
		if f == nil {
			f = &Frame{Func: name}
			by[name] = f
		}
		return f
	}
	for _, s := range p.Sample {
		n := s.Value[0]
		samples += n
		seen := map[string]bool{}
		for li, loc := range s.Location {
			for ln, line := range loc.Line {
				name := funcName(line)
				if li == 0 && ln == 0 {
					frame(name).FlatSamples += n
				}
				if !seen[name] {
					seen[name] = true
					frame(name).CumSamples += n
				}
			}
			if len(loc.Line) == 0 && li == 0 {
				frame("?").FlatSamples += n
			}
		}
	}
	for _, f := range by {
		funcs = append(funcs, *f)
	}
	return samples, funcs
}

// funcName names a line's function, or "?" for one without symbols.
func funcName(l profile.Line) string {
	if l.Function == nil || l.Function.Name == "" {
		return "?"
	}
	return l.Function.Name
}

// sortedBy sorts funcs by key, most first, then by name so that the order
// does not depend on a map's.
func sortedBy(funcs []Frame, key func(Frame) int64) []Frame {
	slices.SortFunc(funcs, func(a, b Frame) int {
		return cmp.Or(cmp.Compare(key(b), key(a)), cmp.Compare(a.Func, b.Func))
	})
	return funcs
}
