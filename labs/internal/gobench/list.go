package gobench

import (
	"bytes"
	"context"
	"fmt"
	"strings"
)

// List returns the top-level benchmarks of the test binary bin whose names
// match pattern, as -test.list reports them. Sub-benchmarks are known only
// once a benchmark runs.
func List(ctx context.Context, bin, pattern string) ([]string, error) {
	var out, stderr bytes.Buffer
	cmd := tool(ctx, "", bin, "-test.list", pattern)
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, withFirstLines(fmt.Errorf("listing the benchmarks of %s: %w", bin, err), stderr.String()+out.String(), 2)
	}
	var names []string
	for line := range strings.Lines(out.String()) {
		// -test.list lists tests, examples and fuzz targets too.
		if name := strings.TrimSpace(line); strings.HasPrefix(name, "Benchmark") {
			names = append(names, name)
		}
	}
	return names, nil
}
