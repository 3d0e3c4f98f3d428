package lab

import (
	"errors"
	"fmt"
)

// An OptionError is a bad value of one of a run's options (an exec race's
// prepare command, an HTTP race's body file), named as the options struct
// names it, in snake_case ("prepare", "body_file"). The labs never name a
// flag or a field: the command line says "--body-file", the TUI its field,
// each in its own words, from Option.
type OptionError struct {
	Option string
	Err    error
}

// Optionf returns an OptionError for option, its message formatted.
func Optionf(option, format string, a ...any) error {
	return &OptionError{Option: option, Err: fmt.Errorf(format, a...)}
}

// OptionErr returns err as an OptionError for option, nil for nil.
func OptionErr(option string, err error) error {
	if err == nil {
		return nil
	}
	return &OptionError{Option: option, Err: err}
}

func (e *OptionError) Error() string { return e.Option + ": " + e.Err.Error() }

func (e *OptionError) Unwrap() error { return e.Err }

// AsOption returns the OptionError in err's chain, or nil.
func AsOption(err error) *OptionError {
	var oe *OptionError
	if errors.As(err, &oe) {
		return oe
	}
	return nil
}
