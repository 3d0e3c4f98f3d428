package own

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/perflab/perflab/labs/internal/fleet"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// Slots are the strategies of the TUI's own workloads: up to three commands
// or URLs, typed as the parameters cmd_a or url_a, and so on.
var Slots = []string{"a", "b", "c"}

// The prefixes of the parameters that hold the commands and the URLs.
const (
	cmdPrefix = "cmd_"
	urlPrefix = "url_"
)

// sweepParam is the number a TUI sweep puts in place of {n} in commands.
const sweepParam = "n"

// Catalogue returns the "your own" lab as the interactive lab offers it
// after the seven lessons: workloads exec and http whose commands and URLs
// are typed into parameters cmd_a, cmd_b and cmd_c (url_a, ... for http),
// raced as strategies a, b and c.
// Choosing a strategy whose parameter is blank is refused before anything
// runs.
func Catalogue() *lab.Lab { return New(execCatalogue(), httpCatalogue(), pythonCatalogue()) }

// slotParams are the parameters prefix_a, prefix_b and prefix_c, with the
// examples given as their defaults.
func slotParams(prefix, what string, examples ...string) []lab.Param {
	ps := make([]lab.Param, len(Slots))
	for i, s := range Slots {
		ps[i] = lab.Param{Name: prefix + s, Kind: lab.Text, Help: fmt.Sprintf("%s raced as strategy %s", what, s)}
		if i < len(examples) {
			ps[i].Default = examples[i]
		}
	}
	return ps
}

func execCatalogue() *lab.Workload {
	params := append(slotParams(cmdPrefix, "the command", "sleep 0.01", "sleep 0.02", "sleep 0.01 && sleep 0.01"),
		lab.Param{Name: "no_shell", Kind: lab.Bool, Default: "false", Help: "run every command without sh -c, refusing one that needs a shell; otherwise only those that need one use it"},
		lab.Param{Name: "prepare", Kind: lab.Text, Help: "a command run before every timed run, outside the clock"},
		lab.Param{Name: "ignore_failure", Kind: lab.Bool, Default: "false", Help: "time runs that exit non-zero instead of failing them"},
		lab.Param{Name: sweepParam, Kind: lab.Float, Default: "0", Help: "replaces {n} in the commands: sweep it for a growth curve"},
	)
	w := &lab.Workload{
		ID: "exec", Title: "Your commands, raced run against run", Params: params, CheckChosen: checkExecChosen,
		Profile: lab.ProfileNone,
		Lesson: "Type up to three commands into cmd_a, cmd_b and cmd_c and race them as strategies a, b and c; a is the baseline. " +
			"Each run records its wall time, CPU time, peak memory and exit status.",
		Config: func(v lab.Values, c *measure.Config) {
			c.Workers, c.Rate = 1, 0
			if v.String("prepare") != "" {
				c.RepOps = 1
			}
		},
		Prepare: func(env *lab.Env) (any, error) {
			o, err := execOptionsOf(env.Params)
			if err != nil {
				return nil, err
			}
			return o.prepare(env)
		},
	}
	for _, s := range Slots {
		w.Strategies = append(w.Strategies, lab.Strategy{ID: s, Title: "command " + s, Help: "runs the command typed into " + cmdPrefix + s,
			New: func(env *lab.Env) (*measure.Subject, error) {
				if err := slotTyped(env.Params, cmdPrefix, s, "a command"); err != nil {
					return nil, err
				}
				o, err := execOptionsOf(env.Params)
				if err != nil {
					return nil, err
				}
				return o.subject(env, env.Params.String(cmdPrefix+s))
			}})
	}
	return w
}

// execOptionsOf reads the exec workload's parameters and checks every
// command typed, before anything runs.
func execOptionsOf(v lab.Values) (*ExecOptions, error) {
	o := &ExecOptions{NoShell: v.Bool("no_shell"), Prepare: v.String("prepare"), IgnoreFailure: v.Bool("ignore_failure")}
	for _, s := range Slots {
		if text := strings.TrimSpace(v.String(cmdPrefix + s)); text != "" {
			o.Commands = append(o.Commands, text)
		}
	}
	if len(o.Commands) == 0 {
		return nil, errors.New("type a command into cmd_a, cmd_b or cmd_c")
	}
	if err := o.check(); err != nil {
		return nil, err
	}
	// Every command is checked as it is; one with {n} is checked again,
	// with n's value, when its subject is built.
	o.Sweep = sweepParam
	return o, nil
}

func httpCatalogue() *lab.Workload {
	params := append(slotParams(urlPrefix, "the URL", "http://127.0.0.1:8080/", "http://127.0.0.1:8081/", "http://127.0.0.1:8082/"),
		lab.Param{Name: "method", Kind: lab.Choice, Default: "GET", Choices: Methods, Help: "the request method"},
		lab.Param{Name: "header", Kind: lab.Text, Help: "one request header, Name: value"},
		lab.Param{Name: "body", Kind: lab.Text, Help: "the request body"},
		lab.Param{Name: "timeout", Kind: lab.Duration, Default: "10s", Min: "1ms", Help: "bound on one request; past it, a timeout"},
	)
	base, err := HTTP(HTTPOptions{Requests: []Request{{URL: "http://127.0.0.1/", Timeout: time.Second}}})
	if err != nil {
		panic(err) // a fixed, valid request: only a defect of the build fails here
	}
	hw := base.Workloads[0]
	w := &lab.Workload{
		ID: "http", Title: hw.Title, CheckChosen: checkHTTPChosen,
		Params: append(append(params, hw.Params...), lab.Param{Name: ParamGenerators, Kind: lab.Int, Default: "0", Min: "0",
			Max: strconv.Itoa(MaxGenerators), Help: fmt.Sprintf("local generator processes to split the load over (0: none); repetitions then last at least %v", minFleetRep)}),
		Profile: lab.ProfileNone,
		Lesson: "Type up to three URLs into url_a, url_b and url_c and race them as strategies a, b and c; a is the baseline. " +
			"Set a rate for an open loop, and sweep it to see latency against load. " +
			"Set generators to split the load over processes of their own, as machines would, each one's share and rate shown.",
		Config: func(v lab.Values, c *measure.Config) {
			hw.Config(v, c)
			if v.Int(ParamGenerators) > 0 {
				// Every generator starts a repetition StartLead after
				// it is told, and reports every 100 ms: a repetition
				// much shorter would be mostly lead.
				c.RepDuration = max(c.RepDuration, minFleetRep)
			}
		},
	}
	// One fleet a run, shared by its strategies as perflab http's are.
	fs := &fleets{byEnv: map[*lab.Env]*fleet.Fleet{}}
	for _, s := range Slots {
		w.Strategies = append(w.Strategies, lab.Strategy{ID: s, Title: "URL " + s, Help: "loads the URL typed into " + urlPrefix + s,
			New: func(env *lab.Env) (*measure.Subject, error) {
				if err := slotTyped(env.Params, urlPrefix, s, "a URL"); err != nil {
					return nil, err
				}
				t, err := requestOf(env.Params, s).Parse()
				if err != nil {
					return nil, err
				}
				if n := env.Params.Int(ParamGenerators); n > 0 {
					if err := CheckRequest(requestOf(env.Params, s)); err != nil {
						return nil, err
					}
					targets, i := slotTargets(env.Params, s)
					return fleetHTTPSubject(env, fs, HTTPOptions{Generators: n}, targets, i)
				}
				return httpSubject(env, t), nil
			}})
	}
	return w
}

// minFleetRep is the shortest repetition of a run over generators.
const minFleetRep = 500 * time.Millisecond

// slotTargets are the fleet's targets of a run of the http workload: every
// slot whose request parses, in order, so that each strategy's index is the
// same whichever builds the fleet; i is slot s's, which the caller has
// checked. A slot left out of the race whose request does not parse is
// left out of the targets.
func slotTargets(v lab.Values, s string) (targets []fleet.Target, i int) {
	for _, slot := range Slots {
		if strings.TrimSpace(v.String(urlPrefix+slot)) == "" {
			continue
		}
		r := requestOf(v, slot)
		t, err := r.Parse()
		if err != nil || CheckRequest(r) != nil {
			continue
		}
		if slot == s {
			i = len(targets)
		}
		targets = append(targets, fleet.TargetOf(t))
	}
	return targets, i
}

// requestOf reads the request of slot s from the http workload's
// parameters.
func requestOf(v lab.Values, s string) Request {
	r := Request{URL: v.String(urlPrefix + s), Method: v.String("method"), Body: v.String("body"), Timeout: v.Duration("timeout")}
	if h := strings.TrimSpace(v.String("header")); h != "" {
		r.Headers = []string{h}
	}
	return r
}

// slotTyped refuses a chosen strategy whose parameter is blank.
func slotTyped(v lab.Values, prefix, s, what string) error {
	if strings.TrimSpace(v.String(prefix+s)) == "" {
		return fmt.Errorf("%s%s is empty: type %s into it, or leave strategy %s out", prefix, s, what, s)
	}
	return nil
}
