package workshop

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
)

// A workshop file is shown large on a projector: its words reach the
// terminal as written. A file someone sends may hold escape sequences
// ("\u001b]0;..." in TOML) that retitle the window or clear the screen, or
// bidirectional controls that make text read in another order; such a file
// is refused, not cleaned, since a teacher writes plain text.

// checkText refuses the first string of the file that holds a character
// other than plain text, a line break or a tab, naming where it is.
func (f *file) checkText() error {
	if err := plainText("title", f.Title); err != nil {
		return err
	}
	for i, l := range f.Lesson {
		// Fields in the order the file writes them, so that the error
		// names the first.
		fields := [][2]string{{"run", l.Run}, {"max_time", l.MaxTime}, {"text", l.Text}, {"question", l.Question}, {"why", l.Why}}
		for j, s := range l.Strategies {
			fields = append(fields, [2]string{fmt.Sprintf("strategies[%d]", j), s})
		}
		for _, k := range slices.Sorted(maps.Keys(l.Params)) {
			fields = append(fields, [2]string{"a key of params", k})
			if s, ok := l.Params[k].(string); ok {
				fields = append(fields, [2]string{"params." + k, s})
			}
		}
		for j, c := range l.Choice {
			fields = append(fields, [2]string{fmt.Sprintf("choice %d's winner", j+1), c.Winner},
				[2]string{fmt.Sprintf("choice %d's by", j+1), c.By}, [2]string{fmt.Sprintf("choice %d's text", j+1), c.Text})
		}
		for _, fl := range fields {
			if err := plainText(fl[0], fl[1]); err != nil {
				return fmt.Errorf("lesson %d: %w", i+1, err)
			}
		}
	}
	return nil
}

// plainText refuses s, the field name, if it holds a control character
// other than a line break or a tab, or a bidirectional control.
func plainText(name, s string) error {
	i := strings.IndexFunc(s, func(r rune) bool {
		return (unicode.IsControl(r) && r != '\n' && r != '\t') || unicode.Is(unicode.Bidi_Control, r)
	})
	if i < 0 {
		return nil
	}
	r := []rune(s[i:])[0]
	return fmt.Errorf("%s holds the control character %U: a workshop's words are plain text", strings.TrimSpace(name), r)
}
