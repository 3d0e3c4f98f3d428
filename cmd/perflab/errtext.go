package main

import (
	"errors"
	"strings"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure/runs"
)

// errorText words an error for the command line. The labs and the engine
// never name a flag: an option's bad value comes as a lab.OptionError named
// as its options struct names it ("body_file"), which is said here as the
// flag that sets it ("--body-file: ..."), and errors a flag would mend say
// which flag.
func errorText(err error) string {
	text := err.Error()
	if ft, ok := flagText(err); ok {
		return ft
	}
	if oe := lab.AsOption(err); oe != nil {
		text = strings.Replace(text, oe.Error(), optionFlag(oe.Option)+": "+oe.Err.Error(), 1)
	}
	switch {
	case errors.Is(err, labs.ErrNoPython):
		text += " (or --python PATH)"
	case errors.Is(err, runs.ErrNoDir):
		text += " (name one with --runs-dir)"
	}
	return text
}

// optionFlag is the flag of an option named in snake_case: body_file is
// --body-file.
func optionFlag(option string) string {
	return "--" + strings.ReplaceAll(option, "_", "-")
}

// exitCode is the status an error exits with: 2 for bad input, a flag's
// or an option's bad value, 1 for any other failure.
func exitCode(err error) int {
	if errors.As(err, new(usageError)) || lab.AsOption(err) != nil {
		return 2
	}
	return 1
}
