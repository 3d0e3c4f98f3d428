package fleet

import "testing"

func TestGenNameSaysWhereItRunsCleaned(t *testing.T) {
	for _, c := range []struct {
		i          int
		host, want string
	}{
		{1, "", "gen1"},
		{2, "web-east-1.example.com", "gen2@web-east-1.example.com"},
		{3, "evil\x1b[2J\x1b]0;title\x07host\n", "gen3@evil[2J]0;titlehost"},
		{4, "a\u202eb c\td\x00", "gen4@abcd"},
		{5, "abcdefghijklmnopqrstuvwxyz0123", "gen5@abcdefghijklmnopqrstuvwx"},
		{6, "\x1b\n\t ", "gen6"},
		{7, "h\xffost", "gen7@host"},
	} {
		if got := genName(c.i, c.host); got != c.want {
			t.Errorf("genName(%d, %q) = %q, want %q", c.i, c.host, got, c.want)
		}
	}
}
