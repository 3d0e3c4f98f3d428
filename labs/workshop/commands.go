package workshop

import (
	"fmt"
	"slices"
	"strings"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
)

// Commands lists what a planned run would run or reach on this machine
// beyond perflab's own code: each command, URL or Python file its
// parameters name, as "cmd_a: touch x". A file someone sends (a workshop, a
// kept run raced again) must not run these without the person seeing them
// and saying yes; a plan of the catalogue's own lessons lists nothing.
func Commands(p *labs.Plan) []string {
	// Only "your own" lab runs what its parameters name; the lessons
	// run perflab's own code, whatever their parameters.
	if p == nil || p.Lab == nil || !p.Lab.Own {
		return nil
	}
	var out []string
	for _, param := range p.Workload.Params {
		if !acting(param.Name, p) {
			continue
		}
		v, ok := p.Values[param.Name]
		if !ok {
			continue
		}
		if s := strings.TrimSpace(fmt.Sprint(v)); s != "" {
			out = append(out, param.Name+": "+s)
		}
	}
	return out
}

// acting reports whether the parameter name of plan p names something that
// runs or is reached: a command or URL of a strategy raced (cmd_a for
// strategy a), the command run before each run, or a Python file.
func acting(name string, p *labs.Plan) bool {
	for _, prefix := range []string{"cmd_", "url_"} {
		if slot, ok := strings.CutPrefix(name, prefix); ok {
			return raced(p, slot)
		}
	}
	return name == "prepare" || name == "setup" || name == "cleanup" || (name != "" && name == p.Workload.FileParam)
}

// raced reports whether strategy id is one of the plan's.
func raced(p *labs.Plan, id string) bool {
	return slices.ContainsFunc(p.Strategies, func(s *lab.Strategy) bool { return s.ID == id })
}
