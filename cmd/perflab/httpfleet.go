package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/perflab/perflab/labs/own"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// A generatorJSON is one generator of a fleet run, as the JSON's top-level
// generators list gives it: over every URL raced, and URL by URL.
type generatorJSON struct {
	// Name is the generator's name in the run: gen1, gen2, ... for one
	// started here, gen1@HOST for one that joined from HOST.
	Name string `json:"name"`
	// TargetRate is the generator's share of an open loop's rate; a
	// closed loop has none.
	TargetRate float64 `json:"target_rate,omitempty"`
	// AchievedRate is its requests a second on its own clock over the
	// measured repetitions it took part in, every URL's: Requests over
	// MeasuredNs, in seconds. A run kept before those two figures were
	// has neither, and its rate is each URL's weighted by repetitions,
	// which is the same where the repetitions lasted alike.
	AchievedRate float64 `json:"achieved_rate"`
	// Requests are those it sent that were answered or failed, and
	// MeasuredNs the time they took on its clock, its repetitions'
	// windows summed.
	Requests   int64 `json:"requests,omitempty"`
	MeasuredNs int64 `json:"measured_ns,omitempty"`
	Reps       int   `json:"reps"`
	// Lost says the generator died or stalled mid-run; its share went
	// to the others. LostHow says how: "exited" (with its exit status,
	// or the number of the signal that ended it), "left" (its connection
	// closed), "stalled" (it said nothing past the grace), or "failed"
	// (it said something wrong).
	Lost       bool                `json:"lost,omitempty"`
	LostHow    string              `json:"lost_how,omitempty"`
	ExitStatus *int                `json:"exit_status,omitempty"`
	Signal     int                 `json:"signal,omitempty"`
	Strategies []generatorStrategy `json:"strategies"`
}

// lostOf returns generator name's figures in a fleet result's metrics,
// and whether it was lost.
func lostOf(metrics map[string]float64, name string) (own.GeneratorFigures, bool) {
	f, _ := own.FleetOf(metrics)
	for _, g := range f.Generators {
		if g.Name == name {
			return g, g.Lost
		}
	}
	return own.GeneratorFigures{}, false
}

// fleetNames are the names of a fleet result's generators, in the fleet's
// order, as its figures give them; a result whose figures list none by
// name (kept before they did) has gen1 to genN.
func fleetNames(metrics map[string]float64) []string {
	var names []string
	if f, ok := own.FleetOf(metrics); ok {
		for _, g := range f.Generators {
			names = append(names, g.Name)
		}
	}
	if n := int(metrics[own.MetricGenerators]); len(names) == 0 {
		for i := 1; i <= n; i++ {
			names = append(names, fmt.Sprintf("gen%d", i))
		}
	}
	return names
}

// generatorStrategy is one generator's figures for one URL.
type generatorStrategy struct {
	Strategy     string  `json:"strategy"`
	Share        float64 `json:"share"`
	AchievedRate float64 `json:"achieved_rate"`
	Requests     int64   `json:"requests,omitempty"`
	MeasuredNs   int64   `json:"measured_ns,omitempty"`
	Reps         int     `json:"reps"`
}

// generatorsOf reads the generators list from a run's results; nil for a
// run without generators.
func generatorsOf(results []*measure.Result) []generatorJSON {
	var gens []generatorJSON
	at := map[string]int{}
	// exact says every URL's figures of a generator held its requests
	// and their time, so that its rate over all is the one over the
	// other; weighted is its rates weighted by repetitions, its rate
	// over all for a run kept before.
	weighted := map[string]float64{}
	exact := map[string]bool{}
	for _, r := range results {
		for _, name := range fleetNames(r.Metrics) {
			i, ok := at[name]
			if !ok {
				i, at[name], exact[name] = len(gens), len(gens), true
				gens = append(gens, generatorJSON{Name: name})
			}
			g := &gens[i]
			get := func(figure string) float64 { return r.Metrics[own.GeneratorMetric(name, figure)] }
			_, has := r.Metrics[own.GeneratorMetric(name, "measured_ns")]
			st := generatorStrategy{Strategy: r.Name, Share: get("share"), AchievedRate: get("achieved_rate"),
				Requests: int64(get("requests")), MeasuredNs: int64(get("measured_ns")), Reps: int(get("reps"))}
			g.Strategies = append(g.Strategies, st)
			g.TargetRate = get("target_rate")
			exact[name] = exact[name] && has
			g.Requests += st.Requests
			g.MeasuredNs += st.MeasuredNs
			g.Reps += st.Reps
			weighted[name] += st.AchievedRate * float64(st.Reps)
			if lg, lost := lostOf(r.Metrics, name); lost {
				g.Lost = true
				if lg.LostHow != "" {
					g.LostHow, g.Signal = lg.LostHow, lg.Signal
				}
				if lg.LostHow == "exited" && lg.Signal == 0 && lg.ExitStatus >= 0 {
					g.ExitStatus = &lg.ExitStatus
				}
			}
		}
	}
	for i := range gens {
		g := &gens[i]
		switch {
		case exact[g.Name] && g.MeasuredNs > 0:
			// Requests over time, summed across the URLs: a mean of
			// each URL's rate would weigh a short window as a long one.
			g.AchievedRate = float64(g.Requests) / (float64(g.MeasuredNs) / 1e9)
		case exact[g.Name]:
			g.AchievedRate = 0
		case g.Reps > 0:
			g.AchievedRate = weighted[g.Name] / float64(g.Reps)
		}
	}
	return gens
}

// withGenerators makes a JSON writer put the run's generators list first
// in the report's object, so that a reader finds each generator's target
// and achieved rate at the top, not scattered through metrics.
func withGenerators(write report.Writer) report.Writer {
	return func(w io.Writer, rep *measure.Report) error {
		gens := generatorsOf(results(rep))
		if len(gens) == 0 {
			return write(w, rep)
		}
		var buf bytes.Buffer
		if err := write(&buf, rep); err != nil {
			return err
		}
		doc := bytes.TrimLeft(buf.Bytes(), " \t\n")
		if len(doc) == 0 || doc[0] != '{' {
			return errors.New("the JSON report is not an object: cannot add its generators")
		}
		list, err := json.MarshalIndent(gens, "  ", "  ")
		if err != nil {
			return err
		}
		out := append([]byte("{\n  \"generators\": "), list...)
		out = append(append(out, ','), doc[1:]...)
		if !json.Valid(out) {
			return errors.New("the JSON report with its generators is not valid JSON")
		}
		_, err = w.Write(out)
		return err
	}
}

// writeGenerators prints, under the comparison, each generator's share of
// each URL's load and the rate it achieved, so that a generator that could
// not keep up is seen rather than averaged into the total.
func writeGenerators(w io.Writer, results []*measure.Result) {
	for _, r := range results {
		n := int(r.Metrics[own.MetricGenerators])
		if n == 0 {
			continue
		}
		names := fleetNames(r.Metrics)
		width := 10
		for _, name := range names {
			width = max(width, len(name))
		}
		fmt.Fprintf(w, "\ngenerators: %s (%d, %s; %.0f reports/s each)\n", r.Name, n, skewWords(r.Metrics), r.Metrics[own.MetricMessages])
		fmt.Fprintf(w, "%-*s  %6s  %10s  %10s  %5s\n", width, "generator", "share", "target/s", "achieved/s", "reps")
		for _, name := range names {
			target := "closed"
			if v, ok := r.Metrics[own.GeneratorMetric(name, "target_rate")]; ok {
				target = fmt.Sprintf("%.0f", v)
			}
			lost := ""
			if g, ok := lostOf(r.Metrics, name); ok {
				why := report.LostWords(g.LostHow, g.ExitStatus, g.Signal)
				if why == "" {
					why = "died or stalled"
				}
				lost = "  lost: " + why + ", its share given to the others"
				if g.LostAtRep > 0 {
					lost = fmt.Sprintf("  lost in repetition %d: %s, its share given to the others from the next", g.LostAtRep, why)
				}
			}
			fmt.Fprintf(w, "%-*s  %5.0f%%  %10s  %10.0f  %5.0f%s\n", width, name, 100*r.Metrics[own.GeneratorMetric(name, "share")], target,
				r.Metrics[own.GeneratorMetric(name, "achieved_rate")], r.Metrics[own.GeneratorMetric(name, "reps")], lost)
		}
		fmt.Fprintf(w, "%-*s  %6s  %10s  %10.0f\n", width, "total", "100%", "", r.Metrics[own.MetricFleetRate])
	}
}

// skewWords says how closely a fleet's generators started together, and
// when that was further apart than promised, says so.
func skewWords(m map[string]float64) string {
	skew, tol := m[own.MetricSkewMax], m[own.MetricSkewTolerance]
	if tol > 0 && skew > tol {
		return fmt.Sprintf("started up to %s apart, over the %s tolerance", report.FormatNs(skew), time.Duration(tol))
	}
	return fmt.Sprintf("started together within %s, tolerance %s", report.FormatNs(skew), time.Duration(tol))
}
