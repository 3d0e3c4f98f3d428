// Command perflab is a terminal performance lab: it runs strategies side by
// side through one measurement engine and shows an honest verdict.
//
// With no arguments it opens the interactive lab; its subcommands are run,
// list, compare, exec, http, python, runs, replay, workshop, join, worker and
// version (perflab help lists them).
//
// # Architecture
//
// perflab is four layers, and imports point one way only:
//
//	cmd/perflab  the command line: parses flags, prints results, exits 2 on bad input
//	    │
//	    ├──▶ tui     the Bubble Tea screens: home, set-up, run, results
//	    │      │
//	    ├──────┴──▶ labs     the catalogue: labs, workloads, parameters, strategies
//	    │             │
//	    └─────────────┴──▶ measure  the engine: recording, calibration, rounds, statistics
//
// measure imports neither the UI nor the labs, nor measure/report, where
// the writers and formatters of results live apart from the statistics they
// print; the engine's one helper of its own is measure/profile, which
// splits a CPU profile by strategy and knows nothing of the engine; labs
// draws nothing; only tui and this command import Bubble Tea,
// Bubbles or lipgloss. Below the four, three groups have names: the lessons
// (labs/measuring, labs/datastructures, labs/optimize, labs/threads,
// labs/async, labs/processes, labs/machines), none of which imports another;
// the shared machinery under labs/internal, which imports no lesson; and the
// test helpers (measure/measuretest, labs/internal/labtest,
// labs/internal/worker/workertest), which only tests import.
//
// Who may import whom, among perflab's own packages (layers_test.go holds
// the code to this table, with the third-party modules each row may use,
// and checks that this table says the same):
//
//	measure                          measure/profile
//	measure/profile                  nothing of perflab
//	measure/regular                  nothing of perflab
//	measure/report                   measure, measure/profile
//	measure/runs                     measure, measure/report, measure/regular
//	labs/lab                         measure
//	shared                           shared, labs/lab, measure, measure/profile, measure/regular
//	lessons                          shared, labs/lab, measure
//	labs/internal/fleet              shared, labs/lab, measure
//	labs/internal/deploy/k8s         nothing of perflab
//	labs/own                         shared, labs/internal/fleet, labs/lab, measure
//	labs                             lessons, shared, labs/lab, labs/own, measure
//	labs/workshop                    labs, labs/lab, measure, measure/runs, measure/regular
//	labs/workshop/room               labs/internal/natsd, labs/lab
//	tui                              labs, labs/lab, labs/workshop, labs/workshop/room, measure, measure/profile, measure/report, measure/runs
//	cmd/perflab                      tui, labs, labs/lab, labs/own, labs/workshop, labs/workshop/room, measure, measure/report, measure/runs, measure/regular
//	measure/measuretest              nothing of perflab
//	labs/internal/labtest            labs/lab, measure, measure/measuretest
//	labs/internal/worker/workertest  labs/internal/python, measure/measuretest
//
// So the TUI knows the labs through the catalogue (labs) and the types of
// labs/lab only: a lab says whether it is "your own" (lab.Lab.Own) and a
// workload whether it reads a Python file (lab.Workload.FileParam), so no
// screen counts lessons or names a lab. It imports one more package by
// name, the workshop (labs/workshop), whose screens walk a room through its
// lessons.
//
// Under labs/, each lesson is one package named after its lab (labs/measuring
// for lab 1, because measure is the engine; labs/datastructures for
// data-structures), and the machinery the lessons share lives under
// labs/internal: the worker processes of labs 6 and 7 (worker), the loopback
// HTTP backend (backend), the /proc probe (probe), the NATS work queue (queue),
// the start of every NATS server perflab embeds (natsd: the queue's, the
// fleet's hub and the workshop's room),
// the Python worker (python) and the builder of the lessons' Python
// workloads from their declarations (pytrack), test helpers (labtest) and
// deployment files (deploy). The "your own" lab,
// labs/own, races a person's commands (perflab exec) and HTTP services
// (perflab http) and a Go module's benchmarks across git revisions (perflab
// bench) through the same engine, with the command runner
// (labs/internal/command), the HTTP load client (labs/internal/httpload), the
// fleet of load generator processes, local or joining over NATS from other
// machines, that merges their HDR histograms exactly (labs/internal/fleet), and the test binary builder
// (labs/internal/gobench, which reads the benchmark format with
// golang.org/x/perf/benchfmt). The holder of process groups
// (labs/internal/proc) ends what commands and Python workers started when
// perflab ends, even by SIGKILL.
// labs/workshop is a plan for a room (perflab workshop): lessons in order,
// each a race with a question, checked against the catalogue, and the judge
// that scores the room's answer against the race's verdicts; the TUI walks
// it, and runs or replays each race as any other. labs/workshop/room is the
// room participants join (perflab workshop --room, perflab join): an embedded
// NATS server whose permissions keep each participant's answers from the
// others, and the checked messages of both ends.
//
// # One run
//
//  1. The person (the TUI, or perflab run) picks a lab, a workload, strategies
//     and parameters. The workload validates the parameters before anything
//     starts: a bad value is one clear message.
//  2. labs plans the run and builds one measure.Subject per strategy; set-up
//     (a map of N keys, a loopback server, worker processes) happens here,
//     outside the clock.
//  3. measure runs interleaved repetitions (A B C A B C ...), the first a
//     discarded warm-up; it batches tiny operations or times each one, in a
//     closed loop or at a fixed arrival rate, and publishes a snapshot every
//     interval on a channel where the newest replaces one not yet read.
//  4. At the end each strategy has a measure.Result, compared with the
//     baseline's for a verdict: faster, slower, no difference (~) or
//     inconclusive, with the reason.
//  5. The TUI draws the snapshots live and the comparison at the end; the
//     command line prints or exports the same report (measure/report).
//
// go doc ./measure explains the engine, go doc ./labs the catalogue and
// go doc ./tui the screens.
package main
