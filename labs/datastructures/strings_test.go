package datastructures

import (
	"context"
	"strings"
	"testing"

	"github.com/perflab/perflab/labs/internal/labtest"
)

func TestStringBuildsAgree(t *testing.T) {
	for _, n := range []int{1, 2, 100, 3000} {
		words := makeWords(n, uint64(n))
		want := strings.Join(words, ",")
		for name, build := range map[string]func(context.Context, []string) (string, error){
			"concat": concatBuild, "builder": builderBuild, "buffer": bufferBuild,
		} {
			got, err := build(context.Background(), words)
			if err != nil || got != want {
				t.Errorf("n=%d: %s built %d bytes (err %v), want the %d of strings.Join", n, name, len(got), err, len(want))
			}
		}
	}
}

func TestMakeWordsIsSeeded(t *testing.T) {
	a, b := makeWords(200, 9), makeWords(200, 9)
	if strings.Join(a, " ") != strings.Join(b, " ") {
		t.Error("the same seed gave two different word lists")
	}
	for _, w := range a {
		if len(w) < 3 || len(w) > 10 || strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" {
			t.Fatalf("word %q is not 3 to 10 lower-case letters", w)
		}
	}
}

func TestConcatStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := concatBuild(ctx, makeWords(20000, 1)); err != context.Canceled {
		t.Errorf("concat on a cancelled context = %v, want context.Canceled", err)
	}
	w := stringsWorkload()
	env := labtest.Env(t, ctx, w, map[string]string{"n": "20000"})
	s := labtest.Subject(t, w.Strategies[0], env)
	if err := s.Loop(ctx, 0, 1); err != context.Canceled {
		t.Errorf("concat Loop on a cancelled context = %v, want context.Canceled", err)
	}
}
