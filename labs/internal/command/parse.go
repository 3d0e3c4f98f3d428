package command

import (
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// shellBuiltins are the POSIX shell's special and regular built-ins and
// reserved words: a command named so is found without a file on PATH.
var shellBuiltins = map[string]bool{
	":": true, ".": true, "[": true, "alias": true, "bg": true, "break": true, "cd": true,
	"command": true, "continue": true, "echo": true, "eval": true, "exec": true, "exit": true,
	"export": true, "false": true, "fg": true, "getopts": true, "hash": true, "jobs": true,
	"kill": true, "local": true, "printf": true, "pwd": true, "read": true, "readonly": true,
	"return": true, "set": true, "shift": true, "test": true, "times": true, "trap": true,
	"true": true, "type": true, "ulimit": true, "umask": true, "unalias": true, "unset": true,
	"wait": true,
}

// Shell returns the command text run by sh -c. It checks before anything
// runs that the text parses as a shell command and that every program it
// names by a plain word is a built-in, a function it defines, or a file on
// PATH, so that a typo is one message instead of a run of exit 127s.
func Shell(text string) (Command, error) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		return Command{}, errors.New("no sh on PATH to run commands with: a command run without a shell needs none")
	}
	f, err := parse(text)
	if err != nil {
		return Command{}, err
	}
	if err := checkFound(f); err != nil {
		return Command{}, fmt.Errorf("%q: %w", text, err)
	}
	return Command{Text: text, Path: sh, Args: []string{"sh", "-c", text}, Shell: true}, nil
}

// Auto returns the command run directly, as Direct runs it, when it needs
// no shell, and by sh -c otherwise. A command needs none when it is one
// program called with plain or quoted words: then the shell would only
// split the words and exec the program, and starting it costs a process
// start more than the command (about a millisecond here, 10 % of a 10 ms
// command). A pipeline, a list, a redirection, an assignment, an expansion,
// a glob, a tilde or a built-in (whose program on PATH, if any, is another
// program than the one the shell runs) keeps the shell.
func Auto(text string) (Command, error) {
	f, err := parse(text)
	if err != nil {
		return Command{}, err
	}
	if args, err := words(f); err == nil && !shellBuiltins[args[0]] && !globbed(f) {
		return Direct(text)
	}
	return Shell(text)
}

// globbed reports whether an unquoted part of f's words holds a character
// that a shell expands in a plain word: a glob's *, ? or [, or a leading ~.
// An escaped one (\*) counts too, which only keeps the shell where it was
// not needed.
func globbed(f *syntax.File) bool {
	found := false
	syntax.Walk(f, func(n syntax.Node) bool {
		w, ok := n.(*syntax.Word)
		if !ok || found {
			return !found
		}
		for i, part := range w.Parts {
			lit, ok := part.(*syntax.Lit)
			if !ok {
				continue
			}
			if strings.ContainsAny(lit.Value, "*?[") || (i == 0 && strings.HasPrefix(lit.Value, "~")) {
				found = true
			}
		}
		return false
	})
	return found
}

// Direct returns the command text split into words as a shell would, but
// run without one: quotes group words; expansions, redirections and
// pipelines are refused, since no shell is there to do them.
func Direct(text string) (Command, error) {
	f, err := parse(text)
	if err != nil {
		return Command{}, err
	}
	args, err := words(f)
	if err != nil {
		return Command{}, &NeedsShellError{Text: text, Err: err}
	}
	path, err := exec.LookPath(args[0])
	if err != nil {
		return Command{}, fmt.Errorf("%q: command %s not found", text, quoteIfOdd(args[0]))
	}
	return Command{Text: text, Path: path, Args: args}, nil
}

// A NeedsShellError is a command refused without a shell: it has syntax
// only a shell runs, such as a pipeline or an expansion.
type NeedsShellError struct {
	Text string
	// Err says what needs the shell.
	Err error
}

func (e *NeedsShellError) Error() string { return fmt.Sprintf("%q without a shell: %v", e.Text, e.Err) }

func (e *NeedsShellError) Unwrap() error { return e.Err }

func parse(text string) (*syntax.File, error) {
	if strings.TrimSpace(text) == "" {
		return nil, errors.New("a command is empty")
	}
	f, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(strings.NewReader(text), "")
	if err != nil {
		return nil, fmt.Errorf("%q does not parse as a shell command: %v", text, err)
	}
	return f, nil
}

// checkFound reports the first program f calls by a plain word that is
// neither a built-in, nor a function f declares, nor on PATH.
func checkFound(f *syntax.File) error {
	funcs := map[string]bool{}
	syntax.Walk(f, func(n syntax.Node) bool {
		if fd, ok := n.(*syntax.FuncDecl); ok && fd.Name != nil {
			funcs[fd.Name.Value] = true
		}
		return true
	})
	var missing string
	syntax.Walk(f, func(n syntax.Node) bool {
		call, ok := n.(*syntax.CallExpr)
		if !ok || len(call.Args) == 0 || missing != "" {
			return missing == ""
		}
		name := call.Args[0].Lit()
		if name == "" || shellBuiltins[name] || funcs[name] {
			return true
		}
		if _, err := exec.LookPath(name); err != nil {
			missing = name
		}
		return true
	})
	if missing != "" {
		return fmt.Errorf("command %s not found", quoteIfOdd(missing))
	}
	return nil
}

// words returns the words of a file that is one simple command of plain
// or quoted words.
func words(f *syntax.File) ([]string, error) {
	if len(f.Stmts) != 1 {
		return nil, errors.New("one command only: pipelines and lists need a shell")
	}
	st := f.Stmts[0]
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(st.Redirs) > 0 || st.Background || st.Negated || len(call.Assigns) > 0 || len(call.Args) == 0 {
		return nil, errors.New("a plain command only: redirections, pipelines and assignments need a shell")
	}
	args := make([]string, len(call.Args))
	for i, w := range call.Args {
		s, err := unquote(w)
		if err != nil {
			return nil, err
		}
		args[i] = s
	}
	return args, nil
}

// unquote returns a word's text with its quotes removed, or an error if it
// holds anything a shell would expand.
func unquote(w *syntax.Word) (string, error) {
	var b strings.Builder
	for _, part := range w.Parts {
		switch p := part.(type) {
		case *syntax.Lit:
			// Outside quotes a backslash keeps the next character as it is.
			b.WriteString(unescape(p.Value))
		case *syntax.SglQuoted:
			b.WriteString(p.Value)
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				lit, ok := q.(*syntax.Lit)
				if !ok {
					return "", errors.New("expansions such as $VAR need a shell")
				}
				b.WriteString(lit.Value)
			}
		default:
			return "", errors.New("expansions such as $VAR or $(cmd) need a shell")
		}
	}
	return b.String(), nil
}

// unescape drops the backslashes of an unquoted word: a\ b is "a b".
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// quoteIfOdd returns a program name as it is, or quoted when it holds a
// space or a character that would break the line of a message.
func quoteIfOdd(name string) string {
	if strings.ContainsFunc(name, func(r rune) bool { return r <= ' ' || r == '"' || r > '~' }) {
		return strconv.Quote(name)
	}
	return name
}
