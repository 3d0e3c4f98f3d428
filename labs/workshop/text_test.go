package workshop

import (
	"strings"
	"testing"

	"github.com/perflab/perflab/labs"
)

func TestWorkshopWordsArePlainText(t *testing.T) {
	for _, bad := range []string{
		`title = "x\u001b]0;pwned\u0007"`,
		"[[lesson]]\nrun = \"data-structures/membership\"\nquestion = \"a\\u001b[2Jb\"",
		"[[lesson]]\nrun = \"data-structures/membership\"\n[[lesson.choice]]\nwinner = \"map\"\ntext = \"\\u202eevil\"",
	} {
		_, err := Parse("w.toml", []byte(bad), labs.All())
		if err == nil || !strings.Contains(err.Error(), "plain text") || strings.ContainsAny(err.Error(), "\x1b\u202e") {
			t.Errorf("Parse(%q) = %v, want a plain-text error without the character itself", bad, err)
		}
	}
	ok := "title = \"two\\nlines\\tand a tab\"\n[[lesson]]\nrun = \"data-structures/membership\"\ntext = \"\"\"\nSeveral\nlines.\"\"\"\n"
	if _, err := Parse("w.toml", []byte(ok), labs.All()); err != nil {
		t.Errorf("line breaks and tabs: %v", err)
	}
}
