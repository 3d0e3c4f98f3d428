// Package profile says why one strategy is faster than another: it takes one
// CPU profile of the process across interleaved profiling rounds, each
// strategy's work labelled with its name, splits it by that label, and gives
// each function's time per operation of its strategy, flat and cumulative,
// with a ± from the number of samples it rests on.
//
// # One profile, split by label
//
// A Session starts runtime/pprof's CPU profile once. Do runs one
// strategy's work under pprof.Do with the label strategy=NAME, which every
// goroutine the work starts inherits, so that a pool or a worker goroutine
// started inside the work is counted with it. Stop ends the profile, parses
// it with github.com/google/pprof/profile and keeps each strategy's samples
// as a profile of its own, which Profile.Write writes as a standard pprof
// file that go tool pprof opens. Work done by goroutines started before the
// session (a server built with the strategy, a worker process) carries no
// label and is counted under no strategy.
//
// # Allocations
//
// Go's allocation profile carries no labels. Do therefore reads it (after a
// collection, which publishes it) before and after each piece of work and
// gives the change to that strategy. The allocation profile samples one
// allocation in runtime.MemProfileRate bytes; counts are scaled back up as
// go tool pprof scales them.
//
// # Per operation
//
// Summarize turns a strategy's profile into time per operation: a
// function's samples × the sampling period ÷ the operations the strategy ran
// while profiled. Flat time is the time in the function itself (the
// innermost frame, inlined ones included); cumulative time is the time with
// the function anywhere on the stack, so that a function inlined into its
// caller still counts in the caller's cumulative time. Sampling is a Poisson
// process: a figure resting on n samples has a standard error of √n
// samples, given as its ±. Diff sets two summaries side by side per
// function, and says which functions one strategy runs and the other does
// not.
//
// The package imports the standard library and the pprof profile library
// only; the engine (measure) calls it, and it knows nothing of the engine.
package profile
