package report

import (
	"fmt"
	"io"

	"github.com/perflab/perflab/measure"
)

// WriteDiffWhy writes, under the table of two kept runs, where each
// strategy's time per operation went in the new run against the old: for
// every strategy both ran with profiles (perflab run --profile), the
// functions that tell the two apart, most different first, as a run's why
// tells a strategy from its baseline. It writes nothing when no strategy
// of both holds profiles.
func WriteDiffWhy(w io.Writer, old, new *measure.Report) error {
	pairs := profiledPairs(old, new)
	if len(pairs) == 0 {
		return nil
	}
	if _, err := fmt.Fprintln(w, "\nwhy: CPU profiles of each run's profiling rounds; time per operation, ± one standard error of the samples"); err != nil {
		return err
	}
	for _, p := range pairs {
		if _, err := fmt.Fprintf(w, "\n%s, new against old:\n", p[0].Name); err != nil {
			return err
		}
		for i, tag := range []string{"old", "new"} {
			r := *p[i]
			r.Name = tag
			if err := writeProfileLine(w, &r); err != nil {
				return err
			}
		}
		changes := WhyChanges(p[0], p[1])
		if len(changes) == 0 {
			if _, err := fmt.Fprintln(w, "  the profiles show no function apart from the frames both run under"); err != nil {
				return err
			}
			continue
		}
		if err := writeChanges(w, "old", "new", changes); err != nil {
			return err
		}
	}
	return nil
}

// WriteDiffWhyMarkdown writes the why of WriteDiffWhy as a block of
// preformatted text, as a run's Markdown does.
func WriteDiffWhyMarkdown(w io.Writer, old, new *measure.Report) error {
	if len(profiledPairs(old, new)) == 0 {
		return nil
	}
	if _, err := fmt.Fprint(w, "\n```text"); err != nil {
		return err
	}
	if err := WriteDiffWhy(w, old, new); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "```")
	return err
}

// profiledPairs returns each strategy of old that new has too, both with
// profiles, in old's order: old's result first.
func profiledPairs(old, new *measure.Report) [][2]*measure.Result {
	var out [][2]*measure.Result
	for _, o := range old.Strategies {
		if o.Profile == nil {
			continue
		}
		for _, n := range new.Strategies {
			if n.Name == o.Name && n.Profile != nil {
				out = append(out, [2]*measure.Result{o, n})
				break
			}
		}
	}
	return out
}
