package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure/report"
)

// addCompletions teaches perflab completion what the catalogue holds: the
// LAB/WORKLOAD of perflab run, its strategies, its parameters (and a
// choice parameter's values), the numeric ones a sweep takes, and the
// output formats. The shells ask perflab itself, through cobra's hidden
// __complete command, so completions follow the catalogue of the binary.
func addCompletions(root *cobra.Command) {
	for _, cmd := range root.Commands() {
		switch cmd.Name() {
		case "run":
			cmd.ValidArgsFunction = completeWorkload
			must(cmd.RegisterFlagCompletionFunc("strategies", completeStrategies))
			must(cmd.RegisterFlagCompletionFunc("param", completeParam))
			must(cmd.RegisterFlagCompletionFunc("sweep", completeSweep))
			must(cmd.RegisterFlagCompletionFunc("format", fixed(report.FormatNames...)))
		case "list":
			must(cmd.RegisterFlagCompletionFunc("format", fixed("text", "json")))
		}
	}
}

// must panics on an error that only a flag misnamed in this file causes.
func must(err error) {
	if err != nil {
		panic(err)
	}
}

// fixed completes one of words.
func fixed(words ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return words, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeWorkload completes perflab run's one argument, LAB/WORKLOAD, from
// the runnable labs.
func completeWorkload(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, l := range catalogue() {
		for _, w := range l.Workloads {
			out = append(out, l.ID+"/"+w.ID+"\t"+w.Title)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// workloadOf returns the workload perflab run was given, or nil.
func workloadOf(args []string) *lab.Workload {
	if len(args) == 0 {
		return nil
	}
	_, w, err := labs.Lookup(args[0])
	if err != nil {
		return nil
	}
	return w
}

// completeStrategies completes the last of a comma-separated list of the
// workload's strategies, keeping those typed before it.
func completeStrategies(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	w := workloadOf(args)
	if w == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	done := toComplete[:strings.LastIndex(toComplete, ",")+1]
	var out []string
	for _, s := range w.Strategies {
		out = append(out, done+s.ID+"\t"+s.Title)
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// completeParam completes name= for each of the workload's parameters, and
// after the = a choice parameter's values.
func completeParam(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	w := workloadOf(args)
	if w == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	if name, _, ok := strings.Cut(toComplete, "="); ok {
		p, found := w.Param(name)
		if !found || len(p.Choices) == 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []string
		for _, c := range p.Choices {
			out = append(out, name+"="+c)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, p := range w.Params {
		out = append(out, p.Name+"=\t"+p.Help)
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// completeSweep completes name= for the workload's numeric parameters, the
// ones a sweep takes.
func completeSweep(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	w := workloadOf(args)
	if w == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, p := range w.Params {
		if p.Kind == lab.Int || p.Kind == lab.Float {
			out = append(out, p.Name+"=\t"+p.Help)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}
