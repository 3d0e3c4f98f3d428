package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// A flagError is a flag's bad value, refused as it is parsed. Its text
// names the flag itself, so errorText shows it without pflag's "invalid
// argument ... for ... flag" around it.
type flagError struct{ err error }

func (e flagError) Error() string { return e.err.Error() }

// strictValue holds a single-valued flag to what one flag can mean: it is
// given once (pflag would let a second --reps silently replace the first),
// a number is finite (strconv reads "NaN" and "Inf" as numbers, which no
// bound or rate can be), and a text is not empty when given (--output ”
// would silently mean standard output). It wraps the flag's own Value, so
// that parsing, defaults and help stay pflag's.
type strictValue struct {
	pflag.Value
	name string
	// allowEmpty is set for the flags whose empty value means something
	// of its own, such as an empty request body.
	allowEmpty bool
	// first is the value given, once it is.
	first *string
}

func (v *strictValue) Set(s string) error {
	if v.first != nil {
		once := "give it once"
		if onceLists[v.name] {
			once += ", its items joined by commas (a,b)"
		}
		return flagError{fmt.Errorf("--%s is given twice (%s, then %s): %s", v.name, quoteIfBlank(*v.first), quoteIfBlank(s), once)}
	}
	if err := v.check(s); err != nil {
		return flagError{err}
	}
	if err := v.Value.Set(s); err != nil {
		return err
	}
	v.first = &s
	return nil
}

// check refuses what the flag's type accepts but no flag of it can mean.
func (v *strictValue) check(s string) error {
	switch v.Type() {
	case "float64", "float32":
		if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil && (math.IsNaN(f) || math.IsInf(f, 0)) {
			return fmt.Errorf("--%s must be a finite number, got %q", v.name, s)
		}
	case "string":
		if s == "" && !v.allowEmpty {
			return fmt.Errorf("--%s is empty: give it a value, or leave the flag out", v.name)
		}
	}
	return nil
}

// quoteIfBlank shows a value as typed, quoted when it would not be seen
// or would break the line.
func quoteIfBlank(s string) string {
	// A value with a character that quoting escapes (a newline, a
	// control character) is quoted too, so that the message stays one
	// line and prints what was given.
	if q := strconv.Quote(s); strings.TrimSpace(s) == s && s != "" && q[1:len(q)-1] == s {
		return s
	}
	return strconv.Quote(s)
}

// emptyAllowed are the text flags for which an empty value is a value: an
// empty request body is a body.
var emptyAllowed = map[string]bool{"body": true}

// onceLists are the flags that take a whole list in one value, "a,b":
// given twice, pflag would append the second list to the first, and
// "--strategies map --strategies slice" reads as well as a replacement as
// an addition. They are held to one flag, as single values are.
var onceLists = map[string]bool{"strategies": true}

// strictFlags wraps every single-valued flag of root and its subcommands
// in a strictValue, in one place, so that each command's flags, present
// and future, refuse a repeat, a NaN and an empty path alike. Flags that
// take one item a flag (--param, --header, --name) are left as they are:
// they are meant to be repeated.
func strictFlags(root *cobra.Command) {
	root.InitDefaultHelpFlag()
	wrap := func(f *pflag.Flag) {
		if _, done := f.Value.(*strictValue); done || f.Name == "help" {
			return
		}
		if _, list := f.Value.(pflag.SliceValue); list && !onceLists[f.Name] {
			return
		}
		f.Value = &strictValue{Value: f.Value, name: f.Name, allowEmpty: emptyAllowed[f.Name]}
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(wrap)
		c.PersistentFlags().VisitAll(wrap)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// A conflict is two flags that cannot be given together: the second would
// silently undo the first.
type conflict struct {
	a, b string
	// when, if set, says whether the two conflict given their values.
	when func(fl *pflag.FlagSet) bool
	why  string
}

// conflicts are the flag pairs refused on every command that has both.
var conflicts = []conflict{
	{a: "reps", b: "max-time", when: func(fl *pflag.FlagSet) bool { n, err := fl.GetInt("reps"); return err == nil && n != 0 },
		why: "a fixed number of rounds has no time budget; --max-time bounds rounds until decided (--reps 0)"},
	{a: "no-save", b: "runs-dir", why: "a run not kept goes into no runs folder"},
	{a: "tui", b: "format", why: "the interactive lab writes no report"},
	{a: "tui", b: "output", why: "the interactive lab writes no report"},
	{a: "tui", b: "baseline", why: "the interactive lab holds no gate"},
	{a: "tui", b: "fail-if", why: "the interactive lab holds no gate"},
	{a: "tui", b: "sweep", why: "the interactive lab sets its sweep on its own screen"},
	{a: "tui", b: "param", why: "the interactive lab sets parameters on its own screen"},
	{a: "tui", b: "strategies", why: "the interactive lab chooses strategies on its own screen"},
	{a: "tui", b: "reps", why: "the interactive lab sets its rounds itself"},
	{a: "tui", b: "max-time", why: "the interactive lab sets its rounds itself"},
	{a: "tui", b: "duration", why: "the interactive lab sets its rounds itself"},
	{a: "tui", b: "rate", why: "the interactive lab sets the rate on its own screen"},
	{a: "tui", b: "profile", when: func(fl *pflag.FlagSet) bool { on, err := fl.GetBool("profile"); return err == nil && on },
		why: "the interactive lab profiles a run when its set-up's profile row is on"},
	// --rate 0 is a rate too (closed loop): beside a workload's own rate
	// one of the two would silently win, whatever the values.
	{a: "rate", b: "param", when: func(fl *pflag.FlagSet) bool { return paramGiven(fl, "rate") },
		why: "both set the rate (--param rate=)"},
	{a: "rate", b: "sweep", when: func(fl *pflag.FlagSet) bool { return sweepsParam(fl, "rate") },
		why: "both set the rate (--sweep rate=)"},
}

// paramGiven reports whether a --param sets the parameter name.
func paramGiven(fl *pflag.FlagSet, name string) bool {
	given, err := fl.GetStringArray("param")
	if err != nil {
		return false
	}
	for _, p := range given {
		if k, _, _ := strings.Cut(p, "="); k == name {
			return true
		}
	}
	return false
}

// sweepsParam reports whether --sweep sweeps the parameter name.
func sweepsParam(fl *pflag.FlagSet, name string) bool {
	sw, err := fl.GetString("sweep")
	return err == nil && strings.HasPrefix(sw, name+"=")
}

// checkConflicts refuses two flags given together that contradict each
// other, naming both.
func checkConflicts(fl *pflag.FlagSet) error {
	for _, c := range conflicts {
		if fl.Lookup(c.a) == nil || fl.Lookup(c.b) == nil || !fl.Changed(c.a) || !fl.Changed(c.b) {
			continue
		}
		if c.when != nil && !c.when(fl) {
			continue
		}
		return usage("--%s and --%s contradict each other: %s; give one", c.a, c.b, c.why)
	}
	return nil
}

// flagText is the text of a flag error from pflag: the flag's own words
// for a flagError, pflag's otherwise.
func flagText(err error) (string, bool) {
	var fe flagError
	if errors.As(err, &fe) {
		return fe.Error(), true
	}
	return "", false
}

// checkSweepText refuses white space anywhere in a sweep, as typed: its
// values are numbers, and "n=16,32 " would otherwise be read as if the
// space were not there, hiding a value lost to the shell's quoting.
func checkSweepText(sweep string) error {
	if i := strings.IndexFunc(sweep, unicode.IsSpace); i >= 0 {
		return fmt.Errorf("--sweep %q has white space in it: write it as name=v1,v2 with no spaces", sweep)
	}
	return nil
}

// checkParamText refuses white space around a parameter's name or value,
// as typed: "n= 5" would otherwise be read as 5, hiding a value the shell
// split. White space inside a value (a command, a header) is the value's.
func checkParamText(p string) error {
	k, v, _ := strings.Cut(p, "=")
	if strings.TrimSpace(k) != k || strings.TrimSpace(v) != v {
		return fmt.Errorf("--param %q has white space around its name or value: write it as name=value", p)
	}
	return nil
}
