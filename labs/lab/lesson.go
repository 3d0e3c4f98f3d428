package lab

import "strings"

// Unwrap turns a lesson kept as a Markdown file, its paragraphs wrapped by
// hand for whoever edits it, into the text a lab shows: each paragraph on
// one line, one blank line between paragraphs, none at either end. A
// paragraph's lines join with one space, so that the TUI can wrap the text
// again to the width it has.
func Unwrap(md string) string {
	var paras, lines []string
	for _, line := range strings.Split(md, "\n") {
		// TrimSpace also drops the \r of a file saved with Windows line ends.
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
			continue
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, " "))
			lines = lines[:0]
		}
	}
	if len(lines) > 0 {
		paras = append(paras, strings.Join(lines, " "))
	}
	return strings.Join(paras, "\n\n")
}
