package tui

import (
	"strings"
	"unicode"
)

// blockFont draws letters five rows high in full blocks, for a reveal read
// from the back of a room. A glyph's rows are of one width; "#" is ink.
var blockFont = map[rune][5]string{
	'A': {" ### ", "#   #", "#####", "#   #", "#   #"},
	'B': {"#### ", "#   #", "#### ", "#   #", "#### "},
	'C': {" ####", "#    ", "#    ", "#    ", " ####"},
	'D': {"#### ", "#   #", "#   #", "#   #", "#### "},
	'E': {"#####", "#    ", "#### ", "#    ", "#####"},
	'F': {"#####", "#    ", "#### ", "#    ", "#    "},
	'G': {" ####", "#    ", "#  ##", "#   #", " ####"},
	'H': {"#   #", "#   #", "#####", "#   #", "#   #"},
	'I': {"###", " # ", " # ", " # ", "###"},
	'J': {"  ###", "    #", "    #", "#   #", " ### "},
	'K': {"#   #", "#  # ", "###  ", "#  # ", "#   #"},
	'L': {"#    ", "#    ", "#    ", "#    ", "#####"},
	'M': {"#   #", "## ##", "# # #", "#   #", "#   #"},
	'N': {"#   #", "##  #", "# # #", "#  ##", "#   #"},
	'O': {" ### ", "#   #", "#   #", "#   #", " ### "},
	'P': {"#### ", "#   #", "#### ", "#    ", "#    "},
	'Q': {" ### ", "#   #", "# # #", "#  # ", " ## #"},
	'R': {"#### ", "#   #", "#### ", "#  # ", "#   #"},
	'S': {" ####", "#    ", " ### ", "    #", "#### "},
	'T': {"#####", "  #  ", "  #  ", "  #  ", "  #  "},
	'U': {"#   #", "#   #", "#   #", "#   #", " ### "},
	'V': {"#   #", "#   #", "#   #", " # # ", "  #  "},
	'W': {"#   #", "#   #", "# # #", "## ##", "#   #"},
	'X': {"#   #", " # # ", "  #  ", " # # ", "#   #"},
	'Y': {"#   #", " # # ", "  #  ", "  #  ", "  #  "},
	'Z': {"#####", "   # ", "  #  ", " #   ", "#####"},
	'0': {" ### ", "#  ##", "# # #", "##  #", " ### "},
	'1': {" # ", "## ", " # ", " # ", "###"},
	'2': {" ### ", "#   #", "  ## ", " #   ", "#####"},
	'3': {"#### ", "    #", " ### ", "    #", "#### "},
	'4': {"#   #", "#   #", "#####", "    #", "    #"},
	'5': {"#####", "#    ", "#### ", "    #", "#### "},
	'6': {" ### ", "#    ", "#### ", "#   #", " ### "},
	'7': {"#####", "    #", "   # ", "  #  ", "  #  "},
	'8': {" ### ", "#   #", " ### ", "#   #", " ### "},
	'9': {" ### ", "#   #", " ####", "    #", " ### "},
	'.': {" ", " ", " ", " ", "#"},
	',': {"  ", "  ", "  ", " #", "# "},
	'-': {"    ", "    ", "####", "    ", "    "},
	'=': {"    ", "####", "    ", "####", "    "},
	'~': {"     ", " #  #", "# ## ", "     ", "     "},
	'?': {" ### ", "#   #", "  ## ", "     ", "  #  "},
	'!': {"#", "#", "#", " ", "#"},
	'%': {"#   #", "   # ", "  #  ", " #   ", "#   #"},
	'#': {" # # ", "#####", " # # ", "#####", " # # "},
	'×': {"     ", "#   #", " ### ", "#   #", "     "},
	'/': {"    #", "   # ", "  #  ", " #   ", "#    "},
	'✓': {"    #", "   # ", "#  # ", " ##  ", "  #  "},
	'✗': {"#   #", " # # ", "  #  ", " # # ", "#   #"},
	' ': {"  ", "  ", "  ", "  ", "  "},
}

// blockHeight is the rows a line of block letters takes at scale 1.
const blockHeight = 5

// blockWidth returns the cells s takes in block letters at scale, a space
// between letters.
func blockWidth(s string, scale int) int {
	w := 0
	for i, r := range []rune(s) {
		if i > 0 {
			w++
		}
		w += len([]rune(glyph(r)[0]))
	}
	return w * scale
}

// glyph is r's block glyph; a letter the font lacks is drawn as "?".
func glyph(r rune) [5]string {
	if g, ok := blockFont[unicode.ToUpper(r)]; ok {
		return g
	}
	return blockFont['?']
}

// blockLetters draws s in block letters, each cell scale cells wide and
// scale rows high, ink as "█".
func blockLetters(s string, scale int) string {
	scale = max(1, scale)
	rows := make([]strings.Builder, blockHeight)
	for i, r := range []rune(s) {
		g := glyph(r)
		for y := range blockHeight {
			if i > 0 {
				rows[y].WriteString(strings.Repeat(" ", scale))
			}
			for _, c := range g[y] {
				cell := " "
				if c == '#' {
					cell = "█"
				}
				rows[y].WriteString(strings.Repeat(cell, scale))
			}
		}
	}
	var out []string
	for y := range blockHeight {
		line := strings.TrimRight(rows[y].String(), " ")
		for range scale {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

// blockWrap breaks the words of s into lines that each fit in width cells
// in block letters at scale. A word too long for a line on its own is a line
// of its own, for the caller to find it does not fit.
func blockWrap(s string, width, scale int) []string {
	var lines []string
	var line string
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case blockWidth(line+" "+w, scale) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// bigTextOf draws the first of texts that fits in width x height in block
// letters, as bigText does: a shorter text in block letters reads better
// from the back of a room than a longer one in plain text.
func bigTextOf(texts []string, width, height int) (_ string, ok bool) {
	for _, s := range texts {
		if big, ok := bigText(s, width, height); ok {
			return big, true
		}
	}
	return "", false
}

// bigText draws s in block letters as large as fits in width x height: at
// scale 2 if its lines fit there, else at scale 1, its words wrapped; ok is
// false if s does not fit even at scale 1, and the caller should say it in
// plain text.
func bigText(s string, width, height int) (_ string, ok bool) {
	for scale := 2; scale >= 1; scale-- {
		lines := blockWrap(s, width, scale)
		rows := len(lines)*blockHeight*scale + len(lines) - 1
		if rows > height || len(lines) == 0 {
			continue
		}
		fits := true
		var out []string
		for _, l := range lines {
			if blockWidth(l, scale) > width {
				fits = false
				break
			}
			out = append(out, blockLetters(l, scale))
		}
		if fits {
			return strings.Join(out, "\n\n"), true
		}
	}
	return "", false
}
