package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/perflab/perflab/measure"
)

// writeGrowth writes the sweep as a table, one row per swept value and one
// column of median ns/op per strategy, closed by each strategy's exponent.
// The plain-text table is followed by a chart; Markdown has no room for one.
func writeGrowth(out io.Writer, s *measure.Sweep, markdown bool) error {
	if s == nil || len(s.Points) == 0 {
		return nil
	}
	w := &errWriter{w: out}
	head, rows := growthRows(s)
	last := formatValue(s.Points[len(s.Points)-1].Value)
	if markdown {
		fmt.Fprintf(w, "\n#### ns/op as %s grows\n\nThe table above is the last point, %s=%s. Exponent: slope of log ns/op against log %s (0 flat, 1 linear, 2 quadratic).\n\n| %s |\n|%s\n",
			s.Param, s.Param, last, s.Param, strings.Join(head, " | "), strings.Repeat("--:|", len(head)))
		for _, row := range rows {
			fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
		}
		return w.err
	}
	fmt.Fprintf(w, "\nns/op as %s grows (the table above is the last point, %s=%s)\nexponent: slope of log ns/op against log %s; 0 flat, 1 linear, 2 quadratic\n\n",
		s.Param, s.Param, last, s.Param)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, row := range append([][]string{head}, rows...) {
		fmt.Fprintf(tw, "%s\t\n", strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if chart := GrowthChart(s, 64, 12); chart != "" {
		fmt.Fprintf(w, "\n%s\n", chart)
	}
	return w.err
}

// growthRows returns the growth table's header and its rows: one per swept
// value, then the exponents.
func growthRows(s *measure.Sweep) (head []string, rows [][]string) {
	names := s.Names()
	head = append([]string{s.Param}, names...)
	rows = make([][]string, 0, len(s.Points)+1)
	for _, p := range s.Points {
		row := []string{formatValue(p.Value)}
		for _, name := range names {
			row = append(row, growthCell(p, name))
		}
		rows = append(rows, row)
	}
	exp := []string{"exponent"}
	for _, name := range names {
		if k, ok := s.Exponents[name]; ok {
			exp = append(exp, fmt.Sprintf("%.2f", k))
		} else {
			exp = append(exp, "-")
		}
	}
	return head, append(rows, exp)
}

func growthCell(p measure.SweepPoint, name string) string {
	for _, r := range p.Strategies {
		if r.Name == name {
			return FormatNs(r.NsPerOp.Median)
		}
	}
	return "-"
}

// formatValue formats a swept value in full when it is whole (65536, not
// 6.554e+04) and with four significant digits otherwise.
func formatValue(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return trimFloat(v)
}
