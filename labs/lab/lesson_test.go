package lab

import "testing"

func TestUnwrap(t *testing.T) {
	tests := []struct {
		name, md, want string
	}{
		{"empty", "", ""},
		{"one line", "Measure first.\n", "Measure first."},
		{"wrapped paragraph", "Measure first,\nthen believe\nthe figures.\n", "Measure first, then believe the figures."},
		{"two paragraphs", "One\nparagraph.\n\nAnother\none.\n", "One paragraph.\n\nAnother one."},
		{"blank lines around and between", "\n\nOne.\n\n\n\nTwo.\n\n", "One.\n\nTwo."},
		{"windows line ends", "One\r\nline.\r\n\r\nTwo.\r\n", "One line.\n\nTwo."},
		{"spaces at line ends", "One  \n  line.\n \t\nTwo.", "One line.\n\nTwo."},
		{"no final newline", "Last line", "Last line"},
	}
	for _, tt := range tests {
		if got := Unwrap(tt.md); got != tt.want {
			t.Errorf("%s: Unwrap(%q) = %q, want %q", tt.name, tt.md, got, tt.want)
		}
	}
}
