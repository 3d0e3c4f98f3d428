package fleet

import (
	"strconv"
	"strings"
	"unicode"
)

// maxHost bounds the host name in a generator's name: enough to tell
// machines apart, short enough for a table's column on an 80-column
// screen.
const maxHost = 24

// genName is the name of the i-th generator (from 1) in results: gen1,
// gen2, ... as a local one's, with where it runs added for one that
// joined from another machine, gen1@HOST. The host name is the machine's
// own word, so it is cleaned before a terminal shows it: control and
// formatting characters (an escape sequence, a newline, a direction
// override) and spaces are left out, and it is cut to maxHost characters.
func genName(i int, host string) string {
	name := "gen" + strconv.Itoa(i)
	if h := cleanHost(host); h != "" {
		name += "@" + h
	}
	return name
}

// cleanHost is host with only its printable characters other than
// spaces, at most maxHost of them.
func cleanHost(host string) string {
	var b strings.Builder
	n := 0
	for _, r := range strings.ToValidUTF8(host, "") {
		if n == maxHost {
			break
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			continue
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
