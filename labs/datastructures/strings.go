package datastructures

import (
	"bytes"
	"context"
	"math/rand/v2"
	"strings"
	"sync/atomic"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// stringsWorkload builds one string out of n pieces, three ways.
func stringsWorkload() *lab.Workload {
	return &lab.Workload{
		ID:    "strings",
		Title: "Build a string piece by piece",
		Params: []lab.Param{
			{Name: "n", Kind: lab.Int, Default: "1000", Min: "1", Max: "20000", Help: "pieces joined into one string (+= copies about n²/2 of them)"},
		},
		Strategies: []lab.Strategy{
			{ID: "concat", Title: "s += piece", Help: "string concatenation: every append copies the whole string so far, O(n²)", New: newConcat},
			{ID: "builder", Title: "strings.Builder", Help: "appends to a growing byte slice and hands it over as the string, O(n)", New: newBuilder},
			{ID: "buffer", Title: "bytes.Buffer", Help: "appends to a growing byte slice; String() copies it once more, O(n)", New: newBuffer},
		},
		Prepare: preparePieces,
		// Each strategy builds memory only: fresh instances every block.
		Fresh: true,
	}
}

// preparePieces draws the n words every strategy joins, seeded.
func preparePieces(env *lab.Env) (any, error) {
	return makeWords(env.Params.Int("n"), 1), nil
}

// makeWords returns n random lower-case words of 3 to 10 letters.
func makeWords(n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 3))
	words := make([]string, n)
	b := make([]byte, 0, 10)
	for i := range words {
		b = b[:0]
		for range 3 + rng.IntN(8) {
			b = append(b, byte('a'+rng.IntN(26)))
		}
		words[i] = string(b)
	}
	return words
}

// concatBuild joins words with commas by string concatenation. At large n
// one build takes long, so it looks at ctx every few hundred pieces.
func concatBuild(ctx context.Context, words []string) (string, error) {
	s := ""
	for i, w := range words {
		if i&255 == 255 && ctx.Err() != nil {
			return "", ctx.Err()
		}
		if i > 0 {
			s += ","
		}
		s += w
	}
	return s, nil
}

// builderBuild joins words with commas in a strings.Builder.
func builderBuild(_ context.Context, words []string) (string, error) {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(w)
	}
	return b.String(), nil
}

// bufferBuild joins words with commas in a bytes.Buffer.
func bufferBuild(_ context.Context, words []string) (string, error) {
	var b bytes.Buffer
	for i, w := range words {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(w)
	}
	return b.String(), nil
}

func newConcat(env *lab.Env) (*measure.Subject, error)  { return builds(env, concatBuild), nil }
func newBuilder(env *lab.Env) (*measure.Subject, error) { return builds(env, builderBuild), nil }
func newBuffer(env *lab.Env) (*measure.Subject, error)  { return builds(env, bufferBuild), nil }

// builds makes a subject that builds the fixture's string once per
// operation. Builds share nothing but the words, which they only read, so
// any number of workers may run them at once.
func builds(env *lab.Env, build func(context.Context, []string) (string, error)) *measure.Subject {
	words := env.Fixture.([]string)
	var sink atomic.Int64
	return &measure.Subject{
		Loop: func(ctx context.Context, _, n int) error {
			total := 0
			for range n {
				s, err := build(ctx, words)
				if err != nil {
					return err
				}
				total += len(s)
			}
			// Keep the lengths, so the builds cannot be dropped.
			sink.Store(int64(total))
			return nil
		},
	}
}
