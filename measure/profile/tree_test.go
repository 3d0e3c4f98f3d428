package profile

import (
	"math"
	"testing"
	"time"
)

// treeStacks are a slice scan's known stacks: of 100 samples, 90 under
// slices.Contains (85 in it, 5 in the preemption it calls), 10 in the
// method itself, all under the engine's worker and the goroutine's start.
func treeStacks() []Stack {
	start := Place{Func: "runtime.goexit"}
	worker := Place{Func: "measure.worker"}
	contains := Place{Func: "sliceSet.contains"}
	scan := Place{Func: "slices.Contains"}
	preempt := Place{Func: "runtime.asyncPreempt"}
	return []Stack{
		{Frames: []Place{scan, contains, worker, start}, Count: 85},
		{Frames: []Place{preempt, scan, contains, worker, start}, Count: 5},
		{Frames: []Place{contains, worker, start}, Count: 10},
	}
}

// mapStacks are a map's: 40 samples, all under the worker, 30 in
// runtime.mapaccess and 10 in the method.
func mapStacks() []Stack {
	start := Place{Func: "runtime.goexit"}
	worker := Place{Func: "measure.worker"}
	contains := Place{Func: "mapSet.contains"}
	access := Place{Func: "runtime.mapaccess"}
	return []Stack{
		{Frames: []Place{access, contains, worker, start}, Count: 30},
		{Frames: []Place{contains, worker, start}, Count: 10},
	}
}

func treeOf(t *testing.T, stacks []Stack, ops int64) *Node {
	t.Helper()
	data, err := Encode(stacks, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	n, err := TreeOf(data, ops)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func near(got, want float64) bool { return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want)) }

func TestTreeIsPerOperation(t *testing.T) {
	// 1000 operations, 10 ms a sample: a sample is 10 µs of an operation.
	root := treeOf(t, treeStacks(), 1000)
	if root.Func != RootName || root.CumSamples != 100 || !near(root.CumNs, 1e6) {
		t.Fatalf("root = %s, %d samples, %v ns/op; want all, 100, 1ms", root.Func, root.CumSamples, root.CumNs)
	}
	trunk, above := root.Trunk()
	if trunk.Func != "sliceSet.contains" || len(above) != 3 {
		t.Fatalf("trunk = %s under %v, want sliceSet.contains under all, goexit and the worker", trunk.Func, above)
	}
	if trunk.FlatSamples != 10 || !near(trunk.FlatNs, 1e5) || !near(trunk.FlatErr, math.Sqrt(10)*1e4) {
		t.Errorf("contains flat = %d samples, %v ± %v ns/op; want 10, 100µs ± √10×10µs", trunk.FlatSamples, trunk.FlatNs, trunk.FlatErr)
	}
	if len(trunk.Children) != 1 {
		t.Fatalf("contains calls %d functions, want 1", len(trunk.Children))
	}
	scan := trunk.Children[0]
	if scan.Func != "slices.Contains" || scan.CumSamples != 90 || scan.FlatSamples != 85 || !near(scan.CumNs, 9e5) {
		t.Errorf("slices.Contains = %+v, want 90 cumulative samples (900µs/op), 85 flat", scan)
	}
	if len(scan.Children) != 1 || scan.Children[0].Func != "runtime.asyncPreempt" || scan.Children[0].CumSamples != 5 {
		t.Errorf("slices.Contains calls %+v, want runtime.asyncPreempt with 5 samples", scan.Children)
	}
}

func TestTreeWithoutOperationsOrSamples(t *testing.T) {
	root := treeOf(t, treeStacks(), 0)
	if root.CumSamples != 100 || root.CumNs != 0 {
		t.Errorf("no operations: %d samples, %v ns/op; want the samples and no time per op", root.CumSamples, root.CumNs)
	}
	if n := Tree(&Profile{Ops: 10}); n.Func != RootName || len(n.Children) != 0 {
		t.Errorf("no profile: %+v, want a bare root", n)
	}
	if _, err := TreeOf([]byte("not a profile"), 10); err == nil {
		t.Error("bytes that are no profile made a tree")
	}
}

func TestDiffTreeSaysWhatTheMapNoLongerRuns(t *testing.T) {
	// The slice ran 1000 operations in 100 samples, the map 100000 in 40:
	// 1ms against 4µs an operation.
	a, b := treeOf(t, treeStacks(), 1000), treeOf(t, mapStacks(), 100_000)
	d := DiffTree(a, b)
	if d.OnlyA || d.OnlyB || !near(d.A, 1e6) || !near(d.B, 4e3) || !near(d.Delta, 4e3-1e6) {
		t.Fatalf("root = %+v, want both, 1ms against 4µs", d)
	}
	wantErr := math.Hypot(math.Sqrt(100)*1e4, math.Sqrt(40)*100)
	if !near(d.Err, wantErr) {
		t.Errorf("root ± = %v, want %v", d.Err, wantErr)
	}
	trunk, above := d.Trunk()
	if trunk.Func != "measure.worker" || len(above) != 2 {
		t.Fatalf("trunk = %s under %v, want the worker, the frame both run under", trunk.Func, above)
	}
	if len(trunk.Children) != 2 {
		t.Fatalf("the worker calls %d frames in either, want 2", len(trunk.Children))
	}
	gone, added := trunk.Children[0], trunk.Children[1]
	if gone.Func != "sliceSet.contains" || !gone.OnlyA || gone.OnlyB || !near(gone.A, 1e6) || gone.B != 0 {
		t.Errorf("first = %+v, want sliceSet.contains, which the map no longer runs", gone)
	}
	if len(gone.Children) != 1 || gone.Children[0].Func != "slices.Contains" || !gone.Children[0].OnlyA {
		t.Errorf("under sliceSet.contains: %+v, want slices.Contains, the slice's only", gone.Children)
	}
	if added.Func != "mapSet.contains" || !added.OnlyB || !near(added.B, 4e3) || !near(added.Delta, 4e3) {
		t.Errorf("second = %+v, want mapSet.contains, new in the map", added)
	}
	if len(added.Children) != 1 || added.Children[0].Func != "runtime.mapaccess" || !near(added.Children[0].B, 3e3) {
		t.Errorf("under mapSet.contains: %+v, want runtime.mapaccess at 3µs/op", added.Children)
	}
}

func TestDiffTreeOfOneSide(t *testing.T) {
	a := treeOf(t, treeStacks(), 1000)
	d := DiffTree(a, nil)
	if !d.OnlyA || d.B != 0 || !near(d.Delta, -1e6) {
		t.Errorf("against nothing: %+v, want all of a gone", d)
	}
	if d := DiffTree(nil, a); !d.OnlyB || !near(d.Delta, 1e6) {
		t.Errorf("from nothing: %+v, want all of b new", d)
	}
}
