//go:build race

package optimize

// raceEnabled says the race detector is on: it makes sync.Pool drop a share
// of what is put into it, on purpose, so a pool allocates now and then.
const raceEnabled = true
