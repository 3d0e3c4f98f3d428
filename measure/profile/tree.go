package profile

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/google/pprof/profile"
)

// A Node is one frame of a strategy's call tree: a function called along
// one path from the root, with the time per operation spent with it on the
// stack along that path (cumulative) and in it (flat). A function called
// along two paths is two nodes, as in a flame graph.
type Node struct {
	Func string
	// CumSamples and FlatSamples are the samples the figures rest on.
	CumSamples, FlatSamples int64
	// CumNs and FlatNs are the time per operation (samples × period ÷
	// operations); each ± is the standard error of its samples (√n), per
	// operation.
	CumNs, CumErr   float64
	FlatNs, FlatErr float64
	// Children are the functions it calls, most cumulative time first.
	Children []*Node
}

// RootName names the root of a call tree, which every stack starts from.
const RootName = "all"

// Tree returns p's call tree per operation: the root holds every sample,
// and each stack adds its samples along its path from the outermost
// frame to the innermost. Inlined functions are frames of their own, below
// the function they were inlined into. A profile without operations or
// samples gives a root without children.
func Tree(p *Profile) *Node {
	root := &Node{Func: RootName}
	if p.CPU == nil {
		return root
	}
	for _, s := range p.CPU.Sample {
		n := s.Value[0]
		root.CumSamples += n
		at := root
		// Locations run innermost first, and so do a location's lines.
		for li := len(s.Location) - 1; li >= 0; li-- {
			lines := s.Location[li].Line
			if len(lines) == 0 {
				at = at.child("?")
				at.CumSamples += n
				continue
			}
			for ln := len(lines) - 1; ln >= 0; ln-- {
				at = at.child(funcName(lines[ln]))
				at.CumSamples += n
			}
		}
		at.FlatSamples += n
	}
	perOp := 0.0
	if p.Ops > 0 {
		perOp = float64(p.CPU.Period) / float64(p.Ops)
	}
	root.finish(perOp)
	return root
}

// TreeOf reads a strategy's CPU profile from a pprof file's bytes, of ops
// operations, and returns its call tree.
func TreeOf(data []byte, ops int64) (*Node, error) {
	cpu, err := profile.ParseData(data)
	if err != nil {
		return nil, fmt.Errorf("read the profile: %w", err)
	}
	if len(cpu.SampleType) == 0 {
		return nil, fmt.Errorf("read the profile: it has no sample values")
	}
	return Tree(&Profile{Ops: ops, CPU: cpu}), nil
}

// child returns n's child named name, which it adds if need be.
func (n *Node) child(name string) *Node {
	for _, c := range n.Children {
		if c.Func == name {
			return c
		}
	}
	c := &Node{Func: name}
	n.Children = append(n.Children, c)
	return c
}

// finish sets the times per operation from the samples, perOp nanoseconds
// a sample, and sorts the children, most cumulative time first and then
// by name, so that the order does not depend on the profile's.
func (n *Node) finish(perOp float64) {
	n.CumNs, n.CumErr = float64(n.CumSamples)*perOp, math.Sqrt(float64(n.CumSamples))*perOp
	n.FlatNs, n.FlatErr = float64(n.FlatSamples)*perOp, math.Sqrt(float64(n.FlatSamples))*perOp
	slices.SortFunc(n.Children, func(a, b *Node) int {
		return cmp.Or(cmp.Compare(b.CumSamples, a.CumSamples), cmp.Compare(a.Func, b.Func))
	})
	for _, c := range n.Children {
		c.finish(perOp)
	}
}

// Trunk returns the node under which all of n's samples run: n's only
// child, and its only child, as long as each holds every sample. The
// frames above it (the goroutine's start, the engine's loop, the label's
// wrapper) are the same for every strategy; a graph starts below them.
func (n *Node) Trunk() (trunk *Node, above []string) {
	for len(n.Children) == 1 && n.Children[0].CumSamples == n.CumSamples && n.FlatSamples == 0 {
		above = append(above, n.Func)
		n = n.Children[0]
	}
	return n, above
}

// A DiffNode is one frame of two strategies' call trees laid over each
// other: a, the baseline, and b, the strategy compared with it. A frame
// only a runs is what b no longer runs; a frame only b runs is new.
type DiffNode struct {
	Func string
	// A and B are the frame's cumulative time per operation in each (0
	// where the strategy does not run it along this path), and Delta b's
	// less a's, with the ± of the two figures' errors together.
	A, B, Delta, Err float64
	// OnlyA says b does not run the frame along this path, OnlyB that a
	// does not.
	OnlyA, OnlyB bool
	// Room is the time per operation a difference graph draws the frame
	// with: the larger of its two times, so that what b no longer runs
	// keeps the room it took in a, or its children's rooms together if
	// they take more (a frame that runs f in a and g in b makes room for
	// both below it).
	Room float64
	// Children are the frames it calls in either, most room first.
	Children []*DiffNode
}

// DiffTree lays b's call tree over a's, frame by frame along the same
// paths. Either may be nil: a strategy without a profile runs nothing.
func DiffTree(a, b *Node) *DiffNode {
	d := &DiffNode{}
	if a != nil {
		d.Func, d.A = a.Func, a.CumNs
	}
	if b != nil {
		d.Func, d.B = b.Func, b.CumNs
	}
	d.OnlyA, d.OnlyB = b == nil, a == nil
	d.Delta = d.B - d.A
	d.Err = math.Hypot(errOf(a), errOf(b))
	var names []string
	ac, bc := map[string]*Node{}, map[string]*Node{}
	for _, side := range []struct {
		n  *Node
		by map[string]*Node
	}{{a, ac}, {b, bc}} {
		if side.n == nil {
			continue
		}
		for _, c := range side.n.Children {
			if _, seen := ac[c.Func]; !seen {
				if _, seen := bc[c.Func]; !seen {
					names = append(names, c.Func)
				}
			}
			side.by[c.Func] = c
		}
	}
	var rooms float64
	for _, name := range names {
		c := DiffTree(ac[name], bc[name])
		d.Children = append(d.Children, c)
		rooms += c.Room
	}
	d.Room = max(d.A, d.B, rooms)
	slices.SortFunc(d.Children, func(x, y *DiffNode) int {
		return cmp.Or(cmp.Compare(y.Room, x.Room), cmp.Compare(x.Func, y.Func))
	})
	return d
}

// Trunk returns the frame under which all of both strategies' time runs,
// as Node.Trunk does for one: the frames both run every sample under.
func (d *DiffNode) Trunk() (trunk *DiffNode, above []string) {
	for len(d.Children) == 1 && d.Children[0].A == d.A && d.Children[0].B == d.B && d.Children[0].A+d.Children[0].B > 0 {
		above = append(above, d.Func)
		d = d.Children[0]
	}
	return d, above
}

// errOf is a node's cumulative ±, or 0 for no node.
func errOf(n *Node) float64 {
	if n == nil {
		return 0
	}
	return n.CumErr
}
