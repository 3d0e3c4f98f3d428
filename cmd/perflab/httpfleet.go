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
	Name string `json:"name"`
	// TargetRate is the generator's share of an open loop's rate; a
	// closed loop has none.
	TargetRate float64 `json:"target_rate,omitempty"`
	// AchievedRate is its requests a second on its own clock, over the
	// measured repetitions it took part in.
	AchievedRate float64 `json:"achieved_rate"`
	Reps         int     `json:"reps"`
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

// generatorStrategy is one generator's figures for one URL.
type generatorStrategy struct {
	Strategy     string  `json:"strategy"`
	Share        float64 `json:"share"`
	AchievedRate float64 `json:"achieved_rate"`
	Reps         int     `json:"reps"`
}

// generatorsOf reads the generators list from a run's results; nil for a
// run without generators.
func generatorsOf(results []*measure.Result) []generatorJSON {
	var gens []generatorJSON
	for _, r := range results {
		n := int(r.Metrics[own.MetricGenerators])
		for i := 1; i <= n; i++ {
			name := fmt.Sprintf("gen%d", i)
			if len(gens) < i {
				gens = append(gens, generatorJSON{Name: name})
			}
			g := &gens[i-1]
			st := generatorStrategy{Strategy: r.Name, Share: r.Metrics[own.GeneratorMetric(name, "share")],
				AchievedRate: r.Metrics[own.GeneratorMetric(name, "achieved_rate")], Reps: int(r.Metrics[own.GeneratorMetric(name, "reps")])}
			g.Strategies = append(g.Strategies, st)
			g.TargetRate = r.Metrics[own.GeneratorMetric(name, "target_rate")]
			// Weighted by repetitions, the mean of its rate over every
			// repetition it ran.
			if total := g.Reps + st.Reps; total > 0 {
				g.AchievedRate = (g.AchievedRate*float64(g.Reps) + st.AchievedRate*float64(st.Reps)) / float64(total)
			}
			g.Reps += st.Reps
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
		fmt.Fprintf(w, "\ngenerators: %s (%d, started together within %s, tolerance %s; %.0f reports/s each)\n", r.Name, n,
			report.FormatNs(r.Metrics[own.MetricSkewMax]), time.Duration(r.Metrics[own.MetricSkewTolerance]), r.Metrics[own.MetricMessages])
		fmt.Fprintf(w, "%-10s  %6s  %10s  %10s  %5s\n", "generator", "share", "target/s", "achieved/s", "reps")
		for i := 1; i <= n; i++ {
			name := fmt.Sprintf("gen%d", i)
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
			fmt.Fprintf(w, "%-10s  %5.0f%%  %10s  %10.0f  %5.0f%s\n", name, 100*r.Metrics[own.GeneratorMetric(name, "share")], target,
				r.Metrics[own.GeneratorMetric(name, "achieved_rate")], r.Metrics[own.GeneratorMetric(name, "reps")], lost)
		}
		fmt.Fprintf(w, "%-10s  %6s  %10s  %10.0f\n", "total", "100%", "", r.Metrics[own.MetricFleetRate])
	}
}
