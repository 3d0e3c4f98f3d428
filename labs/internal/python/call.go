package python

import (
	"context"
	"encoding/json"
	"time"
)

// Call runs the loaded module's function fn with args in the worker and
// returns what it returned, decoded into out, and how long the call took
// by the worker's clock. A worker that serves tasks one at a time uses it,
// rather than the timing loop of run, because each task is one call whose
// value matters. A cancel kills the worker: the Proc is then done for.
func (p *Proc) Call(ctx context.Context, out any, fn string, args ...any) (time.Duration, error) {
	if args == nil {
		args = []any{}
	}
	var r struct {
		Value json.RawMessage `json:"value"`
		NS    int64           `json:"ns"`
	}
	if err := p.call(ctx, map[string]any{"cmd": "call", "fn": fn, "args": args}, &r); err != nil {
		return 0, err
	}
	if out != nil {
		if err := json.Unmarshal(r.Value, out); err != nil {
			return 0, err
		}
	}
	return time.Duration(r.NS), nil
}
